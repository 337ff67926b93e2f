// The admin PIN pad. Layer: ui.
#define IMGUI_DEFINE_MATH_OPERATORS  // ImVec2 arithmetic from imgui_internal.h
#include "ui/widgets/pin_pad.hpp"

#include <algorithm>

#include "core/admin/admin_pin.hpp"
#include "ui/widgets/text_layout.hpp"
#include "ui/widgets/widgets.hpp"

namespace wof::ui {

void PinPad::clear() {
  std::fill(m_pin.begin(), m_pin.end(), '\0');
  m_pin.clear();
}

PinPadIntent PinPad::draw(const PinPadView& view, const Theme& theme) {
  PinPadIntent intent;
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();
  const ImVec2 centre = ImGui::GetIO().DisplaySize * 0.5f;
  const float gridWidth = theme.px(3 * kKeyWidth + 2 * kGap);
  const float cardWidth = gridWidth + theme.px(96);
  const ImRect card(ImVec2(centre.x - cardWidth * 0.5f, centre.y - theme.px(460)),
                    ImVec2(centre.x + cardWidth * 0.5f, centre.y + theme.px(410)));
  drawCard(drawList, theme, card, palette.surface);
  const float inner = cardWidth - theme.px(96);
  const float left = card.Min.x + theme.px(48);

  float y = card.Min.y + theme.px(40);
  const TextBlock title = layoutText(fonts.heading, view.text("admin.pin_title"), inner, 1);
  drawText(drawList, title, ImVec2(left, y), palette.text, inner, true);
  y += title.height() + theme.px(16);
  drawText(drawList, layoutText(view.messageIsProblem ? fonts.bodyBold : fonts.body, view.message, inner, 3),
           ImVec2(left, y), view.messageIsProblem ? palette.accent : palette.textMuted, inner, true);

  // One dot per digit typed: how many, never which.
  const float dotsY = centre.y + theme.px(kKeysTop) - theme.px(56);
  const float dot = theme.px(26);
  const float pitch = theme.px(40);
  const int shown = std::max<int>(static_cast<int>(m_pin.size()), 4);
  const float dotsLeft = centre.x - (shown * pitch - (pitch - dot)) * 0.5f;
  for (int i = 0; i < shown; ++i) {
    const ImVec2 at(dotsLeft + i * pitch + dot * 0.5f, dotsY);
    if (i < static_cast<int>(m_pin.size())) {
      drawList->AddCircleFilled(at, dot * 0.5f, palette.text, 32);
    } else {
      drawList->AddCircle(at, dot * 0.5f, palette.divider, 32, theme.px(3));
    }
  }

  // 1-9, then clear, 0, backspace.
  static constexpr const char* kKeys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "\u232B"};
  const bool keysOn = view.configured && view.mayTry;
  const float gridLeft = centre.x - gridWidth * 0.5f;
  for (int i = 0; i < 12; ++i) {
    const ImVec2 at(gridLeft + theme.px((i % 3) * (kKeyWidth + kGap)),
                    centre.y + theme.px(kKeysTop + (i / 3) * (kKeyHeight + kGap)));
    const ImRect rect(at, at + ImVec2(theme.px(kKeyWidth), theme.px(kKeyHeight)));
    const std::string label = i == 9 ? view.text("admin.pin_clear") : std::string(kKeys[i]);
    if (!button(drawList, theme, rect, label, false, keysOn)) continue;
    if (i == 9) {
      clear();
    } else if (i == 11) {
      if (!m_pin.empty()) m_pin.pop_back();
    } else if (m_pin.size() < core::kMaxPinDigits) {
      m_pin += kKeys[i];
    }
  }
  // A physical keypad works too (a desk, a test): digits, backspace and Enter.
  if (keysOn && tapsEnabled()) {
    for (const ImWchar c : ImGui::GetIO().InputQueueCharacters)
      if (c >= '0' && c <= '9' && m_pin.size() < core::kMaxPinDigits) m_pin += static_cast<char>(c);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)) && !m_pin.empty()) m_pin.pop_back();
  }

  const float buttonsY = centre.y + theme.px(kButtonsTop);
  const float half = (gridWidth - theme.px(kGap)) * 0.5f;
  const ImRect cancel(ImVec2(gridLeft, buttonsY), ImVec2(gridLeft + half, buttonsY + theme.px(84)));
  const ImRect unlock(ImVec2(gridLeft + half + theme.px(kGap), buttonsY),
                      ImVec2(gridLeft + gridWidth, buttonsY + theme.px(84)));
  if (button(drawList, theme, cancel, view.text("admin.pin_cancel"), false)) intent.cancel = true;
  const bool complete = core::isValidPinFormat(m_pin);
  const bool enter = keysOn && complete && tapsEnabled() &&
                     (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
                      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter)));
  if (button(drawList, theme, unlock, view.text("admin.pin_unlock"), true, keysOn && complete) || enter)
    intent.submit = true;
  return intent;
}

}  // namespace wof::ui
