// The Hall of Fame: past Customer Champions by month. Layer: ui.
#define IMGUI_DEFINE_MATH_OPERATORS  // ImVec2 arithmetic from imgui_internal.h
#include "ui/screens/hall_of_fame_screen.hpp"

#include <algorithm>

#include "ui/photo_cache.hpp"
#include "ui/widgets/text_layout.hpp"
#include "ui/widgets/widgets.hpp"

namespace wof::ui {

HallOfFameIntent HallOfFameScreen::draw(const HallOfFameView& view, const Theme& theme, PhotoCache& photos,
                                        double now) {
  HallOfFameIntent intent;
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float margin = theme.px(56);
  const float left = margin;
  const float right = display.x - margin;
  const float width = right - left;

  // [SECTION] back button and title
  const float buttonHeight = theme.px(84);
  const std::string backLabel = view.text("back_to_wall_arrow");
  const ImRect backRect(ImVec2(left, theme.px(40)),
                        ImVec2(left + textWidth(fonts.bodyBold, backLabel) + theme.px(72), theme.px(40) + buttonHeight));
  intent.back = button(drawList, theme, backRect, backLabel, false);
  float y = backRect.Max.y + theme.px(36);
  const TextBlock title = layoutText(fonts.display, view.text("hall_of_fame"), width, 1);
  drawText(drawList, title, ImVec2(left, y), palette.text);
  y += title.height() + theme.px(12);
  const TextBlock subtitle = layoutText(fonts.body, view.text("hall_of_fame_subtitle"), width, 2);
  drawText(drawList, subtitle, ImVec2(left, y), palette.textMuted);
  y += subtitle.height() + theme.px(28);

  const ImRect viewport(ImVec2(left - theme.px(12), y), ImVec2(right + theme.px(12), display.y));
  if (view.winners.empty()) {
    drawText(drawList, layoutText(fonts.lead, view.text("hall_of_fame_empty"), width, 4), ImVec2(left, y + theme.px(12)),
             palette.textMuted);
    return intent;
  }

  // [SECTION] months, each a heading over a grid of champion cards
  const float gap = theme.px(24);
  const float cardHeight = theme.px(200);
  const int columns = std::max(1, static_cast<int>((width + gap) / (theme.px(560) + gap)));
  const float cardWidth = (width - (columns - 1) * gap) / columns;
  const float headingHeight = fonts.heading->FontSize + theme.px(20);
  float contentHeight = theme.px(12);
  for (std::size_t i = 0; i < view.winners.size();) {
    std::size_t end = i;
    while (end < view.winners.size() && view.winners[end].period == view.winners[i].period) ++end;
    const int rows = static_cast<int>((end - i + columns - 1) / columns);
    contentHeight += headingHeight + rows * (cardHeight + gap) + theme.px(16);
    i = end;
  }
  m_scroll.update(viewport, contentHeight + margin, now, theme.px(140));

  drawList->PushClipRect(viewport.Min, viewport.Max, true);
  const bool inView = viewport.Contains(ImGui::GetIO().MouseClickedPos[0]);
  y = viewport.Min.y + theme.px(12) - m_scroll.offset();
  for (std::size_t i = 0; i < view.winners.size();) {
    const std::string& period = view.winners[i].period;
    drawText(drawList, layoutText(fonts.heading, formatMonth(period, view.text), width, 1), ImVec2(left, y),
             palette.text);
    y += headingHeight;
    int column = 0;
    for (; i < view.winners.size() && view.winners[i].period == period; ++i) {
      const core::Winner& winner = view.winners[i];
      const ImVec2 at(left + column * (cardWidth + gap), y);
      const ImRect rect(at, at + ImVec2(cardWidth, cardHeight));
      if (rect.Max.y >= viewport.Min.y && rect.Min.y <= viewport.Max.y) {
        const std::string heading = "\u2605 " + behaviourName(view.text, winner.behaviourKey, winner.behaviourTitle);
        drawChampionCard(theme, photos, winner, heading, rect, inView && pressing(theme, rect));
        if (inView && tapped(theme, rect)) intent.openPerson = winner.employeeId;
      }
      if (++column == columns) {
        column = 0;
        y += cardHeight + gap;
      }
    }
    if (column != 0) y += cardHeight + gap;
    y += theme.px(16);
  }
  drawList->PopClipRect();
  drawScrollFades(drawList, theme, ImRect(ImVec2(0, viewport.Min.y), display), m_scroll);
  return intent;
}

}  // namespace wof::ui
