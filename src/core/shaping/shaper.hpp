// Text the way each script is written: shaping (Arabic joining, Devanagari conjuncts, Thai
// marks), direction (the Unicode bidi algorithm), line breaking without spaces (UAX #14) and
// font fallback through fontconfig, all by Pango on HarfBuzz. The kiosk draws most text from
// ImGui's glyph atlas; a line the atlas cannot draw as it is (needsShaping(), or a glyph the
// atlas lacks) is measured, wrapped and rasterised here, and drawn as a texture.
// Layer: core (no GL: a raster is bytes in memory). One Shaper per thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace wof::core {

// The font families the kiosk writes with, in the order Pango asks for a glyph: DejaVu (Latin,
// Greek, Cyrillic, Armenian, Georgian, Arabic, Hebrew), then Noto for what DejaVu lacks.
inline constexpr const char* kTextFamilies = "DejaVu Sans,Noto Sans Devanagari,Noto Sans Thai,Noto Sans CJK SC";
// The Debian packages that hold them, named when a glyph is missing.
inline constexpr const char* kFontPackages = "fonts-dejavu-core, fonts-noto-core, fonts-noto-cjk";

// The file fontconfig gives for `family` (e.g. "DejaVu Sans", bold): throws, naming the family
// and kFontPackages, when no installed font is that family.
std::filesystem::path findFontFile(std::string_view family, bool bold);

// True when `utf8` holds a code point that a glyph-by-glyph renderer draws wrongly: scripts that
// need shaping or reordering (Arabic, Hebrew, Syriac, Thaana, N'Ko, the Indic scripts, Thai, Lao,
// Tibetan, Myanmar, Khmer, ...), bidi controls, or combining marks outside the Latin ones.
bool needsShaping(std::string_view utf8);
bool needsShaping(char32_t codePoint);

// True when the first character with a strong direction in `utf8` is right to left (the base
// direction the Unicode bidi algorithm gives a paragraph), as for "محمد" or "\u200FERP".
bool rightToLeft(std::string_view utf8);

// A face as the atlas sizes it: `pixels` is the font's height from descender to ascender (what
// ImGui calls FontSize), so a shaped line matches the atlas's letters beside it.
struct TypeFace {
  float pixels = 0;
  bool bold = false;
};

// One line drawn: 8-bit coverage, `width` x `height`, row after row. The line's pen starts at
// (`penX`, `baseline`) inside the raster; `advance` is how far it moves (its logical width).
struct Raster {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> coverage;
  float penX = 0;
  float baseline = 0;
  float advance = 0;
  bool rightToLeft = false;  // the line's base direction
  int missingGlyphs = 0;     // glyphs no installed font has (drawn as hex boxes, never as "?")
  float emPixels = 0;        // the em size the faces were set at
  // The line as shaped: one run per font and direction, in visual order.
  struct Run {
    std::filesystem::path fontFile;
    std::string text;
    int glyphs = 0;
  };
  std::vector<Run> runs;
};

class Shaper {
 public:
  Shaper();
  ~Shaper();
  Shaper(const Shaper&) = delete;
  Shaper& operator=(const Shaper&) = delete;

  // The logical width of `line` in pixels (one line: line breaks are not followed).
  float width(std::string_view line, TypeFace face);
  // `paragraph` broken into lines of at most `maxWidth` pixels where UAX #14 allows (between
  // words, between ideographs, between Thai words), a word wider than the line broken between
  // characters. Lines keep the paragraph's direction: a right-to-left paragraph's lines start
  // with U+200F so that each is laid out right to left on its own.
  std::vector<std::string> wrap(std::string_view paragraph, TypeFace face, float maxWidth);
  Raster render(std::string_view line, TypeFace face);

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

}  // namespace wof::core
