// Spec: reports on the demo kiosk. Numbers are checked against independent SQL on its database;
// the XLSX is unzipped and its sheet XML read; the PDFs are rendered with pdftoppm.
// Set WOF_KEEP_REPORTS=DIR to keep the demo report, XLSX and certificate for a look.
#include <doctest/doctest.h>

#include <cstdlib>
#include <map>
#include <regex>
#include <set>

#include "core/util/clock.hpp"
#include "demo/demo_kiosk.hpp"
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

struct DemoFixture {
  TempDir dir;
  DemoKiosk demo = prepareDemoKiosk(dir / "demo", kNow);
  Store store{demo.databaseFile, demo.config.kioskId};

  std::int64_t sql(const std::string& query) { return store.database().queryInt(query); }
};

}  // namespace

TEST_CASE_FIXTURE(DemoFixture, "report totals match independent SQL counts on the demo data") {
  const Report report = buildReport(store, {});
  REQUIRE(report.nominations > 100);
  CHECK(report.nominations == sql("SELECT COUNT(*) FROM nominations WHERE status != 'hidden'"));
  CHECK(report.approved == sql("SELECT COUNT(*) FROM nominations WHERE status = 'approved'"));
  CHECK(report.pending == sql("SELECT COUNT(*) FROM nominations WHERE status = 'pending'"));
  CHECK(report.peopleRecognised == sql("SELECT COUNT(DISTINCT nominee_id) FROM nominations WHERE status != 'hidden'"));
  CHECK(report.applause == sql("SELECT COALESCE(SUM(a.count), 0) FROM applause a JOIN nominations n ON n.id = "
                               "a.nomination_id WHERE n.status != 'hidden'"));
  for (const ReportCount& count : report.byBehaviour) {
    CAPTURE(count.key);
    CHECK(count.count == sql("SELECT COUNT(*) FROM nominations WHERE status != 'hidden' AND behaviour_key = '" +
                             count.key + "'"));
  }
  for (const ReportCount& count : report.byDepartment) {
    CAPTURE(count.key);
    CHECK(count.count == sql("SELECT COUNT(*) FROM nominations n JOIN employees e ON e.id = n.nominee_id "
                             "WHERE n.status != 'hidden' AND e.department = '" + count.key + "'"));
  }
  std::int64_t monthTotal = 0;
  for (const ReportCount& count : report.byMonth) {
    CAPTURE(count.key);
    CHECK(count.count == sql("SELECT COUNT(*) FROM nominations WHERE status != 'hidden' AND "
                             "strftime('%Y-%m', created_at / 1000, 'unixepoch') = '" + count.key + "'"));
    monthTotal += count.count;
  }
  CHECK(monthTotal == report.nominations);
  // The PDF's stories: one per person on the wall, approved, most applauded first.
  REQUIRE(report.featured.size() == kFeaturedStories);
  std::set<std::string> featuredPeople;
  for (const ReportRow& row : report.featured) {
    CHECK(row.status == NominationStatus::Approved);
    CHECK(row.nomineeWallConsent);
    CHECK(featuredPeople.insert(row.nomineeId).second);
  }
  CHECK(report.featured.front().applause ==
        sql("SELECT MAX(t) FROM (SELECT (SELECT COALESCE(SUM(count), 0) FROM applause a WHERE a.nomination_id = n.id) "
            "AS t FROM nominations n JOIN employees e ON e.id = n.nominee_id WHERE n.status = 'approved' AND "
            "e.wall_consent = 1)"));
  for (std::size_t i = 1; i < report.featured.size(); ++i)
    CHECK(report.featured[i - 1].applause >= report.featured[i].applause);
  REQUIRE_FALSE(report.byPerson.empty());
  const PersonTotal& top = report.byPerson.front();
  CHECK(top.nominations == sql("SELECT COUNT(*) FROM nominations WHERE status != 'hidden' AND nominee_id = '" +
                               top.employeeId + "'"));
  CHECK(top.nominations == sql("SELECT MAX(c) FROM (SELECT COUNT(*) AS c FROM nominations WHERE status != 'hidden' "
                               "GROUP BY nominee_id)"));
}

TEST_CASE_FIXTURE(DemoFixture, "report filters by period, site and department") {
  const Period november = *parseMonthUtc("2026-11");
  ReportFilter filter;
  filter.period = november;
  const Report month = buildReport(store, filter);
  CHECK(month.nominations == sql("SELECT COUNT(*) FROM nominations WHERE status != 'hidden' AND created_at >= " +
                                 std::to_string(november.from) + " AND created_at < " + std::to_string(november.to)));
  REQUIRE(month.byMonth.size() == 1);
  CHECK(month.byMonth[0].label == "Nov 2026");
  CHECK(month.periodLabel == "1 Nov 2026 \u2013 30 Nov 2026");

  const std::string department = buildReport(store, {}).byDepartment.front().key;
  ReportFilter byDepartment;
  byDepartment.department = department;
  const Report one = buildReport(store, byDepartment);
  CHECK(one.byDepartment.size() == 1);
  CHECK(one.nominations == sql("SELECT COUNT(*) FROM nominations n JOIN employees e ON e.id = n.nominee_id WHERE "
                               "n.status != 'hidden' AND e.department = '" + department + "'"));

  ReportFilter bySite;
  bySite.site = "Nowhere";
  CHECK(buildReport(store, bySite).nominations == 0);
}

