// The wall: header, filter chips, spotlight carousel, champions and the grid of people
// recognised. Layer: ui.
#define IMGUI_DEFINE_MATH_OPERATORS  // ImVec2 arithmetic from imgui_internal.h
#include "ui/screens/wall_screen.hpp"

#include <algorithm>
#include <cmath>

#include "core/util/text.hpp"
#include "ui/photo_cache.hpp"
#include "ui/widgets/text_layout.hpp"
#include "ui/widgets/widgets.hpp"

namespace wof::ui {

namespace {

constexpr double kSlideSeconds = 0.4;            // one slide, on its own or after a swipe
constexpr double kSlideFrameSeconds = 1.0 / 30;  // its pace: about 12 frames in all
constexpr double kDriftCheckSeconds = 30;        // an untouched wall looks this often whether the drift moved a pixel
constexpr double kSwipeFraction = 0.12;    // of a card's width, to move on to the next one
constexpr float kNominateHeight = 104;     // design px of the "Recognise a colleague" button
constexpr float kHeaderButtonHeight = 76;  // design px: Hall of Fame and the language button
constexpr float kChipHeight = 64;          // design px: well above a 48 px finger target
constexpr float kChampionHeight = 164;     // design px of one champion's card
constexpr int kMaxPinnedChampions = 2;     // more are in the Hall of Fame
constexpr float kDriftPixels = 8;          // design px the wall wanders at most (burn-in care)

int wrapIndex(double slot, int count) {
  const int index = static_cast<int>(std::fmod(slot, static_cast<double>(count)));
  return index < 0 ? index + count : index;
}

// [SECTION] spotlight card

void drawStoryCard(const WallView& view, const Theme& theme, PhotoCache& photos, const core::WallStory& story,
                   const ImRect& rect, bool pressed) {
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
  drawPill(drawList, theme, fonts.small, behaviourName(view.text, story.behaviourKey, story.behaviourTitle),
           ImVec2(textX, y), textWidthAvailable, palette.badge, palette.onBadge);
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
    drawLabel(drawList, fonts.bodyBold, fonts.bodyBold->FontSize,
              ImVec2(inner.Max.x - textWidth(fonts.bodyBold, applause), footerTop), palette.accent, applause);
  }
  drawText(drawList, layoutText(fonts.body, nominatedBy(story, view.text), inner.GetWidth() - applauseWidth, 1),
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

void drawEmptySpotlight(const WallView& view, const Theme& theme, const ImRect& rect) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  drawCard(drawList, theme, rect, theme.palette().surface);
  const float width = rect.GetWidth() - theme.px(120);
  const bool filtered = !view.filter.all();
  const TextBlock title = layoutText(fonts.heading, view.text(filtered ? "no_filtered_stories" : "no_stories"), width, 2);
  const TextBlock body =
      layoutText(fonts.lead, view.text(filtered ? "no_filtered_stories_body" : "no_stories_body"), width, 4);
  const float height = title.height() + theme.px(24) + body.height();
  const float top = rect.GetCenter().y - height * 0.5f;
  const float left = rect.Min.x + theme.px(60);
  drawText(drawList, title, ImVec2(left, top), theme.palette().text, width, true);
  drawText(drawList, body, ImVec2(left, top + title.height() + theme.px(24)), theme.palette().textMuted, width, true);
}

// [SECTION] people grid

// `withPhoto` false: initials only (a tile out of view, drawn for bench/run's no-clipping anchor,
// must not pull every photo into the cache).
void drawPersonTile(const Theme& theme, PhotoCache& photos, const core::RecognisedPerson& person, const ImRect& rect,
                    bool pressed, bool withPhoto = true) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();
  drawCard(drawList, theme, rect, pressed ? palette.surfacePressed : palette.surface);
  const float pad = theme.px(24);
  const float avatar = rect.GetHeight() - 2 * pad;
  drawAvatar(drawList, theme, photos, withPhoto ? person.photoFile : std::string(), person.employeeId, person.displayName,
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
  drawLabel(drawList, fonts.bodyBold, fonts.bodyBold->FontSize, ImVec2(textX, line), palette.count, count);
  const float departmentX = textX + countWidth + theme.px(16);
  const TextBlock department = layoutText(fonts.body, person.department, rect.Max.x - pad - departmentX, 1);
  drawText(drawList, department, ImVec2(departmentX, line), palette.textMuted);
}

}  // namespace

// [SECTION] carousel

void WallScreen::Carousel::slideTo(double to, double now) {
  slideFrom = position;
  target = to;
  slideStart = now - kSlideFrameSeconds;  // the first frame already moves
}

void WallScreen::Carousel::update(const ImRect& area, float pitch, int count, double now, double restSeconds) {
  if (count <= 1) {
    *this = Carousel{};
    lastStep = now;
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
    double to = std::round(position);
    if (to == from && std::fabs(moved) > kSwipeFraction) to = from + (moved > 0 ? 1 : -1);
    slideTo(to, now);
  } else if (restSeconds > 0 && position == target && now - lastStep >= restSeconds) {
    slideTo(std::round(target) + 1, now);
    lastStep = now;
  }
  if (position == target) return;
  const double t = std::clamp((now - slideStart) / kSlideSeconds, 0.0, 1.0);
  const double eased = 1.0 - (1.0 - t) * (1.0 - t) * (1.0 - t);  // quick start, gentle stop
  position = t >= 1.0 ? target : slideFrom + (target - slideFrom) * eased;
  lastFrame = now;
}

// [SECTION] wall

void WallScreen::reset(double now) {
  m_chips = ChipStrip{};
  restart(now);
}

void WallScreen::restart(double now) {
  m_chips.reveal = true;
  m_carousel = Carousel{};
  m_carousel.lastStep = now;
  m_peopleScroll.reset();
}

// Burn-in care: the whole wall (header, chips, cards, buttons) wanders a few pixels over tens of
// minutes, so no edge or letter stays on the same pixels for hours.
ImVec2 WallScreen::driftAt(double now) const {
  return ImVec2(m_pixel * kDriftPixels * static_cast<float>(std::sin(now / 613.0)),
                m_pixel * kDriftPixels * 0.75f * static_cast<float>(std::sin(now / 977.0)));
}

double WallScreen::secondsUntilWake(double now) const {
  if (m_peopleScroll.animating()) return 0;
  if (m_carousel.animating()) return std::max(0.0, m_carousel.lastFrame + kSlideFrameSeconds - now);
  double until = kDriftCheckSeconds;
  if (m_storyCount > 1 && m_spotlightSeconds > 0) until = std::min(until, m_carousel.lastStep + m_spotlightSeconds - now);
  return std::max(0.0, until);
}

const char* WallScreen::frameReason(double now) const {
  if (m_peopleScroll.animating()) return "scroll";
  if (m_carousel.animating()) return now >= m_carousel.lastFrame + kSlideFrameSeconds ? "slide" : nullptr;
  if (m_storyCount > 1 && m_spotlightSeconds > 0 && now >= m_carousel.lastStep + m_spotlightSeconds) return "slide";
  // The drift moves a whole pixel every minute or so at most: a frame then, not before.
  const ImVec2 drift = driftAt(now);
  if (std::lround(drift.x) != std::lround(m_drawnDrift.x) || std::lround(drift.y) != std::lround(m_drawnDrift.y))
    return "drift";
  return nullptr;
}

WallIntent WallScreen::draw(const WallView& view, const Theme& theme, PhotoCache& photos, double now) {
  WallIntent intent;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float margin = theme.px(56);
  const float gap = theme.px(44);
  m_pixel = theme.px(1);
  const ImVec2 drift = driftAt(now);
  m_drawnDrift = drift;
  const float headerBottom = drawBanner(view, theme, drawHeader(view, theme, drift, intent), drift);
  const float top = drawChips(view, theme, headerBottom + theme.px(28), drift, intent) + theme.px(32);
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
  people.Min.y += drawChampions(view, theme, photos, people, intent);
  drawPeople(view, theme, photos, people, now, intent);

  // Always in reach: bottom right, below the grid.
  const std::string label = view.text("recognise");
  const float width = textWidth(theme.fonts().bodyBold, label) + theme.px(120);
  const ImRect nominate(display - ImVec2(margin + width, margin + kNominateHeight * theme.scale()) + drift,
                        display - ImVec2(margin, margin) + drift);
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  drawList->AddRectFilled(nominate.Min + ImVec2(0, theme.px(6)), nominate.Max + ImVec2(0, theme.px(10)),
                          IM_COL32(72, 44, 24, 40), nominate.GetHeight() * 0.5f);
  if (button(drawList, theme, nominate, label, true)) intent.nominate = true;
  if (!view.silenceMarker.empty()) drawSilenceMarker(view, theme, drift);
  return intent;
}

// [SECTION] silence marker: one muted line for IT in the bottom margin, left, under the spotlight;
// small enough that nobody else reads it as a fault

void WallScreen::drawSilenceMarker(const WallView& view, const Theme& theme, ImVec2 drift) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  ImFont* font = theme.fonts().small;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float margin = theme.px(56);
  const float radius = theme.px(5);
  const TextBlock text = layoutText(font, view.silenceMarker, display.x * 0.45f, 1);
  const float centreY = display.y - margin * 0.5f + drift.y;
  drawList->AddCircleFilled(ImVec2(margin + radius + drift.x, centreY), radius, theme.palette().textMuted);
  drawText(drawList, text, ImVec2(margin + 3 * radius + theme.px(8) + drift.x, centreY - text.height() * 0.5f),
           theme.palette().textMuted);
}

