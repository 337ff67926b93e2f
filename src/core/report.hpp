// What a report says: the filtered nominations and their totals by person, behaviour,
// department and month. Built once from the store, then written as XLSX or PDF.
// Layer: core/report. Plain data; the writers are report_xlsx.hpp and report_pdf.hpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/store.hpp"

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
  std::string periodLabel;  // "1 Sep 2026 – 30 Nov 2026", or the data's range when unbounded
  std::string scopeLabel;   // "All sites, all departments", "Site Lyon, department Sales"
  std::vector<ReportRow> rows;  // oldest first
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
};

// Collects and totals what `filter` covers (hidden nominations are never counted).
Report buildReport(Store& store, const ReportFilter& filter);

// "1 Sep 2026"
std::string formatDayLongUtc(TimeMs t);

}  // namespace wof::core
