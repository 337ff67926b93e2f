// Fonts, palette and ImGui style for the kiosk. Layer: ui.
#include "ui/theme.hpp"

#include <imgui_freetype.h>

#include <cstdint>
#include <filesystem>
#include <iterator>
#include <stdexcept>
#include <string>

#include "core/shaping/shaper.hpp"
#include "core/util/files.hpp"
#include "core/util/log.hpp"
#include "ui/font_atlas_cache.hpp"
#include "ui/widgets/shaped_text.hpp"

namespace wof::ui {

namespace {

// The atlas holds DejaVu Sans (Debian's fonts-dejavu-core, found through fontconfig) for Latin
// with Vietnamese and the symbols we draw. Whatever else a line holds is shaped through Pango with
// the fonts of core::kTextFamilies (see ui/widgets/shaped_text.hpp).
constexpr const char* kFamily = "DejaVu Sans";
constexpr bool kRegular = false;
constexpr bool kBold = true;

// Added to ImGui's Vietnamese ranges (which bring Basic Latin and the Vietnamese letters).
constexpr ImWchar kExtraRanges[] = {
    0x00A0, 0x024F,  // Latin-1 Supplement, Latin Extended-A and -B
    0x0300, 0x036F,  // combining accents (names typed in decomposed form)
    0x0370, 0x03FF,  // Greek (names, and the keyboard's Greek layer)
    0x0400, 0x04FF,  // Cyrillic (names, and the keyboard's Russian layer)
    0x1E00, 0x1EFF,  // Latin Extended Additional
    0x2010, 0x2027,  // dashes, quotes, bullet, ellipsis
    0x20AC, 0x20AC,  // euro (keyboard)
    0x2190, 0x2193,  // arrows
    0x21E7, 0x21E7,  // shift (keyboard)
    0x232B, 0x232B,  // erase to the left (keyboard)
    0x270E, 0x270E,  // pencil (change, on the review)
    0x2713, 0x2713,  // check mark
    0x2715, 0x2715,  // multiplication x (cancel)
    0x2605, 0x2605,  // star (recognitions)
    0x2665, 0x2665,  // heart (applause)
    0,
};

// Capitals only, for large initials avatars: A-Z, Latin-1, Latin Extended-A and Vietnamese.
const ImWchar* initialsRanges() {
  static ImVector<ImWchar> ranges = [] {
    ImFontGlyphRangesBuilder builder;
    for (ImWchar c = 'A'; c <= 'Z'; ++c) builder.AddChar(c);
    for (ImWchar c = 0x00C0; c <= 0x00DE; ++c) builder.AddChar(c);
    // Latin Extended-A and Vietnamese pair each capital with its small letter.
    for (ImWchar c = 0x0100; c <= 0x0137; c += 2) builder.AddChar(c);
    for (ImWchar c = 0x0139; c <= 0x0148; c += 2) builder.AddChar(c);
    for (ImWchar c = 0x014A; c <= 0x0178; c += 2) builder.AddChar(c);
    for (ImWchar c : {0x0179, 0x017B, 0x017D}) builder.AddChar(c);
    for (ImWchar c = 0x1EA0; c <= 0x1EF8; c += 2) builder.AddChar(c);
    ImVector<ImWchar> built;
    builder.BuildRanges(&built);
    return built;
  }();
  return ranges.Data;
}

const ImWchar* glyphRanges() {
  static ImVector<ImWchar> ranges = [] {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesVietnamese());
    builder.AddRanges(kExtraRanges);
    ImVector<ImWchar> built;
    builder.BuildRanges(&built);
    return built;
  }();
  return ranges.Data;
}

ImFont* loadFont(bool bold, float pixels, const ImWchar* ranges = glyphRanges()) {
  // fontconfig is asked once per weight, not once per size.
  static const std::string regularPath = core::findFontFile(kFamily, false).string();
  static const std::string boldPath = core::findFontFile(kFamily, true).string();
  const std::string& path = bold ? boldPath : regularPath;
  ImFontConfig config;
  config.OversampleH = 1;  // FreeType hints; oversampling would only grow the atlas
  config.OversampleV = 1;
  ImFont* font = ImGui::GetIO().Fonts->AddFontFromFileTTF(path.c_str(), pixels, &config, ranges);
  if (font == nullptr) throw std::runtime_error("font " + path + " could not be read");
  registerFace(font, bold);
  return font;
}

constexpr ImU32 rgb(unsigned hex) {
  return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, 0xFF);
}

}  // namespace

