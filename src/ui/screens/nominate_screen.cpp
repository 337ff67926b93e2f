// The nomination wizard. Layer: ui.
#define IMGUI_DEFINE_MATH_OPERATORS  // ImVec2 arithmetic from imgui_internal.h
#include "ui/screens/nominate_screen.hpp"

#include <algorithm>
#include <cmath>

#include "core/util/text.hpp"
#include "ui/photo_cache.hpp"
#include "ui/widgets/text_layout.hpp"
#include "ui/widgets/widgets.hpp"

namespace wof::ui {

namespace {

constexpr int kSteps = 5;  // who, behaviour, story, from, review

float buttonHeight(const Theme& theme) { return theme.px(84); }

// A button as wide as its label.
ImRect labelRect(const Theme& theme, ImVec2 topLeft, std::string_view label) {
  return ImRect(topLeft, topLeft + ImVec2(textWidth(theme.fonts().bodyBold, label) + theme.px(72), buttonHeight(theme)));
}

// One person in a search result: photo, name, department.
void drawPersonTile(const Theme& theme, PhotoCache& photos, const core::Employee& person, const ImRect& rect,
                    bool pressed, bool selected) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();
  drawCard(drawList, theme, rect, pressed ? palette.surfacePressed : palette.surface);
  if (selected) drawList->AddRect(rect.Min, rect.Max, palette.accent, theme.px(28), 0, theme.px(4));
  const float pad = theme.px(18);
  const float avatar = rect.GetHeight() - 2 * pad;
  drawAvatar(drawList, theme, photos, person.photoFile, person.id, person.displayName,
             ImVec2(rect.Min.x + pad + avatar * 0.5f, rect.GetCenter().y), avatar);
  const float textX = rect.Min.x + pad + avatar + theme.px(20);
  const float width = rect.Max.x - pad - textX;
  const TextBlock name = layoutText(fonts.bodyBold, person.displayName, width, 1);
  const TextBlock where = layoutText(fonts.small, departmentAndSite(person.department, person.site), width, 1);
  const float gap = theme.px(8);
  const float top = rect.GetCenter().y - (name.height() + gap + where.height()) * 0.5f;
  drawText(drawList, name, ImVec2(textX, top), palette.text);
  drawText(drawList, where, ImVec2(textX, top + name.height() + gap), palette.textMuted);
}

constexpr core::NominatorVisibility kVisibilities[] = {core::NominatorVisibility::Public, core::NominatorVisibility::Private,
                                            core::NominatorVisibility::Anonymous};

std::string_view visibilityKey(core::NominatorVisibility visibility) {
  switch (visibility) {
    case core::NominatorVisibility::Public:
      return "show_my_name";
    case core::NominatorVisibility::Private:
      return "only_hr";
    case core::NominatorVisibility::Anonymous:
      break;
  }
  return "anonymous";
}

}  // namespace

// [SECTION] state

void NominateScreen::reset() {
  // Overwrite before dropping, so nothing typed lingers in this object's buffers.
  std::fill(m_story.begin(), m_story.end(), '\0');
  std::fill(m_whoQuery.begin(), m_whoQuery.end(), '\0');
  std::fill(m_fromQuery.begin(), m_fromQuery.end(), '\0');
  *this = NominateScreen();
}

std::string NominateScreen::searchQuery() const {
  if (m_step == Step::Who) return m_whoQuery;
  if (m_step == Step::From && m_visibility != core::NominatorVisibility::Anonymous) return m_fromQuery;
  return "";
}

core::NominationDraft NominateScreen::draft() const {
  core::NominationDraft draft;
  draft.nomineeId = m_nominee ? m_nominee->id : "";
  draft.behaviourKey = m_behaviourKey;
  draft.story = m_story;
  draft.visibility = m_visibility;
  if (m_visibility != core::NominatorVisibility::Anonymous && m_nominator) draft.nominatorId = m_nominator->id;
  return draft;
}

void NominateScreen::submitted(bool published) {
  std::optional<core::Employee> nominee = m_nominee;
  reset();
  m_nominee = std::move(nominee);  // for the thank-you's words only
  m_published = published;
  m_step = Step::Thanks;
}

