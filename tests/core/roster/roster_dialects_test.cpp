// Spec: rosters as HR tools write them. Every file here is written at test time by a tool nobody
// here wrote: Python's csv module in Excel's dialects (`excel` with ',' and ';', `excel-tab`),
// encoded UTF-8 with a BOM ("CSV UTF-8"), without one, and Windows-1252 (Excel's plain "CSV");
// an HRIS-style export with its own column names, mapped by fleet.toml's [roster]; and LibreOffice
// headless, converting an XLSX that libxlsxwriter writes. Each is read as the same people.
// python3 and soffice come from scripts/dev.sh's test block; without them these tests fail.
#include <doctest/doctest.h>

#include <xlsxwriter.h>

#include <chrono>
#include <cstdlib>

#include "core/config/fleet.hpp"
#include "core/roster/roster_csv.hpp"
#include "support/test_support.hpp"
#include "support/world_names.hpp"

using namespace wof::core;
using wof::test::kWorldNames;
using wof::test::readFile;
using wof::test::TempDir;
using wof::test::writeFile;
namespace fs = std::filesystem;

namespace {

// Western names, and between them every kind of character Windows-1252 keeps at 0x80-0x9F
// (€ Š Ž Œ ‚ „ “ ” – — …), which Latin-1 has not: a converter that takes one for the other fails.
std::vector<Employee> westernPeople() {
  auto person = [](std::string id, std::string name, std::string department, std::string title, bool active,
                   bool consent) {
    Employee employee;
    employee.id = std::move(id);
    employee.displayName = std::move(name);
    employee.department = std::move(department);
    employee.title = std::move(title);
    employee.site = "Lyon";
    employee.email = employee.id + "@example.com";
    employee.active = active;
    employee.wallConsent = consent;
    return employee;
  };
  return {person("E1001", "José Núñez", "Support, \"Tier 1\"", "Agent", true, true),
          person("E1002", "Zoë Ødegård", "Engineering", "Developer; backend", true, false),
          person("E1003", "Jürgen Müller", "Finance", "Head of €-payments", false, true),
          person("E1004", "Šimon Žák", "Sales", "Account manager – DACH", true, true),
          person("E1005", "François Lefèvre-Œuvray", "Operations", "„Night shift“ lead…", true, true),
          person("E1006", "Siobhán O'Brien", "HR", "People partner — “Benefits”", false, false)};
}

// The Western people, then one colleague per script (kWorldNames) with their latin_name.
std::vector<Employee> allPeople() {
  std::vector<Employee> people = westernPeople();
  for (std::size_t i = 0; i < kWorldNames.size(); ++i) {
    Employee employee;
    employee.id = "W" + std::to_string(i + 1);
    employee.displayName = kWorldNames[i].name;
    employee.latinName = kWorldNames[i].latinName;
    employee.department = "Support";
    employee.title = "Agent";
    employee.site = "Tokyo";
    employee.email = employee.id + "@example.com";
    people.push_back(std::move(employee));
  }
  return people;
}

// Runs `command`; true when it exited 0.
bool run(const std::string& command) { return std::system(command.c_str()) == 0; }

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

// Checks that `file` reads (with `headers`) as exactly `expected`, and returns how it was read.
std::string checkSamePeople(const fs::path& file, const std::vector<Employee>& expected,
                            const RosterHeaders& headers = {}) {
  CAPTURE(file.filename().string());
  const RosterParse parsed = parseRosterCsv(readFile(file), headers);
  REQUIRE_MESSAGE(parsed.ok(), describeProblems(parsed.problems, file.filename().string()));
  REQUIRE(parsed.employees.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Employee& got = parsed.employees[i];
    const Employee& want = expected[i];
    CAPTURE(want.id);
    CHECK(got.id == want.id);
    CHECK(got.displayName == want.displayName);
    CHECK(got.latinName == want.latinName);
    CHECK(got.department == want.department);
    CHECK(got.title == want.title);
    CHECK(got.site == want.site);
    CHECK(got.email == want.email);
    CHECK(got.active == want.active);
    CHECK(got.wallConsent == want.wallConsent);
  }
  return parsed.readAs;
}

// Writes the people as tab-separated UTF-8 for the Python script (no field holds a tab).
std::string peopleTsv(const std::vector<Employee>& people) {
  std::string tsv;
  for (const Employee& e : people)
    tsv += e.id + "\t" + e.displayName + "\t" + e.department + "\t" + e.title + "\t" + e.site + "\t" + e.email +
           "\t" + (e.active ? "yes" : "no") + "\t" + (e.wallConsent ? "yes" : "no") + "\t" + e.latinName + "\n";
  return tsv;
}

// Python's csv module writes each dialect and encoding as Excel would. Windows-1252 files hold
// the rows it can encode (the Western names), as Excel's plain "CSV" would after losing the rest.
// hris.csv is an HR system's export: its own column names in its own order, extra columns, and
// booleans as HR systems write them.
constexpr std::string_view kWriter = R"(import csv, sys
people = [line.split('\t') for line in open(sys.argv[1], encoding='utf-8').read().splitlines()]
out = sys.argv[2]
header = ['employee_id', 'display_name', 'department', 'title', 'site', 'email', 'active', 'wall_consent',
          'latin_name']

def encodable(row, encoding):
    try:
        '\t'.join(row).encode(encoding)
        return True
    except UnicodeEncodeError:
        return False

def write(name, encoding, **dialect):
    with open(out + '/' + name, 'w', newline='', encoding=encoding) as f:
        w = csv.writer(f, **dialect)
        w.writerow(header)
        w.writerows(row for row in people if encodable(row, encoding))

write('original.csv', 'utf-8', dialect='excel')
write('excel-semicolon-utf-8-sig.csv', 'utf-8-sig', dialect='excel', delimiter=';')
write('excel-comma-utf-8-sig.csv', 'utf-8-sig', dialect='excel')
write('excel-tab-utf-8-sig.csv', 'utf-8-sig', dialect='excel-tab')
write('excel-tab-utf-8-lf.csv', 'utf-8', dialect='excel-tab', lineterminator='\n')
write('excel-semicolon-cp1252.csv', 'cp1252', dialect='excel', delimiter=';')
write('excel-comma-cp1252.csv', 'cp1252', dialect='excel')
write('excel-tab-cp1252.csv', 'cp1252', dialect='excel-tab')

booleans = [('TRUE', 'FALSE'), ('1', '0'), ('Y', 'N'), ('True', 'False'), ('yes', 'no')]
with open(out + '/hris.csv', 'w', newline='', encoding='utf-8-sig') as f:
    w = csv.writer(f, dialect='excel', delimiter=';')
    w.writerow(['Cost Center', 'Worker ID', 'Legal Name', 'Preferred Name', 'Romanized Name', 'Supervisory Org',
                'Business Title', 'Location', 'Work Email', 'Hire Date', 'Active Status', 'Wall Consent'])
    for i, (id, name, department, title, site, email, active, consent, latin) in enumerate(people):
        yes, no = booleans[i % len(booleans)]
        w.writerow(['CC-%d' % i, id, name.upper(), name, latin, department, title, site, email, '2024-01-0%d' % (i % 9 + 1),
                    yes if active == 'yes' else no, yes if consent == 'yes' else no])
)";

}  // namespace

