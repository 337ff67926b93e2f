// Word wrapping with an ellipsis, measured with the real font. Layer: ui.
#include "ui/widgets/text_layout.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "core/shaping/shaper.hpp"
#include "ui/widgets/shaped_text.hpp"

namespace wof::ui {

namespace {

constexpr std::string_view kEllipsis = "\u2026";

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trimRight(std::string_view text) {
  while (!text.empty() && isSpace(text.back())) text.remove_suffix(1);
  return text;
}

std::size_t utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  return 2;
}

// "the last words of a line" + "…", dropping whole words until it fits.
std::string withEllipsis(ImFont* font, std::string_view line, float width) {
  line = trimRight(line);
  while (!line.empty()) {
    std::string candidate(line);
    while (!candidate.empty() && std::string_view(",.;:-").find(candidate.back()) != std::string_view::npos) {
      candidate.pop_back();
    }
    candidate += kEllipsis;
    if (textWidth(font, candidate) <= width) return candidate;
    const std::size_t space = line.find_last_of(' ');
    if (space == std::string_view::npos || space == 0) {
      // One long word: cut it by characters.
      std::size_t end = line.size();
      do {
        do --end;
        while (end > 0 && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80);
      } while (end > 0 && textWidth(font, std::string(line.substr(0, end)) + std::string(kEllipsis)) > width);
      return std::string(line.substr(0, end)) + std::string(kEllipsis);
    }
    line = trimRight(line.substr(0, space));
  }
  return std::string(kEllipsis);
}

// [SECTION] text audit state
struct AuditedText {
  ImRect rect;
  ImRect clip;
  std::string text;
  int layer = 0;
};
struct AuditedBox {
  ImRect rect;
  ImRect clip;
  int layer = 0;
};
struct TextAudit {
  bool running = false;
  int layer = 0;
  std::vector<AuditedText> texts;
  std::vector<AuditedBox> boxes;
};
TextAudit g_audit;

// Sub-pixel slack: rounding of glyph advances and of centring.
constexpr float kSlack = 1.5f;

ImRect clipOf(ImDrawList* drawList) { return ImRect(drawList->GetClipRectMin(), drawList->GetClipRectMax()); }

ImRect intersection(const ImRect& a, const ImRect& b) {
  return ImRect(ImVec2(std::max(a.Min.x, b.Min.x), std::max(a.Min.y, b.Min.y)),
                ImVec2(std::min(a.Max.x, b.Max.x), std::min(a.Max.y, b.Max.y)));
}
bool visible(const ImRect& r) { return r.Max.x - r.Min.x > kSlack && r.Max.y - r.Min.y > kSlack; }
bool inside(const ImRect& inner, const ImRect& outer) {
  return inner.Min.x >= outer.Min.x - kSlack && inner.Min.y >= outer.Min.y - kSlack &&
         inner.Max.x <= outer.Max.x + kSlack && inner.Max.y <= outer.Max.y + kSlack;
}
std::string describe(const ImRect& r) {
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "(%.0f,%.0f)-(%.0f,%.0f)", r.Min.x, r.Min.y, r.Max.x, r.Max.y);
  return buffer;
}

float lineWidth(ImFont* font, float size, std::string_view line) {
  if (!atlasDraws(font, line)) return shapedWidth(font, size, line);
  return font->CalcTextSizeA(size, FLT_MAX, 0.0f, line.data(), line.data() + line.size()).x;
}

void auditLine(ImDrawList* drawList, ImFont* font, float size, ImVec2 at, std::string_view line) {
  if (!g_audit.running) return;
  const float width = lineWidth(font, size, line);
  auditText(ImRect(at, ImVec2(at.x + width, at.y + size)), clipOf(drawList), line);
}

// One line, from the atlas or shaped (`atlas`: atlasDraws(font, line)).
void drawLine(ImDrawList* drawList, ImFont* font, float size, ImVec2 at, ImU32 colour, std::string_view line,
              bool atlas) {
  if (atlas) {
    drawList->AddText(font, size, at, colour, line.data(), line.data() + line.size());
  } else {
    drawShaped(drawList, font, size, at, colour, line);
  }
  auditLine(drawList, font, size, at, line);
}