void NominateScreen::rejected(const core::RuleViolation& violation) {
  m_submitting = false;
  Step step = Step::Review;
  switch (violation.rule) {
    case core::Rule::NomineeUnknown:
    case core::Rule::NomineeInactive:
      step = Step::Who;
      break;
    case core::Rule::BehaviourUnknown:
      step = Step::Behaviour;
      break;
    case core::Rule::StoryInvalidUtf8:
    case core::Rule::StoryTooShort:
    case core::Rule::StoryTooLong:
      step = Step::Story;
      break;
    case core::Rule::NominatorUnknown:
    case core::Rule::SelfNomination:
    case core::Rule::DailyCapReached:
      step = Step::From;
      break;
    case core::Rule::NotSaved:
      break;
  }
  go(step);
  m_violation = violation;
  m_violationStep = step;
}

void NominateScreen::go(Step step) {
  if (m_violation && step != m_violationStep) m_violation.reset();
  m_step = step;
  m_scroll.reset();
}

void NominateScreen::advance(Step next) {
  m_keyboard.reset();
  if (m_returnToReview) {
    m_returnToReview = false;
    next = Step::Review;
  }
  go(next);
}

KeyboardAction NominateScreen::nextKey(const NominateView& view) const {
  return KeyboardAction{view.text("next"), canGoOn(), false, view.text("space_key")};
}

bool NominateScreen::primaryButton(const Theme& theme, const ImRect& area, const std::string& label, bool enabled) {
  const float height = theme.px(100);
  const float width = std::min(area.GetWidth(), std::max(theme.px(560), textWidth(theme.fonts().bodyBold, label) + theme.px(96)));
  const ImRect rect(ImVec2(area.Max.x - width, area.Max.y - height), area.Max);
  return button(ImGui::GetWindowDrawList(), theme, rect, label, true, enabled) || (enabled && enterPressed());
}

void NominateScreen::preview(int step, const Preview& filled) {
  reset();
  m_nominee = filled.nominee;
  m_behaviourKey = filled.behaviour.key;
  m_behaviourTitle = filled.behaviour.title;
  m_story = filled.story;
  m_nominator = filled.nominator;
  m_whoQuery = filled.whoQuery;
  m_fromQuery = filled.fromQuery;
  m_keyboard.showScript(filled.keyboard);
  if (step >= static_cast<int>(Step::Thanks)) return submitted(true);
  go(static_cast<Step>(std::clamp(step, 0, static_cast<int>(Step::Review))));
}

bool NominateScreen::canGoOn() const {
  switch (m_step) {
    case Step::Who:
      return m_nominee.has_value();
    case Step::Behaviour:
      return !m_behaviourKey.empty();
    case Step::Story:
      return !core::checkStory(m_story).has_value();
    case Step::From:
      return m_visibility == core::NominatorVisibility::Anonymous || m_nominator.has_value();
    case Step::Review:
    case Step::Thanks:
      break;
  }
  return false;
}

void NominateScreen::drawViolation(const Theme& theme, ImVec2 at, float width) const {
  if (!m_violation || m_violationStep != m_step) return;
  drawText(ImGui::GetWindowDrawList(), layoutText(theme.fonts().bodyBold, m_violation->message, width, 2), at,
           theme.palette().accent);
}

// [SECTION] frame

