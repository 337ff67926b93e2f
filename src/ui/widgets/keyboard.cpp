// The on-screen keyboard. Layer: ui.
#define IMGUI_DEFINE_MATH_OPERATORS  // ImVec2 arithmetic from imgui_internal.h
#include "ui/widgets/keyboard.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <vector>

#include "core/util/text.hpp"
#include "ui/widgets/text_layout.hpp"
#include "ui/widgets/widgets.hpp"

namespace wof::ui {

namespace {

enum class KeyKind { Text, Backspace, Shift, Space, ToLetters, ToSymbols, ToAccents, NextScript, Tonos, Action };

struct Key {
  std::string_view label;  // also what a Text key types
  float units = 1;
  KeyKind kind = KeyKind::Text;
};

using Row = std::vector<Key>;
using Script = OnScreenKeyboard::Script;
constexpr float kRowUnits = 12;  // every row is this many key widths

Key text(std::string_view label) { return Key{label, 1, KeyKind::Text}; }
Row textRow(std::initializer_list<std::string_view> labels) {
  Row row;
  for (std::string_view label : labels) row.push_back(text(label));
  return row;
}

// What the letters key of each script is called: its first three capitals.
std::string_view scriptLabel(Script script) {
  switch (script) {
    case Script::Greek: return "\u0391\u0392\u0393";     // ΑΒΓ
    case Script::Cyrillic: return "\u0410\u0411\u0412";  // АБВ
    case Script::Latin: break;
  }
  return "ABC";
}
Script nextScript(Script script) {
  return script == Script::Latin ? Script::Greek : script == Script::Greek ? Script::Cyrillic : Script::Latin;
}

// The bottom row of every letters layer: numbers, accents, the next script, space.
Row lettersBottomRow(Script script) {
  return Row{Key{"?123", 2, KeyKind::ToSymbols}, Key{"\u00E0\u00E9\u00FC", 1.5f, KeyKind::ToAccents},
             Key{scriptLabel(nextScript(script)), 1.5f, KeyKind::NextScript}, Key{"space", 7, KeyKind::Space}};
}

// Rows of each layer; each adds up to kRowUnits.
std::vector<Row> rowsFor(OnScreenKeyboard::Layer layer, Script script) {
  using Layer = OnScreenKeyboard::Layer;
  static const std::vector<Row> kLatin = [] {
    std::vector<Row> rows;
    rows.push_back(textRow({"q", "w", "e", "r", "t", "y", "u", "i", "o", "p"}));
    rows.back().push_back(Key{"\u232B", 2, KeyKind::Backspace});
    rows.push_back(textRow({"a", "s", "d", "f", "g", "h", "j", "k", "l", "'", "-", "!"}));
    rows.push_back(Row{Key{"\u21E7", 2, KeyKind::Shift}});
    for (const Key& key : textRow({"z", "x", "c", "v", "b", "n", "m", ",", ".", "?"})) rows.back().push_back(key);
    rows.push_back(lettersBottomRow(Script::Latin));
    return rows;
  }();
  // The Greek standard layout (ΕΛΟΤ 1000 on a phone): ; and ς where Latin has q and w, the tonos
  // key where Latin has ; (tap it, then the vowel: ά).
  static const std::vector<Row> kGreek = [] {
    std::vector<Row> rows;
    rows.push_back(textRow({";", "\u03C2", "\u03B5", "\u03C1", "\u03C4", "\u03C5", "\u03B8", "\u03B9", "\u03BF",
                            "\u03C0"}));  // ; ς ε ρ τ υ θ ι ο π
    rows.back().push_back(Key{"\u232B", 2, KeyKind::Backspace});
    rows.push_back(textRow({"\u03B1", "\u03C3", "\u03B4", "\u03C6", "\u03B3", "\u03B7", "\u03BE", "\u03BA",
                            "\u03BB"}));  // α σ δ φ γ η ξ κ λ
    rows.back().push_back(Key{"\u0384", 1, KeyKind::Tonos});
    for (const Key& key : textRow({"'", "-"})) rows.back().push_back(key);
    rows.push_back(Row{Key{"\u21E7", 2, KeyKind::Shift}});
    for (const Key& key : textRow({"\u03B6", "\u03C7", "\u03C8", "\u03C9", "\u03B2", "\u03BD", "\u03BC", ",",
                                   ".", "?"}))  // ζ χ ψ ω β ν μ
      rows.back().push_back(key);
    rows.push_back(lettersBottomRow(Script::Greek));
    return rows;
  }();
  // Russian ЙЦУКЕН as phones lay it out: shift and backspace beside the third row's nine letters;
  // ъ after х and ё after э, where a desktop keyboard's last keys are.
  static const std::vector<Row> kCyrillic = [] {
    std::vector<Row> rows;
    rows.push_back(textRow({"\u0439", "\u0446", "\u0443", "\u043A", "\u0435", "\u043D", "\u0433", "\u0448",
                            "\u0449", "\u0437", "\u0445", "\u044A"}));  // й ц у к е н г ш щ з х ъ
    rows.push_back(textRow({"\u0444", "\u044B", "\u0432", "\u0430", "\u043F", "\u0440", "\u043E", "\u043B",
                            "\u0434", "\u0436", "\u044D", "\u0451"}));  // ф ы в а п р о л д ж э ё
    rows.push_back(Row{Key{"\u21E7", 1.5f, KeyKind::Shift}});
    for (const Key& key : textRow({"\u044F", "\u0447", "\u0441", "\u043C", "\u0438", "\u0442", "\u044C",
                                   "\u0431", "\u044E"}))  // я ч с м и т ь б ю
      rows.back().push_back(key);
    rows.back().push_back(Key{"\u232B", 1.5f, KeyKind::Backspace});
    rows.push_back(lettersBottomRow(Script::Cyrillic));
    return rows;
  }();
  static const std::vector<Row> kSymbols = [] {
    std::vector<Row> rows;
    rows.push_back(textRow({"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"}));
    rows.back().push_back(Key{"\u232B", 2, KeyKind::Backspace});
    rows.push_back(textRow({"@", "#", "\u20AC", "%", "&", "*", "(", ")", "-", "+", "=", "/"}));
    rows.push_back(textRow({"\"", ":", ";", "!", "?", ",", ".", "'", "\u00A3", "$", "_", "\u2026"}));
    rows.push_back(Row{Key{"ABC", 2, KeyKind::ToLetters}, Key{"\u00E0\u00E9\u00FC", 2, KeyKind::ToAccents},
                       Key{"space", 8, KeyKind::Space}});
    return rows;
  }();
  static const std::vector<Row> kAccents = [] {
    std::vector<Row> rows;
    rows.push_back(textRow({"\u00E0", "\u00E1", "\u00E2", "\u00E4", "\u00E3", "\u00E5", "\u00E6", "\u00E7", "\u00E8",
                            "\u00E9"}));
    rows.back().push_back(Key{"\u232B", 2, KeyKind::Backspace});
    rows.push_back(textRow({"\u00EA", "\u00EB", "\u00EC", "\u00ED", "\u00EE", "\u00EF", "\u00F1", "\u00F2", "\u00F3",
                            "\u00F4", "\u00F6", "\u00F5"}));
    rows.push_back(Row{Key{"\u21E7", 2, KeyKind::Shift}});
    for (const Key& key : textRow({"\u00F8", "\u0153", "\u00DF", "\u00F9", "\u00FA", "\u00FB", "\u00FC", "\u00FD",
                                   "\u0142", "\u0161"}))
      rows.back().push_back(key);
    rows.push_back(Row{Key{"ABC", 2, KeyKind::ToLetters}, Key{"?123", 2, KeyKind::ToSymbols},
                       Key{"space", 8, KeyKind::Space}});
    return rows;
  }();
  std::vector<Row> rows;
  switch (layer) {
    case Layer::Symbols: rows = kSymbols; break;
    case Layer::Accents: rows = kAccents; break;
    case Layer::Letters: return script == Script::Greek ? kGreek : script == Script::Cyrillic ? kCyrillic : kLatin;
  }
  for (Key& key : rows.back())  // back to the letters of the script in use
    if (key.kind == KeyKind::ToLetters) key.label = scriptLabel(script);
  return rows;
}

// The Greek vowel with tonos, after the tonos key: α -> ά. Other letters come back as they are.
std::string_view withTonos(std::string_view letter) {
  static constexpr std::string_view kPlain[] = {"\u03B1", "\u03B5", "\u03B7", "\u03B9", "\u03BF", "\u03C5", "\u03C9"};
  static constexpr std::string_view kTonos[] = {"\u03AC", "\u03AD", "\u03AE", "\u03AF", "\u03CC", "\u03CD", "\u03CE"};
  for (std::size_t i = 0; i < std::size(kPlain); ++i)
    if (letter == kPlain[i]) return kTonos[i];
  return letter;
}

// A key's letter in upper case; ß stays ß: its capital is rarely wanted in a story.
std::string upper(std::string_view utf8) {
  std::size_t at = 0;
  const char32_t cp = core::decodeUtf8(utf8, at);
  std::string out;
  core::appendUtf8(out, cp == U'\u00DF' ? cp : core::upperCase(cp));
  return out;
}

}  // namespace

bool enterPressed() {
  return tapsEnabled() && (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                           ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false));
}

