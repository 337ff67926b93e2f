// One person's story wall with applause. Layer: ui.
#define IMGUI_DEFINE_MATH_OPERATORS  // ImVec2 arithmetic from imgui_internal.h
#include "ui/screens/person_screen.hpp"

#include <algorithm>

#include "ui/photo_cache.hpp"
#include "ui/widgets/text_layout.hpp"
#include "ui/widgets/widgets.hpp"

namespace wof::ui {

namespace {

// A story card laid out once per frame, so its height is known before it is drawn.
struct StoryLayout {
  TextBlock story;
  TextBlock by;
  float height = 0;
};

}  // namespace

PersonIntent PersonScreen::draw(const PersonView& view, const Theme& theme, PhotoCache& photos, double now) {
  PersonIntent intent;
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const core::WallStory& person = view.stories.front();

  // A readable column, centred; full width on narrow screens.
  const float margin = theme.px(56);
  const float columnWidth = std::min(display.x - 2 * margin, theme.px(1240));
  const float left = (display.x - columnWidth) * 0.5f;
  const float right = left + columnWidth;

  // [SECTION] back button and the person
  const float buttonHeight = theme.px(84);
  const std::string backLabel = view.text(view.backToHallOfFame ? "back_to_hall_arrow" : "back_to_wall_arrow");
  const ImRect backRect(ImVec2(left, theme.px(40)),
                        ImVec2(left + textWidth(fonts.bodyBold, backLabel) + theme.px(72), theme.px(40) + buttonHeight));
  intent.back = button(drawList, theme, backRect, backLabel, false);

  const float avatar = theme.px(200);
  const float headTop = backRect.Max.y + theme.px(40);
  drawAvatar(drawList, theme, photos, person.photoFile, person.nomineeId, person.nomineeName,
             ImVec2(left + avatar * 0.5f, headTop + avatar * 0.5f), avatar);
  const float textX = left + avatar + theme.px(44);
  const float textWidthAvailable = right - textX;
  const TextBlock name = layoutText(fonts.display, person.nomineeName, textWidthAvailable, 2);
  const TextBlock whereBlock =
      layoutText(fonts.body, departmentAndSite(person.department, person.site), textWidthAvailable, 2);
  const auto count = static_cast<std::size_t>(std::max<std::int64_t>(view.total, std::ssize(view.stories)));
  const std::string times =
      count == 1 ? view.text("recognised_once") : view.text.format("recognised_times", {{"n", std::to_string(count)}});
  const float pill = pillHeight(theme, fonts.bodyBold);
  const float blockHeight = name.height() + theme.px(12) + whereBlock.height() + theme.px(20) + pill;
  float y = headTop + std::max(0.0f, (avatar - blockHeight) * 0.5f);
  drawText(drawList, name, ImVec2(textX, y), palette.text);
  y += name.height() + theme.px(12);
  drawText(drawList, whereBlock, ImVec2(textX, y), palette.textMuted);
  y += whereBlock.height() + theme.px(20);
  drawPill(drawList, theme, fonts.bodyBold, times, ImVec2(textX, y), textWidthAvailable, palette.count, palette.onCount);
  const float headBottom = std::max(headTop + avatar, y + pill);

  // [SECTION] the stories, touch-scrolled
  const ImRect viewport(ImVec2(left - theme.px(12), headBottom + theme.px(36)),
                        ImVec2(right + theme.px(12), display.y));
  const float pad = theme.px(40);
  const float innerWidth = columnWidth - 2 * pad;
  const float gap = theme.px(28);
  // Wide enough for the longer of the two labels in this language, so neither is ever cut.
  const float applaudWidth =
      std::max(theme.px(300), std::max(textWidth(fonts.bodyBold, view.text.format("applaud", {{"n", "9999"}})),
                                        textWidth(fonts.bodyBold, view.text.format("applauded", {{"n", "9999"}}))) +
                                  theme.px(56));
  std::vector<StoryLayout> layouts;
  float contentHeight = 0;
  for (const core::WallStory& story : view.stories) {
    StoryLayout layout;
    layout.story = layoutText(fonts.lead, quotedStory(story), innerWidth, 60);
    layout.by = layoutText(fonts.body, nominatedBy(story, view.text), innerWidth - applaudWidth - theme.px(24), 2);
    layout.height = pad + pillHeight(theme, fonts.small) + theme.px(24) + layout.story.height() + theme.px(32) +
                    std::max(buttonHeight, layout.by.height()) + pad;
    contentHeight += layout.height + gap;
    layouts.push_back(std::move(layout));
  }
  m_scroll.update(viewport, contentHeight + margin, now, theme.px(140));
  // Within a screen of the end of what is loaded: ask for the next page before it shows.
  intent.loadMore = view.more && m_scroll.offset() + 2 * viewport.GetHeight() >= contentHeight;

  drawList->PushClipRect(viewport.Min, viewport.Max, true);
  const bool inView = viewport.Contains(ImGui::GetIO().MouseClickedPos[0]);
  y = viewport.Min.y + theme.px(12) - m_scroll.offset();
  for (std::size_t i = 0; i < view.stories.size(); ++i) {
    const core::WallStory& story = view.stories[i];
    const StoryLayout& layout = layouts[i];
    const ImRect card(ImVec2(left, y), ImVec2(right, y + layout.height));
    y += layout.height + gap;
    if (card.Max.y < viewport.Min.y || card.Min.y > viewport.Max.y) continue;
    drawCard(drawList, theme, card, palette.surface);

    ImVec2 at = card.Min + ImVec2(pad, pad);
    const ImRect badge =
        drawPill(drawList, theme, fonts.small, behaviourName(view.text, story.behaviourKey, story.behaviourTitle), at,
                 innerWidth * 0.7f, palette.badge, palette.onBadge);
    const std::string day = formatWhen(story.createdAt, view.today, view.zone, view.text);
    drawLabel(drawList, fonts.small, fonts.small->FontSize,
              ImVec2(card.Max.x - pad - textWidth(fonts.small, day), badge.GetCenter().y - fonts.small->FontSize * 0.5f),
              palette.textMuted, day);
    at.y = badge.Max.y + theme.px(24);
    drawText(drawList, layout.story, at, palette.text);
    at.y += layout.story.height() + theme.px(32);

    const float rowHeight = std::max(buttonHeight, layout.by.height());
    drawText(drawList, layout.by, ImVec2(at.x, at.y + (rowHeight - layout.by.height()) * 0.5f), palette.textMuted);
    const bool done = view.applauded.contains(story.nominationId);
    const std::string label =
        view.text.format(done ? "applauded" : "applaud", {{"n", std::to_string(story.applause)}});
    const ImRect applaudRect(ImVec2(card.Max.x - pad - applaudWidth, at.y + (rowHeight - buttonHeight) * 0.5f),
                             ImVec2(card.Max.x - pad, at.y + (rowHeight + buttonHeight) * 0.5f));
    if (button(drawList, theme, applaudRect, label, true, !done) && inView) intent.applaud = story.nominationId;
  }
  drawList->PopClipRect();

  drawScrollFades(drawList, theme, ImRect(ImVec2(0, viewport.Min.y), display), m_scroll);
  return intent;
}

}  // namespace wof::ui
