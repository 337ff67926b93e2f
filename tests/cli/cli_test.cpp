// Spec: every command of the `wall-of-fame` executable, run as a separate process on a temp
// data dir, as scripts and IT would run it.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <algorithm>
#include <fstream>

#include "core/config/config.hpp"
#include "core/config/data_dir.hpp"
#include "core/storage/store.hpp"
#include "core/sync/journal.hpp"
#include "core/util/text.hpp"
#include "core/util/uuid.hpp"
#include "support/cli_support.hpp"
#include "support/test_support.hpp"

using namespace wof::test;
using namespace wof::test::cli;

TEST_CASE("--version and --help work without a config") {
  TempDir dir;
  const Run version = run(dir, {"--version"});
  CHECK(version.exitCode == 0);
  CHECK(version.out.find(WOF_VERSION_STRING) != std::string::npos);
  for (const char* command : {"kiosk", "nominate", "import-roster", "status", "verify", "demo-data", "sync", "export", "erase-employee"}) {
    CAPTURE(command);
    const Run help = run(dir, {command, "--help"});
    CHECK(help.exitCode == 0);
    CHECK(help.out.find("--config") != std::string::npos);
  }
  const Run none = run(dir, {});
  CHECK(none.exitCode != 0);
}

TEST_CASE("demo-data writes a share with roster, photos and fleet.toml") {
  TempDir dir;
  const Run result = run(dir, {"demo-data", "--out", (dir / "share").string()});
  REQUIRE_MESSAGE(result.exitCode == 0, result.err);
  const std::string csv = readFile(dir / "share/roster/employees.csv");
  CHECK(csv.find("employee_id,display_name,department,title,site,email,active,wall_consent") != std::string::npos);
  CHECK(csv.find("Zoë Ødegård") != std::string::npos);
  CHECK(std::filesystem::is_regular_file(dir / "share/fleet.toml"));
  CHECK(std::distance(std::filesystem::directory_iterator(dir / "share/roster/photos"),
                      std::filesystem::directory_iterator()) > 40);
}

TEST_CASE("import-roster reads the share's roster and photos, and refuses a bad file whole") {
  Kiosk kiosk;
  kiosk.withDemoRoster();
  const Run status = kiosk({"status"});
  REQUIRE(status.exitCode == 0);
  CHECK(status.out.find("lobby-1 (site Lyon)") != std::string::npos);
  CHECK(status.out.find("employees      68 (68 active") != std::string::npos);

  writeFile(kiosk.dir / "broken.csv",
            "employee_id,display_name,department,title,site,active,wall_consent\nE1,Ana,D,T,S,yes,yes\n");
  const Run rejected = kiosk({"import-roster", (kiosk.dir / "broken.csv").string()});
  CHECK(rejected.exitCode == 1);
  CHECK(rejected.err.find("Roster rejected; the previous roster stays in force.") != std::string::npos);
  CHECK(rejected.err.find("broken.csv, line 1, column email: the header has no column \"email\"") !=
        std::string::npos);
  CHECK(kiosk({"status"}).out.find("employees      68 (68 active") != std::string::npos);

  SUBCASE("a file as German Excel saves it is read, and the report says how") {
    writeFile(kiosk.dir / "excel.csv", "employee_id;display_name;department;title;site;email;active;wall_consent\r\n"
                                       "E1;Ana;D;T;S;a@x;WAHR;FALSCH\r\n");
    const Run accepted = kiosk({"import-roster", (kiosk.dir / "excel.csv").string()});
    CHECK(accepted.exitCode == 0);
    CHECK(accepted.out.find("Read as UTF-8; separator: semicolon (as Excel writes") != std::string::npos);
  }
  SUBCASE("a missing file is named") {
    const Run missing = kiosk({"import-roster", (kiosk.dir / "nope.csv").string()});
    CHECK(missing.exitCode == 1);
    CHECK(missing.err.find("nope.csv") != std::string::npos);
  }
}

