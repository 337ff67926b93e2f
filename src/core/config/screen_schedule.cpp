// The screen schedule. Layer: core.
#include "core/config/screen_schedule.hpp"

#include <time.h>

#include <charconv>

#include "core/util/text.hpp"

namespace wof::core {

namespace {

// "HH:MM" to minutes after midnight, 00:00 to 24:00.
std::optional<int> parseClock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  int hours = -1;
  int minutes = -1;
  if (std::from_chars(text.data(), text.data() + 2, hours).ptr != text.data() + 2) return std::nullopt;
  if (std::from_chars(text.data() + 3, text.data() + 5, minutes).ptr != text.data() + 5) return std::nullopt;
  if (hours < 0 || hours > 24 || minutes < 0 || minutes > 59 || (hours == 24 && minutes != 0)) return std::nullopt;
  return hours * 60 + minutes;
}

struct LocalMinute {
  int weekday;  // 0 = Monday
  int minute;   // of the day
  int second;
  long offset;  // seconds east of UTC in force
};

LocalMinute localMinute(TimeMs t) {
  const time_t seconds = static_cast<time_t>(t >= 0 ? t / 1000 : (t - 999) / 1000);
  tm local{};
  localtime_r(&seconds, &local);
  return LocalMinute{(local.tm_wday + 6) % 7, local.tm_hour * 60 + local.tm_min, local.tm_sec, local.tm_gmtoff};
}

}  // namespace

std::optional<DayHours> parseDayHours(std::string_view text, std::string& error) {
  const std::string_view value = trim(text);
  if (value == "on") return DayHours{{0, kMinutesPerDay}};
  if (value == "off") return DayHours{};
  DayHours hours;
  std::string_view rest = value;
  while (true) {
    const std::size_t comma = rest.find(',');
    const std::string_view range = trim(rest.substr(0, comma));
    const std::size_t dash = range.find('-');
    const std::optional<int> start = dash == std::string_view::npos ? std::nullopt : parseClock(trim(range.substr(0, dash)));
    const std::optional<int> end = dash == std::string_view::npos ? std::nullopt : parseClock(trim(range.substr(dash + 1)));
    if (!start || !end || *start == kMinutesPerDay) {
      error = "must be \"on\", \"off\" or hours such as \"07:00-19:00\" (several separated by commas; "
              "\"22:00-06:00\" runs past midnight); \"" + std::string(range) + "\" is not";
      return std::nullopt;
    }
    if (*start == *end) {
      error = "has the empty range \"" + std::string(range) + "\"; write \"on\" for the whole day";
      return std::nullopt;
    }
    hours.emplace_back(*start, *end > *start ? *end : *end + kMinutesPerDay);
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return hours;
}

ScreenSchedule::ScreenSchedule() { m_on.set(); }

ScreenSchedule::ScreenSchedule(const std::array<DayHours, 7>& days) {
  for (int day = 0; day < 7; ++day) {
    for (const auto& [start, end] : days[day]) {
      // A range past midnight lights the next day's early hours (Sunday's wraps to Monday).
      for (int minute = start; minute < end; ++minute) m_on.set((day * kMinutesPerDay + minute) % kMinutesPerWeek);
    }
  }
}

bool ScreenSchedule::onAt(int weekday, int minute) const { return m_on.test(weekday * kMinutesPerDay + minute); }

std::optional<int> ScreenSchedule::minutesUntilChange(int weekday, int minute) const {
  const int from = weekday * kMinutesPerDay + minute;
  const bool now = m_on.test(from);
  for (int step = 1; step < kMinutesPerWeek; ++step)
    if (m_on.test((from + step) % kMinutesPerWeek) != now) return step;
  return std::nullopt;
}

bool scheduledOn(const ScreenSchedule& schedule, TimeMs t) {
  if (schedule.alwaysOn()) return true;
  const LocalMinute local = localMinute(t);
  return schedule.onAt(local.weekday, local.minute);
}

std::optional<TimeMs> nextScheduleChange(const ScreenSchedule& schedule, TimeMs t) {
  const bool startState = scheduledOn(schedule, t);
  TimeMs from = t;
  // Each round jumps by wall-clock minutes; when the UTC offset differs at the landing point, a
  // daylight-saving change lies in between: restart from that instant (found by bisection), where
  // the wall clock jumps and the state may already have changed. A week holds at most one or two.
  for (int round = 0; round < 8; ++round) {
    const LocalMinute local = localMinute(from);
    if (schedule.onAt(local.weekday, local.minute) != startState) return from;
    const std::optional<int> minutes = schedule.minutesUntilChange(local.weekday, local.minute);
    if (!minutes) return std::nullopt;
    const TimeMs minuteStart = from - (from % 1000 + 1000) % 1000 - local.second * 1000;
    const TimeMs landing = minuteStart + static_cast<TimeMs>(*minutes) * 60'000;
    if (localMinute(landing).offset == local.offset) return landing;
    TimeMs same = from;
    TimeMs changed = landing;
    while (changed - same > 1000) {
      const TimeMs middle = same + (changed - same) / 2;
      (localMinute(middle).offset == local.offset ? same : changed) = middle;
    }
    from = changed - (changed % 1000 + 1000) % 1000;
  }
  return std::nullopt;
}

std::optional<TimeMs> ScreenTimer::nextChange(TimeMs now) const {
  if (now < m_wokenUntil)
    return scheduledOn(m_schedule, m_wokenUntil) ? nextScheduleChange(m_schedule, m_wokenUntil) : m_wokenUntil;
  return nextScheduleChange(m_schedule, now);
}

}  // namespace wof::core
