// Spec: a kiosk packs its own old segments, a month to a file, and removes the small ones a week
// later; every other kiosk, one that syncs all along, one that was offline, one that starts after
// the removal, applies each event once; a kiosk killed with SIGKILL after any step of compaction
// leaves a share that every kiosk imports whole, and its next sync finishes the work.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <random>
#include <set>

#include "core/sync/compaction.hpp"
#include "support/test_kiosk.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;
namespace fs = std::filesystem;

namespace {

constexpr TimeMs kDay = 24LL * 3600 * 1000;

struct FolderContent {
  int segments = 0;  // plain segments
  int packs = 0;
  std::set<std::string> eventIds;  // every event some readable file there carries
  std::vector<SegmentRange> covered;
};

FolderContent readFolder(const fs::path& folder, const std::string& kiosk) {
  FolderContent content;
  for (const auto& file : fs::directory_iterator(folder)) {
    const JournalEntry entry = classifyJournalName(file.path().filename().string());
    if (entry.kind != JournalEntryKind::Segment) continue;
    const SegmentParse parsed = parseSegment(readFile(file.path()), kiosk, entry.segment, entry.install);
    REQUIRE_MESSAGE(parsed.ok(), file.path().filename().string() << ": " << parsed.error);
    if (parsed.covers) {
      ++content.packs;
      content.covered.push_back(*parsed.covers);
    } else {
      ++content.segments;
    }
    for (const JournalEvent& event : parsed.events) content.eventIds.insert(event.id);
  }
  return content;
}

std::int64_t importedRows(TestKiosk& kiosk, const std::string& of) {
  return static_cast<std::int64_t>(kiosk.store->importedFiles(of).size());
}

// Kiosk a nominates and syncs every third day from 24 November for `days`; b syncs beside it.
struct Fleet {
  TempDir root;
  fs::path share = root / "share";
  TestKiosk a{root.path(), "kiosk-a", (fs::create_directories(share), share)};
  TestKiosk b{root.path(), "kiosk-b", share};
  TimeMs now = kNow;
  int nominations = 0;
  bool compact = true;  // false: a publishes without compacting (a history for the crash spec)
  SyncReport last;

  void run(int days, bool bSyncs = true) {
    for (int day = 0; day < days; day += 3) {
      now += 3 * kDay;
      REQUIRE(a.nominate(nominations % 2 ? "E1" : "E4", now));
      REQUIRE(a.nominate("E3", now + 1));
      nominations += 2;
      SyncOptions options = a.options();
      options.compact = compact;
      last = syncWithShare(*a.store, options, now);
      REQUIRE(last.skipped.empty());
      if (bSyncs) b.sync(now + 1000);
    }
  }
  fs::path folder() const { return share / "journal" / a.id; }
};

}  // namespace

