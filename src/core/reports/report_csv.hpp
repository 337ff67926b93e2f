// The raw CSV export HR opens in a spreadsheet: one row per nomination, DESIGN.md's header.
// Layer: core/report. RFC 4180, UTF-8 with a byte-order mark (Excel reads a file without one as
// the PC's ANSI code page: "JosÃ©"), UTC ISO 8601 times; cells a spreadsheet would run as a
// formula are neutralised. Kiosks that saw the same events write byte-identical files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/files.hpp"
#include "core/storage/store.hpp"
#include "core/util/time_zone.hpp"

namespace wof::core {

struct Report;

// Starts every CSV file we write, before the header.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

inline constexpr std::string_view kReportCsvHeader =
    "nomination_id,created_at,kiosk_id,nominee_id,nominee_name,department,site,behaviour,story,nominator,status,"
    "applause";

// A cell starting with = + - @ TAB or CR is prefixed with ' so no spreadsheet evaluates it.
std::string neutraliseFormula(std::string_view cell);

// The whole file, BOM and header included, with "\r\n" line ends (RFC 4180). A non-empty `site` or
// `department` keeps only nominees there.
std::string exportNominationsCsv(Store& store, Period period, std::string_view site = {},
                                 std::string_view department = {});
// The same bytes in pieces of about 64 KiB, so an export of a million rows needs little memory.
// Returns the number of rows written (hidden nominations included).
std::int64_t writeNominationsCsv(Store& store, Period period, std::string_view site, std::string_view department,
                                 const ByteSink& sink);
// The same file from rows already read (Store::reportRows with hidden ones included).
std::string exportNominationsCsv(const std::vector<ReportRow>& rows);

inline constexpr std::string_view kSummaryCsvHeader = "section,key,label,department,site,nominations,applause";

// The summary CSV HR opens beside the raw one: one table, filterable by its first column, with
// the report's totals ("total"), then counts by behaviour, department, month and person, in the
// report's order. Applause is filled where it is known (totals and people). Same escaping as
// the raw CSV; the same report gives the same bytes.
std::string exportSummaryCsv(const Report& report);

// Parses the CLI's --from/--to (YYYY-MM-DD, both days included, from local midnight to local
// midnight in `zone`) into a period; an error names the bad option.
struct PeriodParse {
  std::optional<Period> period;
  std::string error;
};
PeriodParse parseReportPeriod(std::string_view from, std::string_view to, const TimeZone& zone);

}  // namespace wof::core
