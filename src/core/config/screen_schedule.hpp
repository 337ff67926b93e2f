// When the kiosk's screen is lit: kiosk.toml's [schedule] of on-hours per weekday, and a touch
// that wakes a dark screen for a few minutes. Layer: core. Pure except for the conversion from
// UTC to local wall time, which follows the C library's time zone (TZ, /etc/localtime), so
// daylight-saving changes move the hours with the wall clock.
#pragma once

#include <array>
#include <bitset>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/model.hpp"

namespace wof::core {

inline constexpr int kMinutesPerDay = 24 * 60;
inline constexpr int kMinutesPerWeek = 7 * kMinutesPerDay;

// One weekday's on-hours as [start, end) minutes after that day's midnight. An end past
// kMinutesPerDay runs on into the next day (a range written "22:00-06:00").
using DayHours = std::vector<std::pair<int, int>>;

// Parses "on" (all day), "off", or "HH:MM-HH:MM" ranges separated by commas ("07:00-12:00,
// 13:00-19:00"; "24:00" ends a day). A range whose end is not after its start runs past midnight.
// On failure returns nullopt and sets `error` to what was wrong.
std::optional<DayHours> parseDayHours(std::string_view text, std::string& error);

class ScreenSchedule {
 public:
  // Monday first (index 0 = Monday ... 6 = Sunday), like ISO 8601.
  static constexpr std::array<std::string_view, 7> kDayKeys = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

  ScreenSchedule();  // always on
  explicit ScreenSchedule(const std::array<DayHours, 7>& days);

  bool alwaysOn() const { return m_on.all(); }
  // `weekday` 0 = Monday; `minute` 0..1439 of local wall time.
  bool onAt(int weekday, int minute) const;
  // Minutes from that local minute until the screen's state differs; nullopt when it never does.
  std::optional<int> minutesUntilChange(int weekday, int minute) const;

 private:
  std::bitset<kMinutesPerWeek> m_on;  // one bit per minute of the week, Monday 00:00 first
};

// The schedule at a real instant, in local time.
bool scheduledOn(const ScreenSchedule& schedule, TimeMs t);
// The first instant after `t` at which scheduledOn changes (exact across daylight-saving
// changes, to the second); nullopt when the schedule never changes.
std::optional<TimeMs> nextScheduleChange(const ScreenSchedule& schedule, TimeMs t);

// Lit by the schedule, or for `wakeMs` after the last touch (a touch while lit keeps it lit too,
// so the screen never goes dark under someone's finger).
class ScreenTimer {
 public:
  ScreenTimer(ScreenSchedule schedule, TimeMs wakeMs) : m_schedule(std::move(schedule)), m_wakeMs(wakeMs) {}
  void touched(TimeMs now) { m_wokenUntil = now + m_wakeMs; }
  bool lit(TimeMs now) const { return now < m_wokenUntil || scheduledOn(m_schedule, now); }
  // When lit() next changes; nullopt when it never will (always on, and no touch pending).
  std::optional<TimeMs> nextChange(TimeMs now) const;
  const ScreenSchedule& schedule() const { return m_schedule; }

 private:
  ScreenSchedule m_schedule;
  TimeMs m_wakeMs;
  TimeMs m_wokenUntil = 0;
};

// What a heartbeat says about the screen: "on" or "scheduled-off".
inline constexpr std::string_view kScreenOn = "on";
inline constexpr std::string_view kScreenScheduledOff = "scheduled-off";

}  // namespace wof::core