NominateIntent NominateScreen::draw(const NominateView& view, const Theme& theme, PhotoCache& photos, double now) {
  NominateIntent intent;
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float margin = theme.px(56);
  const ImRect page(ImVec2(margin, theme.px(36)), display - ImVec2(margin, theme.px(36)));

  if (m_step == Step::Thanks) {
    drawThanks(view, theme, page, intent);
  } else {
    // Top bar: cancel and back on the left, the language on the right (as on the wall). The step's
    // primary action is at the bottom right, on the keyboard where there is one: where the thumb is.
    const core::Strings& text = view.text;
    const ImRect cancel = labelRect(theme, page.Min, text("cancel"));
    if (button(drawList, theme, cancel, text("cancel"), false)) intent.cancel = true;
    if (m_step != Step::Who) {
      const ImRect back = labelRect(theme, ImVec2(cancel.Max.x + theme.px(20), page.Min.y), text("back"));
      if (button(drawList, theme, back, text("back"), false)) {
        // Opened from the review: back is the review, unchanged.
        const bool toReview = m_returnToReview && m_step != Step::Review;
        m_returnToReview = false;
        go(toReview ? Step::Review : static_cast<Step>(static_cast<int>(m_step) - 1));
      }
    }
    const float languageWidth = textWidth(fonts.bodyBold, text("other_language")) + theme.px(72);
    if (button(drawList, theme,
               ImRect(ImVec2(page.Max.x - languageWidth, page.Min.y), ImVec2(page.Max.x, page.Min.y + buttonHeight(theme))),
               text("other_language"), false))
      intent.switchLanguage = true;

    // The step's question, under a quiet "Step 2 of 5".
    static constexpr const char* kQuestions[] = {"question_who", "question_behaviour", "question_story",
                                                 "question_from", "question_review"};
    const int index = static_cast<int>(m_step);
    float y = page.Min.y + buttonHeight(theme) + theme.px(36);
    const std::string stepLabel =
        text.format("step", {{"n", std::to_string(index + 1)}, {"total", std::to_string(kSteps)}});
    drawLabel(drawList, fonts.small, fonts.small->FontSize, ImVec2(page.Min.x, y), palette.textMuted, stepLabel);
    for (int i = 0; i < kSteps; ++i) {  // progress dots beside it
      const float dot = theme.px(12);
      const float x = page.Min.x + textWidth(fonts.small, stepLabel) + theme.px(24) + i * (dot + theme.px(10));
      const float cy = y + fonts.small->FontSize * 0.5f;
      drawList->AddCircleFilled(ImVec2(x + dot * 0.5f, cy), dot * 0.5f, i <= index ? palette.accent : palette.divider);
    }
    y += fonts.small->FontSize + theme.px(10);
    const TextBlock question = layoutText(fonts.heading, text(kQuestions[index]), page.GetWidth(), 1);
    drawText(drawList, question, ImVec2(page.Min.x, y), palette.text);
    const ImRect area(ImVec2(page.Min.x, y + question.height() + theme.px(28)), page.Max);

    switch (m_step) {
      case Step::Who:
        drawWho(view, theme, photos, area, now);
        break;
      case Step::Behaviour:
        drawBehaviour(view, theme, area);
        break;
      case Step::Story:
        drawStory(view, theme, area);
        break;
      case Step::From:
        drawFrom(view, theme, photos, area, now);
        break;
      case Step::Review:
        drawReview(view, theme, photos, area, intent);
        break;
      case Step::Thanks:
        break;
    }
  }

  if (view.stillThereSeconds) {  // a calm modal question over everything
    drawList->AddRectFilled(ImVec2(0, 0), display, IM_COL32(43, 33, 28, 170));
    auditOverlay();
    const float width = std::min(display.x - 2 * margin, theme.px(900));
    const TextBlock title = layoutText(fonts.display, view.text("still_there"), width - theme.px(96), 1);
    const TextBlock body = layoutText(
        fonts.lead, view.text.format("still_there_body", {{"seconds", std::to_string(*view.stillThereSeconds)}}),
        width - theme.px(96), 4);
    const float height = theme.px(48) + title.height() + theme.px(24) + body.height() + theme.px(40) +
                         buttonHeight(theme) + theme.px(48);
    const ImRect card(ImVec2((display.x - width) * 0.5f, (display.y - height) * 0.5f),
                      ImVec2((display.x + width) * 0.5f, (display.y + height) * 0.5f));
    drawCard(drawList, theme, card, palette.surface);
    float y = card.Min.y + theme.px(48);
    drawText(drawList, title, ImVec2(card.Min.x + theme.px(48), y), palette.text, width - theme.px(96), true);
    y += title.height() + theme.px(24);
    drawText(drawList, body, ImVec2(card.Min.x + theme.px(48), y), palette.textMuted, width - theme.px(96), true);
    y += body.height() + theme.px(40);
    const float buttonWidth = theme.px(440);
    button(drawList, theme, ImRect(ImVec2(card.GetCenter().x - buttonWidth * 0.5f, y),
                                   ImVec2(card.GetCenter().x + buttonWidth * 0.5f, y + buttonHeight(theme))),
           view.text("still_here"), true);
  }
  return intent;
}

// [SECTION] steps

