// Spec: reports. Numbers are checked against independent SQL on the demo kiosk's database; the
// XLSX is unzipped and its sheet XML read; the PDFs are rendered with pdftoppm.
// Set WOF_KEEP_REPORTS=DIR to keep the demo report, XLSX and certificate for a look.
#include <doctest/doctest.h>

#include <cstdlib>
#include <map>
#include <regex>
#include <set>

#include "core/clock.hpp"
#include "core/demo_kiosk.hpp"
#include "core/report.hpp"
#include "core/report_csv.hpp"
#include "core/report_export.hpp"
#include "core/roster_csv.hpp"
#include "core/report_pdf.hpp"
#include "core/report_xlsx.hpp"
#include "test_support.hpp"

using namespace wof::core;
using namespace wof::test;

namespace {

std::string shellQuote(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// One member of a zip file, via unzip(1).
std::string unzipMember(const std::filesystem::path& zip, const std::string& member, const TempDir& dir) {
  const auto out = dir / "member.xml";
  const std::string command = "unzip -p " + shellQuote(zip.string()) + " " + shellQuote(member) + " > " +
                              shellQuote(out.string()) + " 2>/dev/null";
  REQUIRE_MESSAGE(std::system(command.c_str()) == 0, "unzip failed for " << member);
  return readFile(out);
}

// Numeric cells of one column, by row number (string cells carry t="s" and are left out).
std::map<int, double> numbersInColumn(const std::string& sheetXml, char column) {
  std::map<int, double> values;
  const std::regex cell(std::string("<c r=\"") + column + "([0-9]+)\"(?: s=\"[0-9]+\")?><v>([-0-9.eE]+)</v></c>");
  for (auto it = std::sregex_iterator(sheetXml.begin(), sheetXml.end(), cell); it != std::sregex_iterator(); ++it)
    values[std::stoi((*it)[1])] = std::stod((*it)[2]);
  return values;
}

int countPages(const std::filesystem::path& pdf, const TempDir& dir) {
  const auto prefix = dir / "page";
  const std::string command = "pdftoppm -r 20 -png " + shellQuote(pdf.string()) + " " + shellQuote(prefix.string());
  REQUIRE_MESSAGE(std::system(command.c_str()) == 0, "pdftoppm could not render " << pdf.string());
  int pages = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
    pages += entry.path().filename().string().rfind("page", 0) == 0 && entry.path().extension() == ".png";
  return pages;
}

void keep(const std::filesystem::path& file) {
  if (const char* folder = std::getenv("WOF_KEEP_REPORTS"); folder && *folder)
    std::filesystem::copy_file(file, std::filesystem::path(folder) / file.filename(),
                               std::filesystem::copy_options::overwrite_existing);
}

struct DemoFixture {
  TempDir dir;
  DemoKiosk demo = prepareDemoKiosk(dir / "demo", kNow);
  Store store{demo.databaseFile, demo.config.kioskId};

  std::int64_t sql(const std::string& query) { return store.database().queryInt(query); }
};

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
  CHECK_FALSE(std::filesystem::exists(dir / ".certificate.pdf.partial"));
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
  REQUIRE(csv.rfind(std::string(kSummaryCsvHeader) + "\r\n", 0) == 0);
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
