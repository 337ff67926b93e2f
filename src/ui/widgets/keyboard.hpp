// The kiosk's own on-screen keyboard: letters with shift and caps lock in Latin, Greek and
// Russian (a key cycles the three), a numbers-and-symbols layer, an accents layer, backspace and
// space. A physical keyboard and paste (Ctrl+V) type
// into the same text. Layer: ui. Edits a string the screen owns; it never stores anything.
#pragma once

#include <cstddef>
#include <string>

#include <imgui.h>
#include <imgui_internal.h>

#include "ui/theme.hpp"

namespace wof::ui {

// The screen's next step as a key at the keyboard's bottom right, where the thumb already is
// ("Next →"). Enter on a physical keyboard presses it too.
struct KeyboardAction {
  std::string label;  // empty: no action key (the space bar takes its room)
  bool enabled = false;
  bool pressed = false;  // out: tapped, or Enter, this frame while enabled
  std::string spaceLabel;  // the space bar's word in the screen's language (empty: "space")
};

class OnScreenKeyboard {
 public:
  enum class Layer { Letters, Symbols, Accents };
  enum class Script { Latin, Greek, Cyrillic };  // the letters layer's alphabet

  // Draws the keys into `area` and applies this frame's taps and physical typing to `text`,
  // keeping it to `maxCodePoints`. Returns true when `text` changed.
  bool draw(const Theme& theme, const ImRect& area, std::string& text, std::size_t maxCodePoints,
            KeyboardAction* action = nullptr);
  // Back to lower-case Latin letters.
  void reset() { *this = OnScreenKeyboard(); }
  // The letters of `script`, as after tapping the script key until it shows them.
  void showScript(Script script) { m_script = script; }
  // Height for four rows of thumb-sized keys.
  static float preferredHeight(const Theme& theme) { return theme.px(4 * 88 + 3 * 12); }

 private:
  enum class Shift { Off, Once, Locked };

  Layer m_layer = Layer::Letters;
  Script m_script = Script::Latin;
  Shift m_shift = Shift::Off;
  bool m_tonos = false;  // the Greek tonos key was tapped: the next vowel takes the accent
};

// Enter (or the keypad's Enter) on a physical keyboard, once per press; false under IgnoreTaps.
bool enterPressed();
// Removes the last code point of UTF-8 `text` (no-op when empty).
void eraseLastCodePoint(std::string& text);
// Appends `utf8` while `text` stays within `maxCodePoints`; drops control characters.
bool appendTyped(std::string& text, std::string_view utf8, std::size_t maxCodePoints);

}  // namespace wof::ui