std::optional<core::Employee> NominateScreen::drawPicker(const NominateView& view, const Theme& theme,
                                                         PhotoCache& photos, const ImRect& area, std::string& query,
                                                         const std::string& selectedId, double now,
                                                         KeyboardAction& action) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const float gap = theme.px(24);
  const float keyboardHeight = OnScreenKeyboard::preferredHeight(theme);
  const float keyboardWidth = std::min(area.GetWidth(), theme.px(1500));
  const ImRect keys(ImVec2(area.GetCenter().x - keyboardWidth * 0.5f, area.Max.y - keyboardHeight),
                    ImVec2(area.GetCenter().x + keyboardWidth * 0.5f, area.Max.y));
  const ImRect field(area.Min, ImVec2(area.Max.x, area.Min.y + theme.px(96)));
  drawField(theme, field, query, view.text("type_a_name"));
  if (m_keyboard.draw(theme, keys, query, 60, &action)) m_scroll.reset();

  const ImRect viewport(ImVec2(area.Min.x, field.Max.y + gap), ImVec2(area.Max.x, keys.Min.y - gap));
  if (core::trim(query).empty()) {
    drawAlphabet(view, theme, viewport, query);
    return std::nullopt;
  }
  if (view.matches.empty()) {
    drawText(drawList,
             layoutText(fonts.lead, view.text.format("no_match", {{"query", core::trim(query)}}), viewport.GetWidth(), 2),
             viewport.Min + ImVec2(0, theme.px(8)), theme.palette().textMuted);
    return std::nullopt;
  }
  const float tileGap = theme.px(20);
  const float tileHeight = theme.px(112);
  const int columns = std::max(1, static_cast<int>((viewport.GetWidth() + tileGap) / (theme.px(440) + tileGap)));
  const float tileWidth = (viewport.GetWidth() - (columns - 1) * tileGap) / columns;
  const int rows = (static_cast<int>(view.matches.size()) + columns - 1) / columns;
  m_scroll.update(viewport, rows * (tileHeight + tileGap), now, theme.px(140));
  std::optional<core::Employee> picked;
  drawList->PushClipRect(viewport.Min, viewport.Max, true);
  const bool inView = viewport.Contains(ImGui::GetIO().MouseClickedPos[0]);
  for (std::size_t i = 0; i < view.matches.size(); ++i) {
    const ImVec2 at = viewport.Min + ImVec2(static_cast<float>(i % columns) * (tileWidth + tileGap),
                                            static_cast<float>(i / columns) * (tileHeight + tileGap) - m_scroll.offset());
    const ImRect rect(at + ImVec2(0, theme.px(4)), at + ImVec2(tileWidth, tileHeight));
    if (rect.Max.y < viewport.Min.y || rect.Min.y > viewport.Max.y) continue;
    const core::Employee& person = view.matches[i];
    drawPersonTile(theme, photos, person, rect, inView && pressing(theme, rect), person.id == selectedId);
    if (inView && tapped(theme, rect)) picked = person;
  }
  drawList->PopClipRect();
  drawScrollFades(drawList, theme, viewport, m_scroll);
  return picked;
}

void NominateScreen::drawAlphabet(const NominateView& view, const Theme& theme, const ImRect& area,
                                  std::string& query) {
  // Before any typing: the first letters, to browse the roster without the keyboard. A letter
  // finds first names and surnames starting with it.
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const float gap = theme.px(12);
  const int columns = area.GetWidth() >= theme.px(13 * 88) ? 13 : 9;
  const int rows = (26 + columns - 1) / columns;
  const float minTile = theme.px(56);
  const TextBlock hint = layoutText(fonts.lead, view.text("start_typing"), area.GetWidth(), 1);
  const float hintHeight = hint.height() + theme.px(16);
  const bool showHint = area.GetHeight() - hintHeight >= rows * (minTile + gap);
  float top = area.Min.y;
  if (showHint) {
    drawText(drawList, hint, area.Min + ImVec2(0, theme.px(4)), theme.palette().textMuted);
    top += hintHeight;
  }
  const float tileHeight = std::clamp((area.Max.y - top) / rows - gap, minTile, theme.px(88));
  const float tileWidth = (area.GetWidth() - (columns - 1) * gap) / columns;
  for (int i = 0; i < 26; ++i) {
    const ImVec2 at(area.Min.x + (i % columns) * (tileWidth + gap), top + (i / columns) * (tileHeight + gap));
    const ImRect rect(at, at + ImVec2(tileWidth, tileHeight));
    const char letter[2] = {static_cast<char>('A' + i), 0};
    if (button(drawList, theme, rect, letter, false)) query = static_cast<char>('a' + i);
  }
}

void NominateScreen::drawWho(const NominateView& view, const Theme& theme, PhotoCache& photos, const ImRect& area,
                             double now) {
  float top = area.Min.y;
  if (m_violation && m_violationStep == Step::Who) {
    drawViolation(theme, area.Min, area.GetWidth());
    top += theme.fonts().bodyBold->FontSize * 1.3f + theme.px(16);
  }
  KeyboardAction next = nextKey(view);
  if (auto picked = drawPicker(view, theme, photos, ImRect(ImVec2(area.Min.x, top), area.Max), m_whoQuery,
                               m_nominee ? m_nominee->id : "", now, next)) {
    m_nominee = std::move(picked);
    advance(Step::Behaviour);
  } else if (next.pressed) {
    advance(Step::Behaviour);
  }
}

