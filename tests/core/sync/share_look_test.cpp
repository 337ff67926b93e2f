// Spec: a sync lists a kiosk's journal folder only when the folder changed since it last looked
// at all of it, and loses nothing for that: a new segment, a conflict copy, a half-copied file
// read again, and a segment changed in place found by the periodic look at everything.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <fstream>

#include "core/sync/sync.hpp"
#include "support/test_kiosk.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;
namespace fs = std::filesystem;

namespace {

constexpr TimeMs kHour = 3600 * 1000;

// Every journal folder's time an hour back: a history written long ago. A folder's time is only
// recorded once it is a little older than the reading kiosk's last heartbeat (coarse file times).
void ageJournal(const fs::path& share) {
  const auto anHourAgo = fs::file_time_type::clock::now() - std::chrono::hours(1);
  for (const auto& folder : fs::directory_iterator(share / "journal")) fs::last_write_time(folder.path(), anHourAgo);
}

// Rewrites a file's bytes under its name without touching its folder (no new directory entry).
void overwriteInPlace(const fs::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << bytes;
}

bool hasAlert(const SyncReport& report, std::string_view words) {
  return std::any_of(report.alerts.begin(), report.alerts.end(),
                     [&](const std::string& alert) { return alert.find(words) != std::string::npos; });
}

// Kiosk a publishes; kiosk b has imported it and recorded both folders' times.
struct SettledFleet {
  TempDir root;
  fs::path share = root / "share";
  TestKiosk a{root.path(), "kiosk-a", (fs::create_directories(share), share)};
  TestKiosk b{root.path(), "kiosk-b", share};
  TimeMs now = kNow;
  SettledFleet() {
    REQUIRE(a.nominate("E1", kNow));
    REQUIRE(a.sync(kNow).publishedEvents == 1);
    REQUIRE(b.sync(tick()).importedEvents == 1);
    settle();
  }
  TimeMs tick() { return now += 60'000; }
  // b looks at both folders once more and records their times: the next sync lists nothing.
  void settle() {
    ageJournal(share);
    REQUIRE(b.sync(tick()).listedFolders == 2);
    REQUIRE(b.sync(tick()).listedFolders == 0);
  }
};

}  // namespace

TEST_CASE("a folder unchanged since it was last listed whole is not listed again, and a new segment in it is imported") {
  SettledFleet fleet;
  const SyncReport idle = fleet.b.sync(fleet.tick());
  CHECK(idle.listedFolders == 0);
  CHECK(idle.importedEvents == 0);
  CHECK(idle.completed());

  // Kiosk a publishes again: its folder changes, and only that folder is listed.
  REQUIRE(fleet.a.nominate("E3", fleet.now));
  REQUIRE(fleet.a.sync(fleet.now).publishedEvents == 1);
  const SyncReport next = fleet.b.sync(fleet.tick());
  CHECK(next.listedFolders == 1);
  CHECK(next.importedEvents == 1);
  CHECK(fleet.b.nominationIds().size() == 2);
  CHECK(fleet.b.csv() == fleet.a.csv());

  // A segment from an earlier install appearing in b's own folder (its history, restored late).
  fleet.settle();
  fs::create_directories(fleet.root / "old-share");
  TestKiosk elsewhere(fleet.root / "old-b", "kiosk-b", fleet.root / "old-share");
  const std::string late = elsewhere.nominate("E4", kNow).value();
  REQUIRE(elsewhere.sync(kNow).publishedEvents == 1);
  fs::copy_file(elsewhere.segmentPath(1), fleet.share / "journal/kiosk-b" / elsewhere.segment(1));
  const SyncReport own = fleet.b.sync(fleet.tick());
  CHECK(own.listedFolders == 1);
  CHECK(own.importedEvents == 1);
  CHECK(fleet.b.store->nomination(late));
}

TEST_CASE("with folder times recorded, a Syncthing conflict copy is imported") {
  SettledFleet fleet;
  const std::string tag = installTag(fleet.a.store->installId());
  TestKiosk clone(fleet.root / "clone", "kiosk-a", fleet.root / "clone-share");
  const std::string theirs = clone.nominate("E3", kNow).value();
  const OutboxEvent event = clone.store->pendingEvents(10).front();
  writeFile(fleet.share / "journal/kiosk-a" / ("1-" + tag + ".sync-conflict-20261124-120000-ABCDEFG.jsonl"),
            encodeSegment("kiosk-a", 1, {{event.eventId, "kiosk-a", 1, event.hlc, event.type, event.payload}}, tag));
  const SyncReport report = fleet.b.sync(fleet.tick());
  CHECK(report.listedFolders == 1);
  CHECK(report.importedEvents == 1);
  CHECK(hasAlert(report, "kept two different files under one segment name"));
  CHECK(fleet.b.store->nomination(theirs));
}

TEST_CASE("a half-copied segment keeps its folder listed until it reads whole, even if the folder's time stays") {
  SettledFleet fleet;
  REQUIRE(fleet.a.nominate("E3", fleet.now));
  REQUIRE(fleet.a.sync(fleet.now).publishedEvents == 1);
  const fs::path segment = fleet.a.segmentPath(2);
  const std::string whole = readFile(segment);
  overwriteInPlace(segment, whole.substr(0, whole.size() / 2));  // a copy still arriving
  ageJournal(fleet.share);  // as old as can be: only the failed read keeps the folder from being recorded
  const SyncReport half = fleet.b.sync(fleet.tick());
  CHECK(half.listedFolders == 2);
  CHECK(half.importedEvents == 0);
  REQUIRE(half.skipped.size() == 1);
  CHECK(half.skipped[0].reason.find("retried on the next sync") != std::string::npos);
  const SyncReport still = fleet.b.sync(fleet.tick());
  CHECK(still.listedFolders == 1);  // kiosk b's own folder is recorded now, kiosk a's is not
  CHECK(still.skipped.size() == 1);

  overwriteInPlace(segment, whole);  // the copy completes; the folder does not change
  const SyncReport complete = fleet.b.sync(fleet.tick());
  CHECK(complete.listedFolders == 1);
  CHECK(complete.importedEvents == 1);
  CHECK(complete.skipped.empty());
  CHECK(fleet.b.csv() == fleet.a.csv());
  // Read whole, the folder is recorded at last.
  CHECK(fleet.b.sync(fleet.tick()).listedFolders == 0);
}

TEST_CASE("a sealed segment rewritten in place, its folder untouched, is found by the periodic look at everything") {
  SettledFleet fleet;
  const SegmentParse original = fleet.a.readSegment(1);
  REQUIRE(original.ok());
  TestKiosk other(fleet.root / "elsewhere", "kiosk-a", fleet.root / "other-share");
  const std::string extra = other.nominate("E3", kNow).value();
  const OutboxEvent event = other.store->pendingEvents(10).front();
  std::vector<JournalEvent> events = original.events;
  events.push_back({event.eventId, "kiosk-a", 2, event.hlc, event.type, event.payload});
  overwriteInPlace(fleet.a.segmentPath(1),
                   encodeSegment("kiosk-a", 1, events, installTag(fleet.a.store->installId())));
  // No directory entry changed: the folder's times are those recorded, and it is not listed ...
  CHECK(fleet.b.sync(fleet.tick()).listedFolders == 0);
  // ... until the look at everything, at most six hours after the last one.
  const SyncReport everything = fleet.b.sync(fleet.now + 6 * kHour);
  CHECK(everything.listedFolders == 2);
  CHECK(hasAlert(everything, "changed after it was imported"));
  CHECK(everything.importedEvents == 1);
  CHECK(fleet.b.store->nomination(extra));
}

TEST_CASE("a kiosk that crashed between sealing a segment and marking it published recovers with times recorded") {
  SettledFleet fleet;
  TestKiosk& a = fleet.a;
  // a's own folder settled too (a records its times like any kiosk).
  ageJournal(fleet.share);
  REQUIRE(a.sync(fleet.tick()).completed());
  REQUIRE(a.sync(fleet.tick()).listedFolders == 0);
  // The crash: segment 2 is on the share, the outbox still holds its event as pending.
  const std::string id = a.nominate("E3", fleet.now).value();
  std::vector<JournalEvent> events;
  for (const OutboxEvent& pending : a.store->pendingEvents(10))
    events.push_back({pending.eventId, "kiosk-a", pending.seq, pending.hlc, pending.type, pending.payload});
  REQUIRE(events.size() == 1);
  writeFile(a.segmentPath(2), encodeSegment("kiosk-a", 2, events, installTag(a.store->installId())));
  const SyncReport recovered = a.sync(fleet.tick());
  CHECK(recovered.publishedEvents == 0);  // marked published, not written again
  CHECK(recovered.pendingEvents == 0);
  CHECK_FALSE(fs::exists(a.segmentPath(3)));
  CHECK(fleet.b.sync(fleet.tick()).importedEvents == 1);
  CHECK(fleet.b.store->nomination(id));
}