TEST_CASE("rosters Python's csv module writes in Excel's dialects and encodings read as the same people") {
  REQUIRE_MESSAGE(run("command -v python3 >/dev/null"), "python3 is missing: scripts/dev.sh test installs it");
  TempDir dir;
  const std::vector<Employee> people = allPeople();
  const std::vector<Employee> western = westernPeople();
  writeFile(dir / "people.tsv", peopleTsv(people));
  writeFile(dir / "write.py", kWriter);
  REQUIRE(run("python3 " + quoted(dir / "write.py") + " " + quoted(dir / "people.tsv") + " " + quoted(dir.path())));

  // The tools really wrote what they are said to write.
  CHECK(readFile(dir / "original.csv").find("\r\n") != std::string::npos);
  CHECK(readFile(dir / "excel-comma-utf-8-sig.csv").rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(readFile(dir / "excel-tab-utf-8-lf.csv").find('\r') == std::string::npos);
  CHECK(readFile(dir / "excel-comma-cp1252.csv").find("Jos\xE9 N\xFA\xF1""ez") != std::string::npos);
  CHECK(readFile(dir / "excel-comma-cp1252.csv").find("\x80-payments") != std::string::npos);

  CHECK(checkSamePeople(dir / "original.csv", people) == "UTF-8; separator: comma");
  CHECK(checkSamePeople(dir / "excel-comma-utf-8-sig.csv", people) == "UTF-8 with a byte-order mark; separator: comma");
  CHECK(checkSamePeople(dir / "excel-semicolon-utf-8-sig.csv", people).find("separator: semicolon (as Excel writes") !=
        std::string::npos);
  CHECK(checkSamePeople(dir / "excel-tab-utf-8-sig.csv", people).find("separator: tab") != std::string::npos);
  CHECK(checkSamePeople(dir / "excel-tab-utf-8-lf.csv", people) == "UTF-8; separator: tab");
  for (const char* file : {"excel-comma-cp1252.csv", "excel-semicolon-cp1252.csv", "excel-tab-cp1252.csv"}) {
    const std::string readAs = checkSamePeople(dir / file, western);
    CHECK_MESSAGE(readAs.rfind("Windows-1252, converted to UTF-8", 0) == 0, readAs);
  }

  SUBCASE("an HRIS export, its columns named by fleet.toml's [roster]") {
    const FleetParse fleet = parseFleetToml("[roster]\n"
                                            "employee_id = \"Worker ID\"\n"
                                            "display_name = \"Preferred Name\"\n"
                                            "latin_name = \"Romanized Name\"\n"
                                            "department = \"Supervisory Org\"\n"
                                            "title = \"Business Title\"\n"
                                            "site = \"Location\"\n"
                                            "email = \"Work Email\"\n"
                                            "active = \"Active Status\"\n"
                                            "wall_consent = \"Wall Consent\"\n",
                                            "fleet.toml");
    REQUIRE(fleet.settings);
    const std::string readAs = checkSamePeople(dir / "hris.csv", people, fleet.settings->rosterHeaders);
    CHECK(readAs.find("columns named in fleet.toml's [roster]: active = \"Active Status\"") != std::string::npos);

    // Without the mapping: one line that says what is wrong, not eight.
    const RosterParse unmapped = parseRosterCsv(readFile(dir / "hris.csv"));
    REQUIRE(unmapped.problems.size() == 1);
    CHECK(unmapped.problems[0].message.find("map them in fleet.toml's [roster]") != std::string::npos);
  }
}

TEST_CASE("a roster LibreOffice saves as CSV from an XLSX reads as the same people") {
  REQUIRE_MESSAGE(run("command -v soffice >/dev/null"),
                  "soffice is missing: scripts/dev.sh test installs libreoffice-calc-nogui");
  TempDir dir;
  const std::vector<Employee> people = allPeople();
  {  // The workbook HR keeps: text cells, and real TRUE/FALSE cells for the yes/no columns.
    lxw_workbook* workbook = workbook_new((dir / "roster.xlsx").c_str());
    REQUIRE(workbook);
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Roster");
    for (std::size_t column = 0; column < kRosterColumns.size(); ++column)
      worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(column), std::string(kRosterColumns[column]).c_str(),
                             nullptr);
    for (std::size_t i = 0; i < people.size(); ++i) {
      const Employee& e = people[i];
      const auto row = static_cast<lxw_row_t>(i + 1);
      const std::string* text[] = {&e.id, &e.displayName, &e.department, &e.title, &e.site, &e.email};
      for (lxw_col_t column = 0; column < 6; ++column) worksheet_write_string(sheet, row, column, text[column]->c_str(), nullptr);
      worksheet_write_boolean(sheet, row, 6, e.active, nullptr);
      worksheet_write_boolean(sheet, row, 7, e.wallConsent, nullptr);
      if (!e.latinName.empty()) worksheet_write_string(sheet, row, 8, e.latinName.c_str(), nullptr);
    }
    REQUIRE(workbook_close(workbook) == LXW_NO_ERROR);
  }
  // Its own profile and HOME in the temp dir (never the user's), and a bound on a hung start.
  // Saved as "Text CSV" with character set UTF-8 (76), separator ',' (44), quote '"' (34): without
  // them LibreOffice writes the system's 8-bit character set, and every name in another script
  // becomes "?" (as Excel's plain "CSV" does; that case is Windows-1252 above).
  const std::string command = "cd " + quoted(dir.path()) + " && HOME=" + quoted(dir / "home") +
                              " timeout 300 soffice --headless --norestore -env:UserInstallation=file://" +
                              (dir / "profile").string() +
                              " --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir " +
                              quoted(dir / "out") + " " + quoted(dir / "roster.xlsx") + " >" +
                              quoted(dir / "soffice.log") + " 2>&1";
  const auto started = std::chrono::steady_clock::now();
  const bool converted = run(command);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  REQUIRE_MESSAGE(converted, readFile(dir / "soffice.log"));
  MESSAGE("soffice --convert-to csv took " << seconds << " s (a fresh profile each time)");
  const std::string csv = readFile(dir / "out/roster.csv");
  CHECK(csv.find(",TRUE,") != std::string::npos);  // LibreOffice's own words for the boolean cells
  const std::string readAs = checkSamePeople(dir / "out/roster.csv", people);
  CHECK(readAs.find("separator: comma") != std::string::npos);
}