// [SECTION] header: the title, then the Hall of Fame and the language button on the right

float WallScreen::drawHeader(const WallView& view, const Theme& theme, ImVec2 drift, WallIntent& intent) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();
  const float margin = theme.px(56);
  const float width = ImGui::GetIO().DisplaySize.x;
  const ImVec2 titleAt(margin + drift.x, theme.px(40) + drift.y);

  const float buttonHeight = theme.px(kHeaderButtonHeight);
  const float buttonTop = titleAt.y + (fonts.display->FontSize - buttonHeight) * 0.5f;
  const std::string language = view.text("other_language");
  const std::string hall = view.text("hall_of_fame_button");
  const float languageWidth = textWidth(fonts.bodyBold, language) + theme.px(64);
  const float hallWidth = textWidth(fonts.bodyBold, hall) + theme.px(64);
  const float right = width - margin + drift.x;
  const ImRect languageRect(ImVec2(right - languageWidth, buttonTop), ImVec2(right, buttonTop + buttonHeight));
  const ImRect hallRect(ImVec2(languageRect.Min.x - theme.px(20) - hallWidth, buttonTop),
                        ImVec2(languageRect.Min.x - theme.px(20), buttonTop + buttonHeight));
  if (button(drawList, theme, languageRect, language, false)) intent.switchLanguage = true;
  if (button(drawList, theme, hallRect, hall, false)) intent.hallOfFame = true;

  const TextBlock title = layoutText(fonts.display, view.text("wall_title"), hallRect.Min.x - theme.px(32) - titleAt.x, 1);
  drawText(drawList, title, titleAt, palette.text);
  const float barTop = titleAt.y + fonts.display->FontSize + theme.px(12);
  drawList->AddRectFilled(ImVec2(titleAt.x, barTop), ImVec2(titleAt.x + theme.px(88), barTop + theme.px(7)),
                          palette.accent, theme.px(4));
  return barTop + theme.px(7);
}

