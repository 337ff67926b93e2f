// Small pieces the screens share: taps, cards, pills, buttons, photo avatars, scroll fades, and
// the words every screen uses (dates, bylines, quoted stories).
// Layer: ui. Everything draws into an ImDrawList; a tap is a press and release inside one
// rectangle without dragging, the way a finger works.
#pragma once

#include <string>
#include <string_view>

#include <imgui.h>
#include <imgui_internal.h>

#include "core/model/model.hpp"
#include "core/util/time_zone.hpp"
#include "ui/strings.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/touch_scroll.hpp"

namespace wof::ui {

class PhotoCache;

// While one of these lives, tapped() and pressing() answer false and the keyboard ignores typing:
// for a screen drawn under a modal question, and for the touch that dismissed it.
class IgnoreTaps {
 public:
  IgnoreTaps();
  ~IgnoreTaps();
  IgnoreTaps(const IgnoreTaps&) = delete;
  IgnoreTaps& operator=(const IgnoreTaps&) = delete;

 private:
  bool m_previous;
};
bool tapsEnabled();

// A finger went down and came up inside `rect` this frame without dragging.
bool tapped(const Theme& theme, const ImRect& rect);
// A finger is down on `rect` and has not dragged away (for pressed feedback).
bool pressing(const Theme& theme, const ImRect& rect);

// A rounded surface with a soft shadow.
void drawCard(ImDrawList* drawList, const Theme& theme, const ImRect& rect, ImU32 fill);

// Soft fades at the top and bottom of a scrolled viewport where there is more to see: the
// kiosk's scrollbar.
void drawScrollFades(ImDrawList* drawList, const Theme& theme, const ImRect& viewport, const TouchScroll& scroll);

// A pill with one line of text; returns its rectangle. Text is ellipsised to `maxWidth`.
ImRect drawPill(ImDrawList* drawList, const Theme& theme, ImFont* font, std::string_view text, ImVec2 topLeft,
                float maxWidth, ImU32 fill, ImU32 textColour);
float pillHeight(const Theme& theme, ImFont* font);

// A button drawn at `rect`, returning true when tapped. `enabled == false` draws it quietly and
// ignores taps.
bool button(ImDrawList* drawList, const Theme& theme, const ImRect& rect, std::string_view label, bool primary,
            bool enabled = true);

// A text field as the kiosk draws it: a rounded box with the text (or a quiet hint) and a caret.
// Long text shows its end, where the typing is.
void drawField(const Theme& theme, const ImRect& rect, const std::string& text, std::string_view hint);

// A circular photo (centre-cropped), or the person's initials on a colour of their own while the
// photo loads or when there is none.
void drawAvatar(ImDrawList* drawList, const Theme& theme, PhotoCache& photos, const std::string& photoFile,
                std::string_view personId, std::string_view name, ImVec2 centre, float diameter);

// A Customer Champion's card: the photo with a gold ring and a star medal (the badge), then
// `heading` (their month or behaviour), their name and HR's citation.
void drawChampionCard(const Theme& theme, PhotoCache& photos, const core::Winner& champion, std::string_view heading,
                      const ImRect& rect, bool pressed);

// A chip: a rounded, touch-sized toggle with one line of text; returns true when tapped.
// `chosen` fills it with the accent colour.
bool chip(ImDrawList* drawList, const Theme& theme, const ImRect& rect, std::string_view label, bool chosen);
float chipWidth(const Theme& theme, std::string_view label);

// [SECTION] words the screens share
// "12 Nov 2025", the date in `zone` (the company's clock), for HR's screens.
std::string formatDay(core::TimeMs t, const core::TimeZone& zone);
// When `t` was, as people say it, in the screen's language and the company's calendar: "Today",
// "Yesterday", "3 days ago" within a week, then "12 November", and "12 Nov 2025" in another year.
std::string formatWhen(core::TimeMs t, core::TimeMs now, const core::TimeZone& zone, const core::Strings& text);
// "November 2026" in the screen's language, for a "YYYY-MM" period (the period itself when malformed).
std::string formatMonth(std::string_view period, const core::Strings& text);
// A behaviour's title in the screen's language where a translation exists, else HR's title.
std::string behaviourName(const core::Strings& text, std::string_view key, std::string_view title);
// "— nominated by Ana Silva" / "— nominated by a colleague", in the screen's language.
std::string nominatedBy(const core::WallStory& story, const core::Strings& text);
// "Finance · Lyon", or whichever of the two is known.
std::string departmentAndSite(const std::string& department, const std::string& site);
// "— nominated by Ana Silva", or "— nominated by a colleague" when they chose not to be named.
std::string nominatedBy(const core::WallStory& story);
// The story trimmed and in curly quotes.
std::string quotedStory(const core::WallStory& story);

}  // namespace wof::ui
