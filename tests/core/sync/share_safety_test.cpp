// Spec: a share loses nothing, whatever file system or replication engine it is. Several kiosks
// in one process, each with its own SQLite file, on a real temp folder: two installs racing for
// one kiosk id where hard links do not exist (SMB through FUSE), a rebuilt kiosk whose old
// segments arrive after it has published again (Syncthing pulling file by file), a sealed segment
// whose content changes under its name, a conflict copy, an erasure that arrives before the
// roster, and the write probe behind `verify` and `status`.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <thread>

#include "core/sync/sync.hpp"
#include "support/test_kiosk.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;
namespace fs = std::filesystem;

namespace {

// The durable writer as on a share without hard links, for one test.
struct NoHardLinks {
  NoHardLinks() { testing::g_noHardLinks = true; }
  ~NoHardLinks() { testing::g_noHardLinks = false; }
};

std::vector<std::string> segmentsIn(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder))
    if (classifyJournalName(entry.path().filename().string()).kind == JournalEntryKind::Segment)
      names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

bool hasAlert(const SyncReport& report, std::string_view words) {
  return std::any_of(report.alerts.begin(), report.alerts.end(),
                     [&](const std::string& alert) { return alert.find(words) != std::string::npos; });
}

// Kiosk a has published one nomination on a fresh share that kiosk b also uses.
struct TwoKiosks {
  TempDir root;
  fs::path share = root / "share";
  TestKiosk a{root.path(), "kiosk-a", (fs::create_directories(share), share)};
  TestKiosk b{root.path(), "kiosk-b", share};
  TwoKiosks() {
    REQUIRE(a.nominate("E1", kNow));
    a.sync(kNow);
  }
};

// The first event another install of `kiosk` queued (it nominated `nominee` on its own share),
// numbered `seq`: what that install would have published under the same kiosk id.
JournalEvent otherInstallEvent(const fs::path& root, const std::string& kiosk, const std::string& nominee,
                               std::int64_t seq) {
  TestKiosk other(root, kiosk, root / "other-share");
  REQUIRE(other.nominate(nominee, kNow));
  const OutboxEvent event = other.store->pendingEvents(10).front();
  return {event.eventId, kiosk, seq, event.hlc, event.type, event.payload};
}

}  // namespace

TEST_CASE("two installs racing for one kiosk id where hard links do not exist: one wins, nothing is replaced") {
  NoHardLinks noLinks;
  for (int round = 0; round < 24; ++round) {
    CAPTURE(round);
    TempDir root;
    fs::create_directories(root / "share");
    TestKiosk first(root / "one", "lobby", root / "share");
    TestKiosk second(root / "two", "lobby", root / "share");  // a cloned disk image, first boot
    TestKiosk observer(root.path(), "observer", root / "share");
    const std::string mine = *first.nominate("E1", kNow);
    const std::string theirs = *second.nominate("E3", kNow);
    SyncReport a, b;
    std::thread other([&] { b = second.sync(kNow); });
    a = first.sync(kNow);
    other.join();
    // Exactly one owns the id; the other keeps its nomination queued and says so, loudly.
    CHECK(a.completed() != b.completed());
    const SyncReport& loser = a.completed() ? b : a;
    CHECK(loser.pendingEvents == 1);
    CHECK(hasAlert(loser, "already used by another installation"));
    // Whatever was published is on the share, and every other kiosk gets it.
    observer.sync(kNow + 1);
    const std::vector<std::string> seen = observer.nominationIds();
    if (a.publishedEvents) CHECK(std::count(seen.begin(), seen.end(), mine) == 1);
    if (b.publishedEvents) CHECK(std::count(seen.begin(), seen.end(), theirs) == 1);
    CHECK(static_cast<int>(seen.size()) == a.publishedEvents + b.publishedEvents);
  }
}