void eraseLastCodePoint(std::string& text) {
  if (text.empty()) return;
  std::size_t at = text.size() - 1;
  while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
  text.erase(at);
}

bool appendTyped(std::string& text, std::string_view utf8, std::size_t maxCodePoints) {
  bool changed = false;
  std::size_t count = core::countCodePoints(text);
  for (std::size_t at = 0; at < utf8.size();) {
    const char32_t cp = core::decodeUtf8(utf8, at);
    if (cp == '\r' || cp == '\t') continue;
    if (cp < 0x20 && cp != '\n') continue;
    if (cp == 0x7F || cp == 0xFFFD || count >= maxCodePoints) continue;
    core::appendUtf8(text, cp);
    ++count;
    changed = true;
  }
  return changed;
}

bool OnScreenKeyboard::draw(const Theme& theme, const ImRect& area, std::string& value, std::size_t maxCodePoints,
                            KeyboardAction* action) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Palette& palette = theme.palette();
  const Fonts& fonts = theme.fonts();
  bool changed = false;

  // [SECTION] physical keyboard and paste
  if (tapsEnabled()) {
    ImGuiIO& io = ImGui::GetIO();
    std::string typed;
    for (ImWchar c : io.InputQueueCharacters) core::appendUtf8(typed, c);
    changed |= appendTyped(value, typed, maxCodePoints);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)) && !value.empty()) {
      eraseLastCodePoint(value);
      changed = true;
    }
    if (io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_V), false)) {
      if (const char* clipboard = ImGui::GetClipboardText()) changed |= appendTyped(value, clipboard, maxCodePoints);
    }
    if (action && action->enabled && enterPressed()) action->pressed = true;
  }

  // [SECTION] keys
  std::vector<Row> rows = rowsFor(m_layer, m_script);
  if (action && !action->spaceLabel.empty()) {
    for (Key& key : rows.back()) {
      if (key.kind == KeyKind::Space) key.label = action->spaceLabel;
    }
  }
  if (action && !action->label.empty()) {  // the space bar gives three units to the action key
    rows.back().back().units -= 3;
    rows.back().push_back(Key{action->label, 3, KeyKind::Action});
  }
  const float gap = theme.px(12);
  const float rowHeight = (area.GetHeight() - gap * (rows.size() - 1)) / rows.size();
  const float unit = (area.GetWidth() + gap) / kRowUnits;
  const bool upperCase = m_shift != Shift::Off;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    float x = area.Min.x;
    const float y = area.Min.y + r * (rowHeight + gap);
    for (const Key& key : rows[r]) {
      const ImRect rect(ImVec2(x, y), ImVec2(x + key.units * unit - gap, y + rowHeight));
      x += key.units * unit;
      const bool down = pressing(theme, rect);
      const bool special = key.kind != KeyKind::Text && key.kind != KeyKind::Space;
      const bool lit = (key.kind == KeyKind::Shift && m_shift != Shift::Off) || (key.kind == KeyKind::Tonos && m_tonos) ||
                       (key.kind == KeyKind::Action && action->enabled);
      ImU32 fill = special ? palette.badge : palette.surface;
      ImU32 ink = special ? palette.onBadge : palette.text;
      if (lit) {
        fill = palette.accent;
        ink = palette.onAccent;
      }
      if (key.kind == KeyKind::Action && !action->enabled) {  // not yet: quiet, like a disabled button
        fill = palette.background;
        ink = palette.textMuted;
      }
      const ImVec2 sink = down ? ImVec2(0, theme.px(3)) : ImVec2(0, 0);
      const float rounding = theme.px(14);
      if (!down) drawList->AddRectFilled(rect.Min + ImVec2(0, theme.px(3)), rect.Max + ImVec2(0, theme.px(3)),
                                         palette.divider, rounding);
      drawList->AddRectFilled(rect.Min + sink, rect.Max + sink, down ? palette.surfacePressed : fill, rounding);
      auditBox(drawList, ImRect(rect.Min + sink, rect.Max + sink));
      if (down) drawList->AddRect(rect.Min + sink, rect.Max + sink, palette.accent, rounding, 0, theme.px(3));
      const std::string_view letter = key.kind == KeyKind::Text && m_tonos ? withTonos(key.label) : key.label;
      const std::string label = key.kind == KeyKind::Text && upperCase ? upper(letter) : std::string(letter);
      const bool word = key.kind == KeyKind::Space || key.kind == KeyKind::ToLetters ||
                        key.kind == KeyKind::ToSymbols || key.kind == KeyKind::ToAccents ||
                        key.kind == KeyKind::NextScript || key.kind == KeyKind::Action;
      ImFont* font = word ? fonts.bodyBold : fonts.heading;
      const TextBlock block = layoutText(font, label, rect.GetWidth() - theme.px(8), 1);
      drawText(drawList, block, ImVec2(rect.Min.x, rect.GetCenter().y - font->FontSize * 0.5f) + sink, ink,
               rect.GetWidth(), true);
      if (key.kind == KeyKind::Shift && m_shift == Shift::Locked) {  // caps lock: a bar under the arrow
        const float w = theme.px(28);
        const ImVec2 c(rect.GetCenter().x, rect.Max.y - theme.px(14));
        drawList->AddRectFilled(c + ImVec2(-w * 0.5f, 0) + sink, c + ImVec2(w * 0.5f, theme.px(4)) + sink, ink);
      }
      if (!tapped(theme, rect)) continue;
      switch (key.kind) {
        case KeyKind::Text:
          changed |= appendTyped(value, label, maxCodePoints);
          if (m_shift == Shift::Once) m_shift = Shift::Off;
          m_tonos = false;
          break;
        case KeyKind::Tonos:
          m_tonos = !m_tonos;
          break;
        case KeyKind::NextScript:
          m_script = nextScript(m_script);
          m_tonos = false;
          break;
        case KeyKind::Space:
          changed |= appendTyped(value, " ", maxCodePoints);
          break;
        case KeyKind::Backspace:
          changed |= !value.empty();
          eraseLastCodePoint(value);
          break;
        case KeyKind::Shift:  // off -> once -> caps lock -> off
          m_shift = m_shift == Shift::Off ? Shift::Once : m_shift == Shift::Once ? Shift::Locked : Shift::Off;
          break;
        case KeyKind::ToLetters:
          m_layer = Layer::Letters;
          m_tonos = false;
          break;
        case KeyKind::ToSymbols:
          m_layer = Layer::Symbols;
          break;
        case KeyKind::ToAccents:
          m_layer = Layer::Accents;
          break;
        case KeyKind::Action:
          if (action->enabled) action->pressed = true;
          break;
      }
    }
  }
  return changed;
}

}  // namespace wof::ui