// Blocks of text the atlas cannot draw, as laid out: wrapping one through the shaper and fitting
// its ellipsis takes far longer than a frame's drawing, and the same stories are on screen frame
// after frame. Keyed by font, width, line limit and text; dropped when fonts change, and the
// least recently used forgotten a generation at a time past kMaxBlocks (see RecentCache).
constexpr std::size_t kMaxBlocks = 4096;
struct BlockCache {
  unsigned generation = 0;
  RecentCache<TextBlock> blocks{kMaxBlocks};
  std::string key;  // the lookup's key, built in place
};
BlockCache g_blocks;

const std::string& blockKey(ImFont* font, std::string_view text, float width, int maxLines) {
  std::string& key = g_blocks.key;
  key.assign(sizeof font + sizeof width + sizeof maxLines, '\0');
  std::memcpy(key.data(), &font, sizeof font);
  std::memcpy(key.data() + sizeof font, &width, sizeof width);
  std::memcpy(key.data() + sizeof font + sizeof width, &maxLines, sizeof maxLines);
  key += text;
  return key;
}

}  // namespace

void startTextAudit() {
  g_audit = TextAudit{};
  g_audit.running = true;
}
void stopTextAudit() { g_audit = TextAudit{}; }
bool textAuditRunning() { return g_audit.running; }
void auditOverlay() { ++g_audit.layer; }
std::size_t auditedTextCount() { return g_audit.texts.size(); }

void auditText(const ImRect& rect, const ImRect& clip, std::string_view text) {
  if (g_audit.running) g_audit.texts.push_back({rect, clip, std::string(text), g_audit.layer});
}

void auditBox(const ImRect& box, const ImRect& clip) {
  if (g_audit.running) g_audit.boxes.push_back({box, clip, g_audit.layer});
}

void auditBox(ImDrawList* drawList, const ImRect& box) {
  if (g_audit.running) auditBox(box, clipOf(drawList));
}

std::vector<std::string> textAuditProblems(ImVec2 display) {
  const ImRect screen(ImVec2(0, 0), display);
  // What shows: a deliberate clip (a scrolled viewport, the carousel) hides what it cuts; the
  // whole screen's clip hides nothing, since text cut by the screen's edge is the fault itself.
  auto shown = [&screen](const ImRect& rect, const ImRect& clip) {
    return inside(screen, clip) ? rect : intersection(rect, clip);
  };
  // `clip` now holds what shows; `rect` stays whole: a clip hides a scrolled-away line, but a
  // line cut by the clip at its box's edge still left its box.
  std::vector<AuditedText> texts;
  for (const AuditedText& text : g_audit.texts) {
    const ImRect rect = shown(text.rect, text.clip);
    if (visible(rect)) texts.push_back({text.rect, rect, text.text, text.layer});
  }
  std::vector<AuditedBox> boxes;
  for (const AuditedBox& box : g_audit.boxes) {
    const ImRect rect = shown(box.rect, box.clip);
    if (visible(rect)) boxes.push_back({box.rect, rect, box.layer});
  }

  std::vector<std::string> problems;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const AuditedText& text = texts[i];
    const std::string quoted = "\"" + text.text + "\" at " + describe(text.rect);
    if (!inside(text.clip, screen)) problems.push_back(quoted + " leaves the screen");
    for (const AuditedBox& box : boxes) {
      if (box.layer != text.layer || !visible(intersection(box.clip, text.clip))) continue;
      if (!inside(text.rect, box.rect)) problems.push_back(quoted + " sticks out of the box " + describe(box.rect));
    }
    for (std::size_t j = i + 1; j < texts.size(); ++j) {
      if (texts[j].layer == text.layer && visible(intersection(texts[j].clip, text.clip)))
        problems.push_back(quoted + " runs into \"" + texts[j].text + "\" at " + describe(texts[j].rect));
    }
  }
  return problems;
}

float textWidth(ImFont* font, std::string_view text) { return lineWidth(font, font->FontSize, text); }

ImVec2 labelSize(ImFont* font, float size, std::string_view text) { return ImVec2(lineWidth(font, size, text), size); }

