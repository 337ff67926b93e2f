// The wall: header, spotlight carousel and the grid of people recognised. Layer: ui.
#define IMGUI_DEFINE_MATH_OPERATORS  // ImVec2 arithmetic from imgui_internal.h
#include "ui/wall_screen.hpp"

#include <algorithm>
#include <cmath>

#include "ui/text_layout.hpp"
#include "ui/widgets.hpp"

namespace wof::ui {

namespace {

constexpr double kSpotlightSeconds = 8.0;  // each story stays this long
constexpr double kSlideRate = 6.0;         // per second: a slide is 95% done in half a second
constexpr double kSwipeFraction = 0.12;    // of a card's width, to move on to the next one
constexpr float kNominateHeight = 104;     // design px of the "Recognise a colleague" button
constexpr float kDriftPixels = 8;          // design px the wall wanders at most (burn-in care)

int wrapIndex(double slot, int count) {
  const int index = static_cast<int>(std::fmod(slot, static_cast<double>(count)));
  return index < 0 ? index + count : index;
}

// [SECTION] header

float drawHeader(const WallView& view, const Theme& theme, float margin, ImVec2 drift) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();
  const float width = ImGui::GetIO().DisplaySize.x;
  const ImVec2 titleAt(margin + drift.x, theme.px(40) + drift.y);
  drawList->AddText(fonts.display, fonts.display->FontSize, titleAt, palette.text, "Wall of Fame");
  const float titleWidth = textWidth(fonts.display, "Wall of Fame");
  const float barTop = titleAt.y + fonts.display->FontSize + theme.px(12);
  drawList->AddRectFilled(ImVec2(margin, barTop), ImVec2(margin + theme.px(88), barTop + theme.px(7)), palette.accent,
                          theme.px(4));

  const std::string period = "Last " + std::to_string(view.days) + " days \u00B7 since " + formatDay(view.since);
  const float room = width - 2 * margin - titleWidth - theme.px(48);
  const TextBlock label = layoutText(fonts.body, period, room, 1);
  const float baseline = titleAt.y + fonts.display->Ascent;
  drawText(drawList, label, ImVec2(width - margin + drift.x - label.width(), baseline - fonts.body->Ascent), palette.textMuted);
  return barTop + theme.px(7);
}

// [SECTION] spotlight card

void drawStoryCard(const Theme& theme, PhotoCache& photos, const core::WallStory& story, const ImRect& rect,
                   bool pressed) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();
  drawCard(drawList, theme, rect, pressed ? palette.surfacePressed : palette.surface);
  const float pad = theme.px(52);
  const ImRect inner(rect.Min + ImVec2(pad, pad), rect.Max - ImVec2(pad, pad));

  // Photo, and beside it the behaviour, the name and where they work.
  const float photo =
      std::clamp(std::min(inner.GetWidth() * 0.32f, inner.GetHeight() * 0.42f), theme.px(120), theme.px(320));
  drawAvatar(drawList, theme, photos, story.photoFile, story.nomineeId, story.nomineeName,
             inner.Min + ImVec2(photo, photo) * 0.5f, photo);
  const float textX = inner.Min.x + photo + theme.px(44);
  const float textWidthAvailable = inner.Max.x - textX;
  const TextBlock name = layoutText(fonts.display, story.nomineeName, textWidthAvailable, 2);
  const TextBlock where = layoutText(fonts.body, departmentAndSite(story.department, story.site), textWidthAvailable, 2);
  const float badgeHeight = pillHeight(theme, fonts.small);
  const float blockHeight = badgeHeight + theme.px(22) + name.height() + theme.px(14) + where.height();
  float y = inner.Min.y + std::max(0.0f, (photo - blockHeight) * 0.5f);
  drawPill(drawList, theme, fonts.small, story.behaviourTitle, ImVec2(textX, y), textWidthAvailable, palette.badge,
           palette.onBadge);
  y += badgeHeight + theme.px(22);
  drawText(drawList, name, ImVec2(textX, y), palette.text);
  y += name.height() + theme.px(14);
  drawText(drawList, where, ImVec2(textX, y), palette.textMuted);
  const float headBottom = std::max(inner.Min.y + photo, y + where.height());

