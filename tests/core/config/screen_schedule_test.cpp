// Spec: the screen schedule lights the kiosk by local wall-clock hours per weekday, across
// midnight and daylight-saving changes, and a touch wakes a dark screen for a while.
#include <doctest/doctest.h>

#include <stdlib.h>
#include <time.h>

#include <chrono>

#include "core/config/screen_schedule.hpp"

using namespace wof::core;

namespace {

constexpr int kMon = 0, kTue = 1, kFri = 4, kSat = 5, kSun = 6;

TimeMs utc(int year, unsigned month, unsigned day, int hour, int minute = 0) {
  using namespace std::chrono;
  const sys_days date{std::chrono::year{year} / month / day};
  return duration_cast<milliseconds>((date + hours{hour} + minutes{minute}).time_since_epoch()).count();
}

// Sets the process time zone for one test (POSIX rules: no tzdata needed) and restores it.
class TimeZone {
 public:
  explicit TimeZone(const char* rule) {
    if (const char* old = std::getenv("TZ")) m_old = old;
    ::setenv("TZ", rule, 1);
    ::tzset();
  }
  ~TimeZone() {
    if (m_old) ::setenv("TZ", m_old->c_str(), 1);
    else ::unsetenv("TZ");
    ::tzset();
  }
  TimeZone(const TimeZone&) = delete;
  TimeZone& operator=(const TimeZone&) = delete;

 private:
  std::optional<std::string> m_old;
};
constexpr const char* kBerlin = "CET-1CEST,M3.5.0,M10.5.0/3";  // DST: last Sunday of March to last of October

DayHours hours(std::string_view text) {
  std::string error;
  const std::optional<DayHours> parsed = parseDayHours(text, error);
  REQUIRE_MESSAGE(parsed, error);
  return *parsed;
}

std::array<DayHours, 7> everyDay(std::string_view text) {
  std::array<DayHours, 7> days;
  days.fill(hours(text));
  return days;
}

}  // namespace

TEST_CASE("a day's hours are on, off or ranges, and bad ones say what is wrong") {
  CHECK(hours("on") == DayHours{{0, 1440}});
  CHECK(hours("off").empty());
  CHECK(hours("07:00-19:00") == DayHours{{420, 1140}});
  CHECK(hours("07:00-12:00, 13:30-24:00") == DayHours{{420, 720}, {810, 1440}});
  CHECK(hours("22:00-06:00") == DayHours{{1320, 1800}});  // runs past midnight
  for (const char* bad : {"7-19", "07:00", "25:00-06:00", "07:60-08:00", "24:00-06:00", "always", "", "07:00-19:00,"}) {
    CAPTURE(bad);
    std::string error;
    CHECK_FALSE(parseDayHours(bad, error));
    CHECK(error.find("07:00-19:00") != std::string::npos);
  }
  std::string error;
  CHECK_FALSE(parseDayHours("08:00-08:00", error));
  CHECK(error.find("\"on\"") != std::string::npos);
}

TEST_CASE("the schedule says whether the screen is on at a local minute and when that changes") {
  SUBCASE("the default is always on") {
    const ScreenSchedule always;
    CHECK(always.alwaysOn());
    CHECK(always.onAt(kSun, 1439));
    CHECK_FALSE(always.minutesUntilChange(kMon, 0));
  }
  SUBCASE("working hours on Monday only") {
    std::array<DayHours, 7> days = everyDay("off");
    days[kMon] = hours("07:00-19:00");
    const ScreenSchedule schedule(days);
    CHECK_FALSE(schedule.alwaysOn());
    CHECK_FALSE(schedule.onAt(kMon, 7 * 60 - 1));
    CHECK(schedule.onAt(kMon, 7 * 60));
    CHECK(schedule.onAt(kMon, 19 * 60 - 1));
    CHECK_FALSE(schedule.onAt(kMon, 19 * 60));
    CHECK(schedule.minutesUntilChange(kMon, 6 * 60) == 60);
    CHECK(schedule.minutesUntilChange(kMon, 18 * 60 + 59) == 1);
    // From Monday 19:00 round the week to next Monday 07:00.
    CHECK(schedule.minutesUntilChange(kMon, 19 * 60) == 6 * kMinutesPerDay + 12 * 60);
  }
  SUBCASE("a range past midnight lights the next day's early hours, whatever that day says") {
    std::array<DayHours, 7> days = everyDay("off");
    days[kFri] = hours("22:00-02:00");
    days[kSun] = hours("23:00-01:00");
    const ScreenSchedule schedule(days);
    CHECK_FALSE(schedule.onAt(kFri, 21 * 60 + 59));
    CHECK(schedule.onAt(kFri, 23 * 60));
    CHECK(schedule.onAt(kSat, 60));
    CHECK_FALSE(schedule.onAt(kSat, 120));
    CHECK(schedule.minutesUntilChange(kFri, 23 * 60) == 180);
    CHECK(schedule.onAt(kMon, 30));  // Sunday's night wraps round the week to Monday
    CHECK_FALSE(schedule.onAt(kMon, 60));
  }
  SUBCASE("off all week never changes") {
    const ScreenSchedule dark(everyDay("off"));
    CHECK_FALSE(dark.onAt(kTue, 720));
    CHECK_FALSE(dark.minutesUntilChange(kTue, 720));
  }
}