TEST_CASE("the durable writer never replaces a name two writers create at once, with or without hard links") {
  for (const bool links : {true, false}) {
    CAPTURE(links);
    testing::g_noHardLinks = !links;
    TempDir root;
    int bothWon = 0;
    for (int round = 0; round < 100; ++round) {
      const fs::path file = root / ("claim-" + std::to_string(round));
      std::string first, second;
      std::thread other([&] { second = writeFileDurably(file, "second\n"); });
      first = writeFileDurably(file, "first\n");
      other.join();
      bothWon += first.empty() && second.empty();
      CHECK((first.empty() || second.empty()));
      const std::string kept = readFile(file);
      CHECK((kept == (first.empty() ? "first\n" : "second\n")));
    }
    testing::g_noHardLinks = false;
    CHECK(bothWon == 0);
    CHECK(leftoverTemporaries(root.path()).empty());
  }
}

TEST_CASE("a rebuilt kiosk publishes under its own names while its old segments are still arriving") {
  TempDir root;
  const fs::path share = root / "share";
  fs::create_directories(share);
  TestKiosk other(root.path(), "kiosk-b", share);
  std::vector<std::string> oldIds;
  std::vector<std::string> oldNames;
  {
    TestKiosk lost(root / "old", "kiosk-a", share);
    for (const char* nominee : {"E1", "E3", "E4"}) {
      const std::optional<std::string> id = lost.nominate(nominee, kNow + static_cast<int>(oldIds.size()));
      REQUIRE(id);
      oldIds.push_back(*id);
      lost.sync(kNow + static_cast<int>(oldIds.size()));
    }
    oldNames = segmentsIn(share / "journal/kiosk-a");
  }
  REQUIRE(oldNames.size() == 3);
  other.sync(kNow + 10);
  const std::string otherBefore = other.csv();
  // The disk is replaced; the replicated share has brought back only the first segment so far.
  const fs::path away = root / "not-yet-arrived";
  fs::create_directories(away);
  for (std::size_t i = 1; i < oldNames.size(); ++i)
    fs::rename(share / "journal/kiosk-a" / oldNames[i], away / oldNames[i]);
  TestKiosk rebuilt(root / "new", "kiosk-a", share);
  const RebuildReport restored = rebuildFromShare(*rebuilt.store, share, kNow + 20);
  REQUIRE(restored.problem.empty());
  CHECK(restored.restoredEvents == 1);
  const std::string fresh = rebuilt.nominate("E1", kNow + 30, "E3").value();
  REQUIRE(rebuilt.sync(kNow + 30).publishedEvents == 1);
  // Its new segment has its own name: the old segment 2, still on its way, is not overwritten.
  CHECK(rebuilt.segment(2) != oldNames[1]);
  for (const std::string& name : {oldNames[1], oldNames[2]}) {
    const std::string bytes = readFile(away / name);
    fs::rename(away / name, share / "journal/kiosk-a" / name);  // they arrive now
    CHECK(readFile(share / "journal/kiosk-a" / name) == bytes);
  }
  const SyncReport caughtUp = rebuilt.sync(kNow + 40);
  CHECK(caughtUp.importedEvents == 2);  // its own history, late
  CHECK(caughtUp.alerts.empty());       // an earlier install of this kiosk, named in the claim
  CHECK(other.sync(kNow + 50).importedEvents == 1);
  for (const std::string& id : oldIds) CHECK(rebuilt.store->nomination(id));
  CHECK(other.store->nomination(fresh));
  CHECK(other.csv() != otherBefore);
  CHECK(rebuilt.csv() == other.csv());
  CHECK(rebuilt.sync(kNow + 60).importedEvents == 0);
}