TEST_CASE("a kiosk packs each closed month into one file, and removes the small segments a week later") {
  Fleet fleet;
  fleet.run(100);  // 24 November to early March: December, January and February close
  FolderContent content = readFolder(fleet.folder(), fleet.a.id);
  // November's few days, December and January packed, and their small segments gone; February
  // packed a week or less ago (its small segments still there), March's not packed yet.
  CHECK(content.packs == 4);
  CHECK(content.segments < 20);
  CHECK(content.eventIds.size() == static_cast<std::size_t>(fleet.nominations));
  // No pack's range holds another pack, nor overlaps another.
  std::sort(content.covered.begin(), content.covered.end(),
            [](const SegmentRange& x, const SegmentRange& y) { return x.first < y.first; });
  for (std::size_t i = 1; i < content.covered.size(); ++i) CHECK(content.covered[i - 1].last < content.covered[i].first);

  SUBCASE("a kiosk that synced all along has every event once, and remembers packs, not every segment") {
    CHECK(fleet.b.csv() == fleet.a.csv());
    CHECK(importedRows(fleet.b, fleet.a.id) <= content.packs + content.segments);
  }
  SUBCASE("a new kiosk imports the packs and what is not packed yet, each event once") {
    TestKiosk c(fleet.root.path(), "kiosk-c", fleet.share);
    const SyncReport report = c.sync(fleet.now + 5000);
    CHECK(report.skipped.empty());
    CHECK(report.importedEvents == fleet.nominations + static_cast<int>(fleet.b.store->outboxSize()));
    CHECK(c.csv() == fleet.a.csv());
    CHECK(importedRows(c, fleet.a.id) <= content.packs + content.segments);
  }
  SUBCASE("a segment the pack holds, put back by a backup tool, is not read again") {
    const SegmentParse pack = [&] {
      for (const auto& file : fs::directory_iterator(fleet.folder())) {
        const JournalEntry entry = classifyJournalName(file.path().filename().string());
        SegmentParse parsed = parseSegment(readFile(file.path()), fleet.a.id, entry.segment, entry.install);
        if (parsed.covers && !fs::exists(fleet.a.segmentPath(parsed.covers->first))) return parsed;
      }
      FAIL("no pack whose segments are gone");
      return SegmentParse{};
    }();
    const std::int64_t restored = pack.covers->first;
    const std::vector<JournalEvent> first(pack.events.begin(), pack.events.begin() + 2);
    writeFile(fleet.a.segmentPath(restored),
              encodeSegment(fleet.a.id, restored, first, installTag(fleet.a.store->installId())));
    importJournals(*fleet.b.store, fleet.share, fleet.now + 2000, fleet.last = {});
    CHECK(fleet.last.importedSegments == 0);
    CHECK(fleet.last.duplicateEvents == 0);
    CHECK(fleet.last.skipped.empty());
  }
}

TEST_CASE("a kiosk offline for three months imports its colleague's packs, each event once") {
  Fleet fleet;
  fleet.run(12);
  fleet.b.sync(fleet.now + 1000);
  const std::string seenBefore = fleet.b.csv();
  fleet.run(100, false);  // b is away; a packs and removes meanwhile
  CHECK(readFolder(fleet.folder(), fleet.a.id).packs >= 3);
  CHECK(fleet.b.csv() == seenBefore);
  const SyncReport back = fleet.b.sync(fleet.now + 1000);
  CHECK(back.skipped.empty());
  CHECK(fleet.b.csv() == fleet.a.csv());
  // The segments it had imported before it left are duplicates inside the pack, not new.
  CHECK(back.importedEvents == fleet.nominations - 8);
}

TEST_CASE("a pack is a segment to every reader: its name, and a trailer without \"covers\", read as one") {
  Fleet fleet;
  fleet.run(40);
  for (const auto& file : fs::directory_iterator(fleet.folder())) {
    const JournalEntry entry = classifyJournalName(file.path().filename().string());
    if (entry.kind == JournalEntryKind::Claim) continue;  // the folder's owner.json
    REQUIRE(entry.kind == JournalEntryKind::Segment);
    const std::string bytes = readFile(file.path());
    const SegmentParse parsed = parseSegment(bytes, fleet.a.id, entry.segment, entry.install);
    if (!parsed.covers) continue;
    // A reader that ignores the key (the versions before packs) sees the same whole segment.
    std::string older = bytes;
    const std::size_t covers = older.find(",\"covers\"") == std::string::npos ? older.find("\"covers\"")
                                                                              : older.find(",\"covers\"");
    REQUIRE(covers != std::string::npos);
    older.erase(covers, older.find(']', covers) + 1 - covers);
    const SegmentParse plain = parseSegment(older, fleet.a.id, entry.segment, entry.install);
    REQUIRE_MESSAGE(plain.ok(), plain.error);
    CHECK_FALSE(plain.covers);
    CHECK(plain.events.size() == parsed.events.size());
    return;
  }
  FAIL("no pack written");
}

