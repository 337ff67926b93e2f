// Spec: HR's roster CSV is read strictly; a bad file is rejected whole and changes nothing.
#include <doctest/doctest.h>

#include "core/config/fleet.hpp"
#include "core/photos/photo.hpp"
#include "core/roster/roster_import.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;

namespace {

const std::string kHeader = std::string(kRosterHeader) + "\n";

std::string problemsOf(std::string_view csv) {
  return describeProblems(parseRosterCsv(csv).problems, "employees.csv");
}

}  // namespace

TEST_CASE("a good roster is read, quoting and all") {
  const std::string csv = "\xEF\xBB\xBF" + std::string(kRosterHeader) + ",badge_colour\r\n" +
                          "E1,\"Núñez, José\",Support,\"Team \"\"lead\"\"\",Lyon,jose@example.com,yes,yes,red\r\n"
                          "E2,Zoë Ødegård,Engineering,Developer,Leeds,zoe@example.com,YES,No,blue\r\n";
  const RosterParse parsed = parseRosterCsv(csv);
  REQUIRE_MESSAGE(parsed.ok(), describeProblems(parsed.problems, "employees.csv"));
  REQUIRE(parsed.employees.size() == 2);
  CHECK(parsed.employees[0].displayName == "Núñez, José");
  CHECK(parsed.employees[0].title == "Team \"lead\"");
  CHECK(parsed.employees[1].wallConsent == false);
  CHECK(parsed.employees[1].active == true);
}

TEST_CASE("columns may come in any order") {
  const RosterParse parsed = parseRosterCsv(
      "wall_consent,active,email,site,title,department,display_name,employee_id\nyes,yes,a@x,Lyon,T,D,Ana,E7\n");
  REQUIRE(parsed.ok());
  CHECK(parsed.employees[0].id == "E7");
  CHECK(parsed.employees[0].displayName == "Ana");
}

TEST_CASE("bad rosters are rejected with a report of each problem") {
  SUBCASE("missing column") {
    CHECK(problemsOf("employee_id,display_name,department,title,site,active,wall_consent\nE1,A,D,T,S,yes,yes\n") ==
          "employees.csv, line 1, column email: the header has no column \"email\"\n");
  }
  SUBCASE("duplicate id") {
    CHECK(problemsOf(kHeader + "E1,Ana,D,T,S,a@x,yes,yes\nE2,Bo,D,T,S,b@x,yes,yes\nE1,Cy,D,T,S,c@x,yes,yes\n") ==
          "employees.csv, line 4, column employee_id: \"E1\" appears twice (first on line 2)\n");
  }
  SUBCASE("UTF-8 with a stray byte of another encoding: not guessed at") {
    CHECK(problemsOf(kHeader + "E1,Zoë,D,T,S,a@x,yes,yes\nE2,Jos\xE9,D,T,S,b@x,yes,yes\n") ==
          "employees.csv, line 3: character 7 (byte 0xE9) is not valid UTF-8, though the rest of the file is: the "
          "file mixes two encodings; save it again from the spreadsheet as \"CSV UTF-8\"\n");
  }
  SUBCASE("neither UTF-8 nor Windows-1252: one of the five bytes Windows-1252 leaves unassigned") {
    CHECK(problemsOf(kHeader + "E1,Ana,D,T,S,a@x,yes,yes\nE2,Jos\xE9 \x81,D,T,S,b@x,yes,yes\n") ==
          "employees.csv, line 3: character 9 (byte 0x81) is neither UTF-8 nor Windows-1252; save the file from "
          "the spreadsheet as \"CSV UTF-8\"\n");
  }
  SUBCASE("quoted newline inside a name") {
    CHECK(problemsOf(kHeader + "E1,\"Ana\nMaria\",D,T,S,a@x,yes,yes\nE2,Bo,D,T,S,b@x,yes,yes\n") ==
          "employees.csv, line 2, column display_name: contains a line break\n");
  }
  SUBCASE("line numbers stay right after a quoted newline") {
    CHECK(problemsOf(kHeader + "E1,Ana,D,\"T\nT\",S,a@x,yes,yes\nE2,Bo,D,T,S,b@x,maybe,yes\n") ==
          "employees.csv, line 2, column title: contains a line break\n"
          "employees.csv, line 4, column active: is \"maybe\"; expected yes or no (or y/n, true/false, 1/0, "
          "wahr/falsch, vrai/faux)\n");
  }
  SUBCASE("unterminated quote") {
    CHECK(problemsOf(kHeader + "E1,\"Ana,D,T,S,a@x,yes,yes\n") ==
          "employees.csv, line 2: a quoted field is never closed (missing \")\n");
  }
  SUBCASE("wrong field count, empty id, unsafe id, NUL byte") {
    CHECK(problemsOf(kHeader + "E1,Ana,D\n") == "employees.csv, line 2: has 3 fields; the header has 8\n");
    CHECK(problemsOf(kHeader + ",Ana,D,T,S,a@x,yes,yes\n") == "employees.csv, line 2, column employee_id: is empty\n");
    CHECK(problemsOf(kHeader + "../x,Ana,D,T,S,a@x,yes,yes\n").find("may only use letters") != std::string::npos);
    CHECK(problemsOf(kHeader + std::string("E1,A\0a,D,T,S,a@x,yes,yes\n", 25)).find("NUL byte") != std::string::npos);
  }
  SUBCASE("empty file and header only") {
    CHECK(problemsOf("").find("the file is empty") != std::string::npos);
    CHECK(problemsOf(kHeader).find("no employees") != std::string::npos);
  }
}

