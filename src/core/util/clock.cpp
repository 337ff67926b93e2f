// Wall-clock helpers. Layer: core. Uses the proleptic Gregorian calendar of <chrono>, no time zones.
#include "core/util/clock.hpp"

#include <chrono>
#include <cstdio>

namespace wof::core {

namespace {

std::chrono::year_month_day toDate(TimeMs t) {
  using namespace std::chrono;
  return year_month_day{floor<days>(sys_time<milliseconds>(milliseconds(t)))};
}

}  // namespace

TimeMs nowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string formatIsoUtc(TimeMs t) {
  using namespace std::chrono;
  const sys_time<milliseconds> time{milliseconds(t)};
  const auto day = floor<days>(time);
  const year_month_day date{day};
  const hh_mm_ss clock{floor<seconds>(time - day)};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(date.year()), unsigned(date.month()),
                unsigned(date.day()), int(clock.hours().count()), int(clock.minutes().count()),
                int(clock.seconds().count()));
  return buffer;
}

std::string formatDateUtc(TimeMs t) {
  const auto date = toDate(t);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(date.year()), unsigned(date.month()), unsigned(date.day()));
  return buffer;
}

std::string formatMonthUtc(TimeMs t) {
  const auto date = toDate(t);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u", int(date.year()), unsigned(date.month()));
  return buffer;
}

std::optional<TimeMs> parseDateUtc(std::string_view text) {
  using namespace std::chrono;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8};
  const std::size_t lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (std::size_t i = starts[p]; i < starts[p] + lengths[p]; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (text[i] - '0');
    }
  }
  const year_month_day date{year(parts[0]), month(unsigned(parts[1])), day(unsigned(parts[2]))};
  if (!date.ok()) return std::nullopt;
  return duration_cast<milliseconds>(sys_days(date).time_since_epoch()).count();
}

std::optional<Period> parseMonthUtc(std::string_view text) {
  using namespace std::chrono;
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  const std::optional<TimeMs> first = parseDateUtc(std::string(text) + "-01");
  if (!first) return std::nullopt;
  const year_month_day start{floor<days>(sys_time<milliseconds>(milliseconds(*first)))};
  const year_month next = year_month(start.year(), start.month()) + months(1);
  const TimeMs end = duration_cast<milliseconds>(sys_days(next / day(1)).time_since_epoch()).count();
  return Period{*first, end};
}

std::string formatMonthLongUtc(TimeMs t) {
  static constexpr const char* kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                                "July",    "August",   "September", "October", "November", "December"};
  const auto date = toDate(t);
  return std::string(kMonthNames[unsigned(date.month()) - 1]) + " " + std::to_string(int(date.year()));
}

TimeMs startOfDayUtc(TimeMs t) {
  const TimeMs remainder = t % kMsPerDay;
  return t - (remainder < 0 ? remainder + kMsPerDay : remainder);
}

Period lastDays(TimeMs now, int days) {
  return Period{startOfDayUtc(now) - TimeMs(days - 1) * kMsPerDay, now + 1};
}

}  // namespace wof::core