void NominateScreen::drawBehaviour(const NominateView& view, const Theme& theme, const ImRect& area) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();
  float top = area.Min.y;
  if (m_violation && m_violationStep == Step::Behaviour) {
    drawViolation(theme, area.Min, area.GetWidth());
    top += fonts.bodyBold->FontSize * 1.3f + theme.px(16);
  }
  const float gap = theme.px(24);
  const int columns = area.GetWidth() >= theme.px(1200) ? 2 : 1;
  const int count = static_cast<int>(view.behaviours.size());
  const int rows = std::max(1, (count + columns - 1) / columns);
  const float cardHeight = std::min(theme.px(190), (area.Max.y - top - (rows - 1) * gap) / rows);
  const float cardWidth = (area.GetWidth() - (columns - 1) * gap) / columns;
  const float pad = theme.px(28);
  for (int i = 0; i < count; ++i) {
    const core::Behaviour& behaviour = view.behaviours[i];
    const ImVec2 at(area.Min.x + (i % columns) * (cardWidth + gap), top + (i / columns) * (cardHeight + gap));
    const ImRect rect(at, at + ImVec2(cardWidth, cardHeight));
    const bool selected = behaviour.key == m_behaviourKey;
    drawCard(drawList, theme, rect, pressing(theme, rect) ? palette.surfacePressed : palette.surface);
    if (selected) drawList->AddRect(rect.Min, rect.Max, palette.accent, theme.px(28), 0, theme.px(4));
    const float width = rect.GetWidth() - 2 * pad;
    const TextBlock title = layoutText(fonts.bodyBold, behaviourName(view.text, behaviour.key, behaviour.title), width, 1);
    const int lines = std::max(
        0, static_cast<int>((cardHeight - 2 * pad - title.height() - theme.px(10) - fonts.body->FontSize) /
                            (fonts.body->FontSize * 1.3f)) + 1);
    const TextBlock description =
        layoutText(fonts.body, view.text.orDefault("behaviour_description_" + behaviour.key, behaviour.description), width,
                   std::min(lines, 3));
    const float height = title.height() + theme.px(10) + description.height();
    const float y = rect.GetCenter().y - height * 0.5f;
    drawText(drawList, title, ImVec2(rect.Min.x + pad, y), palette.text);
    drawText(drawList, description, ImVec2(rect.Min.x + pad, y + title.height() + theme.px(10)), palette.textMuted);
    if (tapped(theme, rect)) {
      m_behaviourKey = behaviour.key;
      m_behaviourTitle = behaviour.title;
      advance(Step::Story);
    }
  }
}

