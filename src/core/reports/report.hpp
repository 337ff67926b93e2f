// What a report says: the totals of the filtered nominations by person, behaviour, department and
// month. Built in one pass over the store's rows, which are handed on one at a time (the XLSX
// writes its Nominations sheet from them) and never all held: memory grows with people, not rows.
// Layer: core/report. Plain data; the writers are report_xlsx.hpp and report_pdf.hpp.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/model/model.hpp"
#include "core/storage/store.hpp"
#include "core/util/time_zone.hpp"

namespace wof::core {

struct ReportCount {
  std::string key;    // behaviour key, department name or "YYYY-MM"
  std::string label;  // what a reader sees: behaviour title, department, "Nov 2026"
  std::int64_t count = 0;
};

struct PersonTotal {
  std::string employeeId;
  std::string displayName;
  std::string department;
  std::string site;
  std::int64_t nominations = 0;
  std::int64_t applause = 0;
};

struct Report {
  ReportFilter filter;
  TimeZone zone = TimeZone::utc();  // the company's, in which every date and month is told
  std::string periodLabel;  // "1 Sep 2026 – 30 Nov 2026", or the data's range when unbounded
  std::string scopeLabel;   // "All sites, all departments", "Site Lyon, department Sales"
  std::optional<TimeMs> firstCreatedAt;  // the oldest and newest nomination covered; unset when none
  std::optional<TimeMs> lastCreatedAt;
  std::int64_t nominations = 0;
  std::int64_t approved = 0;
  std::int64_t pending = 0;
  std::int64_t peopleRecognised = 0;
  std::int64_t nominators = 0;  // distinct named nominators (anonymous ones are not counted)
  std::int64_t applause = 0;
  std::vector<ReportCount> byBehaviour;   // every configured behaviour, in display order, zeros too
  std::vector<ReportCount> byDepartment;  // most first, then by name
  std::vector<ReportCount> byMonth;       // every month of the period, zeros too
  std::vector<PersonTotal> byPerson;      // most nominated first, then by name
  // Approved stories of people who agreed to the wall, for the PDF: each person's most applauded
  // (then newest), most applauded first, at most kFeaturedStories.
  std::vector<ReportRow> featured;
};

inline constexpr std::size_t kFeaturedStories = 8;

// Collects and totals what `filter` covers (hidden nominations are never counted). `each`, when
// set, sees every row, oldest first, as it streams past.
Report buildReport(Store& store, const ReportFilter& filter,
                   const std::function<void(const ReportRow&)>& each = {});

// "1 Sep 2026", the local date in `zone`
std::string formatDayLong(const TimeZone& zone, TimeMs t);

}  // namespace wof::core
