// Spec: power cuts. Real `wall-of-fame nominate` and `sync` processes are killed with SIGKILL at
// seeded random moments; every nomination the program acknowledged (printed its id and exited 0)
// must survive, none may be half-saved, and the database must pass PRAGMA integrity_check. The
// same for a sync killed while it imports another kiosk's segments: each is applied whole or not
// at all.
// WOF_CRASH_ROUNDS sets the rounds (CI: 20; the long run: 200).
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <set>

#include "support/cli_support.hpp"
#include "core/storage/database.hpp"
#include "core/config/config.hpp"
#include "core/config/data_dir.hpp"
#include "core/storage/store.hpp"
#include "core/sync/journal.hpp"
#include "core/storage/store.hpp"
#include "support/test_support.hpp"

using namespace wof::test;
using namespace wof::test::cli;

namespace {

int crashRounds() {
  const char* text = std::getenv("WOF_CRASH_ROUNDS");
  const int rounds = text ? std::atoi(text) : 20;
  return rounds > 0 ? rounds : 20;
}

// Starts the real binary with stdout and stderr in `out`; returns its pid.
pid_t start(const std::vector<std::string>& args, const std::filesystem::path& out) {
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    std::vector<char*> argv{const_cast<char*>(WOF_BINARY)};
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    ::execv(WOF_BINARY, argv.data());
    ::_exit(127);
  }
  return child;
}

// Waits for the child; true when it exited by itself with status 0 (the kill came too late).
bool exitedOk(pid_t child) {
  int status = 0;
  ::waitpid(child, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

struct Rng {
  std::uint64_t state;
  std::uint64_t next(std::uint64_t bound) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (state >> 33) % bound;
  }
};

}  // namespace