TEST_CASE("a sealed segment whose content changes under its name is reported, and its new events imported") {
  TwoKiosks fleet;
  TestKiosk& a = fleet.a;
  TestKiosk& b = fleet.b;
  const fs::path share = fleet.share;
  CHECK(b.sync(kNow).importedEvents == 1);
  // Someone (a restore, a second install of an older version) puts other events under that name.
  const SegmentParse original = a.readSegment(1);
  REQUIRE(original.ok());
  std::vector<JournalEvent> events = original.events;
  events.push_back(otherInstallEvent(fleet.root / "elsewhere", "kiosk-a", "E3", 2));
  fs::remove(a.segmentPath(1));
  writeFile(a.segmentPath(1), encodeSegment("kiosk-a", 1, events, installTag(a.store->installId())));

  const SyncReport noticed = b.sync(kNow + 10);
  CHECK(hasAlert(noticed, "changed after it was imported"));
  CHECK(noticed.importedEvents == 1);
  CHECK(noticed.duplicateEvents == 1);
  CHECK(b.nominationIds().size() == 2);
  REQUIRE_FALSE(syncAlerts(*b.store).empty());
  CHECK(syncAlerts(*b.store).back().text.find(a.segment(1)) != std::string::npos);
  // Said once: the next sync sees the file as it now is.
  const SyncReport again = b.sync(kNow + 20);
  CHECK(again.alerts.empty());
  CHECK(again.importedSegments == 0);
  // Touched without a change (a replication engine rewriting the time): read again, nothing said.
  fs::last_write_time(a.segmentPath(1), fs::last_write_time(a.segmentPath(1)) + std::chrono::hours(1));
  const SyncReport touched = b.sync(kNow + 30);
  CHECK(touched.alerts.empty());
  CHECK(touched.importedEvents == 0);
}

TEST_CASE("a Syncthing conflict copy of a segment is imported too, and said") {
  TwoKiosks fleet;
  TestKiosk& a = fleet.a;
  TestKiosk& b = fleet.b;
  const fs::path share = fleet.share;
  // A second writer under the same name lost the conflict: Syncthing kept its content aside.
  const std::string tag = installTag(a.store->installId());
  writeFile(share / "journal/kiosk-a" / ("1-" + tag + ".sync-conflict-20261124-120000-ABCDEFG.jsonl"),
            encodeSegment("kiosk-a", 1, {otherInstallEvent(fleet.root / "clone", "kiosk-a", "E3", 1)}, tag));
  const SyncReport report = b.sync(kNow + 10);
  CHECK(report.importedEvents == 2);
  CHECK(hasAlert(report, "kept two different files under one segment name"));
  CHECK(b.nominationIds().size() == 2);
}

TEST_CASE("another install publishing under this kiosk id is imported and said, on both kiosks") {
  TempDir root;
  const fs::path share = root / "share";
  fs::create_directories(share);
  TestKiosk a(root.path(), "kiosk-a", share);
  REQUIRE(a.nominate("E1", kNow));
  REQUIRE(a.sync(kNow).completed());
  // A clone that won its own claim where the share could not tell them apart, then published.
  TestKiosk clone(root / "clone", "kiosk-a", root / "clone-share");
  const std::string theirs = *clone.nominate("E3", kNow);
  const OutboxEvent event = clone.store->pendingEvents(10).front();
  const std::string cloneTag = installTag(clone.store->installId());
  writeFile(share / "journal/kiosk-a" / segmentFileName(1, cloneTag),
            encodeSegment("kiosk-a", 1, {{event.eventId, "kiosk-a", 1, event.hlc, event.type, event.payload}}, cloneTag));
  const SyncReport report = a.sync(kNow + 10);
  CHECK(hasAlert(report, "is also used by another installation"));
  CHECK(report.importedEvents == 1);
  CHECK(a.store->nomination(theirs));
}

TEST_CASE("an erasure that arrives before the roster, or without it, exports the same bytes everywhere") {
  TempDir root;
  const fs::path share = root / "share";
  fs::create_directories(share);
  TestKiosk a(root.path(), "kiosk-a", share);
  REQUIRE(a.nominate("E3", kNow));
  REQUIRE(a.nominate("E1", kNow + 1, "E3"));
  a.store->eraseEmployee("E3", kNow + 2);
  a.sync(kNow + 3);
  std::vector<Employee> withoutErased = sampleRoster();
  std::erase_if(withoutErased, [](const Employee& e) { return e.id == "E3"; });

  SUBCASE("a new kiosk: journal first, then HR's roster that no longer lists the person") {
    TestKiosk fresh(root.path(), "kiosk-new", share, 0, false);
    fresh.sync(kNow + 10);
    fresh.store->replaceRoster(withoutErased);
    CHECK(fresh.csv() == a.csv());
  }
  SUBCASE("a new kiosk: journal first, then a roster that still lists the person") {
    TestKiosk fresh(root.path(), "kiosk-new", share, 0, false);
    fresh.sync(kNow + 10);
    fresh.store->replaceRoster(sampleRoster());
    CHECK(fresh.csv() == a.csv());
  }
  SUBCASE("a kiosk that had the person: the same") {
    TestKiosk old(root.path(), "kiosk-old", share);
    old.sync(kNow + 10);
    CHECK(old.csv() == a.csv());
  }
  CHECK(a.csv().find("(erased)") != std::string::npos);
}