  // Footer: who nominated, and the applause so far.
  const float footerTop = inner.Max.y - fonts.body->FontSize;
  const std::string applause = story.applause > 0 ? "\u2665 " + std::to_string(story.applause) : "";
  const float applauseWidth = applause.empty() ? 0.0f : textWidth(fonts.bodyBold, applause) + theme.px(24);
  if (!applause.empty()) {
    drawList->AddText(fonts.bodyBold, fonts.bodyBold->FontSize,
                      ImVec2(inner.Max.x - textWidth(fonts.bodyBold, applause), footerTop), palette.accent,
                      applause.c_str());
  }
  drawText(drawList, layoutText(fonts.body, nominatedBy(story), inner.GetWidth() - applauseWidth, 1),
           ImVec2(inner.Min.x, footerTop), palette.textMuted);

  // The story fills what is left, cut after a whole word when it is long.
  const float storyTop = headBottom + theme.px(40);
  const float storyBottom = footerTop - theme.px(36);
  const TextBlock probe{fonts.lead, {}, false};
  const int lines = static_cast<int>(std::floor((storyBottom - storyTop - fonts.lead->FontSize) / probe.lineHeight())) + 1;
  if (lines > 0) {
    drawText(drawList, layoutText(fonts.lead, quotedStory(story), inner.GetWidth(), lines),
             ImVec2(inner.Min.x, storyTop), palette.text);
  }
}

void drawEmptySpotlight(const Theme& theme, const ImRect& rect) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  drawCard(drawList, theme, rect, theme.palette().surface);
  const float width = rect.GetWidth() - theme.px(120);
  const TextBlock title = layoutText(fonts.heading, "No stories yet", width, 2);
  const TextBlock body = layoutText(
      fonts.lead, "When a colleague is recognised for going the extra mile for a customer, their story appears here.",
      width, 4);
  const float height = title.height() + theme.px(24) + body.height();
  const float top = rect.GetCenter().y - height * 0.5f;
  const float left = rect.Min.x + theme.px(60);
  drawText(drawList, title, ImVec2(left, top), theme.palette().text, width, true);
  drawText(drawList, body, ImVec2(left, top + title.height() + theme.px(24)), theme.palette().textMuted, width, true);
}

// [SECTION] people grid

void drawPersonTile(const Theme& theme, PhotoCache& photos, const core::RecognisedPerson& person, const ImRect& rect,
                    bool pressed) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();
  drawCard(drawList, theme, rect, pressed ? palette.surfacePressed : palette.surface);
  const float pad = theme.px(24);
  const float avatar = rect.GetHeight() - 2 * pad;
  drawAvatar(drawList, theme, photos, person.photoFile, person.employeeId, person.displayName,
             ImVec2(rect.Min.x + pad + avatar * 0.5f, rect.GetCenter().y), avatar);

  // Name on top (two lines at most); below it the count, then the department.
  const float textX = rect.Min.x + pad + avatar + theme.px(24);
  const float width = rect.Max.x - pad - textX;
  const TextBlock name = layoutText(fonts.bodyBold, person.displayName, width, 2);
  const std::string count = "\u2605 " + std::to_string(person.count);
  const float countWidth = textWidth(fonts.bodyBold, count);
  const float gap = theme.px(8);
  const float top = rect.GetCenter().y - (name.height() + gap + fonts.body->FontSize) * 0.5f;
  drawText(drawList, name, ImVec2(textX, top), palette.text);
  const float line = top + name.height() + gap;
  drawList->AddText(fonts.bodyBold, fonts.bodyBold->FontSize, ImVec2(textX, line), palette.count, count.c_str());
  const float departmentX = textX + countWidth + theme.px(16);
  const TextBlock department = layoutText(fonts.body, person.department, rect.Max.x - pad - departmentX, 1);
  drawText(drawList, department, ImVec2(departmentX, line), palette.textMuted);
}

}  // namespace

// [SECTION] carousel

void WallScreen::Carousel::update(const ImRect& area, float pitch, int count, double now) {
  const double dt = std::clamp(now - lastUpdate, 0.0, 0.1);
  lastUpdate = now;
  if (count <= 1) {
    *this = Carousel{0, 0, now, now, false, 0, 0};
    return;
  }
  const ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsMouseClicked(0) && area.Contains(io.MousePos)) {
    dragging = true;
    dragStartX = io.MousePos.x;
    dragStartPosition = position;
  }
  if (dragging) {
    lastStep = now;
    const double moved = (dragStartX - io.MousePos.x) / pitch;
    position = dragStartPosition + moved;
    target = position;
    if (io.MouseDown[0]) return;
    dragging = false;
    const double from = std::round(dragStartPosition);
    target = std::round(position);
    if (target == from && std::fabs(moved) > kSwipeFraction) target = from + (moved > 0 ? 1 : -1);
  } else if (now - lastStep >= kSpotlightSeconds) {
    target = std::round(target) + 1;
    lastStep = now;
  }
  position += (target - position) * (1.0 - std::exp(-kSlideRate * dt));
  if (std::fabs(target - position) < 0.0005) position = target;
}