void NominateScreen::drawStory(const NominateView& view, const Theme& theme, const ImRect& area) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();
  const float keyboardHeight = OnScreenKeyboard::preferredHeight(theme);
  const float keyboardWidth = std::min(area.GetWidth(), theme.px(1500));
  const ImRect keys(ImVec2(area.GetCenter().x - keyboardWidth * 0.5f, area.Max.y - keyboardHeight),
                    ImVec2(area.GetCenter().x + keyboardWidth * 0.5f, area.Max.y));
  KeyboardAction next = nextKey(view);
  m_keyboard.draw(theme, keys, m_story, core::kStoryMaxChars, &next);
  if (next.pressed && canGoOn()) return advance(Step::From);

  // The prompts, then the story box, then the count and the rule's word on it.
  const std::string who = m_nominee ? m_nominee->displayName : std::string();
  const TextBlock prompt = layoutText(fonts.body, view.text.format("story_prompt", {{"name", who}}), area.GetWidth(), 2);
  drawText(drawList, prompt, area.Min, palette.textMuted);
  const float statusHeight = fonts.bodyBold->FontSize * 1.3f * 2;
  const ImRect box(ImVec2(area.Min.x, area.Min.y + prompt.height() + theme.px(20)),
                   ImVec2(area.Max.x, keys.Min.y - statusHeight - theme.px(36)));
  drawList->AddRectFilled(box.Min, box.Max, palette.surface, theme.px(18));
  drawList->AddRect(box.Min, box.Max, palette.accent, theme.px(18), 0, theme.px(3));
  auditBox(drawList, box);
  const float pad = theme.px(28);
  const float width = box.GetWidth() - 2 * pad;
  const TextBlock probe{fonts.lead, {}, false};
  const int visible = std::max(1, static_cast<int>((box.GetHeight() - 2 * pad - fonts.lead->FontSize) / probe.lineHeight()) + 1);
  if (m_story.empty()) {
    drawText(drawList,
             layoutText(fonts.lead, view.text("story_example"), width - theme.px(12), visible),
             box.Min + ImVec2(pad + theme.px(12), pad), palette.textMuted);
    drawList->AddRectFilled(box.Min + ImVec2(pad, pad), box.Min + ImVec2(pad + theme.px(3), pad + fonts.lead->FontSize),
                            palette.accent);
  } else {
    // The end of the story stays in view while typing (a caret after the last character).
    TextBlock all = layoutText(fonts.lead, m_story, width, 1000);
    if (static_cast<int>(all.lines.size()) > visible) all.lines.erase(all.lines.begin(), all.lines.end() - visible);
    drawText(drawList, all, box.Min + ImVec2(pad, pad), palette.text);
    const std::string& last = all.lines.back();
    const float trailingSpace = m_story.back() == ' ' ? textWidth(fonts.lead, " ") : 0.0f;  // wrapping drops it
    const float caretX = box.Min.x + pad + textWidth(fonts.lead, last) + trailingSpace + theme.px(2);
    const float caretY = box.Min.y + pad + (all.lines.size() - 1) * all.lineHeight();
    drawList->AddRectFilled(ImVec2(caretX, caretY), ImVec2(caretX + theme.px(3), caretY + fonts.lead->FontSize),
                            palette.accent);
  }

  const std::size_t count = core::countCodePoints(core::trim(m_story));
  const std::string counter = std::to_string(count) + " / " + std::to_string(core::kStoryMaxChars);
  const float statusY = box.Max.y + theme.px(16);
  drawLabel(drawList, fonts.bodyBold, fonts.bodyBold->FontSize, ImVec2(box.Max.x - textWidth(fonts.bodyBold, counter), statusY),
            count > core::kStoryMaxChars ? palette.accent : palette.textMuted, counter);
  const float messageWidth = box.GetWidth() - textWidth(fonts.bodyBold, counter) - theme.px(32);
  if (m_violation && m_violationStep == Step::Story) {
    drawViolation(theme, ImVec2(box.Min.x, statusY), messageWidth);
  } else if (const auto problem = core::checkStory(m_story); problem && !m_story.empty()) {
    drawText(drawList, layoutText(fonts.body, problem->message, messageWidth, 2), ImVec2(box.Min.x, statusY),
             palette.onBadge);
  } else if (!m_story.empty()) {
    drawText(drawList, layoutText(fonts.body, view.text("story_ok"), messageWidth, 2),
             ImVec2(box.Min.x, statusY), palette.count);
  }
}

void NominateScreen::drawFrom(const NominateView& view, const Theme& theme, PhotoCache& photos, const ImRect& area,
                              double now) {
  const Fonts& fonts = theme.fonts();
  const float gap = theme.px(16);
  const float optionWidth = (area.GetWidth() - 2 * gap) / 3;
  for (int i = 0; i < 3; ++i) {
    const core::NominatorVisibility visibility = kVisibilities[i];
    const ImRect rect(ImVec2(area.Min.x + i * (optionWidth + gap), area.Min.y),
                      ImVec2(area.Min.x + i * (optionWidth + gap) + optionWidth, area.Min.y + buttonHeight(theme)));
    const std::string label = std::string(m_visibility == visibility ? "\u2713 " : "") +
                              view.text(visibilityKey(visibility));
    if (button(ImGui::GetWindowDrawList(), theme, rect, label, m_visibility == visibility)) {
      m_visibility = visibility;
      if (m_violation && m_violationStep == Step::From) m_violation.reset();
    }
  }
  float top = area.Min.y + buttonHeight(theme) + theme.px(24);
  if (m_violation && m_violationStep == Step::From) {
    drawViolation(theme, ImVec2(area.Min.x, top), area.GetWidth());
    top += fonts.bodyBold->FontSize * 1.3f * 2 + theme.px(12);
  }
  if (m_visibility == core::NominatorVisibility::Anonymous) {
    drawText(ImGui::GetWindowDrawList(),
             layoutText(fonts.lead, view.text("anonymous_explained"), area.GetWidth(), 4),
             ImVec2(area.Min.x, top), theme.palette().textMuted);
    if (primaryButton(theme, area, view.text("next"), canGoOn())) advance(Step::Review);
    return;
  }
  KeyboardAction next = nextKey(view);
  if (auto picked = drawPicker(view, theme, photos, ImRect(ImVec2(area.Min.x, top), area.Max), m_fromQuery,
                               m_nominator ? m_nominator->id : "", now, next)) {
    m_nominator = std::move(picked);
    if (m_violation && m_violationStep == Step::From) m_violation.reset();
    advance(Step::Review);
  } else if (next.pressed) {
    advance(Step::Review);
  }
}

