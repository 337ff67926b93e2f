// Text that fits: word wrapping to a width and a line limit, ending in an ellipsis when cut, so
// the kiosk never clips a word or lets text run into its neighbour.
// Layer: ui. Measures with the real ImGui font, so what is laid out is what is drawn.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>
#include <imgui_internal.h>  // ImRect

namespace wof::ui {

struct TextBlock {
  ImFont* font = nullptr;
  std::vector<std::string> lines;
  bool truncated = false;
  float room = 0;  // the width it was laid out in: where a right-to-left line starts

  float lineHeight() const { return font->FontSize * 1.3f; }
  // The last line is not given the extra leading: blocks stack without a gap at the bottom.
  float height() const { return lines.empty() ? 0.0f : lineHeight() * (lines.size() - 1) + font->FontSize; }
  float width() const;
};

// Wraps `text` at word boundaries (and at its own line breaks) into at most `maxLines` lines of
// at most `width` pixels. When it does not fit, the last line ends with "…" after a whole word.
// A single word wider than `width` is the only thing ever broken inside a word. A paragraph the
// atlas cannot draw as it is (see shaped_text.hpp) breaks where its script allows (UAX #14:
// between ideographs, between Thai words), and a right-to-left one keeps its direction.
TextBlock layoutText(ImFont* font, std::string_view text, float width, int maxLines);

// Draws a block line by line from `topLeft`; `centred` centres each line within `width`, and a
// right-to-left line is set against the right edge of `width` (or of the block's own room).
void drawText(ImDrawList* drawList, const TextBlock& block, ImVec2 topLeft, ImU32 colour, float width = 0,
              bool centred = false);

// Widths as drawn: from the atlas, or shaped where the atlas cannot draw the text as it is.
float textWidth(ImFont* font, std::string_view text);
ImVec2 labelSize(ImFont* font, float size, std::string_view text);

// One line as it is, at its natural width, for short words whose room the caller has measured
// (a count, a date): drawn through here so the text check below sees it.
void drawLabel(ImDrawList* drawList, ImFont* font, float size, ImVec2 topLeft, ImU32 colour, std::string_view text);

// [SECTION] the "no text outside its box" check
// While an audit runs (the kiosk's --screenshots tour), every line drawn by drawText() and
// drawLabel() and every box the widgets draw (cards, pills, buttons, fields, keys, avatars) is
// recorded with the clip rectangle it was drawn under. textAuditProblems() then names each line
// that leaves the screen, sticks out of a box it overlaps, or runs into another line.
void startTextAudit();
void stopTextAudit();
bool textAuditRunning();
void auditBox(ImDrawList* drawList, const ImRect& box);
// What is drawn from now on lies over everything before (a modal question): it is checked only
// against itself.
void auditOverlay();
// For tests and for drawing that bypasses drawText(): a line of `text` covering `rect`.
void auditText(const ImRect& rect, const ImRect& clip, std::string_view text);
void auditBox(const ImRect& box, const ImRect& clip);
// Lines of text recorded since startTextAudit() (a check that saw nothing proves nothing).
std::size_t auditedTextCount();
// One sentence per problem in the frame recorded since startTextAudit(); empty when all is well.
std::vector<std::string> textAuditProblems(ImVec2 display);

}  // namespace wof::ui
