// One person's story wall: their photo and name, their approved stories a page at a time (the
// next page loads as the end scrolls into view), and a one-tap applause per story. Opened by tapping them on the wall.
// Layer: ui. Draws from a read-only view and returns what a person asked for.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/model/model.hpp"
#include "core/util/time_zone.hpp"
#include "ui/strings.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/touch_scroll.hpp"

namespace wof::ui {

class PhotoCache;

struct PersonView {
  const std::vector<core::WallStory>& stories;  // newest first, all about one person; not empty
  const std::set<std::string>& applauded;       // nomination ids applauded during this visit
  const core::Strings& text;                    // this session's language
  bool backToHallOfFame = false;                // opened from the Hall of Fame: back goes there
  std::int64_t total = 0;                       // all their stories; `stories` are the pages loaded so far
  bool more = false;                            // there is a next page to load
  core::TimeMs today = 0;                       // now, for "3 days ago"
  core::TimeZone zone = core::TimeZone::utc();  // the company's calendar
};

struct PersonIntent {
  bool back = false;
  std::optional<std::string> applaud;  // nomination id
  bool loadMore = false;               // scrolled near the end of the loaded stories: append the next page
};

class PersonScreen {
 public:
  PersonIntent draw(const PersonView& view, const Theme& theme, PhotoCache& photos, double now);
  bool animating() const { return m_scroll.animating(); }
  void reset() { m_scroll.reset(); }

 private:
  TouchScroll m_scroll;
};

}  // namespace wof::ui
