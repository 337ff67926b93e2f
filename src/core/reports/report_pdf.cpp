// PDF report and winner certificate, drawn with cairo. Layer: core/report.
#include "core/reports/report_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

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

void setFont(cairo_t* cr, Face face, double size) {
  const bool serif = face == Face::Serif || face == Face::SerifBold || face == Face::SerifItalic;
  cairo_select_font_face(cr, serif ? "DejaVu Serif" : "DejaVu Sans",
                         face == Face::SerifItalic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                         face == Face::SansBold || face == Face::SerifBold ? CAIRO_FONT_WEIGHT_BOLD
                                                                            : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

double textWidth(cairo_t* cr, const std::string& text) {
  cairo_text_extents_t extents;
  cairo_text_extents(cr, text.c_str(), &extents);
  return extents.x_advance;
}

enum class Align { Left, Center, Right };

void drawText(cairo_t* cr, double x, double baseline, const std::string& text, Align align = Align::Left) {
  double left = x;
  if (align == Align::Center) left = x - textWidth(cr, text) / 2;
  if (align == Align::Right) left = x - textWidth(cr, text);
  cairo_move_to(cr, left, baseline);
  cairo_show_text(cr, text.c_str());
}

// Shortens `text` with an ellipsis until it fits `width`.
std::string fitted(cairo_t* cr, std::string text, double width) {
  if (textWidth(cr, text) <= width) return text;
  while (!text.empty() && textWidth(cr, text + "\u2026") > width) {
    text.pop_back();
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
    if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0) text.pop_back();
  }
  return text + "\u2026";
}

// Greedy word wrap; at most `maxLines`, the last one ending in an ellipsis when text is left over.
std::vector<std::string> wrap(cairo_t* cr, const std::string& text, double width, std::size_t maxLines) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t pos = 0;
  bool truncated = false;
  while (pos < text.size()) {
    std::size_t end = text.find_first_of(" \n", pos);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(pos, end - pos);
    pos = end + 1;
    if (word.empty()) continue;
    const std::string candidate = line.empty() ? word : line + " " + word;
    if (textWidth(cr, candidate) <= width || line.empty()) {
      line = candidate;
      continue;
    }
    lines.push_back(line);
    line = word;
    if (lines.size() == maxLines) {
      truncated = true;
      break;
    }
  }
  if (!truncated && !line.empty()) lines.push_back(line);
  if (truncated && !lines.empty()) {
    // End the last line on a whole word followed by an ellipsis.
    std::string last = lines.back();
    while (textWidth(cr, last + "\u2026") > width || last.size() == lines.back().size()) {
      const std::size_t space = last.rfind(' ');
      if (space == std::string::npos) break;
      last.resize(space);
      if (textWidth(cr, last + "\u2026") <= width) break;
    }
    lines.back() = last + "\u2026";
  }
  return lines;
}