TEST_CASE("nominate and sync killed with SIGKILL at random moments lose no acknowledged nomination and half-save none") {
  Kiosk kiosk;
  kiosk.withDemoRoster();
  REQUIRE(kiosk({"sync"}).exitCode == 0);
  const std::vector<std::string> configArgs{"--config", kiosk.config.string()};
  auto nominateArgs = [&](int round) {
    std::vector<std::string> args{"nominate", "--nominee", "E1001", "--behaviour", "real-face", "--story",
                                  kStory + " Round " + std::to_string(round) + "."};
    args.insert(args.end(), configArgs.begin(), configArgs.end());
    return args;
  };
  std::vector<std::string> syncArgs{"sync"};
  syncArgs.insert(syncArgs.end(), configArgs.begin(), configArgs.end());

  // How long one nominate takes here, only to spread the kills over a process's whole life.
  const auto began = std::chrono::steady_clock::now();
  std::vector<std::string> firstArgs = nominateArgs(0);
  firstArgs.resize(firstArgs.size() - configArgs.size());  // kiosk() adds --config itself
  const Run first = kiosk(firstArgs);
  REQUIRE_MESSAGE(first.exitCode == 0, first.err);
  const auto lifetimeUs = std::max<std::int64_t>(
      2000, std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - began).count());
  std::set<std::string> acknowledged{first.out.substr(0, first.out.find('\n'))};

  const int rounds = crashRounds();
  Rng rng{20261201};
  std::int64_t window = lifetimeUs * 3 / 2;  // kills land at a random moment in [0, window) µs
  int killedNominations = 0;
  for (int round = 1; round <= rounds; ++round) {
    // A nominate and a sync run side by side (as the kiosk's UI and its sync thread do), and each
    // is killed at its own moment in the window.
    const pid_t nominate = start(nominateArgs(round), kiosk.dir / "nominate.out");
    const pid_t sync = start(syncArgs, kiosk.dir / "sync.out");
    const auto killNominateAt = static_cast<useconds_t>(rng.next(static_cast<std::uint64_t>(window)));
    const auto killSyncAt = static_cast<useconds_t>(rng.next(static_cast<std::uint64_t>(window)));
    ::usleep(std::min(killNominateAt, killSyncAt));
    ::kill(killNominateAt <= killSyncAt ? nominate : sync, SIGKILL);
    ::usleep(killNominateAt > killSyncAt ? killNominateAt - killSyncAt : killSyncAt - killNominateAt);
    ::kill(killNominateAt <= killSyncAt ? sync : nominate, SIGKILL);
    const bool acked = exitedOk(nominate);
    exitedOk(sync);
    const std::string out = readFile(kiosk.dir / "nominate.out");
    if (acked) {
      REQUIRE(out.size() >= 36);
      acknowledged.insert(out.substr(0, 36));
    } else {
      ++killedNominations;
    }
    // Steer the kills toward the end of a nominate's life, where the commit is, whatever the
    // machine's speed: about half the rounds should finish before their kill.
    window = std::clamp(acked ? window * 9 / 10 : window * 11 / 10, std::int64_t{1000}, lifetimeUs * 20);
  }

  // A restart: the next run recovers the WAL, publishes everything left, and verify is clean.
  const Run finalSync = kiosk({"sync"});
  REQUIRE_MESSAGE(finalSync.exitCode == 0, finalSync.err);
  CHECK(finalSync.out.find("pending 0 events") != std::string::npos);
  const Run verified = kiosk({"verify"});
  CHECK_MESSAGE(verified.exitCode == 0, verified.out << verified.err);

  wof::core::Database db(kiosk.database());
  wof::core::Statement integrity = db.prepare("PRAGMA integrity_check");
  REQUIRE(integrity.step());
  CHECK(integrity.getText(0) == "ok");

  // Every acknowledged nomination is there.
  wof::core::Statement find = db.prepare("SELECT COUNT(*) FROM nominations WHERE id = ?");
  for (const std::string& id : acknowledged) {
    CAPTURE(id);
    find.reset();
    find.bind(1, id);
    REQUIRE(find.step());
    CHECK(find.getInt(0) == 1);
  }
  // None is half there: each nomination row has its outbox event and each event its row.
  CHECK(db.queryInt("SELECT COUNT(*) FROM nominations n WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.type = "
                    "'nomination.created' AND json_extract(o.payload, '$.id') = n.id)") == 0);
  CHECK(db.queryInt("SELECT COUNT(*) FROM outbox o WHERE o.type = 'nomination.created' AND NOT EXISTS (SELECT 1 "
                    "FROM nominations n WHERE n.id = json_extract(o.payload, '$.id'))") == 0);

  // On the share: every nomination exactly once, in whole segments only.
  std::map<std::string, int> published;
  const std::filesystem::path folder = kiosk.dir / "share/journal/lobby-1";
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name == wof::core::kClaimFileName) continue;
    const wof::core::JournalEntry kind = wof::core::classifyJournalName(name);
    CAPTURE(name);
    REQUIRE(kind.kind == wof::core::JournalEntryKind::Segment);
    const wof::core::SegmentParse parsed = wof::core::parseSegment(readFile(entry.path()), "lobby-1", kind.segment, kind.install);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error);
    for (const wof::core::JournalEvent& event : parsed.events)
      if (event.type == "nomination.created") ++published[event.payload.substr(event.payload.find("\"id\":\"") + 6, 36)];
  }
  const std::int64_t stored = db.queryInt("SELECT COUNT(*) FROM nominations");
  CHECK(static_cast<std::int64_t>(published.size()) == stored);
  for (const auto& [id, count] : published) CHECK_MESSAGE(count == 1, id);
  for (const std::string& id : acknowledged) CHECK_MESSAGE(published.contains(id), id);
  MESSAGE(rounds << " rounds: " << acknowledged.size() << " nominations acknowledged, " << killedNominations
                 << " killed before acknowledging, " << stored << " stored");
}