TEST_CASE("nominate enters a nomination and prints its id, or says which rule failed") {
  Kiosk kiosk;
  kiosk.withDemoRoster();
  const std::string csv = readFile(kiosk.dir / "share/roster/employees.csv");
  const Run made = kiosk({"nominate", "--nominee", "E1001", "--behaviour", "fixed-on-the-spot", "--story", kStory,
                          "--from", "E1002"});
  REQUIRE_MESSAGE(made.exitCode == 0, made.err);
  CHECK(wof::core::looksLikeUuid(made.out.substr(0, 36)));
  CHECK(kiosk({"status"}).out.find("nominations    1 (0 pending, 1 approved") != std::string::npos);

  SUBCASE("anonymous and private") {
    CHECK(kiosk({"nominate", "--nominee", "E1003", "--behaviour", "real-face", "--story", kStory}).exitCode == 0);
    CHECK(kiosk({"nominate", "--nominee", "E1003", "--behaviour", "real-face", "--story", kStory, "--from", "E1002",
                 "--private"})
              .exitCode == 0);
  }
  SUBCASE("a rule fails") {
    const Run self = kiosk({"nominate", "--nominee", "E1002", "--behaviour", "real-face", "--story", kStory,
                            "--from", "E1002"});
    CHECK(self.exitCode == 1);
    CHECK(self.err == "Nomination not saved: You cannot nominate yourself. Ask a colleague to tell your story "
                      "instead!\n");
    const Run shortStory = kiosk({"nominate", "--nominee", "E1001", "--behaviour", "real-face", "--story", "Nice"});
    CHECK(shortStory.exitCode == 1);
    CHECK(shortStory.err.find("at least 20 characters (you have 4)") != std::string::npos);
    const Run badKey = kiosk({"nominate", "--nominee", "E1001", "--behaviour", "nice", "--story", kStory});
    CHECK(badKey.err.find("\"nice\" is not one of the behaviours") != std::string::npos);
    CHECK(kiosk({"status"}).out.find("nominations    1 ") != std::string::npos);
  }
  SUBCASE("--private needs --from") {
    const Run bad = kiosk({"nominate", "--nominee", "E1001", "--behaviour", "real-face", "--story", kStory, "--private"});
    CHECK(bad.exitCode != 0);
    CHECK(bad.err.find("--from") != std::string::npos);
  }
  SUBCASE("HR moderation keeps it pending") {
    Kiosk moderated("moderation = \"hr\"\n");
    moderated.withDemoRoster();
    REQUIRE(moderated({"nominate", "--nominee", "E1001", "--behaviour", "real-face", "--story", kStory}).exitCode == 0);
    CHECK(moderated({"status"}).out.find("nominations    1 (1 pending") != std::string::npos);
  }
}

