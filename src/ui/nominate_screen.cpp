// The nomination wizard. Layer: ui.
#define IMGUI_DEFINE_MATH_OPERATORS  // ImVec2 arithmetic from imgui_internal.h
#include "ui/nominate_screen.hpp"

#include <algorithm>
#include <cmath>

#include "core/text.hpp"
#include "ui/text_layout.hpp"
#include "ui/widgets.hpp"

namespace wof::ui {

namespace {

constexpr int kSteps = 5;  // who, behaviour, story, from, review

float buttonHeight(const Theme& theme) { return theme.px(84); }

// A button as wide as its label.
ImRect labelRect(const Theme& theme, ImVec2 topLeft, std::string_view label) {
  return ImRect(topLeft, topLeft + ImVec2(textWidth(theme.fonts().bodyBold, label) + theme.px(72), buttonHeight(theme)));
}

// A text field as the kiosk draws it: a rounded box with the text (or a quiet hint) and a caret.
void drawField(const Theme& theme, const ImRect& rect, const std::string& text, std::string_view hint) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Palette& palette = theme.palette();
  ImFont* font = theme.fonts().lead;
  drawList->AddRectFilled(rect.Min, rect.Max, palette.surface, theme.px(18));
  drawList->AddRect(rect.Min, rect.Max, palette.accent, theme.px(18), 0, theme.px(3));
  const float pad = theme.px(28);
  const float width = rect.GetWidth() - 2 * pad - theme.px(8);
  const float y = rect.GetCenter().y - font->FontSize * 0.5f;
  if (text.empty()) {
    drawText(drawList, layoutText(font, hint, width, 1), ImVec2(rect.Min.x + pad + theme.px(8), y), palette.textMuted);
    drawList->AddRectFilled(ImVec2(rect.Min.x + pad, y), ImVec2(rect.Min.x + pad + theme.px(3), y + font->FontSize),
                            palette.accent);
    return;
  }
  // Long text shows its end, where the typing is.
  std::string shown = text;
  while (textWidth(font, shown) > width && shown.size() > 1) shown.erase(0, 1 + (shown.size() > 1 && (static_cast<unsigned char>(shown[1]) & 0xC0) == 0x80));
  while (!shown.empty() && (static_cast<unsigned char>(shown[0]) & 0xC0) == 0x80) shown.erase(0, 1);
  drawList->AddText(font, font->FontSize, ImVec2(rect.Min.x + pad, y), palette.text, shown.c_str());
  const float caretX = rect.Min.x + pad + textWidth(font, shown) + theme.px(4);
  drawList->AddRectFilled(ImVec2(caretX, y), ImVec2(caretX + theme.px(3), y + font->FontSize), palette.accent);
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
    // Top bar: cancel and back on the left, next on the right.
    const core::Strings& text = view.text;
    const ImRect cancel = labelRect(theme, page.Min, text("cancel"));
    if (button(drawList, theme, cancel, text("cancel"), false)) intent.cancel = true;
    float right = cancel.Max.x;
    if (m_step != Step::Who) {
      const ImRect back = labelRect(theme, ImVec2(cancel.Max.x + theme.px(20), page.Min.y), text("back"));
      if (button(drawList, theme, back, text("back"), false)) go(static_cast<Step>(static_cast<int>(m_step) - 1));
      right = back.Max.x;
    }
    float nextLeft = page.Max.x;
    if (m_step != Step::Review) {
      const float width = textWidth(fonts.bodyBold, text("next")) + theme.px(120);
      const ImRect next(ImVec2(page.Max.x - width, page.Min.y), ImVec2(page.Max.x, page.Min.y + buttonHeight(theme)));
      if (button(drawList, theme, next, text("next"), true, canGoOn()))
        go(static_cast<Step>(static_cast<int>(m_step) + 1));
      nextLeft = next.Min.x;
    }
    // The language button, between them where there is room (it resets with the session).
    const ImRect language = labelRect(theme, ImVec2(0, page.Min.y), text("other_language"));
    const float languageX = (right + nextLeft - language.GetWidth()) * 0.5f;
    if (languageX > right + theme.px(20) && languageX + language.GetWidth() < nextLeft - theme.px(20) &&
        button(drawList, theme, ImRect(language.Min + ImVec2(languageX, 0), language.Max + ImVec2(languageX, 0)),
               text("other_language"), false))
      intent.switchLanguage = true;

