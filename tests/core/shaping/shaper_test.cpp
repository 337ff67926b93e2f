// Every script's sample name as the kiosk shapes it, against HarfBuzz's own tools (hb-shape,
// hb-view) given the same font file and size: the same glyphs after shaping, and about the same
// ink. A glyph no font has, or a script drawn glyph by glyph without shaping, fails here.
#include <doctest/doctest.h>
#include <stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "core/shaping/shaper.hpp"
#include "support/test_support.hpp"
#include "support/world_names.hpp"

namespace wof::core {
namespace {

std::string quoted(const std::string& text) { return "'" + text + "'"; }  // paths of our own temp dir

// What a shell command prints.
std::string output(const std::string& command) {
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    pclose(pipe);
  }
  return out;
}

bool haveHarfBuzzTools() { return std::system("command -v hb-view >/dev/null && command -v hb-shape >/dev/null") == 0; }

// Glyphs hb-shape makes of `text` in `font` ("[12|40|7]").
int harfBuzzGlyphs(const test::TempDir& dir, const std::filesystem::path& font, const std::string& text) {
  test::writeFile(dir / "run.txt", text);
  const std::string shaped = output("hb-shape --no-glyph-names --no-positions --no-clusters --text-file=" +
                                    quoted((dir / "run.txt").string()) + " " + quoted(font.string()));
  if (shaped.find('[') == std::string::npos) return -1;
  int glyphs = 1;
  for (char c : shaped) glyphs += c == '|';
  return glyphs;
}

// The ink (sum of coverage, 0..1 per pixel) hb-view draws of `text` in `font` at `em` pixels.
double harfBuzzInk(const test::TempDir& dir, const std::filesystem::path& font, const std::string& text, float em) {
  test::writeFile(dir / "run.txt", text);
  const auto png = dir / "run.png";
  const std::string command = "hb-view --font-size=" + std::to_string(em) + " --margin=4 -O png -o " +
                              quoted(png.string()) + " --text-file=" + quoted((dir / "run.txt").string()) + " " +
                              quoted(font.string());
  if (std::system(command.c_str()) != 0) return -1;
  int w = 0, h = 0, channels = 0;
  unsigned char* pixels = stbi_load(png.c_str(), &w, &h, &channels, 1);
  if (pixels == nullptr) return -1;
  double ink = 0;
  for (int i = 0; i < w * h; ++i) ink += (255 - pixels[i]) / 255.0;
  stbi_image_free(pixels);
  return ink;
}

double inkOf(const Raster& raster) {
  double ink = 0;
  for (unsigned char c : raster.coverage) ink += c / 255.0;
  return ink;
}

}  // namespace

TEST_CASE("each script's sample name is shaped as HarfBuzz shapes it, with no glyph missing") {
  if (!haveHarfBuzzTools()) {
    MESSAGE("hb-view/hb-shape not installed (libharfbuzz-bin): skipped");
    return;
  }
  test::TempDir dir;
  Shaper shaper;
  for (const test::WorldName& person : test::kWorldNames) {
    const std::string name(person.name);
    CAPTURE(person.script);
    CAPTURE(name);
    const Raster raster = shaper.render(name, TypeFace{48, false});
    CHECK(raster.missingGlyphs == 0);
    REQUIRE_FALSE(raster.runs.empty());
    double ink = 0;
    for (const Raster::Run& run : raster.runs) {
      CAPTURE(run.text);
      CAPTURE(run.fontFile);
      REQUIRE_FALSE(run.fontFile.empty());
      CHECK(run.glyphs == harfBuzzGlyphs(dir, run.fontFile, run.text));
      ink += harfBuzzInk(dir, run.fontFile, run.text, raster.emPixels);
    }
    // Hinting differs between the two (within 3% on these names); a missing or unshaped glyph
    // differs by far more.
    CHECK(inkOf(raster) == doctest::Approx(ink).epsilon(0.06));
  }
}

TEST_CASE("shaping: scripts that need it are told apart from those the atlas draws") {
  CHECK_FALSE(needsShaping("José Núñez"));
  CHECK_FALSE(needsShaping("Νίκος Παπαδόπουλος"));
  CHECK_FALSE(needsShaping("王秀英"));
  CHECK(needsShaping("محمد الأحمد"));
  CHECK(needsShaping("דוד לוי"));
  CHECK(needsShaping("अनिल कुमार"));
  CHECK(needsShaping("สมชาย ใจดี"));
  CHECK(needsShaping("Ann\u200Fa"));
  CHECK(needsShaping("\U0001F600"));
}

TEST_CASE("shaping: right-to-left, joined, and wrapped where no space is") {
  Shaper shaper;
  SUBCASE("an Arabic name reads right to left, and a Latin one left to right") {
    CHECK(shaper.render("محمد الأحمد", TypeFace{28, false}).rightToLeft);
    CHECK_FALSE(shaper.render("Mohammed", TypeFace{28, false}).rightToLeft);
  }
  SUBCASE("Arabic letters join: the word is narrower than its letters set apart") {
    const float joined = shaper.width("محمد", TypeFace{28, false});
    const float apart = shaper.width("م ح م د", TypeFace{28, false}) - 3 * shaper.width(" ", TypeFace{28, false});
    CHECK(joined < apart);
  }
  SUBCASE("a Chinese story wraps between ideographs, every line within the width") {
    const std::string story(test::kWorldNames[7].story);
    const auto lines = shaper.wrap(story, TypeFace{28, false}, 300);
    CHECK(lines.size() >= 3);
    std::string joined;
    for (const std::string& line : lines) {
      CHECK(shaper.width(line, TypeFace{28, false}) <= 300.5f);
      joined += line;
    }
    CHECK(joined == story);
  }
  SUBCASE("a Hebrew story's lines keep its right-to-left direction") {
    const auto lines = shaper.wrap(test::kWorldNames[6].story, TypeFace{28, false}, 200);
    REQUIRE(lines.size() >= 2);
    for (const std::string& line : lines) CHECK(shaper.render(line, TypeFace{28, false}).rightToLeft);
  }
  SUBCASE("a character no installed font has is counted, not drawn as a question mark") {
    CHECK(shaper.render("A\uE000B", TypeFace{28, false}).missingGlyphs == 1);
  }
  SUBCASE("a font the system lacks is named with the packages to install") {
    CHECK_THROWS_WITH_AS(findFontFile("No Such Family", false), doctest::Contains("fonts-noto-core"), std::runtime_error);
    CHECK(findFontFile("DejaVu Sans", true).filename() == "DejaVuSans-Bold.ttf");
  }
}

}  // namespace wof::core
