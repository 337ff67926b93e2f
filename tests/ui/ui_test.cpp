// Spec: the kiosk opens a real window under Xvfb (Mesa's software OpenGL) on the demo data and
// draws the populated wall at landscape, portrait and 4K sizes. Checked on the screenshot's pixels.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <set>

#include "core/photos/photo.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;

namespace {

// Renders the demo wall at width x height and returns the screenshot.
Rgba screenshotOfDemo(const TempDir& dir, int width, int height) {
  const std::string size = std::to_string(width) + "x" + std::to_string(height);
  const auto png = dir / ("wall-" + size + ".png");
  const std::string command = "xvfb-run -a -s '-screen 0 " + size + "x24' " + std::string(WOF_BINARY) +
                              " kiosk --demo --windowed " + size + " --screenshot '" + png.string() + "' >'" +
                              (dir / "log").string() + "' 2>&1";
  const int status = std::system(command.c_str());
  INFO("kiosk output:\n" << readFile(dir / "log"));
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  const FileBytes bytes = readRegularFile(png, kMaxPhotoBytes);
  REQUIRE_MESSAGE(bytes.bytes, bytes.error);
  PhotoResult decoded = decodePhoto(*bytes.bytes, 0);
  REQUIRE_MESSAGE(decoded.image, decoded.error);
  return std::move(*decoded.image);
}

std::size_t distinctColours(const Rgba& image) {
  std::set<std::uint32_t> colours;
  for (std::size_t i = 0; i + 3 < image.pixels.size(); i += 4 * 7)  // every 7th pixel is plenty
    colours.insert(std::uint32_t(image.pixels[i]) << 16 | std::uint32_t(image.pixels[i + 1]) << 8 |
                   image.pixels[i + 2]);
  return colours.size();
}

}  // namespace

TEST_CASE("the demo wall renders with photos at every screen shape") {
  TempDir dir;
  struct Shape {
    int width;
    int height;
  };
  for (const Shape shape : {Shape{1920, 1080}, Shape{1080, 1920}, Shape{3840, 2160}}) {
    CAPTURE(shape.width);
    CAPTURE(shape.height);
    const Rgba image = screenshotOfDemo(dir, shape.width, shape.height);
    CHECK(image.width == shape.width);
    CHECK(image.height == shape.height);
    // Text, photos and avatars make thousands of colours; a blank, crashed or clear-colour
    // frame has a handful.
    CHECK(distinctColours(image) > 2000);
  }
}
