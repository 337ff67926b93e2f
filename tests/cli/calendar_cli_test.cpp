// Spec: the company's clock end to end. The real binary runs with its clock moved by libfaketime
// and TZ set as on a kiosk; the daily cap, report periods and the CSV export follow the zone of
// kiosk.toml, fleet.toml or the system. The CSV export opens in Excel with its accents: it starts
// with a UTF-8 byte-order mark, and Python's csv module reads it back with 'utf-8-sig'.
#include <doctest/doctest.h>

#include <sstream>
#include <utility>

#include "support/cli_support.hpp"

using namespace wof::test;
using namespace wof::test::cli;

namespace {

constexpr const char* kRoster =
    "employee_id,display_name,department,title,site,email,active,wall_consent\n"
    "E1,José Núñez,Support,Agent,Lyon,jose@example.com,yes,yes\n"
    "E2,Zoë Ødegård,Engineering,Engineer,Lyon,zoe@example.com,yes,yes\n"
    "E3,Seán O'Brien,Sales,Rep,Lyon,sean@example.com,yes,yes\n"
    "E4,Νίκος Παπαδόπουλος,Sales,Rep,Athens,nikos@example.com,yes,yes\n"
    "E5,王秀英,Support,Agent,Shanghai,wang@example.com,yes,yes\n";

// A kiosk whose commands run at a moved clock: `at` is wall time in `tz` ("2026-11-24 08:30:00").
struct ClockedKiosk : Kiosk {
  explicit ClockedKiosk(const std::string& extra) : Kiosk(extra) {
    writeFile(dir / "roster.csv", kRoster);
    const Run imported = (*this)({"import-roster", (dir / "roster.csv").string()});
    REQUIRE_MESSAGE(imported.exitCode == 0, imported.err);
  }
  Run at(const std::string& tz, const std::string& when, std::vector<std::string> args) {
    args.push_back("--config");
    args.push_back(config.string());
    // faketime reads `when` in its own TZ; the kiosk then sees that instant through the same TZ.
    return run(dir, args, "", "TZ=" + shellQuote(tz) + " faketime " + shellQuote(when));
  }
  Run nominate(const std::string& tz, const std::string& when, const std::string& nominee) {
    return at(tz, when, {"nominate", "--nominee", nominee, "--behaviour", "real-face", "--story", kStory, "--from", "E2"});
  }
};

void requireFaketime() {
  REQUIRE_MESSAGE(std::system("faketime -f '+0' true >/dev/null 2>&1") == 0,
                  "faketime is missing: scripts/dev.sh test installs it (apt-get install faketime)");
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("the daily cap resets at the company's midnight: Tokyo from kiosk.toml, not 09:00") {
  requireFaketime();
  ClockedKiosk kiosk("time_zone = \"Asia/Tokyo\"\ndaily_cap = 1\n");
  // The kiosk's own TZ is UTC: the zone comes from kiosk.toml.
  const Run first = kiosk.nominate("UTC", "2026-11-23 23:30:00", "E1");  // 08:30 on the 24th in Tokyo
  REQUIRE_MESSAGE(first.exitCode == 0, first.err);
  const Run sameDay = kiosk.nominate("UTC", "2026-11-24 00:30:00", "E3");  // 09:30: a new UTC day only
  CHECK(sameDay.exitCode != 0);
  CHECK(sameDay.err.find("Nomination not saved") != std::string::npos);
  const Run nextDay = kiosk.nominate("UTC", "2026-11-24 15:05:00", "E3");  // 00:05 on the 25th in Tokyo
  CHECK_MESSAGE(nextDay.exitCode == 0, nextDay.err);
}

TEST_CASE("report --from/--to over Berlin's October change takes the 25-hour day whole, from fleet.toml") {
  requireFaketime();
  ClockedKiosk kiosk("");
  writeFile(kiosk.dir / "share" / "fleet.toml", "time_zone = \"Europe/Berlin\"\n");
  const Run synced = kiosk.at("UTC", "2026-10-20 12:00:00", {"sync"});
  REQUIRE_MESSAGE(synced.exitCode == 0, synced.err);
  // The machine's TZ is Los Angeles; fleet.toml's zone is the one that counts.
  std::vector<std::string> ids;
  for (const char* when : {"2026-10-24 15:30:00",    // 00:30 CEST on the 25th in Berlin
                           "2026-10-25 15:30:00",    // 23:30 CET on the 25th
                           "2026-10-25 16:30:00"}) {  // 00:30 CET on the 26th
    const Run made = kiosk.nominate("America/Los_Angeles", when, "E1");
    REQUIRE_MESSAGE(made.exitCode == 0, made.err);
    ids.push_back(lines(made.out).at(0));
  }
  const auto out = kiosk.dir / "october.csv";
  const Run exported = kiosk.at("America/Los_Angeles", "2026-10-27 12:00:00",
                                {"export", "--format", "csv", "--from", "2026-10-25", "--to", "2026-10-25",
                                 "--out", out.string()});
  REQUIRE_MESSAGE(exported.exitCode == 0, exported.err);
  const std::vector<std::string> rows = lines(readFile(out));
  REQUIRE(rows.size() == 3);  // header and the two nominations of Berlin's 25 October
  // Stored and exported in UTC. The moved clock runs on while the command starts: minutes, not seconds.
  CHECK(rows[1].rfind(ids[0] + ",2026-10-24T22:3", 0) == 0);
  CHECK(rows[2].rfind(ids[1] + ",2026-10-25T22:3", 0) == 0);
}

TEST_CASE("the CSV export starts with a UTF-8 BOM and Python's csv module reads the names back") {
  requireFaketime();
  ClockedKiosk kiosk("");
  for (const auto& [nominee, when] : {std::pair{"E1", "2026-11-20 10:00:00"}, std::pair{"E3", "2026-11-20 11:00:00"}}) {
    const Run made = kiosk.nominate("Europe/Paris", when, nominee);
    REQUIRE_MESSAGE(made.exitCode == 0, made.err);
  }
  for (const char* format : {"csv", "summary-csv"}) {
    CAPTURE(format);
    const auto file = kiosk.dir / (std::string(format) + ".csv");
    const Run exported = kiosk({"export", "--format", format, "--out", file.string()});
    REQUIRE_MESSAGE(exported.exitCode == 0, exported.err);
    const std::string bytes = readFile(file);
    REQUIRE(bytes.size() > 3);
    CHECK(bytes.substr(0, 3) == "\xEF\xBB\xBF");
    const std::string header = std::string(format) == "csv" ? "nomination_id,created_at," : "section,key,label,";
    CHECK(bytes.substr(3, header.size()) == header);  // the header itself is unchanged
  }
  const std::string script =
      "import csv, sys\n"
      "with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n"
      "    rows = list(csv.DictReader(f))\n"
      "print(list(rows[0].keys())[0])\n"
      "for row in rows: print(row['nominee_name'])\n";
  writeFile(kiosk.dir / "read.py", script);
  const std::string command = "python3 " + shellQuote((kiosk.dir / "read.py").string()) + " " +
                              shellQuote((kiosk.dir / "csv.csv").string()) + " >" +
                              shellQuote((kiosk.dir / "python.out").string()) + " 2>&1";
  REQUIRE_MESSAGE(std::system(command.c_str()) == 0, readFile(kiosk.dir / "python.out"));
  CHECK(readFile(kiosk.dir / "python.out") == "nomination_id\nJosé Núñez\nSeán O'Brien\n");
}

TEST_CASE("the raw CSV export opened in LibreOffice keeps every accent and script, its header cell clean") {
  requireFaketime();
  REQUIRE_MESSAGE(std::system("command -v soffice >/dev/null") == 0,
                  "soffice is missing: scripts/dev.sh test installs libreoffice-calc-nogui");
  ClockedKiosk kiosk("");
  // Over two days: one colleague nominates at most three a day.
  for (const auto& [nominee, when] : {std::pair{"E1", "2026-11-20 10:00:00"}, std::pair{"E3", "2026-11-20 11:00:00"},
                                      std::pair{"E4", "2026-11-21 10:00:00"}, std::pair{"E5", "2026-11-21 11:00:00"}}) {
    const Run made = kiosk.nominate("Europe/Paris", when, nominee);
    REQUIRE_MESSAGE(made.exitCode == 0, made.err);
  }
  const auto csv = kiosk.dir / "raw.csv";
  const Run exported = kiosk({"export", "--format", "csv", "--out", csv.string()});
  REQUIRE_MESSAGE(exported.exitCode == 0, exported.err);
  // Converted to XLSX as LibreOffice opens it, in a profile and HOME of its own. Headless, with no
  // filter options, LibreOffice reads every CSV as Windows-1252 whatever its byte-order mark (its
  // import dialog offers the choice); "76" is the UTF-8 that the mark declares.
  const std::string dir = shellQuote(kiosk.dir.path().string());
  const std::string command = "cd " + dir + " && HOME=" + dir + "/home timeout 300 soffice --headless --norestore " +
                              "-env:UserInstallation=file://" + kiosk.dir.path().string() + "/profile " +
                              "--infilter='CSV:44,34,76' --convert-to xlsx --outdir " + dir + "/out " +
                              shellQuote(csv.string()) + " >" + dir + "/soffice.log 2>&1 && unzip -p " + dir +
                              "/out/raw.xlsx xl/sharedStrings.xml >" + dir + "/strings.xml";
  REQUIRE_MESSAGE(std::system(command.c_str()) == 0, readFile(kiosk.dir / "soffice.log"));
  const std::string cells = readFile(kiosk.dir / "strings.xml");
  // The first header cell as written, with no mark glued to it.
  CHECK(cells.find(">nomination_id<") != std::string::npos);
  for (const char* name : {"José Núñez", "Zoë Ødegård", "Seán O", "Νίκος Παπαδόπουλος", "王秀英"}) {
    CAPTURE(name);
    CHECK(cells.find(name) != std::string::npos);
  }
}
