// Wall-clock helpers: now, UTC ISO 8601 formatting, calendar dates and periods.
// Layer: core. All times are UTC milliseconds since the epoch (TimeMs).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <cstdint>

namespace wof::core {

// Milliseconds since the Unix epoch, UTC.
using TimeMs = std::int64_t;

// A half-open time range [from, to) in UTC milliseconds.
struct Period {
  TimeMs from = 0;
  TimeMs to = 0;
};


inline constexpr TimeMs kMsPerDay = 86'400'000;

TimeMs nowMs();
// "2026-11-24T06:49:57Z" (seconds precision, what exports and logs use).
std::string formatIsoUtc(TimeMs t);
// "2026-11-24"
std::string formatDateUtc(TimeMs t);
// "2026-11"
std::string formatMonthUtc(TimeMs t);
// Parses "YYYY-MM-DD" to the start of that day, UTC; nullopt for anything else.
std::optional<TimeMs> parseDateUtc(std::string_view text);
// Parses "YYYY-MM" to that calendar month, [first day, first day of the next month), UTC;
// nullopt for anything else.
std::optional<Period> parseMonthUtc(std::string_view text);
// "November 2026"
std::string formatMonthLongUtc(TimeMs t);
// Midnight UTC of the day holding `t`.
TimeMs startOfDayUtc(TimeMs t);
// The last `days` days up to and including `now`.
Period lastDays(TimeMs now, int days);

}  // namespace wof::core