    // The step's question, under a quiet "Step 2 of 5".
    static constexpr const char* kQuestions[] = {"question_who", "question_behaviour", "question_story",
                                                 "question_from", "question_review"};
    const int index = static_cast<int>(m_step);
    float y = page.Min.y + buttonHeight(theme) + theme.px(36);
    const std::string stepLabel =
        text.format("step", {{"n", std::to_string(index + 1)}, {"total", std::to_string(kSteps)}});
    drawList->AddText(fonts.small, fonts.small->FontSize, ImVec2(page.Min.x, y), palette.textMuted, stepLabel.c_str());
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
                                                         const std::string& selectedId, double now) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const float gap = theme.px(24);
  const float keyboardHeight = OnScreenKeyboard::preferredHeight(theme);
  const float keyboardWidth = std::min(area.GetWidth(), theme.px(1500));
  const ImRect keys(ImVec2(area.GetCenter().x - keyboardWidth * 0.5f, area.Max.y - keyboardHeight),
                    ImVec2(area.GetCenter().x + keyboardWidth * 0.5f, area.Max.y));
  const ImRect field(area.Min, ImVec2(area.Max.x, area.Min.y + theme.px(96)));
  drawField(theme, field, query, view.text("type_a_name"));
  if (m_keyboard.draw(theme, keys, query, 60)) m_scroll.reset();