TEST_CASE_FIXTURE(DemoFixture, "the XLSX has five typed sheets with frozen headers and the same numbers") {
  const auto file = dir / "report.xlsx";
  const Report report = writeXlsxReport(store, {}, file);
  CHECK(report.nominations == buildReport(store, {}).nominations);
  keep(file);
  const std::string workbook = unzipMember(file, "xl/workbook.xml", dir);
  for (const char* sheet : {"Nominations", "By person", "By behaviour", "By department", "By month"})
    CHECK(workbook.find(std::string("name=\"") + sheet + "\"") != std::string::npos);

  const std::string nominations = unzipMember(file, "xl/worksheets/sheet1.xml", dir);
  CHECK(nominations.find("ySplit=\"1\"") != std::string::npos);  // frozen header
  CHECK(nominations.find("<col ") != std::string::npos);          // column widths
  const auto dates = numbersInColumn(nominations, 'A');
  CHECK(static_cast<std::int64_t>(dates.size()) == report.nominations);  // dates are numbers, not text
  CHECK(dates.at(2) == doctest::Approx(25569.0 + sql("SELECT MIN(created_at) FROM nominations WHERE status != "
                                                      "'hidden'") / 86'400'000.0));
  // Streamed oldest first: every row of the sheet in order, the last one the newest nomination.
  double previous = 0;
  for (const auto& [row, date] : dates) {
    CHECK(date >= previous);
    previous = date;
  }
  CHECK(dates.rbegin()->first == report.nominations + 1);
  CHECK(dates.rbegin()->second == doctest::Approx(25569.0 + sql("SELECT MAX(created_at) FROM nominations WHERE "
                                                                "status != 'hidden'") / 86'400'000.0));
  Statement newest = store.database().prepare(
      "SELECT id FROM nominations WHERE status != 'hidden' ORDER BY created_at DESC, id DESC LIMIT 1");
  REQUIRE(newest.step());
  const std::size_t lastCell = nominations.find("<c r=\"L" + std::to_string(report.nominations + 1) + "\"");
  REQUIRE(lastCell != std::string::npos);
  CHECK(nominations.substr(lastCell, nominations.find("</c>", lastCell) - lastCell).find(newest.getText(0)) !=
        std::string::npos);

  const auto behaviourCounts = numbersInColumn(unzipMember(file, "xl/worksheets/sheet3.xml", dir), 'C');
  REQUIRE(behaviourCounts.size() == report.byBehaviour.size());
  for (std::size_t i = 0; i < report.byBehaviour.size(); ++i) {
    CAPTURE(report.byBehaviour[i].key);
    CHECK(behaviourCounts.at(static_cast<int>(i) + 2) ==
          sql("SELECT COUNT(*) FROM nominations WHERE status != 'hidden' AND behaviour_key = '" +
              report.byBehaviour[i].key + "'"));
  }
  const auto monthCounts = numbersInColumn(unzipMember(file, "xl/worksheets/sheet5.xml", dir), 'B');
  double total = 0;
  for (const auto& [row, count] : monthCounts) total += count;
  CHECK(total == sql("SELECT COUNT(*) FROM nominations WHERE status != 'hidden'"));
}

TEST_CASE_FIXTURE(DemoFixture, "the PDF report and a winner certificate render") {
  const Report report = buildReport(store, {});
  const auto pdf = dir / "report.pdf";
  writePdfReport(report, demo.photosDir, pdf);
  keep(pdf);
  {
    TempDir pages;
    CHECK(countPages(pdf, pages) >= 4);
  }

  const std::vector<WallStory> stories = store.wallStories(*parseMonthUtc("2026-11"), 1);
  REQUIRE(stories.size() == 1);
  const WinnerOutcome winner =
      store.selectWinner(stories[0].nominationId, "2026-11", "For turning a complaint into a loyal customer.", kNow);
  REQUIRE_MESSAGE(winner.winner, winner.error);
  const auto certificate = dir / "certificate.pdf";
  writeWinnerCertificate(*winner.winner, demo.photosDir, certificate);
  keep(certificate);
  TempDir pages;
  CHECK(countPages(certificate, pages) == 1);
  CHECK(leftoverTemporaries(dir.path()).empty());
}