TEST_CASE("yes/no columns take what HR systems and spreadsheets write, in any case") {
  for (const auto& [yes, no] : {std::pair{"yes", "no"}, {"YES", "No"}, {"y", "N"}, {"true", "false"}, {"TRUE", "FALSE"},
                                {"1", "0"}, {"WAHR", "FALSCH"}, {"Vrai", "Faux"}}) {
    CAPTURE(yes);
    const RosterParse parsed =
        parseRosterCsv(kHeader + "E1,Ana,D,T,S,a@x," + yes + "," + no + "\nE2,Bo,D,T,S,b@x," + no + "," + yes + "\n");
    REQUIRE(parsed.ok());
    CHECK(parsed.employees[0].active);
    CHECK_FALSE(parsed.employees[0].wallConsent);
    CHECK_FALSE(parsed.employees[1].active);
    CHECK(parsed.employees[1].wallConsent);
  }
  CHECK(problemsOf(kHeader + "E1,Ana,D,T,S,a@x,ja,2\n") ==
        "employees.csv, line 2, column active: is \"ja\"; expected yes or no (or y/n, true/false, 1/0, wahr/falsch, "
        "vrai/faux)\n"
        "employees.csv, line 2, column wall_consent: is \"2\"; expected yes or no (or y/n, true/false, 1/0, "
        "wahr/falsch, vrai/faux)\n");
}