TEST_CASE("real instants are read in local time") {
  std::array<DayHours, 7> days = everyDay("off");
  days[kTue] = hours("07:00-19:00");
  const ScreenSchedule schedule(days);

  SUBCASE("UTC") {
    const TimeZone zone("UTC0");
    CHECK(scheduledOn(schedule, utc(2026, 11, 24, 12)));  // a Tuesday
    CHECK_FALSE(scheduledOn(schedule, utc(2026, 11, 24, 19)));
    CHECK(nextScheduleChange(schedule, utc(2026, 11, 24, 12) + 12'345) == utc(2026, 11, 24, 19));
    CHECK(nextScheduleChange(schedule, utc(2026, 11, 24, 19)) == utc(2026, 12, 1, 7));
  }
  SUBCASE("a time zone east of UTC moves the hours") {
    const TimeZone zone(kBerlin);
    CHECK(scheduledOn(schedule, utc(2026, 11, 24, 6, 30)));  // 07:30 in Berlin
    CHECK(nextScheduleChange(schedule, utc(2026, 11, 24, 12)) == utc(2026, 11, 24, 18));
  }
  SUBCASE("an always-on schedule never changes") {
    CHECK(scheduledOn(ScreenSchedule(), utc(2026, 11, 24, 3)));
    CHECK_FALSE(nextScheduleChange(ScreenSchedule(), utc(2026, 11, 24, 3)));
  }
}

TEST_CASE("daylight-saving changes keep the wall-clock hours") {
  const TimeZone zone(kBerlin);
  const ScreenSchedule daily(everyDay("07:00-19:00"));
  SUBCASE("spring forward: Sunday 07:00 comes an hour sooner") {
    // Saturday 20:00 CET -> Sunday 07:00 CEST (05:00 UTC), not 06:00 UTC.
    CHECK(nextScheduleChange(daily, utc(2026, 3, 28, 19)) == utc(2026, 3, 29, 5));
    CHECK(scheduledOn(daily, utc(2026, 3, 29, 5)));
    CHECK_FALSE(scheduledOn(daily, utc(2026, 3, 29, 5) - 1000));
  }
  SUBCASE("fall back: Sunday 07:00 comes an hour later") {
    // Saturday 20:00 CEST -> Sunday 07:00 CET (06:00 UTC).
    CHECK(nextScheduleChange(daily, utc(2026, 10, 24, 18)) == utc(2026, 10, 25, 6));
  }
  SUBCASE("a start inside the skipped hour happens when the clocks jump") {
    std::array<DayHours, 7> days = everyDay("off");
    days[kSun] = hours("02:30-23:00");
    const ScreenSchedule schedule(days);
    // 02:30 does not exist on 2026-03-29: 02:00 CET becomes 03:00 CEST at 01:00 UTC.
    CHECK(nextScheduleChange(schedule, utc(2026, 3, 28, 23)) == utc(2026, 3, 29, 1));
  }
}

TEST_CASE("a touch wakes a dark screen for the wake time, then it goes dark again") {
  const TimeZone zone("UTC0");
  constexpr TimeMs kWake = 5 * 60'000;
  SUBCASE("outside the hours") {
    ScreenTimer timer(ScreenSchedule(everyDay("off")), kWake);
    const TimeMs night = utc(2026, 11, 24, 23);
    CHECK_FALSE(timer.lit(night));
    CHECK_FALSE(timer.nextChange(night));
    timer.touched(night);
    CHECK(timer.lit(night));
    CHECK(timer.lit(night + kWake - 1));
    CHECK_FALSE(timer.lit(night + kWake));
    CHECK(timer.nextChange(night) == night + kWake);
    CHECK_FALSE(timer.nextChange(night + kWake));
  }
  SUBCASE("a touch just before closing time keeps the screen lit past it") {
    ScreenTimer timer(ScreenSchedule(everyDay("07:00-19:00")), kWake);
    CHECK(timer.nextChange(utc(2026, 11, 24, 18, 58)) == utc(2026, 11, 24, 19));
    timer.touched(utc(2026, 11, 24, 18, 58));
    CHECK(timer.lit(utc(2026, 11, 24, 19, 2)));
    CHECK(timer.nextChange(utc(2026, 11, 24, 18, 58)) == utc(2026, 11, 24, 19, 3));
  }
  SUBCASE("a touch early in the morning runs into the hours") {
    ScreenTimer timer(ScreenSchedule(everyDay("07:00-19:00")), kWake);
    timer.touched(utc(2026, 11, 24, 6, 58));
    CHECK(timer.nextChange(utc(2026, 11, 24, 6, 59)) == utc(2026, 11, 24, 19));
  }
}