Theme::Theme(float scale, const std::filesystem::path& atlasCache) : m_scale(scale) {
  // Warm paper, near-black brown text, a terracotta accent and a deep teal for counts. Every
  // text/background pair here is above 4.5:1 contrast.
  m_palette = Palette{
      .background = rgb(0xF5EFE6),
      .surface = rgb(0xFFFCF7),
      .surfacePressed = rgb(0xF0E6D8),
      .text = rgb(0x2B211C),
      .textMuted = rgb(0x6B5A4E),
      .accent = rgb(0xB34A23),
      .onAccent = rgb(0xFFFFFF),
      .badge = rgb(0xF8E0D0),
      .onBadge = rgb(0x8A3414),
      .count = rgb(0x1F5F5B),
      .onCount = rgb(0xFFFFFF),
      .divider = rgb(0xE6DACB),
      .champion = rgb(0xD9A21B),
      .onChampion = rgb(0x5A3D00),
      .championSurface = rgb(0xFFF1CC),
      .shadow = IM_COL32(72, 44, 24, 12),  // per layer of a soft three-layer shadow
  };

  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  io.Fonts->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  io.Fonts->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
  io.Fonts->Flags |= ImFontAtlasFlags_NoMouseCursors;
  m_fonts.body = loadFont(kRegular, px(28));  // first: ImGui's default font
  m_fonts.small = loadFont(kRegular, px(23));
  m_fonts.bodyBold = loadFont(kBold, px(28));
  m_fonts.lead = loadFont(kRegular, px(34));
  m_fonts.heading = loadFont(kBold, px(40));
  m_fonts.display = loadFont(kBold, px(62));
  m_fonts.initials = loadFont(kBold, px(112), initialsRanges());
  // FreeType rasterising every glyph at every size is most of a start's own time: a start with
  // the same fonts, sizes and settings reads the atlas built last time.
  const std::string key = fontAtlasKey(*io.Fonts);
  std::string why;
  if (atlasCache.empty() || !loadFontAtlas(*io.Fonts, atlasCache, key, why)) {
    if (!why.empty()) core::logInfo("ui", "font atlas " + atlasCache.string() + " not used (" + why + "); building it again");
    if (!io.Fonts->Build()) throw std::runtime_error("the font atlas could not be built");
    if (!atlasCache.empty()) {
      if (const std::string error = saveFontAtlas(*io.Fonts, atlasCache, key); !error.empty())
        core::logWarning("ui", "font atlas not kept for the next start: " + error);
    }
  }

  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  style.WindowPadding = ImVec2(0, 0);
  style.WindowBorderSize = 0;
  style.WindowRounding = 0;
  style.FrameRounding = px(18);
  style.TouchExtraPadding = ImVec2(px(6), px(6));
  style.Colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(m_palette.background);
  style.Colors[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(m_palette.text);
}

ImU32 Theme::avatarColour(std::string_view id) const {
  // Deep, warm-leaning tones that carry white initials at well over 4.5:1.
  static constexpr ImU32 kColours[] = {rgb(0x8A3414), rgb(0x1F5F5B), rgb(0x5B4B8A), rgb(0x7A5A12),
                                       rgb(0x2F5E8C), rgb(0x8C2F4B), rgb(0x3F6B2A), rgb(0x6B4A3A)};
  return kColours[core::fnv1a32(id) % std::size(kColours)];  // FNV-1a: stable across runs and machines
}

}  // namespace wof::ui