double drawParagraph(cairo_t* cr, double x, double y, double width, double lineHeight, const std::string& text,
                     std::size_t maxLines, Align align = Align::Left) {
  for (const std::string& line : wrap(cr, text, width, maxLines)) {
    drawText(cr, align == Align::Center ? x + width / 2 : x, y, line, align);
    y += lineHeight;
  }
  return y;
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
    setFont(cr, Face::SansBold, radius * 0.8);
    drawText(cr, cx, cy + radius * 0.28, initials(name), Align::Center);
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
  setFont(cr, Face::SansBold, 22);
  drawText(cr, kMargin, 56, title);
  setColor(cr, kMuted);
  setFont(cr, Face::Sans, 11);
  drawText(cr, kMargin, 76, subtitle);
  setFont(cr, Face::Sans, 9);
  drawText(cr, kMargin, kPageH - 22, "Wall of Fame \u00b7 " + report.periodLabel + " \u00b7 " + report.scopeLabel);
  drawText(cr, kPageW - kMargin, kPageH - 22, "Page " + std::to_string(page), Align::Right);
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
  setFont(cr, Face::SansBold, 12);
  drawText(cr, kMargin, 80, "WALL OF FAME");
  setColor(cr, kWhite);
  setFont(cr, Face::SansBold, 34);
  drawText(cr, kMargin, 148, "Customer recognition report");
  setFont(cr, Face::Sans, 18);
  drawText(cr, kMargin, 184, report.periodLabel);
  setColor(cr, hex(0xBFD0E3));
  setFont(cr, Face::Sans, 13);
  drawText(cr, kMargin, 210, report.scopeLabel);

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
    setFont(cr, Face::SansBold, 40);
    drawText(cr, x + 24, y + 70, tiles[i].value);
    setColor(cr, kMuted);
    setFont(cr, Face::Sans, 11);
    drawText(cr, x + 24, y + 96, fitted(cr, tiles[i].label, tileW - 32));
  }

  setColor(cr, kInk);
  setFont(cr, Face::Sans, 12);
  std::string statusLine = withThousands(report.approved) + " approved and on the wall, " +
                           withThousands(report.pending) + " waiting for HR. Hidden nominations are not counted.";
  drawText(cr, kMargin, 410, statusLine);
  if (!report.byBehaviour.empty() && report.nominations > 0) {
    std::int64_t most = 0;
    for (const ReportCount& count : report.byBehaviour) most = std::max(most, count.count);
    std::vector<std::string> tops;
    for (const ReportCount& count : report.byBehaviour)
      if (count.count == most) tops.push_back(count.label);
    std::string names;
    for (std::size_t i = 0; i < tops.size(); ++i)
      names += (i == 0 ? "" : i + 1 == tops.size() ? " and " : ", ") + tops[i];
    drawText(cr, kMargin, 432,
             fitted(cr, (tops.size() == 1 ? "Most recognised behaviour: " : "Most recognised behaviours (tied): ") + names +
                            " (" + withThousands(most) + (tops.size() == 1 ? ")." : " each)."),
                    kPageW - 2 * kMargin));
  }
  if (!report.byDepartment.empty()) {
    drawText(cr, kMargin, 454,
             "Most recognised department: " + report.byDepartment.front().label + " (" +
                 withThousands(report.byDepartment.front().count) + ").");
  }
  setColor(cr, kMuted);
  setFont(cr, Face::Sans, 9);
  drawText(cr, kMargin, kPageH - 22,
           !report.lastCreatedAt ? std::string("No nominations in this period.")
                                 : "Data up to " + formatDayLongUtc(*report.lastCreatedAt) + ", " +
                                       formatIsoUtc(*report.lastCreatedAt).substr(11, 5) + " UTC.");
}