// [SECTION] wall

void WallScreen::reset(double now) {
  m_carousel = Carousel{};
  m_carousel.lastStep = now;
  m_carousel.lastUpdate = now;
  m_peopleScroll.reset();
}

double WallScreen::secondsUntilChange(double now) const {
  if (m_carousel.animating() || m_peopleScroll.animating()) return 0;
  if (m_storyCount <= 1) return 3600;
  return std::max(0.0, m_carousel.lastStep + kSpotlightSeconds - now);
}

WallIntent WallScreen::draw(const WallView& view, const Theme& theme, PhotoCache& photos, double now) {
  WallIntent intent;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float margin = theme.px(56);
  const float gap = theme.px(44);
  // Burn-in care: the whole wall wanders a few pixels over tens of minutes, so no edge or letter
  // stays on the same pixels for hours. It moves only when the wall redraws anyway.
  const ImVec2 drift(theme.px(kDriftPixels) * static_cast<float>(std::sin(now / 613.0)),
                     theme.px(kDriftPixels * 0.75f) * static_cast<float>(std::sin(now / 977.0)));
  const float top = drawHeader(view, theme, margin, drift) + theme.px(40);
  const ImRect content(ImVec2(margin + drift.x, top), display - ImVec2(margin - drift.x, margin - drift.y));

  ImRect spotlight;
  ImRect people;
  if (display.x >= display.y * 1.25f) {  // landscape: spotlight left, people right
    const float split = content.Min.x + (content.GetWidth() - gap) * 0.6f;
    spotlight = ImRect(content.Min, ImVec2(split, content.Max.y));
    people = ImRect(ImVec2(split + gap, content.Min.y), content.Max);
  } else {  // portrait or square: spotlight above, people below
    const float split = content.Min.y + (content.GetHeight() - gap) * 0.5f;
    spotlight = ImRect(content.Min, ImVec2(content.Max.x, split));
    people = ImRect(ImVec2(content.Min.x, split + gap), content.Max);
  }
  people.Max.y -= theme.px(kNominateHeight + 28);  // the button's own strip below the grid
  drawSpotlight(view, theme, photos, spotlight, now, intent);
  drawPeople(view, theme, photos, people, now, intent);

  // Always in reach: bottom right, below the grid.
  const std::string label = (*view.text)("recognise");
  const float width = textWidth(theme.fonts().bodyBold, label) + theme.px(120);
  const ImRect nominate(display - ImVec2(margin + width, margin + kNominateHeight * theme.scale()) + drift,
                        display - ImVec2(margin, margin) + drift);
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  drawList->AddRectFilled(nominate.Min + ImVec2(0, theme.px(6)), nominate.Max + ImVec2(0, theme.px(10)),
                          IM_COL32(72, 44, 24, 40), nominate.GetHeight() * 0.5f);
  if (button(drawList, theme, nominate, label, true)) intent.nominate = true;
  return intent;
}

void WallScreen::drawSpotlight(const WallView& view, const Theme& theme, PhotoCache& photos, const ImRect& area,
                               double now, WallIntent& intent) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Palette& palette = theme.palette();
  const float dotsHeight = theme.px(52);
  const ImRect cardArea(area.Min, area.Max - ImVec2(0, dotsHeight));
  const int count = static_cast<int>(view.stories.size());
  m_storyCount = count;
  if (count == 0) {
    drawEmptySpotlight(theme, cardArea);
    return;
  }
  const float pitch = cardArea.GetWidth() + theme.px(80);
  m_carousel.update(cardArea, pitch, count, now);
  const int current = wrapIndex(std::round(m_carousel.position), count);
  const bool pressed = !m_carousel.dragging && m_carousel.position == m_carousel.target && pressing(theme, cardArea);

  drawList->PushClipRect(area.Min - ImVec2(1, 1), area.Max + ImVec2(1, 0), true);
  const double first = std::floor(m_carousel.position);
  for (double slot = first; slot <= first + 1; slot += 1) {
    const float offset = static_cast<float>((slot - m_carousel.position) * pitch);
    if (std::fabs(offset) >= pitch) continue;
    const ImRect rect(cardArea.Min + ImVec2(offset, 0), cardArea.Max + ImVec2(offset, 0));
    drawStoryCard(theme, photos, view.stories[wrapIndex(slot, count)], rect, pressed && offset == 0.0f);
  }
  drawList->PopClipRect();
  if (tapped(theme, cardArea)) intent.openPerson = view.stories[current].nomineeId;

  if (count > 1) {  // page dots
    const float dot = theme.px(12);
    const float active = theme.px(40);
    const float spacing = theme.px(14);
    const float total = (count - 1) * (dot + spacing) + active;
    float x = area.GetCenter().x - total * 0.5f;
    const float y = area.Max.y - dotsHeight * 0.5f + theme.px(6);
    for (int i = 0; i < count; ++i) {
      const float w = i == current ? active : dot;
      drawList->AddRectFilled(ImVec2(x, y - dot * 0.5f), ImVec2(x + w, y + dot * 0.5f),
                              i == current ? palette.accent : palette.divider, dot * 0.5f);
      x += w + spacing;
    }
  }
}