float TextBlock::width() const {
  float widest = 0;
  for (const std::string& line : lines) widest = std::max(widest, textWidth(font, line));
  return widest;
}

namespace {
TextBlock layoutUncached(ImFont* font, std::string_view text, float width, int maxLines) {
  TextBlock block{font, {}, false, width};
  std::string_view rest = text;
  while (!rest.empty()) {
    if (static_cast<int>(block.lines.size()) == maxLines) {
      block.truncated = true;
      break;
    }
    const std::size_t newline = rest.find('\n');
    std::string_view paragraph = rest.substr(0, newline);
    if (!atlasDraws(font, paragraph)) {
      // Lines broken where the script allows (UAX #14), each keeping the paragraph's direction.
      for (const std::string& line : shapedWrap(font, paragraph, width)) {
        if (static_cast<int>(block.lines.size()) == maxLines) {
          block.truncated = true;
          break;
        }
        block.lines.push_back(line);
      }
      rest.remove_prefix(paragraph.size());
      while (!rest.empty() && (isSpace(rest.front()) || rest.front() == '\n')) rest.remove_prefix(1);
      continue;
    }
    const char* begin = paragraph.data();
    const char* end = begin + paragraph.size();
    // Whole paragraphs that fit are taken as measured, so wrapping never disagrees with drawing.
    const char* cut = textWidth(font, paragraph) <= width ? end : font->CalcWordWrapPositionA(1.0f, begin, end, width);
    if (cut == begin && begin != end) cut = begin + utf8Length(static_cast<unsigned char>(*begin));
    std::string_view line = trimRight(std::string_view(begin, cut - begin));
    if (!line.empty()) block.lines.emplace_back(line);
    rest.remove_prefix(cut - begin);
    while (!rest.empty() && isSpace(rest.front())) rest.remove_prefix(1);
    if (cut == end && !rest.empty() && rest.front() == '\n') {
      rest.remove_prefix(1);
      while (!rest.empty() && (isSpace(rest.front()) || rest.front() == '\n')) rest.remove_prefix(1);
    }
  }
  if (block.truncated && !block.lines.empty()) block.lines.back() = withEllipsis(font, block.lines.back(), width);
  return block;
}
}  // namespace

TextBlock layoutText(ImFont* font, std::string_view text, float width, int maxLines) {
  if (atlasDraws(font, text)) return layoutUncached(font, text, width, maxLines);
  // Whole pixels: a card sliding by carries its width through float sums that differ in the
  // last bit from frame to frame, and each such width would lay the same story out again.
  if (width < FLT_MAX) width = std::floor(width + 1.0f / 64);
  if (g_blocks.generation != shapedTextGeneration()) {
    g_blocks.blocks.clear();
    g_blocks.generation = shapedTextGeneration();
  }
  const std::string& key = blockKey(font, text, width, maxLines);
  if (const TextBlock* known = g_blocks.blocks.find(key)) return *known;
  std::string stored = key;
  return g_blocks.blocks.insert(std::move(stored), layoutUncached(font, text, width, maxLines));
}

void drawText(ImDrawList* drawList, const TextBlock& block, ImVec2 topLeft, ImU32 colour, float width, bool centred) {
  ImVec2 at = topLeft;
  for (const std::string& line : block.lines) {
    float x = topLeft.x;
    const bool atlas = atlasDraws(block.font, line);
    if (centred) {
      x += (width - textWidth(block.font, line)) * 0.5f;
    } else if (!atlas && core::rightToLeft(line)) {
      // A right-to-left paragraph's lines start at the right edge; a single line (a name, a
      // label) keeps its designed side.
      const float room = width > 0 ? width : block.lines.size() > 1 ? block.room : 0.0f;
      if (room > 0 && room < 100000.0f) x += std::max(0.0f, room - textWidth(block.font, line));
    }
    drawLine(drawList, block.font, block.font->FontSize, ImVec2(x, at.y), colour, line, atlas);
    at.y += block.lineHeight();
  }
}

void drawLabel(ImDrawList* drawList, ImFont* font, float size, ImVec2 topLeft, ImU32 colour, std::string_view text) {
  drawLine(drawList, font, size, topLeft, colour, text, atlasDraws(font, text));
}

}  // namespace wof::ui