// Horizontal bars with the label above each bar and the count at its end.
void horizontalBars(cairo_t* cr, double x, double y, double w, double h, const std::string& title,
                    const std::vector<ReportCount>& counts, Rgb color, std::size_t maxBars) {
  setColor(cr, kWhite);
  roundedRect(cr, x, y, w, h, 10);
  cairo_fill(cr);
  setColor(cr, kInk);
  setFont(cr, Face::SansBold, 13);
  drawText(cr, x + 20, y + 30, title);
  std::vector<ReportCount> shown(counts.begin(), counts.begin() + static_cast<std::ptrdiff_t>(std::min(maxBars, counts.size())));
  std::int64_t most = 1;
  for (const ReportCount& count : shown) most = std::max(most, count.count);
  const double top = y + 50;
  const double slot = shown.empty() ? 0 : std::min(46.0, (h - 64) / static_cast<double>(shown.size()));
  const double barMax = w - 40 - 44;
  for (std::size_t i = 0; i < shown.size(); ++i) {
    const double rowY = top + static_cast<double>(i) * slot;
    setColor(cr, kInk);
    setFont(cr, Face::Sans, 10.5);
    drawText(cr, x + 20, rowY + 10, fitted(cr, shown[i].label, w - 40));
    const double barW = std::max(2.0, barMax * static_cast<double>(shown[i].count) / static_cast<double>(most));
    setColor(cr, kRule);
    roundedRect(cr, x + 20, rowY + 15, barMax, 14, 4);
    cairo_fill(cr);
    setColor(cr, color);
    roundedRect(cr, x + 20, rowY + 15, barW, 14, 4);
    cairo_fill(cr);
    setColor(cr, kInk);
    setFont(cr, Face::SansBold, 11);
    drawText(cr, x + 20 + barMax + 8, rowY + 27, withThousands(shown[i].count));
  }
  if (counts.size() > shown.size()) {
    std::int64_t rest = 0;
    for (std::size_t i = shown.size(); i < counts.size(); ++i) rest += counts[i].count;
    setColor(cr, kMuted);
    setFont(cr, Face::Sans, 9);
    drawText(cr, x + 20, y + h - 12,
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
  setFont(cr, Face::SansBold, 13);
  drawText(cr, x + 20, y + 30, "Nominations per month");
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
  setFont(cr, Face::Sans, 9);
  for (std::int64_t q = 0; q <= ticks; ++q) {
    const double gy = chartBottom - (chartBottom - chartTop) * static_cast<double>(q) / static_cast<double>(ticks);
    setColor(cr, kRule);
    cairo_set_line_width(cr, 0.7);
    cairo_move_to(cr, chartLeft, gy);
    cairo_line_to(cr, chartRight, gy);
    cairo_stroke(cr);
    setColor(cr, kMuted);
    drawText(cr, chartLeft - 6, gy + 3, withThousands(step * q), Align::Right);
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
      setFont(cr, Face::SansBold, 10);
      drawText(cr, cx, chartBottom - barH - 6, withThousands(months[i].count), Align::Center);
      setColor(cr, kMuted);
      setFont(cr, Face::Sans, months.size() > 8 ? 8 : 10);
      drawText(cr, cx, chartBottom + 16, months[i].label, Align::Center);
    }
  }

  // Top recognised people.
  const double px = x + w + 20, pw = kPageW - kMargin - px;
  setColor(cr, kWhite);
  roundedRect(cr, px, y, pw, h, 10);
  cairo_fill(cr);
  setColor(cr, kInk);
  setFont(cr, Face::SansBold, 13);
  drawText(cr, px + 20, y + 30, "Most recognised colleagues");
  const std::size_t shown = std::min<std::size_t>(10, report.byPerson.size());
  for (std::size_t i = 0; i < shown; ++i) {
    const PersonTotal& person = report.byPerson[i];
    const double rowY = y + 58 + static_cast<double>(i) * 39;
    setColor(cr, i < 3 ? kGold : kRule);
    cairo_new_path(cr);
    cairo_arc(cr, px + 32, rowY + 10, 11, 0, 2 * M_PI);
    cairo_fill(cr);
    setColor(cr, i < 3 ? kInk : kMuted);
    setFont(cr, Face::SansBold, 10);
    drawText(cr, px + 32, rowY + 14, std::to_string(i + 1), Align::Center);
    setColor(cr, kInk);
    setFont(cr, Face::SansBold, 11);
    drawText(cr, px + 52, rowY + 8, fitted(cr, person.displayName, pw - 130));
    setColor(cr, kMuted);
    setFont(cr, Face::Sans, 9);
    drawText(cr, px + 52, rowY + 22, fitted(cr, person.department + (person.site.empty() ? "" : " \u00b7 " + person.site), pw - 130));
    setColor(cr, kInk);
    setFont(cr, Face::SansBold, 16);
    drawText(cr, px + pw - 20, rowY + 16, withThousands(person.nominations), Align::Right);
  }
  if (shown == 0) {
    setColor(cr, kMuted);
    setFont(cr, Face::Sans, 11);
    drawText(cr, px + 20, y + 60, "Nobody was nominated in this period.");
  }
}

void storyCard(cairo_t* cr, double x, double y, double w, double h, const ReportRow& row,
               const std::filesystem::path& photosDir) {
  setColor(cr, kWhite);
  roundedRect(cr, x, y, w, h, 10);
  cairo_fill(cr);
  const Surface photo = loadPhoto(photosDir, row.photoFile, 240);
  drawPortrait(cr, x + 52, y + 50, 30, photo.get(), row.nomineeName, kNavy);
  setColor(cr, kInk);
  setFont(cr, Face::SansBold, 15);
  drawText(cr, x + 96, y + 40, fitted(cr, row.nomineeName, w - 116));
  setColor(cr, kMuted);
  setFont(cr, Face::Sans, 10);
  drawText(cr, x + 96, y + 56, fitted(cr, row.department + (row.site.empty() ? "" : " \u00b7 " + row.site), w - 116));
  setColor(cr, kTeal);
  setFont(cr, Face::SansBold, 10);
  drawText(cr, x + 96, y + 72, fitted(cr, row.behaviourTitle, w - 116));
  setColor(cr, kInk);
  setFont(cr, Face::Serif, 10.5);
  constexpr double kLine = 14.5;
  drawParagraph(cr, x + 24, y + 106, w - 48, kLine, "\u201c" + row.story + "\u201d",
                static_cast<std::size_t>((h - 106 - 30) / kLine) + 1);
  setColor(cr, kMuted);
  setFont(cr, Face::Sans, 9);
  drawText(cr, x + 24, y + h - 16,
           formatDayLongUtc(row.createdAt) + (row.applause > 0 ? " \u00b7 " + withThousands(row.applause) + " applause" : ""));
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
      setFont(cr, Face::Sans, 12);
      drawText(cr, kMargin, 120, "No approved stories in this period.");
      cairo_show_page(cr);
      return;
    }
    const double w = (kPageW - 2 * kMargin - 20) / 2, h = 222;
    for (std::size_t i = start; i < std::min(stories.size(), start + perPage); ++i) {
      const std::size_t slot = i - start;
      storyCard(cr, kMargin + static_cast<double>(slot % 2) * (w + 20), 96 + static_cast<double>(slot / 2) * (h + 16), w,
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
                            const std::filesystem::path& file) {
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
  setColor(cr, kMuted);
  setFont(cr, Face::SansBold, 11);
  drawText(cr, cx, 84, "W A L L   O F   F A M E", Align::Center);
  setColor(cr, kNavy);
  setFont(cr, Face::SerifBold, 30);
  drawText(cr, cx, 126, "Customer Champion of the Month", Align::Center);
  setColor(cr, hex(0xA8741A));
  setFont(cr, Face::SerifItalic, 18);
  drawText(cr, cx, 156, periodText, Align::Center);

  const Surface photo = loadPhoto(photosDir, winner.photoFile, 400);
  setColor(cr, kGold);
  cairo_new_path(cr);
  cairo_arc(cr, cx, 226, 54, 0, 2 * M_PI);
  cairo_fill(cr);
  drawPortrait(cr, cx, 226, 50, photo.get(), name, kNavy);

  setColor(cr, kMuted);
  setFont(cr, Face::SerifItalic, 13);
  drawText(cr, cx, 306, "is awarded to", Align::Center);
  setColor(cr, kInk);
  setFont(cr, Face::SerifBold, 34);
  drawText(cr, cx, 346, fitted(cr, name, kPageW - 160), Align::Center);
  setColor(cr, kMuted);
  setFont(cr, Face::Sans, 12);
  const std::string where = winner.department + (winner.site.empty() ? "" : " \u00b7 " + winner.site);
  drawText(cr, cx, 368, where, Align::Center);
  if (!winner.behaviourTitle.empty()) {
    setColor(cr, kTeal);
    setFont(cr, Face::SansBold, 13);
    drawText(cr, cx, 396, "for \u201c" + winner.behaviourTitle + "\u201d", Align::Center);
  }
  setColor(cr, kInk);
  setFont(cr, Face::SerifItalic, 13);
  double below = 426;
  if (!winner.citation.empty()) {
    setFont(cr, Face::SerifItalic, 14);
    below = drawParagraph(cr, 150, below, kPageW - 300, 19, winner.citation, 2, Align::Center) + 4;
  }
  if (!winner.story.empty()) {
    setColor(cr, kMuted);
    setFont(cr, Face::Serif, 10.5);
    drawParagraph(cr, 170, below, kPageW - 340, 14, "\u201c" + winner.story + "\u201d", winner.citation.empty() ? 4 : 3,
                  Align::Center);
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
  setFont(cr, Face::Sans, 10);
  drawText(cr, 250, 532, "For HR", Align::Center);
  drawText(cr, kPageW - 250, 532, "Awarded " + formatDayLongUtc(winner.decidedAt), Align::Center);
  cairo_show_page(cr);
  finishPdf(surface, owner, out);
}

}  // namespace wof::core
