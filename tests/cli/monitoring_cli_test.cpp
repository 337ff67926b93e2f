// Spec: the command line as IT's scripts and monitoring (Nagios, Icinga, Zabbix) use it: --config
// before or after the command, usage errors exit 2, status and verify exit 0 ok / 1 warning /
// 2 critical / 3 unknown, and their --json documents, read by jq (a real JSON parser).
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <chrono>
#include <cstdlib>

#include "support/cli_support.hpp"
#include "support/test_support.hpp"

using namespace wof::test;
using namespace wof::test::cli;

namespace {

// Whether jq's filter holds for `document` (`jq -e` exits 0 only for a value other than false
// and null); a document jq cannot parse fails it too.
bool jqHolds(const TempDir& dir, const std::string& document, const std::string& filter) {
  REQUIRE_MESSAGE(std::system("command -v jq >/dev/null 2>&1") == 0, "jq is missing (scripts/dev.sh test installs it)");
  writeFile(dir / "document.json", document);
  const std::string command =
      "jq -e " + shellQuote(filter) + " " + shellQuote((dir / "document.json").string()) + " >/dev/null 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Another kiosk's heartbeat, written as that kiosk would, `ageMinutes` old.
void writeHeartbeat(const std::filesystem::path& share, const std::string& kiosk, int ageMinutes) {
  const std::int64_t writtenAt = nowMs() - std::int64_t{ageMinutes} * 60 * 1000;
  std::filesystem::create_directories(share / "status");
  writeFile(share / "status" / (kiosk + ".json"),
            "{\"kiosk\": \"" + kiosk + "\", \"version\": \"1.0.0\", \"last_sync\": null, \"last_sync_ms\": null, "
            "\"pending_events\": 0, \"free_disk_bytes\": 1000000000, \"written_at\": \"(by the test)\", "
            "\"written_at_ms\": " + std::to_string(writtenAt) + ", \"screen\": \"on\"}\n");
}

std::string lineWith(const std::string& text, const std::string& needle) {
  const std::size_t at = text.find(needle);
  if (at == std::string::npos) return "";
  const std::size_t start = text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
  return text.substr(start, text.find('\n', at) - start);
}

}  // namespace

TEST_CASE("--config is taken before the command as well as after it") {
  Kiosk kiosk;
  kiosk.withDemoRoster();
  const Run after = run(kiosk.dir, {"status", "--config", kiosk.config.string()});
  const Run before = run(kiosk.dir, {"--config", kiosk.config.string(), "status"});
  REQUIRE_MESSAGE(after.exitCode == 0, after.out << after.err);
  CHECK_MESSAGE(before.exitCode == 0, before.err);
  CHECK(before.out.find("lobby-1 (site Lyon)") != std::string::npos);
  CHECK(before.out == after.out);
  const Run verify = run(kiosk.dir, {"--config", kiosk.config.string(), "verify", "--json"});
  CHECK_MESSAGE(verify.exitCode == 0, verify.out << verify.err);
  // Before the command, it wins over $WOF_CONFIG just as after it.
  writeFile(kiosk.dir / "other.toml", "kiosk_id = \"other\"\nsite = \"Leeds\"\ndata_dir = \"other-data\"\n");
  const Run overridden = run(kiosk.dir, {"--config", kiosk.config.string(), "status"}, "",
                             "WOF_CONFIG=" + shellQuote((kiosk.dir / "other.toml").string()));
  CHECK(overridden.out.find("lobby-1 (site Lyon)") != std::string::npos);
  // And --help still names it for every command.
  CHECK(run(kiosk.dir, {"nominate", "--help"}).out.find("--config FILE, before or after the command") !=
        std::string::npos);
}

TEST_CASE("a usage error exits 2 with CLI11's message naming what was wrong") {
  Kiosk kiosk;
  struct Case {
    std::vector<std::string> args;
    std::string named;
  };
  for (const Case& usage : std::vector<Case>{
           {{"status", "--no-such-option"}, "--no-such-option"},
           {{"--no-such-option", "status"}, "--no-such-option"},
           {{"no-such-command"}, "no-such-command"},
           {{}, "subcommand"},
           {{"export", "--format", "docx", "--out", "r.docx"}, "docx"},
           {{"export", "--out", "r.csv"}, "--format"},
           {{"moderate", "N1", "--approve", "--hide"}, "--hide"},
           {{"kiosk", "--windowed", "huge"}, "WIDTHxHEIGHT"}}) {
    CAPTURE(usage.named);
    const Run refused = kiosk(usage.args);
    CHECK(refused.exitCode == 2);
    CHECK(refused.err.find(usage.named) != std::string::npos);
  }
  // --format is checked before anything is opened: no database appears.
  CHECK_FALSE(std::filesystem::exists(kiosk.database()));
  const Run noValue = run(kiosk.dir, {"status", "--config"});
  CHECK(noValue.exitCode == 2);
  CHECK(noValue.err.find("--config") != std::string::npos);
  CHECK(kiosk({"--help"}).exitCode == 0);
  CHECK(kiosk({"--version"}).exitCode == 0);
}

TEST_CASE("status and verify: 0 ok, 1 warning, 2 critical, 3 unknown, in text and in JSON") {
  SUBCASE("0: a healthy kiosk") {
    Kiosk kiosk;
    kiosk.withDemoRoster();
    const Run status = kiosk({"status", "--json"});
    CHECK_MESSAGE(status.exitCode == 0, status.out << status.err);
    CHECK(jqHolds(kiosk.dir, status.out,
                  ".schema_version == 1 and .command == \"status\" and .result == \"ok\" and .exit_code == 0 and "
                  ".kiosk == \"lobby-1\" and .employees.total == 68 and .employees.active == 68 and "
                  ".nominations.total == 0 and .pending_events == 0 and .last_sync == null and .share.ok and "
                  ".silent_after_min == 30 and .problems == [] and (.checked_at_ms | type) == \"number\""));
    const Run verify = kiosk({"verify", "--json"});
    CHECK_MESSAGE(verify.exitCode == 0, verify.out << verify.err);
    CHECK(jqHolds(kiosk.dir, verify.out,
                  ".result == \"ok\" and .exit_code == 0 and ([.checks[].name] == [\"config\", \"database\", "
                  "\"photos\", \"audit log\", \"share\"]) and all(.checks[]; .result == \"ok\")"));
    CHECK(kiosk({"verify"}).out.find("result: ok") != std::string::npos);
  }
  SUBCASE("1: the share is missing (the kiosk itself works offline)") {
    Kiosk kiosk;
    std::filesystem::create_directories(kiosk.dir / "data");
    const Run status = kiosk({"status", "--json"});
    CHECK(status.exitCode == 1);
    CHECK(jqHolds(kiosk.dir, status.out,
                  ".result == \"warning\" and .share.ok == false and .problems[0].name == \"share\" and "
                  "(.problems[0].message | test(\"not reachable\"))"));
    const Run verify = kiosk({"verify"});
    CHECK(verify.exitCode == 1);
    CHECK(verify.out.find("WARN share: ") != std::string::npos);
    CHECK(verify.out.find("result: warning") != std::string::npos);
  }
  SUBCASE("2: a kiosk id used by two installations (a sync alert), a damaged database") {
    TempDir root;
    const std::string config = "site = \"Lyon\"\ndata_dir = \"data\"\nshare_dir = \"" + (root / "share").string() + "\"\n";
    writeFile(root / "a/kiosk.toml", "kiosk_id = \"lobby-1\"\n" + config);
    writeFile(root / "b/kiosk.toml", "kiosk_id = \"lobby-1\"\n" + config);
    REQUIRE(run(root, {"demo-data", "--out", (root / "share").string()}).exitCode == 0);
    REQUIRE(run(root, {"sync", "--config", (root / "a/kiosk.toml").string()}).exitCode == 0);
    CHECK(run(root, {"sync", "--config", (root / "b/kiosk.toml").string()}).exitCode != 0);
    const Run clone = run(root, {"status", "--json", "--config", (root / "b/kiosk.toml").string()});
    CHECK(clone.exitCode == 2);
    CHECK(jqHolds(root, clone.out,
                  ".result == \"critical\" and .exit_code == 2 and any(.problems[]; .result == \"critical\" and "
                  "(.message | test(\"another installation\")))"));
    CHECK(run(root, {"status", "--config", (root / "b/kiosk.toml").string()}).out.find("CRITICAL") !=
          std::string::npos);

    Kiosk damaged;
    damaged.withDemoRoster();
    writeFile(damaged.database(), std::string(8192, 'x'));  // not a database at all any more
    const Run verify = damaged({"verify", "--json"});
    CHECK(verify.exitCode == 2);
    CHECK(jqHolds(damaged.dir, verify.out,
                  ".result == \"critical\" and any(.checks[]; .name == \"database\" and .result == \"critical\")"));
  }
  SUBCASE("3: the config cannot be read, so nothing was checked") {
    TempDir dir;
    writeFile(dir / "bad.toml", "kiosk_id = \"k\"\nsite = \"Lyon\"\nsync_interval_s = 1\n");
    for (const char* command : {"status", "verify"}) {
      CAPTURE(command);
      const Run text = run(dir, {command, "--config", (dir / "bad.toml").string()});
      CHECK(text.exitCode == 3);
      CHECK(text.err.find("key 'sync_interval_s'") != std::string::npos);
      const Run json = run(dir, {command, "--json", "--config", (dir / "bad.toml").string()});
      CHECK(json.exitCode == 3);
      CHECK(jqHolds(dir, json.out,
                    ".result == \"unknown\" and .exit_code == 3 and (.errors[0] | test(\"sync_interval_s\"))"));
    }
    CHECK(run(dir, {"status", "--config", (dir / "absent.toml").string()}).exitCode == 3);
  }
}

TEST_CASE("status --fleet flags a kiosk whose heartbeat is older than fleet.toml's silent_after_min") {
  Kiosk kiosk;
  kiosk.withDemoRoster();
  const std::filesystem::path share = kiosk.dir / "share";
  REQUIRE(kiosk({"sync"}).exitCode == 0);  // lobby-1's own heartbeat, fresh
  writeHeartbeat(share, "lobby-2", 45);    // silent at the default, 30 min
  writeHeartbeat(share, "lobby-3", 5);

  const Run text = kiosk({"status", "--fleet"});
  CHECK(text.exitCode == 1);
  CHECK(lineWith(text.out, "lobby-2").find("SILENT") != std::string::npos);
  CHECK(lineWith(text.out, "lobby-2").find("45 min ago") != std::string::npos);
  CHECK(lineWith(text.out, "lobby-1").find("SILENT") == std::string::npos);
  CHECK(lineWith(text.out, "lobby-3").find("SILENT") == std::string::npos);
  CHECK(text.err.find("warning: kiosk lobby-2: silent") != std::string::npos);

  const Run json = kiosk({"status", "--fleet", "--json"});
  CHECK(json.exitCode == 1);
  CHECK(jqHolds(kiosk.dir, json.out,
                ".schema_version == 1 and .command == \"status --fleet\" and .result == \"warning\" and "
                ".silent_after_min == 30 and ([.kiosks[].kiosk] == [\"lobby-1\", \"lobby-2\", \"lobby-3\"]) and "
                "([.kiosks[] | select(.silent) | .kiosk] == [\"lobby-2\"]) and "
                "(.kiosks[] | select(.kiosk == \"lobby-2\") | .heartbeat_age_s >= 2700 and .screen == \"on\") and "
                "(.kiosks[] | select(.kiosk == \"lobby-1\") | .last_sync != null and .pending_events == 0) and "
                "(.problems | length) == 1"));

  SUBCASE("fleet.toml sets the threshold") {
    writeFile(share / "fleet.toml", "silent_after_min = 60\n" + readFile(share / "fleet.toml"));
    const Run relaxed = kiosk({"status", "--fleet", "--json"});
    CHECK_MESSAGE(relaxed.exitCode == 0, relaxed.out << relaxed.err);
    CHECK(jqHolds(kiosk.dir, relaxed.out,
                  ".result == \"ok\" and .silent_after_min == 60 and all(.kiosks[]; .silent == false)"));
    writeHeartbeat(share, "lobby-2", 61);
    CHECK(kiosk({"status", "--fleet"}).exitCode == 1);
  }
  SUBCASE("a fleet.toml with a wrong value is named, and the default applies") {
    writeFile(share / "fleet.toml", "silent_after_min = \"soon\"\n");
    const Run named = kiosk({"status", "--fleet"});
    CHECK(named.exitCode == 1);
    CHECK(named.err.find("key 'silent_after_min' must be a whole number of minutes") != std::string::npos);
    CHECK(lineWith(named.out, "lobby-2").find("SILENT") != std::string::npos);
  }
  SUBCASE("2: the share cannot be read at all") {
    std::filesystem::rename(share, kiosk.dir / "share-away");
    const Run away = kiosk({"status", "--fleet", "--json"});
    CHECK(away.exitCode == 2);
    CHECK(jqHolds(kiosk.dir, away.out, ".result == \"critical\" and .kiosks == [] and .problems[0].name == \"share\""));
  }
}
