// Pango on HarfBuzz and fontconfig, for the lines the glyph atlas cannot draw. Layer: core.
#include "core/shaping/shaper.hpp"

#include <fontconfig/fontconfig.h>
#include <fribidi.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "core/util/text.hpp"

namespace wof::core {

namespace {

// Code point ranges a glyph-by-glyph renderer cannot draw right (see needsShaping()).
struct Range {
  char32_t first;
  char32_t last;
};
constexpr Range kShapedRanges[] = {
    {0x0483, 0x0489},  // Cyrillic combining marks
    {0x0590, 0x08FF},  // Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic, Arabic extensions
    {0x0900, 0x0DFF},  // Devanagari to Sinhala
    {0x0E00, 0x0FFF},  // Thai, Lao, Tibetan
    {0x1000, 0x109F},  // Myanmar
    {0x1100, 0x11FF},  // Hangul conjoining jamo
    {0x1700, 0x18AF},  // Philippine scripts, Khmer, Mongolian
    {0x1900, 0x1CFF},  // Limbu to Vedic extensions
    {0x1DC0, 0x1DFF},  // combining diacritical marks supplement
    {0x200C, 0x200F},  // joiners and direction marks
    {0x202A, 0x202E},  // bidi embeddings and overrides
    {0x2066, 0x2069},  // bidi isolates
    {0x20D0, 0x20FF},  // combining marks for symbols
    {0xA800, 0xABFF},  // Syloti Nagri to Meetei Mayek
    {0xD7B0, 0xD7FF},  // Hangul jamo extended-B
    {0xFB1D, 0xFDFF},  // Hebrew and Arabic presentation forms
    {0xFE00, 0xFE0F},  // variation selectors
    {0xFE20, 0xFE2F},  // combining half marks
    {0xFE70, 0xFEFF},  // Arabic presentation forms-B
    {0x10000, 0x10FFFF},  // beyond the Basic Multilingual Plane: ImGui 1.86 keeps 16-bit characters
};

}  // namespace

bool needsShaping(char32_t cp) {
  for (const Range& range : kShapedRanges) {
    if (cp < range.first) return false;
    if (cp <= range.last) return true;
  }
  return false;
}

namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using FontDescription = std::unique_ptr<PangoFontDescription, Deleter<PangoFontDescription, pango_font_description_free>>;

std::string familyOf(FcPattern* pattern) {
  FcChar8* family = nullptr;
  return FcPatternGetString(pattern, FC_FAMILY, 0, &family) == FcResultMatch ? reinterpret_cast<char*>(family) : "";
}

}  // namespace

std::filesystem::path findFontFile(std::string_view family, bool bold) {
  FcConfig* config = FcConfigGetCurrent();  // initialises fontconfig on first use
  FcPattern* pattern = FcPatternCreate();
  const std::string name(family);
  FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(name.c_str()));
  FcPatternAddInteger(pattern, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
  FcPatternAddInteger(pattern, FC_SLANT, FC_SLANT_ROMAN);
  FcConfigSubstitute(config, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  FcPattern* match = FcFontMatch(config, pattern, &result);
  FcPatternDestroy(pattern);
  std::filesystem::path file;
  if (match != nullptr) {
    FcChar8* path = nullptr;
    int weight = 0;
    FcPatternGetInteger(match, FC_WEIGHT, 0, &weight);
    if (strcasecmp(familyOf(match).c_str(), name.c_str()) == 0 && (weight >= FC_WEIGHT_BOLD) == bold &&
        FcPatternGetString(match, FC_FILE, 0, &path) == FcResultMatch) {
      file = reinterpret_cast<char*>(path);
    }
    FcPatternDestroy(match);
  }
  if (file.empty()) {
    throw std::runtime_error("no font \"" + name + (bold ? " Bold" : "") + "\" is installed (install " +
                             std::string(kFontPackages) + ")");
  }
  return file;
}

bool needsShaping(std::string_view utf8) {
  for (std::size_t i = 0; i < utf8.size();) {
    if (static_cast<unsigned char>(utf8[i]) < 0x80) {
      ++i;
      continue;
    }
    if (needsShaping(decodeUtf8(utf8, i))) return true;
  }
  return false;
}

bool rightToLeft(std::string_view utf8) {
  for (std::size_t i = 0; i < utf8.size();) {
    const FriBidiCharType type = fribidi_get_bidi_type(decodeUtf8(utf8, i));
    if (FRIBIDI_IS_STRONG(type)) return FRIBIDI_IS_RTL(type);
  }
  return false;
}

struct Shaper::State {
  PangoFontMap* fontMap = nullptr;
  PangoContext* context = nullptr;
  PangoLayout* layout = nullptr;
  FontDescription regular;
  FontDescription bold;
  double emPerPixelHeight = 1.0;  // em size for a face whose ascender-to-descender is one pixel
  float setPixels = -1;
  bool setBold = false;

  State() {
    fontMap = pango_cairo_font_map_new();
    context = pango_font_map_create_context(fontMap);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_SLIGHT);  // as the atlas's light hinting
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(context, options);
    cairo_font_options_destroy(options);
    layout = pango_layout_new(context);
    regular.reset(pango_font_description_from_string(kTextFamilies));
    bold.reset(pango_font_description_copy(regular.get()));
    pango_font_description_set_weight(bold.get(), PANGO_WEIGHT_BOLD);

    // The atlas sizes DejaVu Sans by its ascender-to-descender height; Pango sizes by the em.
    FontDescription primary(pango_font_description_from_string("DejaVu Sans"));
    pango_font_description_set_absolute_size(primary.get(), 1000.0 * PANGO_SCALE);
    if (PangoFont* font = pango_font_map_load_font(fontMap, context, primary.get())) {
      PangoFontMetrics* metrics = pango_font_get_metrics(font, nullptr);
      const double height = pango_font_metrics_get_ascent(metrics) + pango_font_metrics_get_descent(metrics);
      if (height > 0) emPerPixelHeight = 1000.0 * PANGO_SCALE / height;
      pango_font_metrics_unref(metrics);
      g_object_unref(font);
    }
  }
  ~State() {
    g_object_unref(layout);
    g_object_unref(context);
    g_object_unref(fontMap);
  }

  // The layout holding `text` in `face`, on one line unless `wrapWidth` > 0.
  PangoLayout* lay(std::string_view text, TypeFace face, float wrapWidth) {
    if (face.pixels != setPixels || face.bold != setBold) {
      PangoFontDescription* description = face.bold ? bold.get() : regular.get();
      pango_font_description_set_absolute_size(description, face.pixels * emPerPixelHeight * PANGO_SCALE);
      pango_layout_set_font_description(layout, description);
      setPixels = face.pixels;
      setBold = face.bold;
    }
    pango_layout_set_single_paragraph_mode(layout, wrapWidth <= 0);
    pango_layout_set_width(layout, wrapWidth > 0 ? static_cast<int>(wrapWidth * PANGO_SCALE) : -1);
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
    return layout;
  }
};

