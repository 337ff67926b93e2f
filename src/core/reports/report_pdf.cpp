// PDF report and winner certificate, drawn with cairo, their text laid out by Pango (shaped, bidi,
// wrapped and ellipsized, fontconfig falling back to Noto for scripts DejaVu lacks). Layer: core/report.
#include "core/reports/report_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/util/clock.hpp"
#include "core/util/files.hpp"
#include "core/photos/photo.hpp"
#include "core/util/text.hpp"

namespace wof::core {

namespace {

// [SECTION] page, colours, text

constexpr double kPageW = 842;  // A4 landscape, points
constexpr double kPageH = 595;
constexpr double kMargin = 48;
constexpr double kContentW = kPageW - 2 * kMargin;

struct Rgb {
  double r, g, b;
};
constexpr Rgb hex(unsigned value) {
  return {((value >> 16) & 0xff) / 255.0, ((value >> 8) & 0xff) / 255.0, (value & 0xff) / 255.0};
}
constexpr Rgb kNavy = hex(0x1F3A5F);
constexpr Rgb kInk = hex(0x22303C);
constexpr Rgb kMuted = hex(0x6B7785);
constexpr Rgb kTeal = hex(0x2A9D8F);
constexpr Rgb kGold = hex(0xE9B949);
constexpr Rgb kCoral = hex(0xE76F51);
constexpr Rgb kPaper = hex(0xF6F4EF);
constexpr Rgb kRule = hex(0xDCD8CF);
constexpr Rgb kWhite = hex(0xFFFFFF);
constexpr Rgb kCream = hex(0xFBF7EC);

using Cairo = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;
using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;

void setColor(cairo_t* cr, Rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

enum class Face { Sans, SansBold, Serif, SerifBold, SerifItalic };
// Left, Center and Right are where a line sits in its box whatever its script; Start is the side
// its paragraph begins on (right for an Arabic or Hebrew story).
enum class Align { Left, Center, Right, Start };

// Baselines of a paragraph's lines, this many times the font size apart.
constexpr double kLineSpacing = 1.38;

// Lays out `text` in the box `width` wide at `x` whose first line's baseline is `baseline`, through
// Pango: shaped, in bidi order, in DejaVu with fontconfig's fallback (Noto) for other scripts,
// wrapped between words or, where a script has no spaces, between characters, to at most
// `maxLines` lines, the last ending in an ellipsis when text is left over. Nothing is drawn outside
// the box's width. Returns the height used: lines drawn times the line spacing.
double drawText(cairo_t* cr, Face face, double size, double x, double baseline, double width, std::string text,
                Align align = Align::Left, int maxLines = 1) {
  // One paragraph: a line break in a story is a space, as it is on the wall.
  std::replace_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  using Layout = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;
  using FontDescription = std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)>;
  const Layout layout(pango_cairo_create_layout(cr), g_object_unref);
  const FontDescription font(pango_font_description_new(), pango_font_description_free);
  const bool serif = face == Face::Serif || face == Face::SerifBold || face == Face::SerifItalic;
  pango_font_description_set_family(font.get(), serif ? "DejaVu Serif" : "DejaVu Sans");
  pango_font_description_set_weight(font.get(), face == Face::SansBold || face == Face::SerifBold
                                                    ? PANGO_WEIGHT_BOLD
                                                    : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(font.get(), face == Face::SerifItalic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_font_description_set_absolute_size(font.get(), size * PANGO_SCALE);  // points: the PDF's user unit
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
  pango_layout_set_width(layout.get(), static_cast<int>(std::max(0.0, width) * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height(layout.get(), -std::max(1, maxLines));  // lines, the last one ellipsized
  pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
  // Pango aligns an RTL paragraph's "left" to its start, the right; a label keeps its side.
  PangoAlignment alignment = align == Align::Center ? PANGO_ALIGN_CENTER
                             : align == Align::Right ? PANGO_ALIGN_RIGHT
                                                     : PANGO_ALIGN_LEFT;
  if (align == Align::Left || align == Align::Right) {
    const PangoLayoutLine* first = pango_layout_get_line_readonly(layout.get(), 0);
    if (first && first->resolved_dir == PANGO_DIRECTION_RTL)
      alignment = align == Align::Left ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
  }
  pango_layout_set_alignment(layout.get(), alignment);

  // Each line at its own baseline, a fixed pitch apart, whatever fallback font a script needs.
  const double pitch = size * kLineSpacing;
  int drawn = 0;
  PangoLayoutIter* iter = pango_layout_get_iter(layout.get());
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(iter, nullptr, &logical);
    cairo_move_to(cr, x + static_cast<double>(logical.x) / PANGO_SCALE, baseline + pitch * drawn);
    pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(iter));
    ++drawn;
  } while (drawn < maxLines && pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  cairo_new_path(cr);
  return pitch * drawn;
}

void roundedRect(cairo_t* cr, double x, double y, double w, double h, double r) {
  cairo_new_path(cr);
  cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
  cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
  cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
  cairo_arc(cr, x + r, y + r, r, M_PI, 3 * M_PI / 2);
  cairo_close_path(cr);
}

std::string withThousands(std::int64_t value) {
  std::string digits = std::to_string(value);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return digits;
}

// [SECTION] photos

// A cairo image of the person's photo, or null when there is none or it cannot be decoded.
Surface loadPhoto(const std::filesystem::path& photosDir, const std::string& photoFile, int maxSide) {
  Surface none(nullptr, cairo_surface_destroy);
  if (photoFile.empty() || photoFile.find('/') != std::string::npos) return none;
  const FileBytes bytes = readRegularFile(photosDir / photoFile, kMaxPhotoBytes);
  if (!bytes.bytes) return none;
  const PhotoResult decoded = decodePhoto(*bytes.bytes, maxSide);
  if (!decoded.image) return none;
  const Rgba& image = *decoded.image;
  Surface surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, image.width, image.height), cairo_surface_destroy);
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) return none;
  cairo_surface_flush(surface.get());
  unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  for (int y = 0; y < image.height; ++y) {
    auto* row = reinterpret_cast<std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    for (int x = 0; x < image.width; ++x) {
      const std::uint8_t* p = &image.pixels[(static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) +
                                             static_cast<std::size_t>(x)) * 4];
      const unsigned a = p[3];
      // cairo wants premultiplied alpha in native-endian 0xAARRGGBB.
      row[x] = (a << 24) | ((p[0] * a / 255) << 16) | ((p[1] * a / 255) << 8) | (p[2] * a / 255);
    }
  }
  cairo_surface_mark_dirty(surface.get());
  return surface;
}

// The photo cropped to a circle, or the person's initials on a coloured disc.
void drawPortrait(cairo_t* cr, double cx, double cy, double radius, cairo_surface_t* photo, const std::string& name,
                  Rgb fallback) {
  cairo_save(cr);
  cairo_new_path(cr);
  cairo_arc(cr, cx, cy, radius, 0, 2 * M_PI);
  cairo_clip(cr);
  if (photo) {
    const double w = cairo_image_surface_get_width(photo);
    const double h = cairo_image_surface_get_height(photo);
    const double scale = 2 * radius / std::min(w, h);
    cairo_translate(cr, cx - w * scale / 2, cy - h * scale / 2);
    cairo_scale(cr, scale, scale);
    cairo_set_source_surface(cr, photo, 0, 0);
    cairo_paint(cr);
  } else {
    setColor(cr, fallback);
    cairo_paint(cr);
    setColor(cr, kWhite);
    drawText(cr, Face::SansBold, radius * 0.8, cx - radius, cy + radius * 0.28, 2 * radius, initials(name),
             Align::Center);
  }
  cairo_restore(cr);
}

// [SECTION] report pages

void pageHeader(cairo_t* cr, const std::string& title, const std::string& subtitle, const Report& report, int page) {
  setColor(cr, kPaper);
  cairo_paint(cr);
  setColor(cr, kNavy);
  cairo_rectangle(cr, 0, 0, kPageW, 6);
  cairo_fill(cr);
  setColor(cr, kInk);
  drawText(cr, Face::SansBold, 22, kMargin, 56, kContentW, title);
  setColor(cr, kMuted);
  drawText(cr, Face::Sans, 11, kMargin, 76, kContentW, subtitle);
  drawText(cr, Face::Sans, 9, kMargin, kPageH - 22, kContentW - 80,
           "Wall of Fame \u00b7 " + report.periodLabel + " \u00b7 " + report.scopeLabel);
  drawText(cr, Face::Sans, 9, kPageW - kMargin - 70, kPageH - 22, 70, "Page " + std::to_string(page), Align::Right);
}

void titlePage(cairo_t* cr, const Report& report) {
  setColor(cr, kPaper);
  cairo_paint(cr);
  setColor(cr, kNavy);
  cairo_rectangle(cr, 0, 0, kPageW, 300);
  cairo_fill(cr);
  setColor(cr, kGold);
  cairo_rectangle(cr, kMargin, 92, 56, 4);
  cairo_fill(cr);
  setColor(cr, hex(0xBFD0E3));
  drawText(cr, Face::SansBold, 12, kMargin, 80, kContentW, "WALL OF FAME");
  setColor(cr, kWhite);
  drawText(cr, Face::SansBold, 34, kMargin, 148, kContentW, "Customer recognition report");
  drawText(cr, Face::Sans, 18, kMargin, 184, kContentW, report.periodLabel);
  setColor(cr, hex(0xBFD0E3));
  drawText(cr, Face::Sans, 13, kMargin, 210, kContentW, report.scopeLabel);

  struct Tile {
    std::string value;
    std::string label;
    Rgb accent;
  };
  const std::vector<Tile> tiles = {
      {withThousands(report.nominations), "nominations", kTeal},
      {withThousands(report.peopleRecognised), "people recognised", kGold},
      {withThousands(report.nominators), "named nominators", kCoral},
      {withThousands(report.applause), "applause on the wall", hex(0x6C8EBF)},
  };
  const double gap = 18;
  const double tileW = (kPageW - 2 * kMargin - gap * 3) / 4;
  for (std::size_t i = 0; i < tiles.size(); ++i) {
    const double x = kMargin + static_cast<double>(i) * (tileW + gap);
    const double y = 250;
    setColor(cr, kWhite);
    roundedRect(cr, x, y, tileW, 120, 10);
    cairo_fill(cr);
    setColor(cr, tiles[i].accent);
    cairo_rectangle(cr, x, y + 16, 5, 88);
    cairo_fill(cr);
    setColor(cr, kInk);
    drawText(cr, Face::SansBold, 40, x + 24, y + 70, tileW - 32, tiles[i].value);
    setColor(cr, kMuted);
    drawText(cr, Face::Sans, 11, x + 24, y + 96, tileW - 32, tiles[i].label);
  }

  setColor(cr, kInk);
  std::string statusLine = withThousands(report.approved) + " approved and on the wall, " +
                           withThousands(report.pending) + " waiting for HR. Hidden nominations are not counted.";
  drawText(cr, Face::Sans, 12, kMargin, 410, kContentW, statusLine);
  if (!report.byBehaviour.empty() && report.nominations > 0) {
    std::int64_t most = 0;
    for (const ReportCount& count : report.byBehaviour) most = std::max(most, count.count);
    std::vector<std::string> tops;
    for (const ReportCount& count : report.byBehaviour)
      if (count.count == most) tops.push_back(count.label);
    std::string names;
    for (std::size_t i = 0; i < tops.size(); ++i)
      names += (i == 0 ? "" : i + 1 == tops.size() ? " and " : ", ") + tops[i];
    drawText(cr, Face::Sans, 12, kMargin, 432, kContentW,
             (tops.size() == 1 ? "Most recognised behaviour: " : "Most recognised behaviours (tied): ") + names + " (" +
                 withThousands(most) + (tops.size() == 1 ? ")." : " each)."));
  }
  if (!report.byDepartment.empty()) {
    drawText(cr, Face::Sans, 12, kMargin, 454, kContentW,
             "Most recognised department: " + report.byDepartment.front().label + " (" +
                 withThousands(report.byDepartment.front().count) + ").");
  }
  setColor(cr, kMuted);
  drawText(cr, Face::Sans, 9, kMargin, kPageH - 22, kContentW,
           !report.lastCreatedAt ? std::string("No nominations in this period.")
                                 : "Data up to " + formatDayLong(report.zone, *report.lastCreatedAt) + ", " +
                                       report.zone.formatTime(*report.lastCreatedAt) + " " +
                                       report.zone.abbreviation(*report.lastCreatedAt) + ".");
}

// Horizontal bars with the label above each bar and the count at its end.
void horizontalBars(cairo_t* cr, double x, double y, double w, double h, const std::string& title,
                    const std::vector<ReportCount>& counts, Rgb color, std::size_t maxBars) {
  setColor(cr, kWhite);
  roundedRect(cr, x, y, w, h, 10);
  cairo_fill(cr);
  setColor(cr, kInk);
  drawText(cr, Face::SansBold, 13, x + 20, y + 30, w - 40, title);
  std::vector<ReportCount> shown(counts.begin(), counts.begin() + static_cast<std::ptrdiff_t>(std::min(maxBars, counts.size())));
  std::int64_t most = 1;
  for (const ReportCount& count : shown) most = std::max(most, count.count);
  const double top = y + 50;
  const double slot = shown.empty() ? 0 : std::min(46.0, (h - 64) / static_cast<double>(shown.size()));
  const double barMax = w - 40 - 44;
  for (std::size_t i = 0; i < shown.size(); ++i) {
    const double rowY = top + static_cast<double>(i) * slot;
    setColor(cr, kInk);
    drawText(cr, Face::Sans, 10.5, x + 20, rowY + 10, w - 40, shown[i].label);
    const double barW = std::max(2.0, barMax * static_cast<double>(shown[i].count) / static_cast<double>(most));
    setColor(cr, kRule);
    roundedRect(cr, x + 20, rowY + 15, barMax, 14, 4);
    cairo_fill(cr);
    setColor(cr, color);
    roundedRect(cr, x + 20, rowY + 15, barW, 14, 4);
    cairo_fill(cr);
    setColor(cr, kInk);
    drawText(cr, Face::SansBold, 11, x + 20 + barMax + 8, rowY + 27, w - 28 - barMax - 8,
             withThousands(shown[i].count));
  }
  if (counts.size() > shown.size()) {
    std::int64_t rest = 0;
    for (std::size_t i = shown.size(); i < counts.size(); ++i) rest += counts[i].count;
    setColor(cr, kMuted);
    drawText(cr, Face::Sans, 9, x + 20, y + h - 12, w - 40,
             std::to_string(counts.size() - shown.size()) + " more with " + withThousands(rest) + " nominations");
  }
}

void chartsPage(cairo_t* cr, const Report& report) {
  pageHeader(cr, "What colleagues were recognised for",
             "Nominations by customer-focused behaviour and by the nominee's department", report, 2);
  const double w = (kPageW - 2 * kMargin - 20) / 2;
  horizontalBars(cr, kMargin, 96, w, 460, "By behaviour", report.byBehaviour, kTeal, 9);
  horizontalBars(cr, kMargin + w + 20, 96, w, 460, "By department", report.byDepartment, kNavy, 9);
}

void trendPage(cairo_t* cr, const Report& report) {
  pageHeader(cr, "Trend and top recognised colleagues", "Nominations per month, and who was recognised most often",
             report, 3);
  // Monthly columns.
  const double x = kMargin, y = 96, w = 440, h = 460;
  setColor(cr, kWhite);
  roundedRect(cr, x, y, w, h, 10);
  cairo_fill(cr);
  setColor(cr, kInk);
  drawText(cr, Face::SansBold, 13, x + 20, y + 30, w - 40, "Nominations per month");
  const auto& months = report.byMonth;
  std::int64_t largest = 1;
  for (const ReportCount& month : months) largest = std::max(largest, month.count);
  // The axis runs to four round steps (1, 2, 5 x 10^n) at or above the largest month.
  std::int64_t step = 1;
  for (std::int64_t magnitude = 1;; magnitude *= 10) {
    if (magnitude * 4 >= largest) { step = magnitude; break; }
    if (magnitude * 2 * 4 >= largest) { step = magnitude * 2; break; }
    if (magnitude * 5 * 4 >= largest) { step = magnitude * 5; break; }
  }
  const std::int64_t ticks = (largest + step - 1) / step;
  const std::int64_t most = step * ticks;
  const double chartTop = y + 70, chartBottom = y + h - 50, chartLeft = x + 44, chartRight = x + w - 20;
  // Gridlines at quarters of the maximum.
  for (std::int64_t q = 0; q <= ticks; ++q) {
    const double gy = chartBottom - (chartBottom - chartTop) * static_cast<double>(q) / static_cast<double>(ticks);
    setColor(cr, kRule);
    cairo_set_line_width(cr, 0.7);
    cairo_move_to(cr, chartLeft, gy);
    cairo_line_to(cr, chartRight, gy);
    cairo_stroke(cr);
    setColor(cr, kMuted);
    drawText(cr, Face::Sans, 9, x + 4, gy + 3, chartLeft - 6 - x - 4, withThousands(step * q), Align::Right);
  }
  if (!months.empty()) {
    const double slot = (chartRight - chartLeft) / static_cast<double>(months.size());
    const double barW = std::min(56.0, slot * 0.62);
    for (std::size_t i = 0; i < months.size(); ++i) {
      const double cx = chartLeft + slot * (static_cast<double>(i) + 0.5);
      const double barH = (chartBottom - chartTop) * static_cast<double>(months[i].count) / static_cast<double>(most);
      setColor(cr, kTeal);
      roundedRect(cr, cx - barW / 2, chartBottom - barH, barW, std::max(barH, 0.1), std::min(4.0, barH / 2));
      cairo_fill(cr);
      setColor(cr, kInk);
      drawText(cr, Face::SansBold, 10, cx - slot / 2, chartBottom - barH - 6, slot, withThousands(months[i].count),
               Align::Center);
      setColor(cr, kMuted);
      drawText(cr, Face::Sans, months.size() > 8 ? 8 : 10, cx - slot / 2, chartBottom + 16, slot, months[i].label,
               Align::Center);
    }
  }

  // Top recognised people.
  const double px = x + w + 20, pw = kPageW - kMargin - px;
  setColor(cr, kWhite);
  roundedRect(cr, px, y, pw, h, 10);
  cairo_fill(cr);
  setColor(cr, kInk);
  drawText(cr, Face::SansBold, 13, px + 20, y + 30, pw - 40, "Most recognised colleagues");
  const std::size_t shown = std::min<std::size_t>(10, report.byPerson.size());
  for (std::size_t i = 0; i < shown; ++i) {
    const PersonTotal& person = report.byPerson[i];
    const double rowY = y + 58 + static_cast<double>(i) * 39;
    setColor(cr, i < 3 ? kGold : kRule);
    cairo_new_path(cr);
    cairo_arc(cr, px + 32, rowY + 10, 11, 0, 2 * M_PI);
    cairo_fill(cr);
    setColor(cr, i < 3 ? kInk : kMuted);
    drawText(cr, Face::SansBold, 10, px + 21, rowY + 14, 22, std::to_string(i + 1), Align::Center);
    setColor(cr, kInk);
    drawText(cr, Face::SansBold, 11, px + 52, rowY + 8, pw - 130, person.displayName);
    setColor(cr, kMuted);
    drawText(cr, Face::Sans, 9, px + 52, rowY + 22, pw - 130,
             person.department + (person.site.empty() ? "" : " \u00b7 " + person.site));
    setColor(cr, kInk);
    drawText(cr, Face::SansBold, 16, px + pw - 74, rowY + 16, 54, withThousands(person.nominations), Align::Right);
  }
  if (shown == 0) {
    setColor(cr, kMuted);
    drawText(cr, Face::Sans, 11, px + 20, y + 60, pw - 40, "Nobody was nominated in this period.");
  }
}

void storyCard(cairo_t* cr, const TimeZone& zone, double x, double y, double w, double h, const ReportRow& row,
               const std::filesystem::path& photosDir) {
  setColor(cr, kWhite);
  roundedRect(cr, x, y, w, h, 10);
  cairo_fill(cr);
  const Surface photo = loadPhoto(photosDir, row.photoFile, 240);
  drawPortrait(cr, x + 52, y + 50, 30, photo.get(), row.nomineeName, kNavy);
  setColor(cr, kInk);
  drawText(cr, Face::SansBold, 15, x + 96, y + 40, w - 116, row.nomineeName);
  setColor(cr, kMuted);
  drawText(cr, Face::Sans, 10, x + 96, y + 56, w - 116,
           row.department + (row.site.empty() ? "" : " \u00b7 " + row.site));
  setColor(cr, kTeal);
  drawText(cr, Face::SansBold, 10, x + 96, y + 72, w - 116, row.behaviourTitle);
  setColor(cr, kInk);
  constexpr double kStorySize = 10.5;
  drawText(cr, Face::Serif, kStorySize, x + 24, y + 106, w - 48, "\u201c" + row.story + "\u201d", Align::Start,
           static_cast<int>((h - 106 - 30) / (kStorySize * kLineSpacing)) + 1);
  setColor(cr, kMuted);
  drawText(cr, Face::Sans, 9, x + 24, y + h - 16, w - 48,
           formatDayLong(zone, row.createdAt) + (row.applause > 0 ? " \u00b7 " + withThousands(row.applause) + " applause" : ""));
}

void storyPages(cairo_t* cr, const Report& report, const std::filesystem::path& photosDir, int firstPage) {
  const std::vector<ReportRow>& stories = report.featured;
  const std::size_t perPage = 4;
  for (std::size_t start = 0; start < stories.size() || start == 0; start += perPage) {
    pageHeader(cr, "Stories behind the numbers",
               "A selection of approved stories, most applauded first (people who declined the wall are left out)",
               report, firstPage + static_cast<int>(start / perPage));
    if (stories.empty()) {
      setColor(cr, kMuted);
      drawText(cr, Face::Sans, 12, kMargin, 120, kContentW, "No approved stories in this period.");
      cairo_show_page(cr);
      return;
    }
    const double w = (kPageW - 2 * kMargin - 20) / 2, h = 222;
    for (std::size_t i = start; i < std::min(stories.size(), start + perPage); ++i) {
      const std::size_t slot = i - start;
      storyCard(cr, report.zone, kMargin + static_cast<double>(slot % 2) * (w + 20), 96 + static_cast<double>(slot / 2) * (h + 16), w,
                h, stories[i], photosDir);
    }
    cairo_show_page(cr);
  }
}

// [SECTION] files

Surface createPdf(const std::filesystem::path& file, const std::string& title) {
  Surface surface(cairo_pdf_surface_create(file.c_str(), kPageW, kPageH), cairo_surface_destroy);
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cannot create " + file.string() + ": " +
                             cairo_status_to_string(cairo_surface_status(surface.get())));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Wall of Fame");
  return surface;
}