// [SECTION] banner: fleet.toml's line for every kiosk ("Nominations for November close Friday"),
// in a card across the wall under the title; at most two lines, ending in "…" when longer.

float WallScreen::drawBanner(const WallView& view, const Theme& theme, float top, ImVec2 drift) {
  if (core::trim(view.banner).empty()) return top;
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const float margin = theme.px(56);
  const float padding = theme.px(28);
  const float left = margin + drift.x, right = ImGui::GetIO().DisplaySize.x - margin + drift.x;
  const TextBlock text = layoutText(theme.fonts().body, core::trim(view.banner), right - left - 2 * padding, 2);
  const float boxTop = top + theme.px(24);
  const ImRect box(ImVec2(left, boxTop), ImVec2(right, boxTop + text.height() + 2 * theme.px(18)));
  drawCard(drawList, theme, box, theme.palette().badge);
  drawText(drawList, text, box.Min + ImVec2(padding, theme.px(18)), theme.palette().onBadge);
  return box.Max.y;
}

// [SECTION] filter chips: "All", then each behaviour, then each department

float WallScreen::drawChips(const WallView& view, const Theme& theme, float top, ImVec2 drift, WallIntent& intent) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const ImGuiIO& io = ImGui::GetIO();
  const float margin = theme.px(56);
  const float height = theme.px(kChipHeight);
  const float gap = theme.px(14);
  const ImRect strip(ImVec2(margin + drift.x, top), ImVec2(io.DisplaySize.x - margin + drift.x, top + height));

  struct Chip {
    std::string label;
    core::WallFilter filter;  // what a tap shows
    bool chosen;
    bool groupStart;  // a little more room before it: behaviours, then departments
  };
  std::vector<Chip> chips;
  chips.push_back({view.text("filter_all"), core::WallFilter{}, view.filter.all(), false});
  for (const core::Behaviour& behaviour : view.behaviours) {
    const bool chosen = view.filter.behaviourKey == behaviour.key;
    core::WallFilter filter = view.filter;
    filter.behaviourKey = chosen ? "" : behaviour.key;  // a second tap lets go of it
    chips.push_back({behaviourName(view.text, behaviour.key, behaviour.title), filter, chosen,
                     &behaviour == &view.behaviours.front()});
  }
  for (const std::string& department : view.departments) {
    const bool chosen = view.filter.department == department;
    core::WallFilter filter = view.filter;
    filter.department = chosen ? "" : department;
    chips.push_back({department, filter, chosen, &department == &view.departments.front()});
  }
  float total = 0;
  float chosenLeft = 0;
  float chosenRight = 0;
  for (const Chip& entry : chips) {
    total += entry.groupStart ? theme.px(24) : 0;
    if (entry.chosen && &entry != &chips.front()) {
      chosenLeft = std::min(chosenLeft == 0 ? total : chosenLeft, total);
      chosenRight = total + chipWidth(theme, entry.label);
    }
    total += chipWidth(theme, entry.label) + gap;
  }
  total -= gap;

  // A finger drags the strip sideways when it is wider than the screen.
  const float maxOffset = std::max(0.0f, total - strip.GetWidth());
  if (ImGui::IsMouseClicked(0) && strip.Contains(io.MousePos) && tapsEnabled()) {
    m_chips.dragging = true;
    m_chips.dragStartX = io.MousePos.x;
    m_chips.dragStartOffset = m_chips.offset;
  }
  if (m_chips.dragging) {
    m_chips.offset = m_chips.dragStartOffset + (m_chips.dragStartX - io.MousePos.x);
    if (!io.MouseDown[0]) m_chips.dragging = false;
  }
  // After the filter changes, its chips come into sight (a chip can be chosen with the strip
  // scrolled, and a new language makes every chip wider).
  if (m_chips.reveal && !m_chips.dragging) {
    const float lowest = chosenRight - strip.GetWidth() + theme.px(72);
    const float highest = chosenLeft - theme.px(72);
    if (chosenRight > 0) m_chips.offset = lowest > highest ? highest : std::clamp(m_chips.offset, lowest, highest);
    m_chips.reveal = false;
  }
  m_chips.offset = std::clamp(m_chips.offset, 0.0f, maxOffset);

  drawList->PushClipRect(strip.Min - ImVec2(0, theme.px(4)), strip.Max + ImVec2(0, theme.px(4)), true);
  float x = strip.Min.x - m_chips.offset;
  for (const Chip& entry : chips) {
    if (entry.groupStart) {
      const float divider = x + theme.px(4);
      drawList->AddRectFilled(ImVec2(divider, top + theme.px(14)), ImVec2(divider + theme.px(3), top + height - theme.px(14)),
                              theme.palette().divider);
      x += theme.px(24);
    }
    const ImRect rect(ImVec2(x, top), ImVec2(x + chipWidth(theme, entry.label), top + height));
    x = rect.Max.x + gap;
    if (rect.Max.x < strip.Min.x || rect.Min.x > strip.Max.x) continue;
    if (chip(drawList, theme, rect, entry.label, entry.chosen) && strip.Contains(io.MouseClickedPos[0]) &&
        entry.filter != view.filter)
      intent.filter = entry.filter;
  }
  drawList->PopClipRect();

  // Soft edges where more chips wait, like the grid's fades.
  const ImU32 solid = theme.palette().background;
  const ImU32 clear = solid & ~IM_COL32_A_MASK;
  const float fade = theme.px(72);
  if (m_chips.offset > 0.5f)
    drawList->AddRectFilledMultiColor(strip.Min - ImVec2(1, 0), ImVec2(strip.Min.x + fade, strip.Max.y), solid, clear,
                                      clear, solid);
  if (m_chips.offset < maxOffset - 0.5f)
    drawList->AddRectFilledMultiColor(ImVec2(strip.Max.x - fade, strip.Min.y), strip.Max + ImVec2(1, 0), clear, solid,
                                      solid, clear);
  return strip.Max.y;
}

