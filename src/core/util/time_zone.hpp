// The company's clock: an IANA time zone ("Europe/Berlin") and the calendar in it: days,
// months and the periods they span, exact across daylight-saving changes (a local day is 23, 24
// or 25 hours). Layer: core/util. Instants stay UTC milliseconds (TimeMs); only what a person
// reads as a date (a month a nomination counts for, a day's cap, a report's --from/--to) goes
// through a TimeZone. Backed by the system's tzdata (/usr/share/zoneinfo) through Howard
// Hinnant's date/tz, the library C++20's <chrono> zones were standardised from.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/util/clock.hpp"

namespace date {
class time_zone;
}

namespace wof::core {

struct LocalDate {
  int year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
};

class TimeZone {
 public:
  // Coordinated Universal Time, the calendar of earlier versions.
  static TimeZone utc();
  // An IANA name; nullopt when the system's tzdata does not know it.
  static std::optional<TimeZone> named(std::string_view name);
  // The machine's zone: TZ where it names a zone, else /etc/localtime, else UTC.
  static TimeZone system();

  std::string name() const;
  bool operator==(const TimeZone& other) const { return m_zone == other.m_zone; }

  LocalDate date(TimeMs t) const;
  // "2026-11-24", the local date holding `t`.
  std::string formatDate(TimeMs t) const;
  // "2026-11", the local month holding `t`.
  std::string formatMonth(TimeMs t) const;
  // "14:05", local wall time.
  std::string formatTime(TimeMs t) const;
  // "CET", "PDT": the abbreviation in force at `t`.
  std::string abbreviation(TimeMs t) const;
  // Local midnight starting "YYYY-MM-DD"; nullopt for anything else. Where midnight does not
  // exist (a change at 00:00), the first instant of that day.
  std::optional<TimeMs> parseDate(std::string_view text) const;
  // "YYYY-MM" to [its first local midnight, the next month's); nullopt for anything else.
  std::optional<Period> parseMonth(std::string_view text) const;
  // The local day and month holding `t`.
  Period dayOf(TimeMs t) const;
  Period monthOf(TimeMs t) const;
  // The last `days` local days up to and including `now`: from the midnight `days - 1` days
  // before today's to just after `now`.
  Period lastDays(TimeMs now, int days) const;
  // Whole local days from the day holding `from` to the day holding `to` (0: the same day).
  int daysBetween(TimeMs from, TimeMs to) const;

 private:
  explicit TimeZone(const date::time_zone* zone) : m_zone(zone) {}
  TimeMs startOf(const LocalDate& date) const;

  const date::time_zone* m_zone;  // owned by the tz database, which lives as long as the process
};

}  // namespace wof::core
