// Spec: reports on hand-made data: formula payloads stay inert in every format, an empty report
// still writes valid files, and a report that cannot be written says why.
#include <doctest/doctest.h>

#include <cstdlib>
#include <map>
#include <regex>
#include <set>

#include "core/util/clock.hpp"
#include "core/reports/report.hpp"
#include "core/reports/report_csv.hpp"
#include "core/reports/report_export.hpp"
#include "core/roster/roster_csv.hpp"
#include "core/reports/report_pdf.hpp"
#include "core/reports/report_xlsx.hpp"
#include "support/report_support.hpp"

using namespace wof::core;
using namespace wof::test;

namespace {

// Spreadsheet formula payloads, each used as a person's name, department and site.
const std::vector<std::string> kFormulaPayloads = {"=1+2", "+1", "-1", "@SUM(A1)", "\t=1+2", "\r=1+2",
                                                   "=HYPERLINK(\"http://evil.example\",\"click\")"};

std::vector<Employee> rosterNamedByPayloads() {
  std::vector<Employee> roster;
  for (std::size_t i = 0; i < kFormulaPayloads.size(); ++i) {
    Employee person = makeEmployee("P" + std::to_string(i), kFormulaPayloads[i], kFormulaPayloads[i]);
    person.site = kFormulaPayloads[i];
    roster.push_back(person);
  }
  return roster;
}

}  // namespace

TEST_CASE("formula payloads come out of the XLSX as text, never as formulas") {
  TempDir dir;
  Store store(dir / "kiosk.db", "kiosk-a");
  const std::vector<std::string>& payloads = kFormulaPayloads;
  std::vector<Employee> roster = rosterNamedByPayloads();
  roster.push_back(makeEmployee("N1", "Nora Nominator"));
  store.replaceRoster(roster);
  for (std::size_t i = 0; i < payloads.size(); ++i) {
    const NominationDraft draft{"P" + std::to_string(i), "real-face",
                                payloads[i] + " and then the customer got their refund the same day.",
                                std::string("N1"), NominatorVisibility::Public};
    const SubmitOutcome outcome = store.submitNomination(draft, kNow - static_cast<TimeMs>(i), {ModerationPolicy::Auto, 100});
    REQUIRE_MESSAGE(outcome.nomination, (outcome.violation ? outcome.violation->message : ""));
  }
  const auto file = dir / "payloads.xlsx";
  writeXlsxReport(store, {}, file);
  for (int sheet = 1; sheet <= 5; ++sheet) {
    CAPTURE(sheet);
    const std::string xml = unzipMember(file, "xl/worksheets/sheet" + std::to_string(sheet) + ".xml", dir);
    CHECK(xml.find("<f>") == std::string::npos);
    CHECK(xml.find("<f ") == std::string::npos);
  }
  // Strings are written inline (constant-memory mode), as text cells of the sheet.
  const std::string strings = unzipMember(file, "xl/worksheets/sheet1.xml", dir);
  CHECK(strings.find(">=HYPERLINK(\"http://evil.example\",\"click\")<") != std::string::npos);
  CHECK(strings.find(">@SUM(A1)<") != std::string::npos);
  CHECK(strings.find(">=1+2<") != std::string::npos);
}

TEST_CASE("a report with no nominations still writes valid files") {
  TempDir dir;
  Store store(dir / "kiosk.db", "kiosk-a");
  const Report report = buildReport(store, {});
  CHECK(report.nominations == 0);
  CHECK(report.periodLabel == "No nominations in this period");
  CHECK(writeXlsxReport(store, {}, dir / "empty.xlsx").nominations == 0);
  writePdfReport(report, dir / "photos", dir / "empty.pdf");
  TempDir pages;
  CHECK(countPages(dir / "empty.pdf", pages) >= 4);
}

TEST_CASE("formula payloads come out of the summary CSV inert") {
  TempDir dir;
  Store store(dir / "kiosk.db", "kiosk-a");
  const std::vector<std::string>& payloads = kFormulaPayloads;
  std::vector<Employee> roster = rosterNamedByPayloads();
  store.replaceRoster(roster);
  for (std::size_t i = 0; i < payloads.size(); ++i) {
    const NominationDraft draft{"P" + std::to_string(i), "real-face", "Then the customer got their refund the same day.",
                                std::nullopt, NominatorVisibility::Anonymous};
    REQUIRE(store.submitNomination(draft, kNow - static_cast<TimeMs>(i), {ModerationPolicy::Auto, 100}).nomination);
  }
  const std::string csv = exportSummaryCsv(buildReport(store, {}));
  std::vector<CsvRecord> records;
  std::string error;
  std::size_t errorLine = 0;
  REQUIRE(parseCsv(csv, records, error, errorLine));
  int people = 0;
  for (const CsvRecord& record : records) {
    for (const std::string& field : record.fields) {
      CAPTURE(field);
      CHECK((field.empty() || std::string_view("=+-@\t\r").find(field.front()) == std::string_view::npos));
    }
    people += record.fields[0] == "person";
  }
  CHECK(people == static_cast<int>(payloads.size()));
  CHECK(csv.find(",\"'=HYPERLINK(\"\"http://evil.example\"\"") != std::string::npos);
}

TEST_CASE("a report that cannot be written says why and throws nothing, in every format") {
  TempDir dir;
  Store store(dir / "kiosk.db", "kiosk-a");
  store.replaceRoster({makeEmployee("E1", "Ana Silva")});
  REQUIRE(store.submitNomination({"E1", "real-face", "Then the customer got their refund the same day.", std::nullopt,
                                  NominatorVisibility::Anonymous},
                                 kNow, {ModerationPolicy::Auto, 100})
              .nomination);
  for (const ReportFormat format : {ReportFormat::Csv, ReportFormat::SummaryCsv, ReportFormat::Xlsx, ReportFormat::Pdf}) {
    CAPTURE(toText(format));
    CHECK(parseReportFormat(toText(format)) == format);
    const auto file = dir / "no-such-folder" / ("report" + std::string(fileSuffix(format)));
    ReportWrite written;
    CHECK_NOTHROW(written = writeReportFile(store, format, {}, dir / "photos", file));
    CHECK(written.error.find("no-such-folder") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(file));
    const auto good = dir / ("report" + std::string(fileSuffix(format)));
    const ReportWrite ok = writeReportFile(store, format, {}, dir / "photos", good);
    CHECK(ok.error.empty());
    CHECK(ok.nominations == 1);
    CHECK(std::filesystem::file_size(good) > 0);
  }
  CHECK_FALSE(parseReportFormat("docx"));
}