void finishPdf(Surface& surface, Cairo& cr, DurableFile& out) {
  const std::filesystem::path& file = out.file();
  const cairo_status_t drawn = cairo_status(cr.get());
  cr.reset();
  cairo_surface_finish(surface.get());
  const cairo_status_t written = cairo_surface_status(surface.get());
  surface.reset();
  if (drawn != CAIRO_STATUS_SUCCESS || written != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cannot write " + file.string() + ": " +
                             cairo_status_to_string(drawn != CAIRO_STATUS_SUCCESS ? drawn : written));
  if (const std::string error = out.commit(); !error.empty())
    throw std::runtime_error("cannot write " + file.string() + ": " + error);
}

}  // namespace

void writePdfReport(const Report& report, const std::filesystem::path& photosDir, const std::filesystem::path& file) {
  // Written beside the target and renamed over it: a failed export never leaves half a file.
  DurableFile out(file, DurableOptions{.replace = true});
  Surface surface = createPdf(out.temporaryPath(), "Customer recognition report, " + report.periodLabel);
  Cairo cr(cairo_create(surface.get()), cairo_destroy);
  titlePage(cr.get(), report);
  cairo_show_page(cr.get());
  chartsPage(cr.get(), report);
  cairo_show_page(cr.get());
  trendPage(cr.get(), report);
  cairo_show_page(cr.get());
  storyPages(cr.get(), report, photosDir, 4);
  finishPdf(surface, cr, out);
}