TEST_CASE("a trailer whose \"covers\" is malformed or reaches the pack's own number is refused, naming why") {
  const std::vector<JournalEvent> events = {
      {"01890a5d-ac96-774b-bcce-b302099a8057", "kiosk-a", 1, 1ULL << 20, "applause", R"({"count":1,"id":"x"})"}};
  const std::string tag = "0123456789ab";
  CHECK(parseSegment(encodeSegment("kiosk-a", 9, events, tag, SegmentRange{1, 8}), "kiosk-a", 9, tag).ok());
  CHECK(parseSegment(encodeSegment("kiosk-a", 9, events, tag, SegmentRange{1, 9}), "kiosk-a", 9, tag).error.find(
            "cannot hold segments 1 to 9") != std::string::npos);
  CHECK(parseSegment(encodeSegment("kiosk-a", 9, events, tag, SegmentRange{5, 2}), "kiosk-a", 9, tag).error.find(
            "malformed trailer") != std::string::npos);
  CHECK(parseSegment(encodeSegment("kiosk-a", 9, events, {}, SegmentRange{1, 8}), "kiosk-a", 9, {}).error.find(
            "malformed trailer") != std::string::npos);
  CHECK(decodePackState("not json") == PackState{});
  PackState state{12, 8, 99, {{10, {1, 8}, 5, false}, {12, {9, 9}, 0, false}}};
  CHECK(decodePackState(encodePackState(state)) == state);
}

TEST_CASE("compaction killed with SIGKILL after any step leaves a share every kiosk imports whole; the next sync finishes") {
  struct Kill {
    const char* step;
    int occurrence;
  };
  for (const Kill kill : {Kill{"announced", 1}, Kill{"written", 1}, Kill{"sealed", 1}, Kill{"announced", 2},
                          Kill{"written", 3}, Kill{"removed", 1}, Kill{"removed", 5}, Kill{"cleared", 1}}) {
    const std::string killedAt = kill.step;
    CAPTURE(killedAt);
    CAPTURE(kill.occurrence);
    Fleet fleet;
    fleet.compact = false;
    fleet.run(70);  // 24 November to early February, nothing packed: three months to pack at once
    REQUIRE(readFolder(fleet.folder(), fleet.a.id).packs == 0);
    TimeMs at = fleet.now + kDay;
    if (std::string_view(kill.step) == "removed" || std::string_view(kill.step) == "cleared") {
      SyncReport packed;
      compactOwnJournal(*fleet.a.store, fleet.share, at, packed);
      REQUIRE(packed.packsWritten == 3);
      at += 8 * kDay;  // the packs' segments are due for removal
    }
    // That compaction, in a child process killed at the step.
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      Store store(fleet.a.dataDir / "kiosk.db", fleet.a.id);
      SyncReport report;
      int seen = 0;
      compactOwnJournal(store, fleet.share, at, report, [&](std::string_view step) {
        if (step == kill.step && ++seen == kill.occurrence) ::raise(SIGKILL);
      });
      ::_exit(0);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE_MESSAGE((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL), "the step was never reached");

    // What the crash left is a valid share: every event is in a readable file, and a new kiosk
    // imports all of them without a complaint.
    CHECK(readFolder(fleet.folder(), fleet.a.id).eventIds.size() == static_cast<std::size_t>(fleet.nominations));
    TestKiosk c(fleet.root.path(), "kiosk-c", fleet.share);
    const SyncReport imported = c.sync(at);
    CHECK(imported.skipped.empty());
    CHECK(c.csv() == fleet.a.csv());

    // The owner's next syncs settle and finish it: a pack a month, nothing left that a pack holds.
    CHECK(fleet.a.sync(at + 1000).skipped.empty());
    CHECK(fleet.a.sync(at + 10 * kDay).skipped.empty());
    const FolderContent after = readFolder(fleet.folder(), fleet.a.id);
    CHECK(after.packs == 3);
    CHECK(after.eventIds.size() == static_cast<std::size_t>(fleet.nominations));
    for (const auto& file : fs::directory_iterator(fleet.folder())) {
      const JournalEntry entry = classifyJournalName(file.path().filename().string());
      const SegmentParse parsed = parseSegment(readFile(file.path()), fleet.a.id, entry.segment, entry.install);
      if (parsed.covers) continue;
      for (const SegmentRange& range : after.covered) CHECK_FALSE(range.contains(entry.segment));
    }
    // Publishing carries on after every number compaction took.
    REQUIRE(fleet.a.nominate("E1", at + 11 * kDay));
    CHECK(fleet.a.sync(at + 11 * kDay).publishedEvents == 1);
    CHECK(fleet.b.sync(at + 11 * kDay).skipped.empty());
    CHECK(fleet.b.csv() == fleet.a.csv());
    CHECK(c.sync(at + 11 * kDay).skipped.empty());
    CHECK(c.csv() == fleet.a.csv());
  }
}

