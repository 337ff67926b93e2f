// Spec: the kiosk keeps its built font atlas on disk; a later start with the same fonts reads it and
// gets the very glyphs a fresh build gives, and a damaged file or other settings only cost a new
// build. Headless: the kiosk's Theme (DejaVu through FreeType) in an ImGui context, no window.
#include <doctest/doctest.h>

#include <imgui.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ui/theme.hpp"

using namespace wof::ui;
namespace fs = std::filesystem;

namespace {

// What a screen would see of the atlas: every font's size and text widths, and the texture.
struct AtlasView {
  std::vector<float> sizes;
  std::vector<float> widths;
  int width = 0;
  int height = 0;
  std::vector<unsigned char> pixels;
};

AtlasView themeAtlas(float scale, const fs::path& cache) {
  ImGui::CreateContext();
  AtlasView view;
  {
    const Theme theme(scale, cache);
    const Fonts& fonts = theme.fonts();
    for (ImFont* font : {fonts.small, fonts.body, fonts.bodyBold, fonts.lead, fonts.heading, fonts.display}) {
      view.sizes.push_back(font->FontSize);
      view.widths.push_back(font->CalcTextSizeA(font->FontSize, 1e9f, 0, "Nguy\xe1\xbb\x85n \xc3\x98" "deg\xc3\xa5rd \xe2\x98\x85 12\xe2\x80\xa6").x);
    }
    view.widths.push_back(fonts.initials->CalcTextSizeA(fonts.initials->FontSize, 1e9f, 0, "\xc3\x89W").x);
    unsigned char* pixels = nullptr;
    ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &view.width, &view.height);
    view.pixels.assign(pixels, pixels + static_cast<std::size_t>(view.width) * view.height);
  }
  ImGui::DestroyContext();
  return view;
}

struct TempFolder {
  fs::path path;
  TempFolder() {
    std::string pattern = (fs::temp_directory_path() / "wof-atlas-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempFolder() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

}  // namespace

TEST_CASE("a kept font atlas is read back as built, and anything wrong with it only costs a new build") {
  TempFolder dir;
  const fs::path cache = dir.path / "font-atlas.bin";
  const AtlasView fresh = themeAtlas(1.0f, {});
  const AtlasView first = themeAtlas(1.0f, cache);
  REQUIRE(fs::exists(cache));
  CHECK(first.widths == fresh.widths);
  CHECK(first.pixels == fresh.pixels);

  SUBCASE("the next start reads the file: the same glyphs, and the texture as written") {
    // Change one texture byte in the file: only a read atlas can show it.
    const auto size = fs::file_size(cache);
    {
      std::fstream file(cache, std::ios::in | std::ios::out | std::ios::binary);
      file.seekp(static_cast<std::streamoff>(size - 1));
      file.put(static_cast<char>(fresh.pixels.back() ^ 0x5A));
    }
    const AtlasView read = themeAtlas(1.0f, cache);
    CHECK(read.sizes == fresh.sizes);
    CHECK(read.widths == fresh.widths);
    REQUIRE(read.pixels.size() == fresh.pixels.size());
    CHECK(read.pixels.back() == (fresh.pixels.back() ^ 0x5A));
    CHECK(std::equal(read.pixels.begin(), read.pixels.end() - 1, fresh.pixels.begin()));
  }
  SUBCASE("a file cut short is built again and rewritten whole") {
    const auto size = fs::file_size(cache);
    fs::resize_file(cache, size / 2);
    const AtlasView rebuilt = themeAtlas(1.0f, cache);
    CHECK(rebuilt.widths == fresh.widths);
    CHECK(rebuilt.pixels == fresh.pixels);
    CHECK(fs::file_size(cache) == size);
  }
  SUBCASE("garbage is built again") {
    std::ofstream(cache, std::ios::trunc) << "not an atlas";
    CHECK(themeAtlas(1.0f, cache).pixels == fresh.pixels);
  }
  SUBCASE("another screen size is another atlas") {
    const AtlasView larger = themeAtlas(1.5f, cache);
    CHECK(larger.sizes.front() > fresh.sizes.front());
    CHECK(themeAtlas(1.5f, {}).widths == larger.widths);
  }
}
