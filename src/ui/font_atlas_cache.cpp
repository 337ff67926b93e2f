// The built font atlas on disk: key, save, load. Layer: ui.
#include "ui/font_atlas_cache.hpp"

#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>
#include <system_error>
#include <vector>

#include "core/photos/photo.hpp"
#include "core/util/files.hpp"

namespace wof::ui {

namespace {

constexpr char kMagic[8] = {'W', 'O', 'F', 'A', 'T', 'L', '0', '1'};
constexpr std::size_t kMaxFileBytes = 256u << 20;  // a 4096x4096 atlas is 16 MiB
constexpr int kLineEntries = IM_DRAWLIST_TEX_LINES_WIDTH_MAX + 1;

// Appends plain values to a byte string, and reads them back with bounds checks.
class Writer {
 public:
  template <typename T>
  void put(const T& value) {
    append(&value, sizeof value);
  }
  void append(const void* data, std::size_t size) {
    const auto* bytes = static_cast<const char*>(data);
    m_bytes.append(bytes, size);
  }
  const std::string& bytes() const { return m_bytes; }

 private:
  std::string m_bytes;
};

class Reader {
 public:
  explicit Reader(const std::vector<std::uint8_t>& bytes) : m_bytes(bytes) {}
  template <typename T>
  bool get(T& value) {
    return take(&value, sizeof value);
  }
  bool take(void* out, std::size_t size) {
    if (size > m_bytes.size() - m_at) return false;
    std::memcpy(out, m_bytes.data() + m_at, size);
    m_at += size;
    return true;
  }
  std::size_t left() const { return m_bytes.size() - m_at; }