TEST_CASE("syncs killed with SIGKILL at random moments while they publish, pack and remove lose no published event") {
  Fleet fleet;
  std::mt19937 random(19);
  TimeMs at = fleet.now;
  int killed = 0;
  useconds_t killWithinUs = 10'000;
  for (int round = 0; round < 30; ++round) {
    CAPTURE(round);
    at += 4 * kDay;  // 30 rounds: four months, so most kills land with compaction due
    REQUIRE(fleet.a.nominate(round % 2 ? "E1" : "E4", at));
    fleet.nominations += 1;
    // The whole sync in a child, killed at a random moment within what a sync takes.
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      Store store(fleet.a.dataDir / "kiosk.db", fleet.a.id);
      SyncOptions options = fleet.a.options();
      syncWithShare(store, options, at);
      ::_exit(0);
    }
    ::usleep(std::uniform_int_distribution<useconds_t>(0, killWithinUs)(random));
    ::kill(child, SIGKILL);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    // The window follows the machine's speed: about half the kills land before the sync ends.
    if (WIFSIGNALED(status)) {
      ++killed;
      killWithinUs = std::min<useconds_t>(500'000, killWithinUs * 4 / 3);
    } else {
      killWithinUs = std::max<useconds_t>(200, killWithinUs * 2 / 3);
    }
    // Every event the store counts as published is in a whole file on the share.
    const FolderContent content = fs::exists(fleet.folder()) ? readFolder(fleet.folder(), fleet.a.id) : FolderContent{};
    const std::int64_t published = fleet.a.store->outboxSize() - fleet.a.store->pendingEventCount();
    CHECK(static_cast<std::int64_t>(content.eventIds.size()) >= published);
    CHECK(fleet.a.store->integrityCheck() == "ok");
  }
  MESSAGE(killed << " of 30 syncs killed before they finished");
  CHECK(killed >= 8);
  // Then the syncs run to the end: everything published, packed and readable once by everyone.
  CHECK(fleet.a.sync(at + 1000).skipped.empty());
  CHECK(fleet.a.sync(at + 9 * kDay).skipped.empty());
  const FolderContent after = readFolder(fleet.folder(), fleet.a.id);
  CHECK(after.eventIds.size() == static_cast<std::size_t>(fleet.nominations));
  CHECK(after.packs >= 3);
  fleet.b.sync(at + 9 * kDay);
  CHECK(fleet.b.csv() == fleet.a.csv());
  TestKiosk c(fleet.root.path(), "kiosk-c", fleet.share);
  const SyncReport fresh = c.sync(at + 9 * kDay);
  // A claim write killed on the first sync leaves its temporary (removed after a day): named, not read.
  for (const SyncSkip& skip : fresh.skipped)
    CHECK_MESSAGE(skip.reason == describeSkip(JournalEntryKind::OwnTemp), skip.file << ": " << skip.reason);
  CHECK(c.csv() == fleet.a.csv());
}
