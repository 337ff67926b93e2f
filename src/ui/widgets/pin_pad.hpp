// The admin PIN pad: big digit keys, the PIN shown as dots, clear, backspace, cancel and unlock.
// Layer: ui. Holds the digits typed so far in memory only; the admin screen checks them with
// core's AdminPinGuard and tells the pad what to say.
#pragma once

#include <string>

#include "ui/strings.hpp"
#include "ui/theme.hpp"

namespace wof::ui {

struct PinPadView {
  std::string message;         // under the title: what to do, or why not (wrong PIN, locked, ...)
  bool messageIsProblem = false;
  bool mayTry = true;          // false while waiting or locked: digits and unlock are off
  bool configured = true;      // false: no PIN is set; only Cancel is offered
  const core::Strings& text;
};

struct PinPadIntent {
  bool submit = false;  // pin() holds 4–12 digits: check them
  bool cancel = false;
};

class PinPad {
 public:
  PinPadIntent draw(const PinPadView& view, const Theme& theme);
  const std::string& pin() const { return m_pin; }
  // Overwrites and forgets the digits.
  void clear();

  // The layout in design pixels around the display's centre, shared with the UI test's taps.
  static constexpr float kKeyWidth = 160;
  static constexpr float kKeyHeight = 96;
  static constexpr float kGap = 16;
  static constexpr float kKeysTop = -200;     // the first key row's top, from the centre
  static constexpr float kButtonsTop = 272;   // cancel and unlock, from the centre

 private:
  std::string m_pin;
};

}  // namespace wof::ui
