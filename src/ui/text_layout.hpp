// Text that fits: word wrapping to a width and a line limit, ending in an ellipsis when cut, so
// the kiosk never clips a word or lets text run into its neighbour.
// Layer: ui. Measures with the real ImGui font, so what is laid out is what is drawn.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace wof::ui {

struct TextBlock {
  ImFont* font = nullptr;
  std::vector<std::string> lines;
  bool truncated = false;

  float lineHeight() const { return font->FontSize * 1.3f; }
  // The last line is not given the extra leading: blocks stack without a gap at the bottom.
  float height() const { return lines.empty() ? 0.0f : lineHeight() * (lines.size() - 1) + font->FontSize; }
  float width() const;
};

// Wraps `text` at word boundaries (and at its own line breaks) into at most `maxLines` lines of
// at most `width` pixels. When it does not fit, the last line ends with "…" after a whole word.
// A single word wider than `width` is the only thing ever broken inside a word.
TextBlock layoutText(ImFont* font, std::string_view text, float width, int maxLines);

// Draws a block line by line from `topLeft`; `centred` centres each line within `width`.
void drawText(ImDrawList* drawList, const TextBlock& block, ImVec2 topLeft, ImU32 colour, float width = 0,
              bool centred = false);

float textWidth(ImFont* font, std::string_view text);

}  // namespace wof::ui
