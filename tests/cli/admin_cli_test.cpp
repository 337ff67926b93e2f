// Spec: the HR and IT commands of `wall-of-fame` — set-pin, moderate, verify's audit chain —
// run as a separate process on a temp kiosk folder.
#include <doctest/doctest.h>

#include <algorithm>

#include "support/cli_support.hpp"
#include "core/admin/admin_pin.hpp"
#include "core/util/clock.hpp"
#include "core/config/config.hpp"
#include "core/storage/database.hpp"
#include "core/util/uuid.hpp"

using namespace wof::test;
using namespace wof::test::cli;

namespace {

std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

TEST_CASE("set-pin stores an argon2id hash in kiosk.toml and keeps every other line") {
  Kiosk kiosk("# keep this comment\nadmin_pin_hash = \"\"  # written by set-pin\n[idle]\nadmin_timeout_s = 90\n");
  const std::string before = readFile(kiosk.config);
  const Run set = kiosk({"set-pin"}, "739148\n");
  REQUIRE_MESSAGE(set.exitCode == 0, set.err);
  CHECK(set.out.find("Admin PIN set") != std::string::npos);

  const std::string after = readFile(kiosk.config);
  CHECK(after.find("739148") == std::string::npos);
  CHECK(after.find("# keep this comment\n") != std::string::npos);
  CHECK(after.find("\"  # written by set-pin\n[idle]\nadmin_timeout_s = 90\n") != std::string::npos);
  const wof::core::ConfigResult loaded = wof::core::loadConfig(kiosk.config);
  REQUIRE(loaded.config);
  CHECK(wof::core::verifyPin("739148", loaded.config->adminPinHash));
  CHECK(kiosk({"verify"}).out.find("audit log: ") != std::string::npos);

  SUBCASE("a second set-pin replaces the hash") {
    REQUIRE(kiosk({"set-pin"}, "1234\n").exitCode == 0);
    const auto again = wof::core::loadConfig(kiosk.config);
    CHECK(wof::core::verifyPin("1234", again.config->adminPinHash));
    CHECK_FALSE(wof::core::verifyPin("739148", again.config->adminPinHash));
  }
  SUBCASE("a missing key is added") {
    Kiosk bare;
    REQUIRE(bare({"set-pin"}, "5555\n").exitCode == 0);
    CHECK(wof::core::verifyPin("5555", wof::core::loadConfig(bare.config).config->adminPinHash));
  }
  SUBCASE("through a symlink the target is edited and the link kept") {
    const auto link = kiosk.dir / "link.toml";
    std::filesystem::create_symlink(kiosk.config, link);
    REQUIRE(run(kiosk.dir, {"set-pin", "--config", link.string()}, "8642\n").exitCode == 0);
    CHECK(std::filesystem::is_symlink(link));
    CHECK(wof::core::verifyPin("8642", wof::core::loadConfig(kiosk.config).config->adminPinHash));
  }
  (void)before;
}

TEST_CASE("set-pin refuses a bad PIN and changes nothing") {
  Kiosk kiosk;
  const std::string before = readFile(kiosk.config);
  for (const std::string input : {"12\n", "12345678901234\n", "12a4\n", "\n", ""}) {
    CAPTURE(input);
    const Run bad = kiosk({"set-pin"}, input);
    CHECK(bad.exitCode == 1);
    CHECK(bad.err.find("Nothing was changed") + bad.err.find("nothing was changed") != 2 * std::string::npos);
    CHECK(readFile(kiosk.config) == before);
  }
  CHECK(kiosk({"set-pin"}, "12a4\n").err.find("4 to 12 digits") != std::string::npos);
}

TEST_CASE("moderate approves, hides with a reason and picks winners, under moderation = hr") {
  Kiosk kiosk("moderation = \"hr\"\n");
  kiosk.withDemoRoster();
  const Run made = kiosk({"nominate", "--nominee", "E1001", "--behaviour", "fixed-on-the-spot", "--story", kStory});
  REQUIRE_MESSAGE(made.exitCode == 0, made.err);
  const std::string id = firstLine(made.out);
  CHECK(kiosk({"status"}).out.find("(1 pending, 0 approved") != std::string::npos);

  const std::string month = wof::core::formatMonthUtc(wof::core::nowMs());
  const Run tooEarly = kiosk({"moderate", id, "--winner", month});
  CHECK(tooEarly.exitCode == 1);
  CHECK(tooEarly.err.find("approve it first") != std::string::npos);

  const Run approved = kiosk({"moderate", id, "--approve"});
  REQUIRE_MESSAGE(approved.exitCode == 0, approved.err);
  CHECK(kiosk({"status"}).out.find("(0 pending, 1 approved") != std::string::npos);

  const Run winner = kiosk({"moderate", id, "--winner", month, "--citation", "Saved the Lyon launch."});
  REQUIRE_MESSAGE(winner.exitCode == 0, winner.err);
  CHECK(wof::core::looksLikeUuid(firstLine(winner.out)));
  CHECK(winner.err.find("Customer Champion of " + month) != std::string::npos);

  const Run hidden = kiosk({"moderate", id, "--hide", "--reason", "Names a customer"});
  REQUIRE_MESSAGE(hidden.exitCode == 0, hidden.err);
  CHECK(kiosk({"status"}).out.find("1 hidden") != std::string::npos);

  wof::core::Database db(kiosk.database());
  CHECK(db.queryInt("SELECT COUNT(*) FROM outbox WHERE type = 'nomination.status'") == 2);
  CHECK(db.queryInt("SELECT COUNT(*) FROM outbox WHERE type = 'winner.selected'") == 1);
  CHECK(db.queryInt("SELECT COUNT(*) FROM audit_log WHERE action IN ('approve', 'hide', 'winner')") == 3);
}

TEST_CASE("moderate under moderation = auto: a new story is already approved and can be hidden") {
  Kiosk kiosk;
  kiosk.withDemoRoster();
  const std::string id =
      firstLine(kiosk({"nominate", "--nominee", "E1001", "--behaviour", "real-face", "--story", kStory}).out);
  CHECK(kiosk({"status"}).out.find("(0 pending, 1 approved") != std::string::npos);
  const Run again = kiosk({"moderate", id, "--approve"});
  CHECK(again.exitCode == 0);
  CHECK(again.out.find("already approved") != std::string::npos);
  CHECK(kiosk({"moderate", id, "--hide"}).exitCode == 0);
  CHECK(kiosk({"status"}).out.find("1 hidden") != std::string::npos);
}

TEST_CASE("moderate names what was wrong with its arguments") {
  Kiosk kiosk;
  kiosk.withDemoRoster();
  const std::string id =
      firstLine(kiosk({"nominate", "--nominee", "E1001", "--behaviour", "real-face", "--story", kStory}).out);
  CHECK(kiosk({"moderate", id}).err.find("exactly one of --approve, --hide or --winner") != std::string::npos);
  CHECK(kiosk({"moderate", id, "--approve", "--hide"}).exitCode != 0);
  CHECK(kiosk({"moderate", id, "--approve", "--reason", "x"}).err.find("--reason goes with --hide") !=
        std::string::npos);
  CHECK(kiosk({"moderate", "not-an-id", "--approve"}).err.find("no nomination with id not-an-id") !=
        std::string::npos);
  CHECK(kiosk({"moderate", id, "--winner", "2026/11"}).err.find("YYYY-MM") != std::string::npos);
  CHECK(kiosk({"moderate", id, "--winner", "1999-01"}).err.find("not in 1999-01") != std::string::npos);
}

TEST_CASE("verify passes an intact audit log and names the first broken link of a tampered one") {
  Kiosk kiosk;
  kiosk.withDemoRoster();
  for (int i = 0; i < 3; ++i)
    REQUIRE(kiosk({"nominate", "--nominee", "E1001", "--behaviour", "real-face", "--story", kStory}).exitCode == 0);
  const Run intact = kiosk({"verify"});
  CHECK_MESSAGE(intact.exitCode == 0, intact.out);
  CHECK(intact.out.find("ok   audit log: 4 entries, hash chain intact") != std::string::npos);

  {
    wof::core::Database db(kiosk.database());
    db.exec("UPDATE audit_log SET detail = 'something else' WHERE id = 2");
  }
  const Run tampered = kiosk({"verify"});
  CHECK(tampered.exitCode == 2);  // critical: the log cannot be trusted
  CHECK(tampered.out.find("FAIL audit log: first broken link at entry 2: its content does not match its hash") !=
        std::string::npos);
}

TEST_CASE("export writes XLSX, PDF and summary CSV reports with filters, and names bad arguments") {
  Kiosk kiosk;
  kiosk.withDemoRoster();
  for (const char* nominee : {"E1001", "E1003", "E1001"})
    REQUIRE(kiosk({"nominate", "--nominee", nominee, "--behaviour", "real-face", "--story", kStory}).exitCode == 0);
  const std::string today = wof::core::formatDateUtc(wof::core::nowMs());

  const Run xlsx = kiosk({"export", "--format", "xlsx", "--from", "2020-01-01", "--to", today, "--out",
                          (kiosk.dir / "report.xlsx").string()});
  REQUIRE_MESSAGE(xlsx.exitCode == 0, xlsx.err);
  CHECK(xlsx.out.find(": 3 nominations") != std::string::npos);
  CHECK(std::filesystem::file_size(kiosk.dir / "report.xlsx") > 1000);
  const Run pdf = kiosk({"export", "--format", "pdf", "--out", (kiosk.dir / "report.pdf").string()});
  REQUIRE_MESSAGE(pdf.exitCode == 0, pdf.err);
  CHECK(readFile(kiosk.dir / "report.pdf").rfind("%PDF-", 0) == 0);

  const Run csv = kiosk({"export", "--format", "csv", "--out", (kiosk.dir / "r.csv").string()});
  REQUIRE_MESSAGE(csv.exitCode == 0, csv.err);
  const std::string csvText = readFile(kiosk.dir / "r.csv");
  CHECK(csvText.rfind("\xEF\xBB\xBFnomination_id,created_at,kiosk_id,nominee_id,", 0) == 0);
  CHECK(std::count(csvText.begin(), csvText.end(), '\n') == 4);  // the header and three nominations
  // --department applies to the CSV too: E1001 and E1003 share a department, nobody else was nominated.
  std::string department;
  std::string otherDepartment;
  {
    wof::core::Database db(kiosk.database());
    wof::core::Statement select = db.prepare(
        "SELECT e.department, (SELECT o.department FROM employees o WHERE o.department != e.department LIMIT 1) "
        "FROM employees e WHERE e.id = 'E1001'");
    REQUIRE(select.step());
    department = select.getText(0);
    otherDepartment = select.getText(1);
  }
  auto linesFor = [&kiosk](const std::string& filter) {
    const auto file = kiosk.dir / "filtered.csv";
    REQUIRE(kiosk({"export", "--format", "csv", "--department", filter, "--out", file.string()}).exitCode == 0);
    const std::string text = readFile(file);
    return std::count(text.begin(), text.end(), '\n');
  };
  CHECK(linesFor(department) == 4);
  CHECK(linesFor(otherDepartment) == 1);
  const Run summary = kiosk({"export", "--format", "summary-csv", "--out", (kiosk.dir / "summary.csv").string()});
  REQUIRE_MESSAGE(summary.exitCode == 0, summary.err);
  CHECK(summary.out.find(": 3 nominations") != std::string::npos);
  const std::string summaryText = readFile(kiosk.dir / "summary.csv");
  CHECK(summaryText.rfind("\xEF\xBB\xBFsection,key,label,department,site,nominations,applause\r\n", 0) == 0);
  CHECK(summaryText.find("\r\nperson,E1001,") != std::string::npos);
  CHECK(summaryText.find("\r\nbehaviour,real-face,") != std::string::npos);
  const Run docx = kiosk({"export", "--format", "docx", "--out", "x"});
  CHECK(docx.exitCode == 2);  // a usage error, refused as the command line is parsed
  CHECK(docx.err.find("--format: docx not in {csv,summary-csv,xlsx,pdf}") != std::string::npos);
  CHECK(kiosk({"export", "--format", "xlsx", "--from", "01/11/2026", "--out", "x.xlsx"}).err.find(
            "--from \"01/11/2026\" is not a date written YYYY-MM-DD") != std::string::npos);
  CHECK(kiosk({"export", "--format", "xlsx", "--from", "2026-11-02", "--to", "2026-11-01", "--out", "x.xlsx"})
            .err.find("is after --to") != std::string::npos);
  CHECK(kiosk({"export", "--format", "xlsx", "--site", "Atlantis", "--out", (kiosk.dir / "x.xlsx").string()})
            .err.find("--site \"Atlantis\" matches no employee") != std::string::npos);
  CHECK(kiosk({"export", "--format", "pdf", "--out", (kiosk.dir / "no/such/folder/r.pdf").string()})
            .err.find("does not exist") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(kiosk.dir / "x.xlsx"));
}

TEST_CASE("certificate writes a one-page PDF for a winner id, and says when there is no such winner") {
  Kiosk kiosk;
  kiosk.withDemoRoster();
  const std::string id =
      firstLine(kiosk({"nominate", "--nominee", "E1001", "--behaviour", "real-face", "--story", kStory}).out);
  const std::string month = wof::core::formatMonthUtc(wof::core::nowMs());
  const std::string winner = firstLine(kiosk({"moderate", id, "--winner", month, "--citation", "Kept a promise."}).out);
  const Run listed = kiosk({"winners", "--period", month});
  REQUIRE_MESSAGE(listed.exitCode == 0, listed.err);
  CHECK(listed.out.rfind(winner + "\t" + month + "\tE1001\t", 0) == 0);
  CHECK(listed.out.find("\tKept a promise.\n") != std::string::npos);
  CHECK(kiosk({"winners", "--period", "2026"}).err.find("YYYY-MM") != std::string::npos);
  const Run made = kiosk({"certificate", "--winner", winner, "--out", (kiosk.dir / "champion.pdf").string()});
  REQUIRE_MESSAGE(made.exitCode == 0, made.err);
  CHECK(readFile(kiosk.dir / "champion.pdf").rfind("%PDF-", 0) == 0);
  const Run missing = kiosk({"certificate", "--winner", "nobody", "--out", (kiosk.dir / "x.pdf").string()});
  CHECK(missing.exitCode == 1);
  CHECK(missing.err.find("no winner with id nobody") != std::string::npos);
}

TEST_CASE("the HR commands have --help and take --config") {
  TempDir dir;
  for (const char* command : {"set-pin", "moderate", "export", "certificate", "winners"}) {
    CAPTURE(command);
    const Run help = run(dir, {command, "--help"});
    CHECK(help.exitCode == 0);
    CHECK(help.out.find("--config") != std::string::npos);
  }
}