void writeWinnerCertificate(const Winner& winner, const std::filesystem::path& photosDir,
                            const std::filesystem::path& file, const TimeZone& zone) {
  DurableFile out(file, DurableOptions{.replace = true});
  const std::optional<Period> period = parseMonthUtc(winner.period);
  const std::string periodText = period ? formatMonthLongUtc(period->from) : winner.period;
  const std::string name = winner.displayName.empty() ? winner.employeeId : winner.displayName;
  Surface surface = createPdf(out.temporaryPath(), "Customer Champion of the month, " + periodText + ": " + name);
  Cairo owner(cairo_create(surface.get()), cairo_destroy);
  cairo_t* cr = owner.get();

  setColor(cr, kCream);
  cairo_paint(cr);
  // A double gold frame.
  setColor(cr, kGold);
  cairo_set_line_width(cr, 6);
  cairo_rectangle(cr, 24, 24, kPageW - 48, kPageH - 48);
  cairo_stroke(cr);
  cairo_set_line_width(cr, 1.2);
  cairo_rectangle(cr, 36, 36, kPageW - 72, kPageH - 72);
  cairo_stroke(cr);
  setColor(cr, kNavy);
  cairo_rectangle(cr, 36, 36, kPageW - 72, 8);
  cairo_fill(cr);

  const double cx = kPageW / 2;
  // Lines centred inside the frame, clear of its corners.
  constexpr double kInnerX = 80, kInnerW = kPageW - 2 * kInnerX;
  setColor(cr, kMuted);
  drawText(cr, Face::SansBold, 11, kInnerX, 84, kInnerW, "W A L L   O F   F A M E", Align::Center);
  setColor(cr, kNavy);
  drawText(cr, Face::SerifBold, 30, kInnerX, 126, kInnerW, "Customer Champion of the Month", Align::Center);
  setColor(cr, hex(0xA8741A));
  drawText(cr, Face::SerifItalic, 18, kInnerX, 156, kInnerW, periodText, Align::Center);

  const Surface photo = loadPhoto(photosDir, winner.photoFile, 400);
  setColor(cr, kGold);
  cairo_new_path(cr);
  cairo_arc(cr, cx, 226, 54, 0, 2 * M_PI);
  cairo_fill(cr);
  drawPortrait(cr, cx, 226, 50, photo.get(), name, kNavy);

  setColor(cr, kMuted);
  drawText(cr, Face::SerifItalic, 13, kInnerX, 306, kInnerW, "is awarded to", Align::Center);
  setColor(cr, kInk);
  drawText(cr, Face::SerifBold, 34, kInnerX, 346, kInnerW, name, Align::Center);
  setColor(cr, kMuted);
  const std::string where = winner.department + (winner.site.empty() ? "" : " \u00b7 " + winner.site);
  drawText(cr, Face::Sans, 12, kInnerX, 368, kInnerW, where, Align::Center);
  if (!winner.behaviourTitle.empty()) {
    setColor(cr, kTeal);
    drawText(cr, Face::SansBold, 13, kInnerX, 396, kInnerW, "for \u201c" + winner.behaviourTitle + "\u201d",
             Align::Center);
  }
  setColor(cr, kInk);
  double below = 426;
  if (!winner.citation.empty())
    below += drawText(cr, Face::SerifItalic, 14, 150, below, kPageW - 300, winner.citation, Align::Center, 2) + 4;
  if (!winner.story.empty()) {
    setColor(cr, kMuted);
    drawText(cr, Face::Serif, 10.5, 170, below, kPageW - 340, "\u201c" + winner.story + "\u201d", Align::Center,
             winner.citation.empty() ? 4 : 3);
  }

  // Signature and date lines.
  setColor(cr, kRule);
  cairo_set_line_width(cr, 1);
  cairo_move_to(cr, 150, 516);
  cairo_line_to(cr, 350, 516);
  cairo_move_to(cr, kPageW - 350, 516);
  cairo_line_to(cr, kPageW - 150, 516);
  cairo_stroke(cr);
  setColor(cr, kMuted);
  drawText(cr, Face::Sans, 10, 150, 532, 200, "For HR", Align::Center);
  drawText(cr, Face::Sans, 10, kPageW - 350, 532, 200, "Awarded " + formatDayLong(zone, winner.decidedAt), Align::Center);
  cairo_show_page(cr);
  finishPdf(surface, owner, out);
}

}  // namespace wof::core