TEST_CASE("status and verify report share health") {
  Kiosk kiosk;
  SUBCASE("the share is missing: status still works and warns, verify warns and says why") {
    const Run status = kiosk({"status"});
    CHECK(status.exitCode == 1);
    CHECK(status.out.find("not reachable") != std::string::npos);
    std::filesystem::create_directories(kiosk.dir / "data");
    const Run verify = kiosk({"verify"});
    CHECK(verify.exitCode == 1);
    CHECK(verify.out.find("WARN share: ") != std::string::npos);
  }
  SUBCASE("a healthy kiosk verifies clean") {
    kiosk.withDemoRoster();
    const Run verify = kiosk({"verify"});
    CHECK_MESSAGE(verify.exitCode == 0, verify.out);
    CHECK(verify.out.find("ok   database: integrity ok") != std::string::npos);
  }
  SUBCASE("a corrupted database fails verify") {
    kiosk.withDemoRoster();
    const auto db = kiosk.dir / "data/wall-of-fame.db";
    REQUIRE(std::filesystem::file_size(db) > 3 * 4096);
    {
      std::fstream file(db, std::ios::in | std::ios::out | std::ios::binary);
      file.seekp(2 * 4096);  // page 3, header and all
      const std::string junk(4096, '\x5a');
      file.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    const Run verify = kiosk({"verify"});
    CHECK(verify.exitCode == 2);  // critical
    CHECK_FALSE((verify.out + verify.err).empty());
  }
}

TEST_CASE("config problems name the file and key, and $WOF_CONFIG is honoured") {
  TempDir dir;
  const Run missing = run(dir, {"status", "--config", (dir / "absent.toml").string()});
  CHECK(missing.exitCode == 3);  // status and verify: "unknown", as monitoring reads it
  CHECK(missing.err.find("absent.toml: cannot open the config file (no such file)") != std::string::npos);

  writeFile(dir / "bad.toml", "kiosk_id = \"k\"\nsite = \"Lyon\"\nsync_interval_s = 1\n");
  const Run bad = run(dir, {"status", "--config", (dir / "bad.toml").string()});
  CHECK(bad.exitCode == 3);
  CHECK(bad.err.find("bad.toml: key 'sync_interval_s' must be a whole number from 5 to 86400; found 1") !=
        std::string::npos);

  writeFile(dir / "env.toml", "kiosk_id = \"from-env\"\nsite = \"Leeds\"\ndata_dir = \"data\"\n");
  const Run fromEnvironment = run(dir, {"status"}, "", "WOF_CONFIG=" + shellQuote((dir / "env.toml").string()));
  CHECK(fromEnvironment.exitCode == 0);
  CHECK(fromEnvironment.out.find("from-env (site Leeds)") != std::string::npos);
}

TEST_CASE("kiosk with a broken config exits with the error instead of opening a window") {
  TempDir dir;
  writeFile(dir / "bad.toml", "site = \"Lyon\"\n");
  const Run result = run(dir, {"kiosk", "--config", (dir / "bad.toml").string()});
  CHECK(result.exitCode == 1);
  CHECK(result.err.find("key 'kiosk_id' is missing") != std::string::npos);
}

// [SECTION] sync between kiosks: separate processes, separate data dirs, one share

namespace {

struct FleetKiosk {
  TempDir dir;
  std::filesystem::path config = dir / "kiosk.toml";
  FleetKiosk(const std::string& id, const std::filesystem::path& share, const std::string& extraConfig = "") {
    writeFile(config, "kiosk_id = \"" + id + "\"\nsite = \"Lyon\"\ndata_dir = \"data\"\nshare_dir = \"" +
                          share.string() + "\"\n" + extraConfig);
  }
  Run operator()(std::vector<std::string> args) {
    args.push_back("--config");
    args.push_back(config.string());
    return run(dir, args);
  }
  std::string exportCsv() {
    const Run exported = (*this)({"export", "--format", "csv", "--out", (dir / "export.csv").string()});
    REQUIRE_MESSAGE(exported.exitCode == 0, exported.err);
    return readFile(dir / "export.csv");
  }
};

}  // namespace

TEST_CASE("status --fleet shows a kiosk dark outside its screen hours as off on purpose") {
  TempDir shareRoot;
  const std::filesystem::path share = shareRoot / "share";
  std::string allOff = "[schedule]\n";
  for (const char* day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) allOff += std::string(day) + " = \"off\"\n";
  FleetKiosk night("night-1", share, allOff);
  FleetKiosk day("day-1", share);
  std::filesystem::create_directories(share);
  REQUIRE(night({"sync"}).exitCode == 0);
  REQUIRE(day({"sync"}).exitCode == 0);
  CHECK(readFile(share / "status/night-1.json").find("\"screen\": \"scheduled-off\"") != std::string::npos);
  const Run fleet = day({"status", "--fleet"});
  REQUIRE_MESSAGE(fleet.exitCode == 0, fleet.err);
  const std::size_t nightRow = fleet.out.find("night-1");
  const std::size_t dayRow = fleet.out.find("day-1");
  REQUIRE(nightRow != std::string::npos);
  REQUIRE(dayRow != std::string::npos);
  CHECK(fleet.out.substr(nightRow, fleet.out.find('\n', nightRow) - nightRow).find("screen off (schedule)") !=
        std::string::npos);
  CHECK(fleet.out.substr(dayRow, fleet.out.find('\n', dayRow) - dayRow).find("screen on") != std::string::npos);
}

TEST_CASE("two kiosks in separate processes sync through one share and export the same bytes") {
  TempDir shareRoot;
  const std::filesystem::path share = shareRoot / "share";
  REQUIRE(run(shareRoot, {"demo-data", "--out", share.string()}).exitCode == 0);
  FleetKiosk one("lobby-1", share);
  FleetKiosk two("lobby-2", share);

  // Both at once, as two kiosks would: the roster comes from the share on the first sync.
  const std::string both = shellQuote(WOF_BINARY) + " sync --config " + shellQuote(one.config.string()) +
                           " >/dev/null 2>&1 & " + shellQuote(WOF_BINARY) + " sync --config " +
                           shellQuote(two.config.string()) + " >/dev/null 2>&1 & wait";
  REQUIRE(std::system(both.c_str()) == 0);
  const Run first = one({"nominate", "--nominee", "E1001", "--behaviour", "real-face", "--story", kStory, "--from", "E1002"});
  REQUIRE_MESSAGE(first.exitCode == 0, first.err);
  const Run second = two({"nominate", "--nominee", "E1003", "--behaviour", "new-solution", "--story", kStory});
  REQUIRE_MESSAGE(second.exitCode == 0, second.err);

  const Run published = one({"sync"});
  CHECK_MESSAGE(published.exitCode == 0, published.err);
  CHECK(published.out.find("published 1 events in 1 segments") != std::string::npos);
  CHECK(published.out.find("pending 0 events") != std::string::npos);
  const Run exchanged = two({"sync"});
  CHECK(exchanged.out.find("imported 1 events from 1 segments") != std::string::npos);
  CHECK(one({"sync"}).out.find("imported 1 events") != std::string::npos);

  const std::string csv = one.exportCsv();
  CHECK(csv.starts_with("\xEF\xBB\xBFnomination_id,created_at,kiosk_id,nominee_id,nominee_name,department,site,behaviour,story,"
                        "nominator,status,applause\r\n"));
  CHECK(csv.find(wof::core::trim(first.out)) != std::string::npos);
  CHECK(csv.find(wof::core::trim(second.out)) != std::string::npos);
  CHECK(csv == two.exportCsv());

  SUBCASE("an erasure on one kiosk reaches the other") {
    const Run erased = two({"erase-employee", "E1001"});
    CHECK_MESSAGE(erased.exitCode == 0, erased.err);
    CHECK(two({"erase-employee", "E9999"}).exitCode != 0);
    two({"sync"});
    one({"sync"});
    const std::string after = one.exportCsv();
    CHECK(after == two.exportCsv());
    CHECK(after.find("(erased)") != std::string::npos);
    CHECK(after.find(kStory + ",") == after.rfind(kStory + ","));  // only E1003's story is left
  }
  SUBCASE("status shows the last sync; status --fleet lists both heartbeats") {
    const Run status = one({"status"});
    CHECK(status.out.find("last sync      never") == std::string::npos);
    CHECK(status.out.find("pending events 0") != std::string::npos);
    const Run fleet = one({"status", "--fleet"});
    CHECK(fleet.exitCode == 0);
    CHECK(fleet.out.find("lobby-1") != std::string::npos);
    CHECK(fleet.out.find("lobby-2") != std::string::npos);
  }
  SUBCASE("a cloned kiosk id refuses to publish and says why") {
    FleetKiosk clone("lobby-1", share);
    const Run refused = clone({"sync"});
    CHECK(refused.exitCode != 0);
    CHECK(refused.err.find("already used by another installation") != std::string::npos);
  }
  SUBCASE("export: bad dates are named") {
    const Run badDate = one({"export", "--format", "csv", "--from", "2026-13-01", "--out", (one.dir / "r.csv").string()});
    CHECK(badDate.exitCode != 0);
    CHECK(badDate.err.find("--from") != std::string::npos);
  }
}

TEST_CASE("sync with the share missing fails, says so, and keeps the events queued") {
  TempDir root;
  FleetKiosk kiosk("lobby-1", root / "share");
  REQUIRE(run(root, {"demo-data", "--out", (root / "roster-source").string()}).exitCode == 0);
  REQUIRE(kiosk({"import-roster", (root / "roster-source/roster/employees.csv").string()}).exitCode == 0);
  REQUIRE(kiosk({"nominate", "--nominee", "E1001", "--behaviour", "real-face", "--story", kStory}).exitCode == 0);
  const Run missing = kiosk({"sync"});
  CHECK(missing.exitCode != 0);
  CHECK(missing.err.find("not reachable") != std::string::npos);
  CHECK(missing.out.find("pending 1 events") != std::string::npos);
  std::filesystem::create_directories(root / "share");
  const Run back = kiosk({"sync"});
  CHECK(back.exitCode == 0);
  CHECK(back.out.find("published 1 events") != std::string::npos);
}

TEST_CASE("a publisher killed with SIGKILL at any moment leaves a clean share: gapless whole segments, no event lost or doubled") {
  TempDir root;
  FleetKiosk kiosk("lobby-1", root / "share");
  std::filesystem::create_directories(root / "share");
  // Before every attempt more events wait, so each sync has segments to write when the kill lands.
  std::filesystem::create_directories(kiosk.dir / "data");
  wof::core::Store store(wof::core::databaseFileIn(kiosk.dir / "data"), "lobby-1");
  store.replaceRoster(sampleRoster());
  const auto id = store.submitNomination({"E1", "real-face", kGoodStory, std::nullopt,
                                          wof::core::NominatorVisibility::Anonymous},
                                         kNow, {})
                      .nomination->id;
  store.database().exec("PRAGMA synchronous = OFF");  // set-up speed only
  int total = 1;
  const std::filesystem::path folder = root / "share/journal/lobby-1";
  std::uint64_t seed = 12345;
  for (int attempt = 0; attempt < 25; ++attempt) {
    for (int i = 0; i < 1500; ++i, ++total) store.applaud(id, kNow + total);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      const int devNull = ::open("/dev/null", O_WRONLY);
      ::dup2(devNull, 1);
      ::dup2(devNull, 2);
      ::execl(WOF_BINARY, WOF_BINARY, "sync", "--config", kiosk.config.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    ::usleep(static_cast<useconds_t>((seed >> 33) % 30000));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
  }
  const Run finished = kiosk({"sync"});
  REQUIRE_MESSAGE(finished.exitCode == 0, finished.err);
  CHECK(finished.out.find("pending 0 events") != std::string::npos);

  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::vector<int> seen(static_cast<std::size_t>(total) + 1, 0);
  std::int64_t segments = 0;
  for (const std::string& name : names) {
    if (name == "owner.json") continue;
    const wof::core::JournalEntry entry = wof::core::classifyJournalName(name);
    CAPTURE(name);
    REQUIRE(entry.kind == wof::core::JournalEntryKind::Segment);  // no temp files left behind
    const wof::core::SegmentParse parsed = wof::core::parseSegment(readFile(folder / name), "lobby-1", entry.segment, entry.install);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error);
    for (const wof::core::JournalEvent& event : parsed.events) ++seen[static_cast<std::size_t>(event.seq)];
    segments = std::max(segments, entry.segment);
  }
  CHECK(static_cast<std::int64_t>(names.size()) == segments + 1);  // 1..n with no gap, plus owner.json
  CHECK(std::count(seen.begin() + 1, seen.end(), 1) == total);     // every event exactly once
  MESSAGE("segments after 25 kills: " << segments);
}

TEST_CASE("sync --rebuild-from-share restores a lost database from the kiosk's own journal") {
  TempDir shareRoot;
  const std::filesystem::path share = shareRoot / "share";
  REQUIRE(run(shareRoot, {"demo-data", "--out", share.string()}).exitCode == 0);
  FleetKiosk kiosk("lobby-1", share);
  REQUIRE(kiosk({"sync"}).exitCode == 0);
  const Run made = kiosk({"nominate", "--nominee", "E1001", "--behaviour", "real-face", "--story", kStory});
  REQUIRE(made.exitCode == 0);
  REQUIRE(kiosk({"sync"}).exitCode == 0);
  const std::string before = kiosk.exportCsv();

  std::filesystem::remove_all(kiosk.dir / "data");  // the disk died
  const Run refused = kiosk({"sync"});
  CHECK(refused.exitCode != 0);
  CHECK(refused.err.find("already used by another installation") != std::string::npos);
  const Run rebuilt = kiosk({"sync", "--rebuild-from-share"});
  CHECK_MESSAGE(rebuilt.exitCode == 0, rebuilt.err);
  CHECK(rebuilt.out.find("Rebuilt 1 events from 1 segments") != std::string::npos);
  CHECK(kiosk.exportCsv() == before);
  CHECK(kiosk({"sync", "--rebuild-from-share"}).err.find("already holds events") != std::string::npos);
}