 private:
  const std::vector<std::uint8_t>& m_bytes;
  std::size_t m_at = 0;
};

}  // namespace

std::string fontAtlasKey(const ImFontAtlas& atlas) {
  std::string key = "imgui " + std::to_string(IMGUI_VERSION_NUM) + " glyph " + std::to_string(sizeof(ImFontGlyph)) +
                    " atlas-flags " + std::to_string(atlas.Flags) + " builder-flags " +
                    std::to_string(atlas.FontBuilderFlags) + " width " + std::to_string(atlas.TexDesiredWidth) +
                    " padding " + std::to_string(atlas.TexGlyphPadding) + " fonts " + std::to_string(atlas.Fonts.Size) +
                    "\n";
  for (const ImFontConfig& config : atlas.ConfigData) {
    const std::string_view data(static_cast<const char*>(config.FontData), static_cast<std::size_t>(config.FontDataSize));
    key += "font " + std::to_string(data.size()) + " " + std::to_string(std::hash<std::string_view>{}(data)) + " index " +
           std::to_string(config.FontNo) + " px " + std::to_string(config.SizePixels) + " oversample " +
           std::to_string(config.OversampleH) + "x" + std::to_string(config.OversampleV) + " snap " +
           std::to_string(config.PixelSnapH) + " spacing " + std::to_string(config.GlyphExtraSpacing.x) + " offset " +
           std::to_string(config.GlyphOffset.x) + "," + std::to_string(config.GlyphOffset.y) + " advance " +
           std::to_string(config.GlyphMinAdvanceX) + "-" + std::to_string(config.GlyphMaxAdvanceX) + " merge " +
           std::to_string(config.MergeMode) + " flags " + std::to_string(config.FontBuilderFlags) + " multiply " +
           std::to_string(config.RasterizerMultiply) + " ellipsis " + std::to_string(config.EllipsisChar) + " ranges";
    for (const ImWchar* range = config.GlyphRanges; range && *range; ++range) key += " " + std::to_string(*range);
    key += "\n";
  }
  return key;
}

std::string saveFontAtlas(const ImFontAtlas& atlas, const std::filesystem::path& file, const std::string& key) {
  if (!atlas.TexReady || atlas.TexPixelsAlpha8 == nullptr) return "the atlas has no 8-bit texture to save";
  Writer out;
  out.append(kMagic, sizeof kMagic);
  out.put(static_cast<std::uint32_t>(key.size()));
  out.append(key.data(), key.size());
  out.put(atlas.TexWidth);
  out.put(atlas.TexHeight);
  out.put(atlas.TexUvWhitePixel);
  for (int i = 0; i < kLineEntries; ++i) out.put(atlas.TexUvLines[i]);
  out.put(static_cast<std::uint32_t>(atlas.Fonts.Size));
  for (const ImFont* font : atlas.Fonts) {
    out.put(font->FontSize);
    out.put(font->Ascent);
    out.put(font->Descent);
    out.put(font->FallbackChar);
    out.put(font->EllipsisChar);
    out.put(font->DotChar);
    out.put(static_cast<std::uint32_t>(font->Glyphs.Size));
    out.append(font->Glyphs.Data, sizeof(ImFontGlyph) * static_cast<std::size_t>(font->Glyphs.Size));
  }
  out.append(atlas.TexPixelsAlpha8, static_cast<std::size_t>(atlas.TexWidth) * static_cast<std::size_t>(atlas.TexHeight));

  std::error_code error;
  std::filesystem::create_directories(file.parent_path(), error);
  // A cache rebuilt on a miss: atomic, but not worth an fsync on every start.
  return core::writeFileDurably(file, std::string_view(out.bytes().data(), out.bytes().size()),
                                core::DurableOptions{.replace = true, .flush = false});
}

bool loadFontAtlas(ImFontAtlas& atlas, const std::filesystem::path& file, const std::string& key, std::string& why) {
  why.clear();
  std::error_code error;
  if (!std::filesystem::exists(file, error)) return false;
  const core::FileBytes read = core::readRegularFile(file, kMaxFileBytes);
  if (!read.bytes) {
    why = read.error;
    return false;
  }
  Reader in(*read.bytes);
  char magic[sizeof kMagic];
  std::uint32_t keySize = 0;
  if (!in.take(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0 || !in.get(keySize) ||
      keySize > in.left()) {
    why = "not a font atlas of this version";
    return false;
  }
  std::string written(keySize, '\0');
  in.take(written.data(), keySize);
  if (written != key) {
    why = "built for other fonts or settings";
    return false;
  }
  int width = 0, height = 0;
  ImVec2 white;
  ImVec4 lines[kLineEntries];
  std::uint32_t fontCount = 0;
  bool ok = in.get(width) && in.get(height) && in.get(white);
  for (int i = 0; ok && i < kLineEntries; ++i) ok = in.get(lines[i]);
  ok = ok && in.get(fontCount) && fontCount == static_cast<std::uint32_t>(atlas.Fonts.Size) &&
       atlas.ConfigData.Size == atlas.Fonts.Size && width > 0 && height > 0 && width <= 16384 && height <= 16384;
  struct FontData {
    float size, ascent, descent;
    ImWchar fallback, ellipsis, dot;
    std::vector<ImFontGlyph> glyphs;
  };
  std::vector<FontData> fonts(ok ? fontCount : 0);
  for (FontData& font : fonts) {
    std::uint32_t glyphs = 0;
    ok = ok && in.get(font.size) && in.get(font.ascent) && in.get(font.descent) && in.get(font.fallback) &&
         in.get(font.ellipsis) && in.get(font.dot) && in.get(glyphs) && glyphs > 0 &&
         glyphs <= in.left() / sizeof(ImFontGlyph);
    if (!ok) break;
    font.glyphs.resize(glyphs);
    ok = in.take(font.glyphs.data(), sizeof(ImFontGlyph) * glyphs);
  }
  const std::size_t pixels = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
  if (!ok || in.left() != pixels) {
    why = "cut short or damaged";
    return false;
  }

  // As ImGui's own build leaves it: each font set up from its config, glyphs and lookup tables,
  // then the texture and the atlas's white pixel and baked lines.
  for (int i = 0; i < atlas.Fonts.Size; ++i) {
    ImFont* font = atlas.Fonts[i];
    const FontData& data = fonts[static_cast<std::size_t>(i)];
    font->ClearOutputData();
    font->FontSize = data.size;
    font->ConfigData = &atlas.ConfigData[i];
    font->ConfigDataCount = 1;
    font->ContainerAtlas = &atlas;
    font->Ascent = data.ascent;
    font->Descent = data.descent;
    font->FallbackChar = data.fallback;
    font->EllipsisChar = data.ellipsis;
    font->DotChar = data.dot;
    font->Glyphs.resize(static_cast<int>(data.glyphs.size()));
    std::memcpy(font->Glyphs.Data, data.glyphs.data(), sizeof(ImFontGlyph) * data.glyphs.size());
    font->BuildLookupTable();
  }
  atlas.ClearTexData();
  atlas.TexWidth = width;
  atlas.TexHeight = height;
  atlas.TexUvScale = ImVec2(1.0f / static_cast<float>(width), 1.0f / static_cast<float>(height));
  atlas.TexUvWhitePixel = white;
  for (int i = 0; i < kLineEntries; ++i) atlas.TexUvLines[i] = lines[i];
  atlas.TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(pixels));
  in.take(atlas.TexPixelsAlpha8, pixels);
  atlas.TexPixelsUseColors = false;
  atlas.TexReady = true;
  return true;
}

}  // namespace wof::ui
