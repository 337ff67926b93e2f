// Spec: HR's roster CSV is read strictly; a bad file is rejected whole and changes nothing.
#include <doctest/doctest.h>

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
  SUBCASE("invalid UTF-8") {
    CHECK(problemsOf(kHeader + "E1,Ana,D,T,S,a@x,yes,yes\nE2,Jos\xE9,D,T,S,b@x,yes,yes\n") ==
          "employees.csv, line 3: is not valid UTF-8 (save the file as UTF-8)\n");
  }
  SUBCASE("quoted newline inside a name") {
    CHECK(problemsOf(kHeader + "E1,\"Ana\nMaria\",D,T,S,a@x,yes,yes\nE2,Bo,D,T,S,b@x,yes,yes\n") ==
          "employees.csv, line 2, column display_name: contains a line break\n");
  }
  SUBCASE("line numbers stay right after a quoted newline") {
    CHECK(problemsOf(kHeader + "E1,Ana,D,\"T\nT\",S,a@x,yes,yes\nE2,Bo,D,T,S,b@x,maybe,yes\n") ==
          "employees.csv, line 2, column title: contains a line break\n"
          "employees.csv, line 4, column active: is \"maybe\"; expected yes or no\n");
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