void NominateScreen::drawReview(const NominateView& view, const Theme& theme, PhotoCache& photos, const ImRect& area,
                                NominateIntent& intent) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();
  const float sendHeight = theme.px(100);
  const float rowGap = theme.px(16);
  const float pad = theme.px(28);
  const float bottom = area.Max.y - sendHeight - theme.px(36);
  const std::string change = view.text("change");
  const float changeWidth = textWidth(fonts.bodyBold, change);

  // Each row is one step's answer; tapping it opens that step, and its Next comes back here.
  // Returns the row's inner rectangle (left of the "Change" label) for the caller to fill.
  auto row = [&](const ImRect& rect, std::string_view label, Step step) {
    drawCard(drawList, theme, rect, pressing(theme, rect) ? palette.surfacePressed : palette.surface);
    // "Change ✎" on the row's first line, level with its label, however tall the row.
    const float changeY = rect.Min.y + pad + (fonts.small->FontSize - fonts.bodyBold->FontSize) * 0.5f;
    drawLabel(drawList, fonts.bodyBold, fonts.bodyBold->FontSize, ImVec2(rect.Max.x - pad - changeWidth, changeY),
              palette.accent, change);
    const ImRect inner(rect.Min + ImVec2(pad, pad), rect.Max - ImVec2(pad + changeWidth + theme.px(32), pad));
    drawText(drawList, layoutText(fonts.small, label, inner.GetWidth(), 1), inner.Min, palette.textMuted);
    if (tapped(theme, rect) && !m_submitting) {
      m_returnToReview = true;
      go(step);
    }
    return ImRect(ImVec2(inner.Min.x, inner.Min.y + fonts.small->FontSize + theme.px(8)), inner.Max);
  };
  const float labelHeight = fonts.small->FontSize + theme.px(8);

  // Who (photo and name) and what they did (the behaviour's badge): side by side where there is
  // room, so the story gets more lines.
  const float avatar = theme.px(84);
  float y = area.Min.y;
  const float whoHeight = 2 * pad + labelHeight + avatar;
  const bool sideBySide = area.GetWidth() >= theme.px(1300);
  const float whoRight = sideBySide ? area.Min.x + (area.GetWidth() - rowGap) * 0.55f : area.Max.x;
  ImRect inner = row(ImRect(ImVec2(area.Min.x, y), ImVec2(whoRight, y + whoHeight)), view.text("review_who"), Step::Who);
  if (m_nominee) {
    drawAvatar(drawList, theme, photos, m_nominee->photoFile, m_nominee->id, m_nominee->displayName,
               inner.Min + ImVec2(avatar, avatar) * 0.5f, avatar);
    const float textX = inner.Min.x + avatar + theme.px(24);
    const TextBlock name = layoutText(fonts.heading, m_nominee->displayName, inner.Max.x - textX, 1);
    const TextBlock where =
        layoutText(fonts.small, departmentAndSite(m_nominee->department, m_nominee->site), inner.Max.x - textX, 1);
    const float top = inner.Min.y + (avatar - name.height() - theme.px(6) - where.height()) * 0.5f;
    drawText(drawList, name, ImVec2(textX, top), palette.text);
    drawText(drawList, where, ImVec2(textX, top + name.height() + theme.px(6)), palette.textMuted);
  }
  const float behaviourHeight = sideBySide ? whoHeight : 2 * pad + labelHeight + pillHeight(theme, fonts.small);
  const ImVec2 behaviourAt = sideBySide ? ImVec2(whoRight + rowGap, y) : ImVec2(area.Min.x, y + whoHeight + rowGap);
  inner = row(ImRect(behaviourAt, ImVec2(area.Max.x, behaviourAt.y + behaviourHeight)), view.text("review_behaviour"),
              Step::Behaviour);
  inner.Min.y += (inner.GetHeight() - pillHeight(theme, fonts.small)) * 0.5f;
  drawPill(drawList, theme, fonts.small, behaviourName(view.text, m_behaviourKey, m_behaviourTitle), inner.Min,
           inner.GetWidth(), palette.badge, palette.onBadge);
  y = behaviourAt.y + behaviourHeight + rowGap;

  // From: last, so the story gets all the room left between.
  std::string from = view.text("from_anonymous");
  if (m_visibility != core::NominatorVisibility::Anonymous && m_nominator) {
    from = view.text.format(m_visibility == core::NominatorVisibility::Public ? "from_public" : "from_private",
                            {{"name", m_nominator->displayName}});
  }
  // The story's row is as tall as the story, up to the room left.
  const float fromHeight = 2 * pad + labelHeight + fonts.body->FontSize;
  const float storyRoom = bottom - y - rowGap - fromHeight;
  const float storyWidth = area.GetWidth() - 2 * pad - changeWidth - theme.px(32);
  const TextBlock probe{fonts.lead, {}, false};
  const int lines = static_cast<int>((storyRoom - 2 * pad - labelHeight - fonts.lead->FontSize) / probe.lineHeight()) + 1;
  const TextBlock story =
      layoutText(fonts.lead, "\u201C" + std::string(core::trim(m_story)) + "\u201D", storyWidth, std::max(lines, 1));
  const float storyHeight = std::min(storyRoom, 2 * pad + labelHeight + story.height());
  inner = row(ImRect(ImVec2(area.Min.x, y), ImVec2(area.Max.x, y + storyHeight)), view.text("review_story"), Step::Story);
  if (lines > 0) drawText(drawList, story, inner.Min, palette.text);
  y += storyHeight + rowGap;
  inner = row(ImRect(ImVec2(area.Min.x, y), ImVec2(area.Max.x, y + fromHeight)), view.text("review_from"), Step::From);
  drawText(drawList, layoutText(fonts.body, from, inner.GetWidth(), 1), inner.Min, palette.text);

  const float sendWidth = std::min(area.GetWidth(), theme.px(560));
  drawViolation(theme, ImVec2(area.Min.x, area.Max.y - sendHeight), area.GetWidth() - sendWidth - theme.px(32));
  if (primaryButton(theme, area, view.text(m_submitting ? "sending" : "send"), !m_submitting) && !m_submitting) {
    m_submitting = true;  // until the router answers: a second tap sends nothing
    intent.submit = true;
  }
}

