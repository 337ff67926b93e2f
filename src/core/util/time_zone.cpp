// The company's clock. Layer: core/util.
#include "core/util/time_zone.hpp"

#include <cstdio>
#include <cstdlib>
#include <date/tz.h>

namespace wof::core {

namespace {

using Milliseconds = std::chrono::milliseconds;

date::local_time<Milliseconds> toLocal(const date::time_zone* zone, TimeMs t) {
  return zone->to_local(date::sys_time<Milliseconds>(Milliseconds(t)));
}

LocalDate toLocalDate(const date::local_days& day) {
  const date::year_month_day date{day};
  return LocalDate{int(date.year()), unsigned(date.month()), unsigned(date.day())};
}

date::local_days toLocalDays(const LocalDate& local) {
  return date::local_days{date::year(local.year) / date::month(local.month) / date::day(local.day)};
}

}  // namespace

TimeZone TimeZone::utc() { return TimeZone(date::locate_zone("Etc/UTC")); }

std::optional<TimeZone> TimeZone::named(std::string_view name) {
  // The database answers any path under /usr/share/zoneinfo; a name is letters, digits and _+-/.
  if (name.empty() || name.front() == '/' || name.find("..") != std::string_view::npos) return std::nullopt;
  try {
    return TimeZone(date::locate_zone(name));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

TimeZone TimeZone::system() {
  if (const char* variable = std::getenv("TZ")) {
    std::string_view name(variable);
    if (!name.empty() && name.front() == ':') name.remove_prefix(1);
    if (std::optional<TimeZone> zone = named(name)) return *zone;
  }
  try {
    return TimeZone(date::current_zone());
  } catch (const std::exception&) {
    return utc();  // no /etc/localtime: the C library's default is UTC too
  }
}

std::string TimeZone::name() const { return std::string(m_zone->name()); }

LocalDate TimeZone::date(TimeMs t) const { return toLocalDate(date::floor<date::days>(toLocal(m_zone, t))); }

std::string TimeZone::formatDate(TimeMs t) const {
  const LocalDate local = date(t);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", local.year, local.month, local.day);
  return buffer;
}

std::string TimeZone::formatMonth(TimeMs t) const { return formatDate(t).substr(0, 7); }

std::string TimeZone::formatTime(TimeMs t) const {
  const auto local = toLocal(m_zone, t);
  const date::hh_mm_ss clock{date::floor<std::chrono::minutes>(local - date::floor<date::days>(local))};
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", int(clock.hours().count()), int(clock.minutes().count()));
  return buffer;
}

std::string TimeZone::abbreviation(TimeMs t) const {
  return m_zone->get_info(date::sys_time<Milliseconds>(Milliseconds(t))).abbrev;
}

TimeMs TimeZone::startOf(const LocalDate& local) const {
  const date::local_time<Milliseconds> midnight{toLocalDays(local)};
  return m_zone->to_sys(midnight, date::choose::earliest).time_since_epoch().count();
}

std::optional<TimeMs> TimeZone::parseDate(std::string_view text) const {
  const std::optional<TimeMs> utcMidnight = parseDateUtc(text);
  if (!utcMidnight) return std::nullopt;
  return startOf(TimeZone::utc().date(*utcMidnight));
}

std::optional<Period> TimeZone::parseMonth(std::string_view text) const {
  const std::optional<Period> utcMonth = parseMonthUtc(text);
  if (!utcMonth) return std::nullopt;
  return monthOf(startOf(TimeZone::utc().date(utcMonth->from)));
}

Period TimeZone::dayOf(TimeMs t) const {
  const date::local_days day = date::floor<date::days>(toLocal(m_zone, t));
  return Period{startOf(toLocalDate(day)), startOf(toLocalDate(day + date::days(1)))};
}

Period TimeZone::monthOf(TimeMs t) const {
  const LocalDate local = date(t);
  const date::year_month next = date::year(local.year) / date::month(local.month) + date::months(1);
  return Period{startOf(LocalDate{local.year, local.month, 1}),
                startOf(LocalDate{int(next.year()), unsigned(next.month()), 1})};
}

Period TimeZone::lastDays(TimeMs now, int days) const {
  const date::local_days today = date::floor<date::days>(toLocal(m_zone, now));
  return Period{startOf(toLocalDate(today - date::days(days - 1))), now + 1};
}

int TimeZone::daysBetween(TimeMs from, TimeMs to) const {
  const auto fromDay = date::floor<date::days>(toLocal(m_zone, from));
  const auto toDay = date::floor<date::days>(toLocal(m_zone, to));
  return int((toDay - fromDay).count());
}

}  // namespace wof::core
