// Word wrapping with an ellipsis, measured with the real font. Layer: ui.
#include "ui/text_layout.hpp"

#include <algorithm>
#include <cfloat>

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

}  // namespace

float textWidth(ImFont* font, std::string_view text) {
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
}

float TextBlock::width() const {
  float widest = 0;
  for (const std::string& line : lines) widest = std::max(widest, textWidth(font, line));
  return widest;
}

TextBlock layoutText(ImFont* font, std::string_view text, float width, int maxLines) {
  TextBlock block{font, {}, false};
  std::string_view rest = text;
  while (!rest.empty()) {
    if (static_cast<int>(block.lines.size()) == maxLines) {
      block.truncated = true;
      break;
    }
    const std::size_t newline = rest.find('\n');
    std::string_view paragraph = rest.substr(0, newline);
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

void drawText(ImDrawList* drawList, const TextBlock& block, ImVec2 topLeft, ImU32 colour, float width, bool centred) {
  ImVec2 at = topLeft;
  for (const std::string& line : block.lines) {
    const float x = centred ? topLeft.x + (width - textWidth(block.font, line)) * 0.5f : topLeft.x;
    drawList->AddText(block.font, block.font->FontSize, ImVec2(x, at.y), colour, line.data(), line.data() + line.size());
    at.y += block.lineHeight();
  }
}

}  // namespace wof::ui