  const ImRect viewport(ImVec2(area.Min.x, field.Max.y + gap), ImVec2(area.Max.x, keys.Min.y - gap));
  if (core::trim(query).empty() || view.matches.empty()) {
    const std::string hint = core::trim(query).empty()
                                 ? view.text("start_typing")
                                 : view.text.format("no_match", {{"query", core::trim(query)}});
    drawText(drawList, layoutText(fonts.lead, hint, viewport.GetWidth(), 2), viewport.Min + ImVec2(0, theme.px(8)),
             theme.palette().textMuted);
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

void NominateScreen::drawWho(const NominateView& view, const Theme& theme, PhotoCache& photos, const ImRect& area,
                             double now) {
  float top = area.Min.y;
  if (m_violation && m_violationStep == Step::Who) {
    drawViolation(theme, area.Min, area.GetWidth());
    top += theme.fonts().bodyBold->FontSize * 1.3f + theme.px(16);
  }
  if (auto picked = drawPicker(view, theme, photos, ImRect(ImVec2(area.Min.x, top), area.Max), m_whoQuery,
                               m_nominee ? m_nominee->id : "", now)) {
    m_nominee = std::move(picked);
    m_keyboard.reset();
    go(Step::Behaviour);
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
    const TextBlock title = layoutText(fonts.bodyBold, behaviour.title, width, 1);
    const int lines = std::max(
        0, static_cast<int>((cardHeight - 2 * pad - title.height() - theme.px(10) - fonts.body->FontSize) /
                            (fonts.body->FontSize * 1.3f)) + 1);
    const TextBlock description = layoutText(fonts.body, behaviour.description, width, std::min(lines, 3));
    const float height = title.height() + theme.px(10) + description.height();
    const float y = rect.GetCenter().y - height * 0.5f;
    drawText(drawList, title, ImVec2(rect.Min.x + pad, y), palette.text);
    drawText(drawList, description, ImVec2(rect.Min.x + pad, y + title.height() + theme.px(10)), palette.textMuted);
    if (tapped(theme, rect)) {
      m_behaviourKey = behaviour.key;
      m_behaviourTitle = behaviour.title;
      go(Step::Story);
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
  m_keyboard.draw(theme, keys, m_story, core::kStoryMaxChars);

  // The prompts, then the story box, then the count and the rule's word on it.
  const std::string who = m_nominee ? m_nominee->displayName : std::string();
  const TextBlock prompt = layoutText(fonts.body, view.text.format("story_prompt", {{"name", who}}), area.GetWidth(), 2);
  drawText(drawList, prompt, area.Min, palette.textMuted);
  const float statusHeight = fonts.bodyBold->FontSize * 1.3f * 2;
  const ImRect box(ImVec2(area.Min.x, area.Min.y + prompt.height() + theme.px(20)),
                   ImVec2(area.Max.x, keys.Min.y - statusHeight - theme.px(36)));
  drawList->AddRectFilled(box.Min, box.Max, palette.surface, theme.px(18));
  drawList->AddRect(box.Min, box.Max, palette.accent, theme.px(18), 0, theme.px(3));
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
  drawList->AddText(fonts.bodyBold, fonts.bodyBold->FontSize,
                    ImVec2(box.Max.x - textWidth(fonts.bodyBold, counter), statusY),
                    count > core::kStoryMaxChars ? palette.accent : palette.textMuted, counter.c_str());
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
    return;
  }
  if (auto picked = drawPicker(view, theme, photos, ImRect(ImVec2(area.Min.x, top), area.Max), m_fromQuery,
                               m_nominator ? m_nominator->id : "", now)) {
    m_nominator = std::move(picked);
    m_keyboard.reset();
    if (m_violation && m_violationStep == Step::From) m_violation.reset();
    go(Step::Review);
  }
}

void NominateScreen::drawReview(const NominateView& view, const Theme& theme, PhotoCache& photos, const ImRect& area,
                                NominateIntent& intent) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();
  const float sendHeight = theme.px(100);
  const ImRect card(area.Min, ImVec2(area.Max.x, area.Max.y - sendHeight - theme.px(36)));
  drawCard(drawList, theme, card, palette.surface);
  const float pad = theme.px(44);
  const ImRect inner(card.Min + ImVec2(pad, pad), card.Max - ImVec2(pad, pad));
  const float avatar = theme.px(150);
  if (m_nominee) {
    drawAvatar(drawList, theme, photos, m_nominee->photoFile, m_nominee->id, m_nominee->displayName,
               inner.Min + ImVec2(avatar, avatar) * 0.5f, avatar);
  }
  const float textX = inner.Min.x + avatar + theme.px(36);
  const float width = inner.Max.x - textX;
  float y = inner.Min.y + theme.px(8);
  const ImRect badge = drawPill(drawList, theme, fonts.small, m_behaviourTitle, ImVec2(textX, y), width, palette.badge,
                                palette.onBadge);
  y = badge.Max.y + theme.px(14);
  const TextBlock name = layoutText(fonts.heading, m_nominee ? m_nominee->displayName : "", width, 1);
  drawText(drawList, name, ImVec2(textX, y), palette.text);
  y += name.height() + theme.px(10);
  std::string from = view.text("from_anonymous");
  if (m_visibility != core::NominatorVisibility::Anonymous && m_nominator) {
    from = view.text.format(m_visibility == core::NominatorVisibility::Public ? "from_public" : "from_private",
                            {{"name", m_nominator->displayName}});
  }
  drawText(drawList, layoutText(fonts.body, from, width, 2), ImVec2(textX, y), palette.textMuted);

  const float storyTop = std::max(inner.Min.y + avatar, y + fonts.body->FontSize * 2.6f) + theme.px(28);
  const TextBlock probe{fonts.lead, {}, false};
  const int lines = static_cast<int>((inner.Max.y - storyTop - fonts.lead->FontSize) / probe.lineHeight()) + 1;
  if (lines > 0) {
    drawText(drawList, layoutText(fonts.lead, "\u201C" + std::string(core::trim(m_story)) + "\u201D", inner.GetWidth(), lines),
             ImVec2(inner.Min.x, storyTop), palette.text);
  }

  const float sendWidth = std::min(area.GetWidth(), theme.px(560));
  const ImRect send(ImVec2(area.Max.x - sendWidth, area.Max.y - sendHeight), area.Max);
  drawViolation(theme, ImVec2(area.Min.x, send.Min.y), area.GetWidth() - sendWidth - theme.px(32));
  if (button(drawList, theme, send, view.text(m_submitting ? "sending" : "send"), true, !m_submitting)) {
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
  drawList->AddText(fonts.display, fonts.display->FontSize, ImVec2(area.GetCenter().x, y + mark * 0.5f) - size * 0.5f,
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