TEST_CASE("the separator is found from the header, quotes respected, and said") {
  SUBCASE("semicolons, with commas inside fields") {
    const RosterParse parsed = parseRosterCsv(
        "employee_id;display_name;department;title;site;email;active;wall_consent\r\n"
        "E1;Núñez, José;Support;\"Lead; EMEA\";Lyon;j@x;yes;yes\r\n");
    REQUIRE_MESSAGE(parsed.ok(), describeProblems(parsed.problems, "employees.csv"));
    CHECK(parsed.employees[0].displayName == "Núñez, José");
    CHECK(parsed.employees[0].title == "Lead; EMEA");
    CHECK(parsed.readAs == "UTF-8; separator: semicolon (as Excel writes on PCs whose decimal mark is a comma: "
                           "German, French, ...)");
  }
  SUBCASE("a quoted header name holding the other separators") {
    const RosterParse parsed = parseRosterCsv(
        "\"Name; preferred, if any\",employee_id,display_name,department,title,site,email,active,wall_consent\n"
        "x,E1,Ana,D,T,S,a@x,yes,yes\n");
    REQUIRE_MESSAGE(parsed.ok(), describeProblems(parsed.problems, "employees.csv"));
    CHECK(parsed.readAs == "UTF-8; separator: comma");
  }
  SUBCASE("tabs") {
    const RosterParse parsed = parseRosterCsv(
        "employee_id\tdisplay_name\tdepartment\ttitle\tsite\temail\tactive\twall_consent\nE1\tAna, B\tD\tT\tS\ta@x\t1\t0\n");
    REQUIRE_MESSAGE(parsed.ok(), describeProblems(parsed.problems, "employees.csv"));
    CHECK(parsed.employees[0].displayName == "Ana, B");
    CHECK(parsed.readAs == "UTF-8; separator: tab");
  }
  SUBCASE("none of our columns with any separator: one line about the separator or the mapping") {
    CHECK(problemsOf("id|name|dept\nE1|Ana|D\n") ==
          "employees.csv, line 1: the header has none of the roster's columns (employee_id, display_name, "
          "department, title, site, email, active, wall_consent) with a comma, a semicolon or a tab between them: "
          "check that this is the roster export, saved as CSV; if HR's tool names the columns its own way, map "
          "them in fleet.toml's [roster] table (employee_id = \"Worker ID\", ...)\n");
  }
  SUBCASE("a hostile first line is not split three ways") {
    CHECK(problemsOf(std::string(100'000, ';') + "\n").find("longer than 64 KiB") != std::string::npos);
  }
}

TEST_CASE("fleet.toml's [roster] names the export's columns") {
  const RosterHeaders headers = {{"employee_id", "Worker ID"}, {"display_name", "Preferred Name"}};
  const std::string csv = "Worker ID,Legal Name,Preferred Name,department,title,site,email,active,wall_consent\n"
                          "E1,Ana Maria Lopez,Ana,D,T,S,a@x,TRUE,FALSE\n";
  const RosterParse parsed = parseRosterCsv(csv, headers);
  REQUIRE_MESSAGE(parsed.ok(), describeProblems(parsed.problems, "employees.csv"));
  CHECK(parsed.employees[0].id == "E1");
  CHECK(parsed.employees[0].displayName == "Ana");
  CHECK(parsed.readAs == "UTF-8; separator: comma; columns named in fleet.toml's [roster]: display_name = "
                         "\"Preferred Name\" employee_id = \"Worker ID\"");
  // The mapping names a header this export lacks: the key to correct is named.
  CHECK(describeProblems(parseRosterCsv(csv, {{"employee_id", "Employee Number"}, {"display_name", "Preferred Name"}}).problems, "employees.csv") ==
        "employees.csv, line 1, column employee_id: the header has no column \"Employee Number\" (fleet.toml's "
        "[roster] key employee_id names it); correct the key, or the export's column\n");
}

TEST_CASE("fleet.toml's [roster] is checked: our column names as keys, one export column each") {
  const FleetParse good = parseFleetToml("[roster]\nemployee_id = \"Worker ID\"\nlatin_name = \" Romanized \"\n", "fleet.toml");
  REQUIRE(good.settings);
  CHECK(good.settings->rosterHeaders == RosterHeaders{{"employee_id", "Worker ID"}, {"latin_name", "Romanized"}});
  CHECK(good.warnings.empty());
  const FleetParse bad = parseFleetToml("[roster]\nemploye_id = \"Worker ID\"\nsite = 3\ntitle = \"\"\n"
                                        "display_name = \"Name\"\ndepartment = \"NAME\"\n",
                                        "fleet.toml");
  CHECK_FALSE(bad.settings);
  CHECK(bad.errors == std::vector<std::string>{
                          "fleet.toml: [roster] key 'employe_id' is not a roster column; the keys are employee_id, "
                          "display_name, department, title, site, email, active, wall_consent, latin_name",
                          "fleet.toml: [roster] key 'site' must be the header of that column in HR's export, as text "
                          "of 1 to 200 bytes",
                          "fleet.toml: [roster] key 'title' must be the header of that column in HR's export, as text "
                          "of 1 to 200 bytes",
                          "fleet.toml: [roster] keys 'display_name' and 'department' both read the column \"NAME\"; "
                          "give each its own"});
}

TEST_CASE("importing a file: a rejected roster changes nothing") {
  TempDir dir;
  Store store(dir / "kiosk.db", "kiosk-a");
  writeFile(dir / "share/roster/employees.csv",
            kHeader + "E1,José Núñez,Support,Agent,Lyon,j@x,yes,yes\nE2,Zoë Ødegård,Eng,Dev,Leeds,z@x,yes,yes\n");
  // A real photo for E1, garbage named like a photo for E2.
  Rgba pixel{2, 2, std::vector<std::uint8_t>(16, 200)};
  std::filesystem::create_directories(dir / "share/roster/photos");
  REQUIRE(writeImage(dir / "share/roster/photos/E1.png", pixel));
  writeFile(dir / "share/roster/photos/E2.jpg", "this is not a jpeg");

  const RosterFileImport first =
      importRosterFile(store, dir / "share/roster/employees.csv", dir / "share/roster/photos", dir / "photos");
  REQUIRE(first.accepted);
  CHECK(first.summary.added == 2);
  CHECK(first.photosCopied == 1);
  REQUIRE(first.photoProblems.size() == 1);
  CHECK(first.photoProblems[0] == "photos/E2.jpg: not a JPEG, PNG, WebP, HEIC or AVIF image");
  CHECK(store.employee("E1")->photoFile == "E1.png");
  CHECK(std::filesystem::is_regular_file(dir / "photos/E1.png"));
  CHECK(store.employee("E2")->photoFile.empty());

  // HR's next export is broken: a duplicate id. Nothing may change.
  writeFile(dir / "share/roster/employees.csv",
            kHeader + "E1,Renamed,Support,Agent,Lyon,j@x,yes,yes\nE1,Again,Eng,Dev,Leeds,z@x,yes,yes\n");
  const RosterFileImport second =
      importRosterFile(store, dir / "share/roster/employees.csv", dir / "share/roster/photos", dir / "photos");
  CHECK_FALSE(second.accepted);
  CHECK(second.problems.size() == 1);
  CHECK(store.employee("E1")->displayName == "José Núñez");
  CHECK(store.employee("E2")->active);

  SUBCASE("re-importing the same photos copies nothing") {
    writeFile(dir / "share/roster/employees.csv", kHeader + "E1,José Núñez,Support,Agent,Lyon,j@x,yes,yes\n");
    const RosterFileImport third =
        importRosterFile(store, dir / "share/roster/employees.csv", dir / "share/roster/photos", dir / "photos");
    REQUIRE(third.accepted);
    CHECK(third.photosCopied == 0);
    CHECK(third.photosUnchanged == 1);
    CHECK(third.summary.deactivated == 1);
  }
}

TEST_CASE("CSV quoting round-trips") {
  CHECK(csvQuote("plain") == "plain");
  CHECK(csvQuote("a,b") == "\"a,b\"");
  CHECK(csvQuote("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csvQuote("two\nlines") == "\"two\nlines\"");
}