void NominateScreen::drawThanks(const NominateView& view, const Theme& theme, const ImRect& area,
                                NominateIntent& intent) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();
  const float width = std::min(area.GetWidth(), theme.px(1100));
  const float left = area.GetCenter().x - width * 0.5f;
  const float mark = theme.px(140);
  const TextBlock title = layoutText(fonts.display, view.text("thanks"), width, 1);
  const std::string name = m_nominee ? m_nominee->displayName : std::string();
  const TextBlock body = layoutText(
      fonts.lead, view.text.format(m_published ? "thanks_published" : "thanks_pending", {{"name", name}}), width, 4);
  const float height = mark + theme.px(40) + title.height() + theme.px(24) + body.height() + theme.px(56) +
                       buttonHeight(theme);
  float y = area.GetCenter().y - height * 0.5f;
  drawList->AddCircleFilled(ImVec2(area.GetCenter().x, y + mark * 0.5f), mark * 0.5f, palette.count, 64);
  const char* check = "\u2713";
  const ImVec2 size = fonts.display->CalcTextSizeA(fonts.display->FontSize, FLT_MAX, 0, check);
  drawLabel(drawList, fonts.display, fonts.display->FontSize, ImVec2(area.GetCenter().x, y + mark * 0.5f) - size * 0.5f,
            palette.onCount, check);
  y += mark + theme.px(40);
  drawText(drawList, title, ImVec2(left, y), palette.text, width, true);
  y += title.height() + theme.px(24);
  drawText(drawList, body, ImVec2(left, y), palette.textMuted, width, true);
  y += body.height() + theme.px(56);
  const float buttonWidth = theme.px(420);
  if (button(drawList, theme,
             ImRect(ImVec2(area.GetCenter().x - buttonWidth * 0.5f, y),
                    ImVec2(area.GetCenter().x + buttonWidth * 0.5f, y + buttonHeight(theme))),
             view.text("back_to_wall"), true))
    intent.cancel = true;
}

}  // namespace wof::ui