// [SECTION] spotlight

void WallScreen::drawSpotlight(const WallView& view, const Theme& theme, PhotoCache& photos, const ImRect& area,
                               double now, WallIntent& intent) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Palette& palette = theme.palette();
  const float dotsHeight = theme.px(52);
  const ImRect cardArea(area.Min, area.Max - ImVec2(0, dotsHeight));
  const int count = static_cast<int>(view.stories.size());
  m_storyCount = count;
  if (count == 0) {
    drawEmptySpotlight(view, theme, cardArea);
    return;
  }
  const float pitch = cardArea.GetWidth() + theme.px(80);
  m_carousel.update(cardArea, pitch, count, now, m_spotlightSeconds);
  const int current = wrapIndex(std::round(m_carousel.position), count);
  const bool pressed = !m_carousel.dragging && m_carousel.position == m_carousel.target && pressing(theme, cardArea);

  drawList->PushClipRect(area.Min - ImVec2(1, 1), area.Max + ImVec2(1, 0), true);
  const double first = std::floor(m_carousel.position);
  for (double slot = first; slot <= first + 1; slot += 1) {
    const float offset = static_cast<float>((slot - m_carousel.position) * pitch);
    if (std::fabs(offset) >= pitch) continue;
    const ImRect rect(cardArea.Min + ImVec2(offset, 0), cardArea.Max + ImVec2(offset, 0));
    drawStoryCard(view, theme, photos, view.stories[wrapIndex(slot, count)], rect, pressed && offset == 0.0f);
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

// [SECTION] champions and people

float WallScreen::drawChampions(const WallView& view, const Theme& theme, PhotoCache& photos, const ImRect& area,
                                WallIntent& intent) {
  const float height = theme.px(kChampionHeight);
  const float gap = theme.px(20);
  // Leave the grid room for two rows of people below. When more champions than fit, they take
  // turns, one step of the carousel each.
  const int count = static_cast<int>(view.champions.size());
  const int room = static_cast<int>((area.GetHeight() - theme.px(380)) / (height + gap));
  const int shown = std::min({count, kMaxPinnedChampions, std::max(room, 1)});
  const int turn = shown < count ? wrapIndex(std::floor(m_carousel.target), count) : 0;
  float y = area.Min.y;
  for (int i = 0; i < shown; ++i) {
    const ImRect rect(ImVec2(area.Min.x, y), ImVec2(area.Max.x, y + height));
    const core::Winner& champion = view.champions[(turn + i) % count];
    drawChampionCard(theme, photos, champion,
                     view.text.format("champion_of", {{"month", formatMonth(champion.period, view.text)}}), rect,
                     pressing(theme, rect));
    if (tapped(theme, rect)) intent.openPerson = champion.employeeId;
    y += height + gap;
  }
  return shown > 0 ? y - area.Min.y + theme.px(12) : 0.0f;
}

void WallScreen::drawPeople(const WallView& view, const Theme& theme, PhotoCache& photos, const ImRect& area,
                            double now, WallIntent& intent) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();

  const std::string count = std::to_string(view.people.size());
  const std::string total =
      view.text.format(view.people.size() == 1 ? "people_one" : "people_many", {{"n", count}, {"days", std::to_string(view.days)}});
  const TextBlock totalBlock = layoutText(fonts.body, total, area.GetWidth() * 0.5f, 1);
  const TextBlock heading =
      layoutText(fonts.heading, view.text("people_recognised"), area.GetWidth() - totalBlock.width() - theme.px(24), 1);
  drawText(drawList, heading, area.Min, palette.text);
  const float baseline = area.Min.y + fonts.heading->Ascent;
  drawText(drawList, totalBlock, ImVec2(area.Max.x - totalBlock.width(), baseline - fonts.body->Ascent),
           palette.textMuted);
  const ImRect viewport(ImVec2(area.Min.x, area.Min.y + fonts.heading->FontSize + theme.px(28)), area.Max);
  if (view.people.empty()) {
    const TextBlock none = layoutText(
        fonts.lead, view.text.format(view.filter.all() ? "nobody_yet" : "nobody_filtered", {{"days", std::to_string(view.days)}}),
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
  const std::size_t begin = m_clipCards ? static_cast<std::size_t>(firstRow) * perRow : 0;
  for (std::size_t i = begin; i < (m_clipCards ? end : view.people.size()); ++i) {
    const int row = static_cast<int>(i) / columns;
    const int column = static_cast<int>(i) % columns;
    const ImVec2 at = viewport.Min + ImVec2(column * (tileWidth + tileGap),
                                            row * (tileHeight + tileGap) - m_peopleScroll.offset());
    const ImRect rect(at, at + ImVec2(tileWidth, tileHeight));
    const bool visible = rect.Max.y + shadowRoom >= viewport.Min.y && rect.Min.y <= viewport.Max.y;
    if (!visible && m_clipCards) continue;
    const bool pressed = inView && pressing(theme, rect);
    drawPersonTile(theme, photos, view.people[i], rect, pressed, visible);
    if (inView && tapped(theme, rect)) intent.openPerson = view.people[i].employeeId;
  }
  drawList->PopClipRect();

  drawScrollFades(drawList, theme, viewport, m_peopleScroll);
}

}  // namespace wof::ui