TEST_CASE("the write probe says what is wrong: not mounted, permission denied, not a folder; and cleans up") {
  TempDir root;
  const fs::path share = root / "share";
  fs::create_directories(share);
  const ShareProbe ok = probeShare(share, "kiosk-a", false);
  CHECK(ok.ok);
  CHECK(ok.message.find("reachable and writable") != std::string::npos);
  CHECK(leftoverTemporaries(share).empty());
  CHECK(fs::is_directory(share / "journal/kiosk-a"));

  const ShareProbe missing = probeShare(root / "not-there", "kiosk-a", false);
  CHECK_FALSE(missing.ok);
  CHECK(missing.message.find("not mounted") != std::string::npos);

  writeFile(root / "a-file", "x");
  CHECK(probeShare(root / "a-file", "kiosk-a", false).message.find("not a folder") != std::string::npos);

  // The empty mount point of a share that did not mount, on a kiosk that has synced before.
  fs::create_directories(root / "mountpoint");
  CHECK(probeShare(root / "mountpoint", "kiosk-a", false).ok);  // a new, empty share is fine
  fs::remove_all(root / "mountpoint/journal");
  const ShareProbe unmounted = probeShare(root / "mountpoint", "kiosk-a", true);
  CHECK_FALSE(unmounted.ok);
  CHECK(unmounted.message.find("not mounted") != std::string::npos);
  CHECK_FALSE(fs::exists(root / "mountpoint/journal"));  // nothing written under the mount point

  // An account that may read the share but not write it (as one SMB account per kiosk without
  // inherited rights). Needs a user who is not root: root may write anywhere.
  if (::geteuid() == 0) {
    fs::create_directories(root / "locked/journal");
    fs::permissions(root.path(), fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
    fs::permissions(root / "locked", fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
    fs::permissions(root / "locked/journal", fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
    int pipeFds[2];
    REQUIRE(::pipe(pipeFds) == 0);
    const pid_t child = ::fork();
    if (child == 0) {
      ::close(pipeFds[0]);
      if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(2);
      const ShareProbe denied = probeShare(root / "locked", "kiosk-a", true);
      const std::string text = (denied.ok ? "ok:" : "fail:") + denied.message;
      (void)!::write(pipeFds[1], text.data(), text.size());
      ::_exit(0);
    }
    ::close(pipeFds[1]);
    std::string text;
    char buffer[1024];
    for (ssize_t n; (n = ::read(pipeFds[0], buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<std::size_t>(n));
    ::close(pipeFds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    CHECK(text.starts_with("fail:"));
    CHECK_MESSAGE(text.find("permission denied") != std::string::npos, text);
  }
}

TEST_CASE("a heartbeat write a hung server left half-done is removed by its kiosk and reported until then") {
  TempDir root;
  const fs::path share = root / "share";
  fs::create_directories(share / "status");
  TestKiosk a(root.path(), "kiosk-a", share);
  const fs::path stale = share / "status" / (std::string(kOwnTempPrefix) + "kiosk-a.json-4242-77");
  writeFile(stale, "{\"kiosk\":");
  fs::last_write_time(stale, fs::file_time_type::clock::now() - std::chrono::hours(3));
  const FleetStatus before = readFleetStatus(share);
  REQUIRE(before.problems.size() == 1);
  CHECK(before.problems[0].reason.find("unfinished heartbeat") != std::string::npos);
  a.sync(kNow);
  CHECK_FALSE(fs::exists(stale));
  const FleetStatus after = readFleetStatus(share);
  CHECK(after.problems.empty());
  CHECK(after.kiosks.size() == 1);
}