void WallScreen::drawPeople(const WallView& view, const Theme& theme, PhotoCache& photos, const ImRect& area,
                            double now, WallIntent& intent) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();

  const std::string heading = (*view.text)("people_recognised");
  drawList->AddText(fonts.heading, fonts.heading->FontSize, area.Min, palette.text, heading.c_str());
  const std::string total =
      std::to_string(view.people.size()) + (view.people.size() == 1 ? " person" : " people");
  const float baseline = area.Min.y + fonts.heading->Ascent;
  drawList->AddText(fonts.body, fonts.body->FontSize,
                    ImVec2(area.Max.x - textWidth(fonts.body, total), baseline - fonts.body->Ascent), palette.textMuted,
                    total.c_str());
  const ImRect viewport(ImVec2(area.Min.x, area.Min.y + fonts.heading->FontSize + theme.px(28)), area.Max);
  if (view.people.empty()) {
    const TextBlock none = layoutText(
        fonts.lead, "Nobody has been recognised in the last " + std::to_string(view.days) + " days yet.",
        viewport.GetWidth(), 3);
    drawText(drawList, none, viewport.Min + ImVec2(0, theme.px(12)), palette.textMuted);
    return;
  }

  const float tileGap = theme.px(20);
  const float tileHeight = theme.px(136);
  const int columns = std::max(1, static_cast<int>((viewport.GetWidth() + tileGap) / (theme.px(430) + tileGap)));
  const float tileWidth = (viewport.GetWidth() - (columns - 1) * tileGap) / columns;
  const int rows = (static_cast<int>(view.people.size()) + columns - 1) / columns;
  const float shadowRoom = theme.px(10);
  m_peopleScroll.update(viewport, rows * (tileHeight + tileGap) - tileGap + shadowRoom, now, theme.px(140));

  drawList->PushClipRect(viewport.Min, viewport.Max, true);
  const bool inView = viewport.Contains(ImGui::GetIO().MouseClickedPos[0]);
  // Only the rows in view are visited: a frame costs the same for 1,000 people as for 10,000.
  const float pitch = tileHeight + tileGap;
  const float offset = m_peopleScroll.offset();
  const int firstRow = std::max(0, static_cast<int>(std::floor((offset - tileHeight - shadowRoom) / pitch)));
  const int lastRow = static_cast<int>(std::floor((offset + viewport.GetHeight()) / pitch));
  const std::size_t perRow = static_cast<std::size_t>(columns);
  const std::size_t end = std::min(view.people.size(), static_cast<std::size_t>(std::max(0, lastRow + 1)) * perRow);
  for (std::size_t i = static_cast<std::size_t>(firstRow) * perRow; i < end; ++i) {
    const int row = static_cast<int>(i) / columns;
    const int column = static_cast<int>(i) % columns;
    const ImVec2 at = viewport.Min + ImVec2(column * (tileWidth + tileGap),
                                            row * (tileHeight + tileGap) - m_peopleScroll.offset());
    const ImRect rect(at, at + ImVec2(tileWidth, tileHeight));
    if (rect.Max.y + shadowRoom < viewport.Min.y || rect.Min.y > viewport.Max.y) continue;
    const bool pressed = inView && pressing(theme, rect);
    drawPersonTile(theme, photos, view.people[i], rect, pressed);
    if (inView && tapped(theme, rect)) intent.openPerson = view.people[i].employeeId;
  }
  drawList->PopClipRect();

  drawScrollFades(drawList, theme, viewport, m_peopleScroll);
}

}  // namespace wof::ui
