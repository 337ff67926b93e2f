// The raw CSV export. Layer: core/report.
#include "core/reports/report_csv.hpp"

#include <limits>

#include "core/util/clock.hpp"
#include "core/reports/report.hpp"
#include "core/roster/roster_csv.hpp"

namespace wof::core {

std::string neutraliseFormula(std::string_view cell) {
  if (!cell.empty() && (cell.front() == '=' || cell.front() == '+' || cell.front() == '-' || cell.front() == '@' ||
                        cell.front() == '\t' || cell.front() == '\r'))
    return "'" + std::string(cell);
  return std::string(cell);
}

namespace {

// csvQuote(neutraliseFormula(text)) appended in place, without temporary strings: a million-row
// export writes twelve million cells.
void appendCell(std::string& out, std::string_view text) {
  const bool formula = !text.empty() && (text.front() == '=' || text.front() == '+' || text.front() == '-' ||
                                         text.front() == '@' || text.front() == '\t' || text.front() == '\r');
  bool quote = false;
  for (const char c : text) {
    if (c == ',' || c == '"' || c == '\r' || c == '\n') {
      quote = true;
      break;
    }
  }
  if (quote) out += '"';
  if (formula) out += '\'';
  if (!quote) {
    out += text;
    return;
  }
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void appendRow(std::string& out, const ReportRow& row) {
  auto cell = [&out](std::string_view text, bool last = false) {
    appendCell(out, text);
    out += last ? "\r\n" : ",";
  };
  cell(row.nominationId);
  cell(formatIsoUtc(row.createdAt));
  cell(row.kioskId);
  cell(row.nomineeId);
  cell(row.nomineeName);
  cell(row.department);
  cell(row.site);
  cell(row.behaviourKey);
  cell(row.story);
  cell(row.nominatorName);
  cell(toText(row.status));
  cell(std::to_string(row.applause), true);
}

}  // namespace

std::string exportNominationsCsv(Store& store, Period period, std::string_view site, std::string_view department) {
  std::string csv;
  writeNominationsCsv(store, period, site, department, [&csv](std::string_view piece) { csv += piece; });
  return csv;
}

std::string exportNominationsCsv(const std::vector<ReportRow>& rows) {
  std::string out(kUtf8Bom);
  out += kReportCsvHeader;
  out += "\r\n";
  for (const ReportRow& row : rows) appendRow(out, row);
  return out;
}

std::int64_t writeNominationsCsv(Store& store, Period period, std::string_view site, std::string_view department,
                                 const ByteSink& sink) {
  constexpr std::size_t kPiece = 64 * 1024;
  std::string out(kUtf8Bom);
  out += kReportCsvHeader;
  out += "\r\n";
  std::int64_t rows = 0;
  // Every value comes from merged state (never from which kiosk asked), so kiosks that saw the
  // same events write the same bytes.
  const ReportFilter filter{period, std::string(site), std::string(department)};
  store.forEachReportRow(filter, /*includeHidden=*/true, [&](ReportRow& row) {
    appendRow(out, row);
    ++rows;
    if (out.size() >= kPiece) {
      sink(out);
      out.clear();
    }
  });
  sink(out);
  return rows;
}

std::string exportSummaryCsv(const Report& report) {
  std::string out(kUtf8Bom);
  out += kSummaryCsvHeader;
  out += "\r\n";
  auto row = [&out](std::string_view section, std::string_view key, std::string_view label,
                    std::string_view department, std::string_view site, std::int64_t nominations,
                    std::optional<std::int64_t> applause) {
    for (const std::string_view text : {section, key, label, department, site}) {
      out += csvQuote(neutraliseFormula(text));
      out += ",";
    }
    out += std::to_string(nominations) + ",";
    if (applause) out += std::to_string(*applause);
    out += "\r\n";
  };
  row("total", "nominations", report.periodLabel + "; " + report.scopeLabel, "", "", report.nominations,
      report.applause);
  row("total", "approved", "Approved", "", "", report.approved, std::nullopt);
  row("total", "pending", "Pending", "", "", report.pending, std::nullopt);
  row("total", "people", "People recognised", "", "", report.peopleRecognised, std::nullopt);
  row("total", "nominators", "Named nominators", "", "", report.nominators, std::nullopt);
  for (const ReportCount& count : report.byBehaviour)
    row("behaviour", count.key, count.label, "", "", count.count, std::nullopt);
  for (const ReportCount& count : report.byDepartment)
    row("department", count.key, count.label, "", "", count.count, std::nullopt);
  for (const ReportCount& count : report.byMonth) row("month", count.key, count.label, "", "", count.count, std::nullopt);
  for (const PersonTotal& person : report.byPerson)
    row("person", person.employeeId, person.displayName, person.department, person.site, person.nominations,
        person.applause);
  return out;
}

PeriodParse parseReportPeriod(std::string_view from, std::string_view to, const TimeZone& zone) {
  PeriodParse result;
  Period period{std::numeric_limits<TimeMs>::min(), std::numeric_limits<TimeMs>::max()};
  if (!from.empty()) {
    const std::optional<TimeMs> start = zone.parseDate(from);
    if (!start) {
      result.error = "--from \"" + std::string(from) + "\" is not a date written YYYY-MM-DD";
      return result;
    }
    period.from = *start;
  }
  if (!to.empty()) {
    const std::optional<TimeMs> end = zone.parseDate(to);
    if (!end) {
      result.error = "--to \"" + std::string(to) + "\" is not a date written YYYY-MM-DD";
      return result;
    }
    period.to = zone.dayOf(*end).to;  // the whole --to day is included, 23 or 25 hours long on a change
  }
  if (period.from >= period.to) {
    result.error = "--from " + std::string(from) + " is after --to " + std::string(to);
    return result;
  }
  result.period = period;
  return result;
}

}  // namespace wof::core