Shaper::Shaper() : m_state(std::make_unique<State>()) {}
Shaper::~Shaper() = default;

float Shaper::width(std::string_view line, TypeFace face) {
  PangoRectangle logical;
  pango_layout_get_extents(m_state->lay(line, face, 0), nullptr, &logical);
  return static_cast<float>(logical.width) / PANGO_SCALE;
}

std::vector<std::string> Shaper::wrap(std::string_view paragraph, TypeFace face, float maxWidth) {
  PangoLayout* layout = m_state->lay(paragraph, face, std::max(maxWidth, 1.0f));
  std::vector<std::string> lines;
  for (GSList* item = pango_layout_get_lines_readonly(layout); item != nullptr; item = item->next) {
    const auto* line = static_cast<const PangoLayoutLine*>(item->data);
    std::string_view text = paragraph.substr(static_cast<std::size_t>(line->start_index),
                                             static_cast<std::size_t>(line->length));
    text = trim(text);
    if (text.empty()) continue;
    std::string out = line->resolved_dir == PANGO_DIRECTION_RTL ? "\u200F" : "";
    out += text;
    lines.push_back(std::move(out));
  }
  return lines;
}

Raster Shaper::render(std::string_view line, TypeFace face) {
  PangoLayout* layout = m_state->lay(line, face, 0);
  PangoRectangle ink;
  PangoRectangle logical;
  pango_layout_get_pixel_extents(layout, &ink, &logical);
  const int left = std::min(ink.x, logical.x) - 1;
  const int top = std::min(ink.y, logical.y) - 1;
  const int right = std::max(ink.x + ink.width, logical.x + logical.width) + 1;
  const int bottom = std::max(ink.y + ink.height, logical.y + logical.height) + 1;

  Raster raster;
  raster.width = std::max(right - left, 1);
  raster.height = std::max(bottom - top, 1);
  raster.penX = static_cast<float>(-left);
  raster.baseline = static_cast<float>(pango_layout_get_baseline(layout)) / PANGO_SCALE - static_cast<float>(top);
  raster.advance = static_cast<float>(logical.width);
  raster.missingGlyphs = pango_layout_get_unknown_glyphs_count(layout);
  PangoLayoutLine* first = pango_layout_get_line_readonly(layout, 0);
  raster.rightToLeft = first != nullptr && first->resolved_dir == PANGO_DIRECTION_RTL;
  raster.emPixels = static_cast<float>(face.pixels * m_state->emPerPixelHeight);
  for (GSList* item = first != nullptr ? first->runs : nullptr; item != nullptr; item = item->next) {
    const auto* glyphs = static_cast<const PangoGlyphItem*>(item->data);
    Raster::Run run;
    run.glyphs = glyphs->glyphs->num_glyphs;
    run.text = line.substr(static_cast<std::size_t>(glyphs->item->offset), static_cast<std::size_t>(glyphs->item->length));
    if (PANGO_IS_FC_FONT(glyphs->item->analysis.font)) {
      FcChar8* file = nullptr;
      FcPattern* pattern = pango_fc_font_get_pattern(PANGO_FC_FONT(glyphs->item->analysis.font));
      if (pattern != nullptr && FcPatternGetString(pattern, FC_FILE, 0, &file) == FcResultMatch)
        run.fontFile = reinterpret_cast<char*>(file);
    }
    raster.runs.push_back(std::move(run));
  }

  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_A8, raster.width, raster.height);
  cairo_t* cr = cairo_create(surface);
  cairo_translate(cr, -left, -top);
  pango_cairo_show_layout(cr, layout);
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  raster.coverage.resize(static_cast<std::size_t>(raster.width) * raster.height);
  for (int y = 0; y < raster.height; ++y)
    std::memcpy(raster.coverage.data() + static_cast<std::size_t>(y) * raster.width, data + y * stride, raster.width);
  cairo_surface_destroy(surface);
  return raster;
}

}  // namespace wof::core