TEST_CASE_FIXTURE(DemoFixture, "the same data gives the same XLSX bytes") {
  // The workbook's creation time is the last nomination's, not the clock's.
  writeXlsxReport(store, {}, dir / "first.xlsx");
  writeXlsxReport(store, {}, dir / "second.xlsx");
  CHECK(readFile(dir / "first.xlsx") == readFile(dir / "second.xlsx"));
}

// [SECTION] the summary CSV

namespace {

// The summary CSV's rows as section -> key -> fields, checked to be well formed on the way.
std::map<std::string, std::map<std::string, std::vector<std::string>>> readSummary(const std::string& csv) {
  std::vector<CsvRecord> records;
  std::string error;
  std::size_t errorLine = 0;
  REQUIRE_MESSAGE(parseCsv(csv, records, error, errorLine), error << " at line " << errorLine);
  REQUIRE(records.size() > 1);
  REQUIRE(csv.rfind(std::string(kUtf8Bom) + std::string(kSummaryCsvHeader) + "\r\n", 0) == 0);
  std::map<std::string, std::map<std::string, std::vector<std::string>>> sections;
  for (std::size_t i = 1; i < records.size(); ++i) {
    REQUIRE(records[i].fields.size() == 7);
    sections[records[i].fields[0]][records[i].fields[1]] = records[i].fields;
  }
  return sections;
}

std::int64_t nominationsIn(const std::vector<std::string>& fields) { return std::stoll(fields[5]); }

}  // namespace

TEST_CASE_FIXTURE(DemoFixture, "the summary CSV's counts match independent SQL counts on the demo data") {
  const auto file = dir / "summary.csv";
  const ReportWrite written = writeReportFile(store, ReportFormat::SummaryCsv, {}, demo.photosDir, file);
  REQUIRE(written.error.empty());
  keep(file);
  auto summary = readSummary(readFile(file));
  const std::string visible = "SELECT COUNT(*) FROM nominations WHERE status != 'hidden'";
  REQUIRE(sql(visible) > 100);
  CHECK(nominationsIn(summary["total"]["nominations"]) == sql(visible));
  CHECK(std::stoll(summary["total"]["nominations"][6]) ==
        sql("SELECT COALESCE(SUM(a.count), 0) FROM applause a JOIN nominations n ON n.id = a.nomination_id "
            "WHERE n.status != 'hidden'"));
  CHECK(nominationsIn(summary["total"]["approved"]) == sql("SELECT COUNT(*) FROM nominations WHERE status = 'approved'"));
  CHECK(nominationsIn(summary["total"]["pending"]) == sql("SELECT COUNT(*) FROM nominations WHERE status = 'pending'"));
  CHECK(nominationsIn(summary["total"]["people"]) ==
        sql("SELECT COUNT(DISTINCT nominee_id) FROM nominations WHERE status != 'hidden'"));

  // Every behaviour is listed, zeros too; each count is the database's own.
  CHECK(summary["behaviour"].size() == static_cast<std::size_t>(sql("SELECT COUNT(*) FROM behaviours")));
  for (const auto& [key, fields] : summary["behaviour"]) {
    CAPTURE(key);
    CHECK(nominationsIn(fields) == sql(visible + " AND behaviour_key = '" + key + "'"));
  }
  REQUIRE_FALSE(summary["department"].empty());
  std::int64_t departments = 0;
  for (const auto& [key, fields] : summary["department"]) {
    CAPTURE(key);
    CHECK(nominationsIn(fields) == sql("SELECT COUNT(*) FROM nominations n JOIN employees e ON e.id = n.nominee_id "
                                       "WHERE n.status != 'hidden' AND e.department = '" + key + "'"));
    departments += nominationsIn(fields);
  }
  CHECK(departments == sql(visible));
  REQUIRE(summary["month"].size() >= 3);
  for (const auto& [key, fields] : summary["month"]) {
    CAPTURE(key);
    CHECK(nominationsIn(fields) ==
          sql(visible + " AND strftime('%Y-%m', created_at / 1000, 'unixepoch') = '" + key + "'"));
  }
  CHECK(summary["person"].size() ==
        static_cast<std::size_t>(sql("SELECT COUNT(DISTINCT nominee_id) FROM nominations WHERE status != 'hidden'")));
  for (const auto& [id, fields] : summary["person"]) {
    CAPTURE(id);
    CHECK(nominationsIn(fields) == sql(visible + " AND nominee_id = '" + id + "'"));
    CHECK(std::stoll(fields[6]) == sql("SELECT COALESCE(SUM(a.count), 0) FROM applause a JOIN nominations n ON "
                                       "n.id = a.nomination_id WHERE n.status != 'hidden' AND n.nominee_id = '" + id + "'"));
  }

  // The same data gives the same bytes.
  const auto again = dir / "again.csv";
  REQUIRE(writeReportFile(store, ReportFormat::SummaryCsv, {}, demo.photosDir, again).error.empty());
  CHECK(readFile(again) == readFile(file));
}