TEST_CASE("sync killed with SIGKILL while it imports another kiosk's segments applies each whole or not at all, and the next run finishes") {
  Kiosk kiosk;  // lobby-1, its share in its own folder
  const std::filesystem::path share = kiosk.dir / "share";
  std::filesystem::create_directories(share);
  std::filesystem::create_directories(kiosk.dir / "data");
  wof::core::Store(wof::core::databaseFileIn(kiosk.dir / "data"), "lobby-1").replaceRoster(sampleRoster());

  // Another kiosk on the share publishes a nomination, then 3,000 applause events (three segments)
  // before every round, so every sync has a batch of segments to import when its kill lands.
  TempDir peerDir;
  std::filesystem::create_directories(peerDir / "data");
  const std::filesystem::path peerConfig = peerDir / "kiosk.toml";
  writeFile(peerConfig, "kiosk_id = \"peer-1\"\nsite = \"Lyon\"\ndata_dir = \"data\"\nshare_dir = \"" +
                            share.string() + "\"\n");
  wof::core::Store peer(wof::core::databaseFileIn(peerDir / "data"), "peer-1");
  peer.replaceRoster(sampleRoster());
  const std::string id = peer.submitNomination({"E1", "real-face", kGoodStory, std::nullopt,
                                                wof::core::NominatorVisibility::Anonymous},
                                               kNow, {})
                             .nomination->id;
  peer.database().exec("PRAGMA synchronous = OFF");  // set-up speed only
  int applauded = 0;
  auto publish = [&] {
    for (int i = 0; i < 3000; ++i) peer.applaud(id, kNow + ++applauded);
    const Run published = run(peerDir, {"sync", "--config", peerConfig.string()});
    REQUIRE_MESSAGE(published.exitCode == 0, published.err);
  };
  const std::vector<std::string> syncArgs{"sync", "--config", kiosk.config.string()};

  // How long one import takes here, only to spread the kills over a process's whole life.
  publish();
  const auto began = std::chrono::steady_clock::now();
  const Run first = kiosk({"sync"});
  REQUIRE_MESSAGE(first.exitCode == 0, first.err);
  const auto lifetimeUs = std::max<std::int64_t>(
      2000, std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - began).count());

  const int rounds = crashRounds();
  Rng rng{20261202};
  std::int64_t window = lifetimeUs * 3 / 2;
  int killed = 0;
  int partial = 0;  // kills that left some, not all, of the waiting segments imported
  auto countSegments = [&] {
    std::int64_t segments = 0;
    for (const auto& entry : std::filesystem::directory_iterator(share / "journal/peer-1"))
      segments += wof::core::classifyJournalName(entry.path().filename().string()).kind ==
                  wof::core::JournalEntryKind::Segment;
    return segments;
  };
  std::int64_t importedBefore = 0;
  for (int round = 1; round <= rounds; ++round) {
    CAPTURE(round);
    publish();
    const std::int64_t published = countSegments();
    const pid_t sync = start(syncArgs, kiosk.dir / "sync.out");
    ::usleep(static_cast<useconds_t>(rng.next(static_cast<std::uint64_t>(window))));
    ::kill(sync, SIGKILL);
    const bool finished = exitedOk(sync);
    killed += finished ? 0 : 1;
    window = std::clamp(finished ? window * 9 / 10 : window * 11 / 10, std::int64_t{1000}, lifetimeUs * 20);

    // Whole segments only: the events recorded as applied are exactly those of the segments
    // recorded as imported.
    wof::core::Database db(kiosk.database());
    wof::core::Statement integrity = db.prepare("PRAGMA integrity_check");
    REQUIRE(integrity.step());
    CHECK(integrity.getText(0) == "ok");
    CHECK(db.queryInt("SELECT COALESCE(SUM(events), 0) FROM imported_files WHERE kiosk_id = 'peer-1'") ==
          db.queryInt("SELECT COUNT(*) FROM applied_events WHERE kiosk_id = 'peer-1'"));
    const std::int64_t imported = db.queryInt("SELECT COUNT(*) FROM imported_files WHERE kiosk_id = 'peer-1'");
    partial += imported > importedBefore && imported < published ? 1 : 0;
    importedBefore = imported;
  }

  // A restart imports the rest: every segment once, and the applause count the other kiosk has.
  const Run finalSync = kiosk({"sync"});
  REQUIRE_MESSAGE(finalSync.exitCode == 0, finalSync.err);
  const std::int64_t segments = countSegments();
  wof::core::Database db(kiosk.database());
  CHECK(db.queryInt("SELECT COUNT(*) FROM imported_files WHERE kiosk_id = 'peer-1'") == segments);
  CHECK(db.queryInt("SELECT COUNT(*) FROM applied_events WHERE kiosk_id = 'peer-1'") == applauded + 1);
  CHECK(db.queryInt("SELECT count FROM applause WHERE kiosk_id = 'peer-1'") == applauded);
  CHECK(db.queryInt("SELECT COUNT(*) FROM nominations") == 1);
  MESSAGE(rounds << " rounds: " << killed << " imports killed (" << partial << " between two batches), "
                 << rounds - killed << " finished; " << segments << " segments, " << applauded + 1
                 << " events imported in the end");
}
