// Spec: sync through the shared folder with several kiosks in one process, each with its own
// SQLite file, all pointing at one real temp share: publishing, importing, merge rules,
// convergence under random orders, replays and skewed clocks, and faults on the share.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <memory>
#include <random>

#include "core/util/clock.hpp"
#include "core/roster/roster_csv.hpp"
#include "core/reports/report_csv.hpp"
#include "core/config/screen_schedule.hpp"
#include "core/sync/sync.hpp"
#include "support/test_kiosk.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;
namespace fs = std::filesystem;

namespace {

constexpr TimeMs kHour = 3'600'000;

bool mentions(const SyncReport& report, std::string_view file, std::string_view reason = "") {
  return std::any_of(report.skipped.begin(), report.skipped.end(), [&](const SyncSkip& skip) {
    return skip.file == file && skip.reason.find(reason) != std::string::npos;
  });
}

std::vector<std::string> importedNames(Store& store, std::string_view kiosk) {
  std::vector<std::string> names;
  for (const auto& [name, seen] : store.importedFiles(kiosk)) names.push_back(name);
  return names;
}

std::vector<std::string> namesIn(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

// [SECTION] publishing

TEST_CASE("publishing seals pending events into gapless segments and marks them published") {
  TempDir root;
  TestKiosk a(root.path(), "kiosk-a", root / "share");
  fs::create_directories(root / "share");
  REQUIRE(a.nominate("E1", kNow));
  REQUIRE(a.nominate("E3", kNow + 1));
  SyncReport first = a.sync(kNow);
  CHECK(first.completed());
  CHECK(first.publishedEvents == 2);
  CHECK(first.publishedSegments == 1);
  CHECK(first.pendingEvents == 0);
  CHECK(a.store->pendingEvents(10).empty());

  REQUIRE(a.nominate("E4", kNow + 2));
  CHECK(a.sync(kNow + 10).publishedSegments == 1);
  CHECK(a.sync(kNow + 20).publishedSegments == 0);  // nothing new: no empty segment
  CHECK(namesIn(root / "share/journal/kiosk-a") == std::vector<std::string>{a.segment(1), a.segment(2), "owner.json"});
  const SegmentParse second = a.readSegment(2);
  REQUIRE(second.ok());
  REQUIRE(second.events.size() == 1);
  CHECK(second.events[0].seq == 3);
  CHECK(second.events[0].type == "nomination.created");
  CHECK(lastSuccessfulSync(*a.store) == kNow + 20);
}

TEST_CASE("a publish interrupted after the rename is finished, not repeated; leftover temp files go") {
  TempDir root;
  TestKiosk a(root.path(), "kiosk-a", root / "share");
  fs::create_directories(root / "share");
  REQUIRE(a.nominate("E1", kNow));
  REQUIRE(a.sync(kNow).publishedSegments == 1);
  REQUIRE(a.nominate("E3", kNow + 1));
  // The crash: segment 2 renamed into place, the store not yet told; a temp file of a third try.
  std::vector<JournalEvent> events;
  for (const OutboxEvent& e : a.store->pendingEvents(10))
    events.push_back({e.eventId, "kiosk-a", e.seq, e.hlc, e.type, e.payload});
  writeFile(a.segmentPath(2), encodeSegment("kiosk-a", 2, events, installTag(a.store->installId())));
  writeFile(root / "share/journal/kiosk-a" / (".wof-tmp-" + a.segment(3) + "-4242"), "{\"id\":");

  const SyncReport report = a.sync(kNow + 10);
  CHECK(report.publishedSegments == 0);
  CHECK(report.pendingEvents == 0);
  CHECK(namesIn(root / "share/journal/kiosk-a") == std::vector<std::string>{a.segment(1), a.segment(2), "owner.json"});
  REQUIRE(a.nominate("E4", kNow + 2));
  CHECK(a.sync(kNow + 20).publishedSegments == 1);
  CHECK(fs::exists(a.segmentPath(3)));
}

TEST_CASE("a second install with the same kiosk id refuses to publish and says why") {
  TempDir root;
  fs::create_directories(root / "share");
  TestKiosk original(root.path(), "kiosk-a", root / "share");
  TestKiosk clone(root / "clone", "kiosk-a", root / "share");
  REQUIRE(original.nominate("E1", kNow));
  REQUIRE(clone.nominate("E3", kNow));
  CHECK(original.sync(kNow).publishedEvents == 1);
  const SyncReport refused = clone.sync(kNow);
  CHECK_FALSE(refused.completed());
  CHECK(refused.publishedEvents == 0);
  CHECK(refused.publishProblem.find("already used by another installation") != std::string::npos);
  CHECK(refused.pendingEvents == 1);
  CHECK(namesIn(root / "share/journal/kiosk-a") == std::vector<std::string>{original.segment(1), "owner.json"});
  // It is said loudly, and kept for `status` and the admin screen.
  REQUIRE_FALSE(refused.alerts.empty());
  CHECK(refused.alerts[0].find("already used by another installation") != std::string::npos);
  CHECK(syncAlerts(*clone.store).size() == 1);
}

// [SECTION] merge rules

TEST_CASE("importing applies other kiosks' events once, whatever the order") {
  TempDir root;
  fs::create_directories(root / "share");
  TestKiosk a(root.path(), "kiosk-a", root / "share");
  TestKiosk b(root.path(), "kiosk-b", root / "share");
  const std::string id = *a.nominate("E1", kNow, "E2", ModerationPolicy::Hr);
  a.sync(kNow);
  const SyncReport imported = b.sync(kNow);
  CHECK(imported.importedEvents == 1);
  REQUIRE(b.store->nomination(id));
  CHECK(b.store->nomination(id)->status == NominationStatus::Pending);

  SUBCASE("status: last writer wins on (hlc, kiosk id), not on arrival order") {
    REQUIRE(a.store->setStatus(id, NominationStatus::Hidden, "first", kNow + 1000));
    REQUIRE(b.store->setStatus(id, NominationStatus::Approved, "", kNow + 2000));  // later stamp
    a.sync(kNow + 3000);
    b.sync(kNow + 3000);
    a.sync(kNow + 3000);
    CHECK(a.store->nomination(id)->status == NominationStatus::Approved);
    CHECK(b.store->nomination(id)->status == NominationStatus::Approved);
    CHECK(a.csv() == b.csv());
  }
  SUBCASE("applause: per-kiosk counters merged by max") {
    for (int i = 0; i < 3; ++i) a.store->applaud(id, kNow + i);
    for (int i = 0; i < 2; ++i) b.store->applaud(id, kNow + i);
    a.sync(kNow + 10);
    b.sync(kNow + 10);
    a.sync(kNow + 10);
    CHECK(a.store->nomination(id)->applause == 5);
    CHECK(b.store->nomination(id)->applause == 5);
  }
  SUBCASE("a status change that arrives before its nomination still wins") {
    TestKiosk c(root.path(), "kiosk-c", root / "share");
    b.store->setStatus(id, NominationStatus::Approved, "", kNow + 5000);
    b.sync(kNow + 5000);
    // c sees b's status segment first by importing only b's folder.
    SyncReport report;
    fs::rename(root / "share/journal/kiosk-a", root / "share/kiosk-a-away");
    importJournals(*c.store, root / "share", kNow, report);
    CHECK_FALSE(c.store->nomination(id));
    fs::rename(root / "share/kiosk-a-away", root / "share/journal/kiosk-a");
    c.sync(kNow + 6000);
    REQUIRE(c.store->nomination(id));
    CHECK(c.store->nomination(id)->status == NominationStatus::Approved);
    CHECK(c.csv() == b.csv());
  }
}

TEST_CASE("an erasure is a tombstone that beats everything, on every kiosk") {
  TempDir root;
  fs::create_directories(root / "share");
  TestKiosk a(root.path(), "kiosk-a", root / "share");
  TestKiosk b(root.path(), "kiosk-b", root / "share");
  const std::string aboutE1 = *a.nominate("E1", kNow, "E2");
  const std::string byE1 = *a.nominate("E3", kNow + 1, "E1");
  a.sync(kNow);
  b.sync(kNow);
  const EraseOutcome erased = b.store->eraseEmployee("E1", kNow + 100);
  CHECK(erased.found);
  CHECK_FALSE(b.store->eraseEmployee("nobody", kNow).found);
  // A later approval from a kiosk that has not heard of the erasure yet must not bring the story back.
  a.store->setStatus(aboutE1, NominationStatus::Approved, "", kNow + 1 * kMsPerDay);
  a.sync(kNow + 1000);
  b.sync(kNow + 1000);
  a.sync(kNow + 1000);
  for (TestKiosk* kiosk : {&a, &b}) {
    CAPTURE(kiosk->id);
    const Employee person = *kiosk->store->employee("E1");
    CHECK(person.displayName == "(erased)");
    CHECK(person.email.empty());
    CHECK_FALSE(person.active);
    CHECK(kiosk->store->nomination(aboutE1)->story.empty());
    CHECK(kiosk->store->nomination(aboutE1)->status == NominationStatus::Hidden);
    CHECK_FALSE(kiosk->store->nomination(byE1)->nominatorId);
    CHECK(kiosk->store->nomination(byE1)->story.find(kGoodStory) == 0);  // the nominee's story stays
    CHECK(kiosk->store->searchEmployees("jose", 10).empty());
    CHECK(kiosk->csv().find("José") == std::string::npos);
  }
  CHECK(a.csv() == b.csv());
  // HR's old roster export still lists them: they stay erased.
  a.store->replaceRoster(sampleRoster());
  CHECK(a.store->employee("E1")->displayName == "(erased)");
}

// [SECTION] convergence

namespace {

// Five kiosks act and sync at random for 12 rounds, `step` apart per kiosk action (1 s: an hour in
// all; 2 days: four months, so every kiosk packs months and removes segments mid-test). Returns the
// packs written and segments removed in all.
std::pair<int, int> convergeFiveKiosks(unsigned seed, TimeMs step) {
  int packs = 0, removed = 0;
  {
    std::mt19937 random(seed);
    TempDir root;
    fs::create_directories(root / "share");
    const std::vector<TimeMs> skews = {-kMsPerDay, kMsPerDay, 0, -12 * kHour, 23 * kHour};
    std::vector<std::unique_ptr<TestKiosk>> kiosks;
    for (std::size_t i = 0; i < skews.size(); ++i)
      kiosks.push_back(std::make_unique<TestKiosk>(root.path(), "kiosk-" + std::to_string(i + 1), root / "share",
                                                   skews[i]));
    auto pick = [&random](std::size_t size) { return std::uniform_int_distribution<std::size_t>(0, size - 1)(random); };
    const std::vector<std::string> people = {"E1", "E2", "E3", "E4"};
    TimeMs now = kNow;
    for (int round = 0; round < 12; ++round) {
      for (auto& kiosk : kiosks) {
        now += step;
        const int actions = static_cast<int>(pick(4));
        for (int n = 0; n < actions; ++n) {
          const std::vector<std::string> known = kiosk->nominationIds();
          switch (known.empty() ? 0 : pick(4)) {
            case 0: {
              const std::string nominee = people[pick(people.size())];
              std::optional<std::string> from;
              if (pick(3) != 0) from = people[pick(people.size())];
              kiosk->nominate(nominee, now, from == nominee ? std::nullopt : from,
                              pick(2) ? ModerationPolicy::Auto : ModerationPolicy::Hr);
              break;
            }
            case 1:
              kiosk->store->setStatus(known[pick(known.size())],
                                      pick(2) ? NominationStatus::Approved : NominationStatus::Hidden, "", now + kiosk->skew);
              break;
            default:
              kiosk->store->applaud(known[pick(known.size())], now + kiosk->skew);
          }
        }
        if (round == 6 && kiosk->id == "kiosk-3") kiosk->store->eraseEmployee("E3", now);
      }
      // Some kiosks sync this round, in a random order.
      std::vector<std::size_t> order(kiosks.size());
      for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::shuffle(order.begin(), order.end(), random);
      for (const std::size_t i : order)
        if (pick(3) != 0) {
          const SyncReport report = kiosks[i]->sync(now);
          packs += report.packsWritten;
          removed += report.segmentsRemoved;
        }
      if (round == 8) {
        // Replays: one kiosk forgets which segments it read; another's events reappear in a new segment.
        kiosks[pick(kiosks.size())]->store->database().exec("DELETE FROM imported_files");
        TestKiosk& writer = *kiosks[pick(kiosks.size())];
        const fs::path folder = root / "share/journal" / writer.id;
        if (fs::exists(writer.segmentPath(1))) {
          const SegmentParse first = writer.readSegment(1);
          REQUIRE(first.ok());
          const std::int64_t next = writer.store->lastPublishedSegment() + 1;
          const std::string tag = installTag(writer.store->installId());
          writeFile(writer.segmentPath(next), encodeSegment(writer.id, next, first.events, tag));
          writeFile(folder / ("1-" + tag + ".sync-conflict-20261124-101010-ABCDEFG.jsonl"),
                    readFile(writer.segmentPath(1)));
        }
      }
    }
    // Everyone publishes, then everyone imports everything.
    for (auto& kiosk : kiosks) kiosk->sync(now);
    for (auto& kiosk : kiosks) {
      const SyncReport report = kiosk->sync(now);
      CHECK(report.pendingEvents == 0);
    }
    const std::string expected = kiosks[0]->csv();
    CHECK(std::count(expected.begin(), expected.end(), '\n') > 10);
    CHECK(expected.find("(erased)") != std::string::npos);
    for (auto& kiosk : kiosks) {
      CAPTURE(kiosk->id);
      CHECK(kiosk->csv() == expected);
    }
  }
  return {packs, removed};
}

}  // namespace

TEST_CASE("five kiosks converge to byte-identical exports: random orders, replays, clocks skewed by a day") {
  for (const unsigned seed : {1u, 2u, 3u, 4u, 5u, 6u}) {
    CAPTURE(seed);
    convergeFiveKiosks(seed, 1000);
  }
}

TEST_CASE("five kiosks converge with compaction packing months and removing segments on every kiosk mid-test") {
  for (const unsigned seed : {1u, 2u, 3u}) {
    CAPTURE(seed);
    const auto [packs, removed] = convergeFiveKiosks(seed, 2 * kMsPerDay);
    CHECK(packs >= 10);
    CHECK(removed >= 10);
  }
}

// [SECTION] faults

TEST_CASE("a truncated or bit-flipped segment is skipped, reported, and imported once the good copy appears") {
  TempDir root;
  fs::create_directories(root / "share");
  TestKiosk a(root.path(), "kiosk-a", root / "share");
  TestKiosk b(root.path(), "kiosk-b", root / "share");
  REQUIRE(a.nominate("E1", kNow));
  REQUIRE(a.nominate("E4", kNow + 1));
  a.sync(kNow);
  const fs::path segment = a.segmentPath(1);
  const std::string good = readFile(segment);
  fs::remove(segment);

  SUBCASE("truncated") { writeFile(segment, good.substr(0, good.size() / 2)); }
  SUBCASE("bit flipped") {
    std::string bad = good;
    bad[good.size() / 3] = static_cast<char>(bad[good.size() / 3] ^ 0x01);
    writeFile(segment, bad);
  }
  SUBCASE("empty") { writeFile(segment, ""); }
  const SyncReport skipped = b.sync(kNow);
  CHECK(mentions(skipped, "journal/kiosk-a/" + a.segment(1), "retried"));
  CHECK(skipped.importedEvents == 0);
  CHECK(b.nominationIds().empty());

  fs::remove(segment);
  writeFile(segment, good);
  const SyncReport imported = b.sync(kNow + 10);
  CHECK(imported.importedEvents == 2);
  CHECK(imported.skipped.empty());
  CHECK(b.csv() == a.csv());
}

TEST_CASE("a reader reads the fleet's files oldest first across folders, each folder in segment order") {
  // Oldest first, a new kiosk's rows land at the end of every table keyed by time (P17). Seen
  // here through the order the skipped (truncated) files are reported in.
  TempDir root;
  fs::create_directories(root / "share");
  TestKiosk a(root.path(), "kiosk-a", root / "share");
  TestKiosk b(root.path(), "kiosk-b", root / "share");
  TestKiosk reader(root.path(), "kiosk-r", root / "share");
  for (int n = 0; n < 2; ++n) {
    REQUIRE(a.nominate("E1", kNow + n));
    a.sync(kNow + n);
  }
  REQUIRE(b.nominate("E4", kNow));
  b.sync(kNow);
  const auto truncate = [](const fs::path& file, int minutesAgo) {
    const std::string good = readFile(file);
    fs::remove(file);
    writeFile(file, good.substr(0, good.size() / 2));
    fs::last_write_time(file, fs::file_time_type::clock::now() - std::chrono::minutes(minutesAgo));
  };
  truncate(a.segmentPath(1), 10);
  truncate(a.segmentPath(2), 30);  // older than its folder's first: still read after it
  truncate(b.segmentPath(1), 20);
  const SyncReport report = reader.sync(kNow + 10);
  std::vector<std::string> order;
  for (const SyncSkip& skip : report.skipped) order.push_back(skip.file);
  CHECK(order == std::vector<std::string>{"journal/kiosk-b/" + b.segment(1), "journal/kiosk-a/" + a.segment(1),
                                          "journal/kiosk-a/" + a.segment(2)});
}

TEST_CASE("Syncthing temp and conflict files, NFS leftovers and odd names change nothing") {
  TempDir root;
  fs::create_directories(root / "share");
  TestKiosk a(root.path(), "kiosk-a", root / "share");
  TestKiosk b(root.path(), "kiosk-b", root / "share");
  REQUIRE(a.nominate("E1", kNow));
  a.sync(kNow);
  b.sync(kNow);
  const std::string before = b.csv();

  const fs::path folder = root / "share/journal/kiosk-a";
  writeFile(folder / ".syncthing.2.jsonl.tmp", "garbage");
  writeFile(folder / ".nfs0000000000abcdef00000001", "garbage");
  writeFile(folder / "notes.txt", "hello");
  fs::create_directories(root / "share/journal/Bad_Kiosk");
  fs::create_directories(root / "share/journal/.stfolder");
  fs::create_directory_symlink(root / "elsewhere-share/journal/kiosk-a", root / "share/journal/kiosk-z");

  const SyncReport report = b.sync(kNow + 10);
  CHECK(report.importedEvents == 0);
  CHECK(report.alerts.empty());
  CHECK(mentions(report, "journal/kiosk-a/.syncthing.2.jsonl.tmp", "Syncthing"));
  CHECK(mentions(report, "journal/kiosk-a/.nfs0000000000abcdef00000001", "NFS"));
  CHECK(mentions(report, "journal/kiosk-a/notes.txt"));
  CHECK(mentions(report, "journal/Bad_Kiosk", "kiosk id"));
  CHECK(mentions(report, "journal/.stfolder"));
  CHECK(mentions(report, "journal/kiosk-z", "symbolic link"));
  CHECK(b.csv() == before);
}

TEST_CASE("a missing or unwritable share loses nothing: events queue and publish later") {
  TempDir root;
  TestKiosk a(root.path(), "kiosk-a", root / "share");
  REQUIRE(a.nominate("E1", kNow));

  const SyncReport missing = a.sync(kNow);
  CHECK_FALSE(missing.shareReachable);
  CHECK(missing.shareProblem.find("not reachable") != std::string::npos);
  CHECK(missing.pendingEvents == 1);
  CHECK_FALSE(lastSuccessfulSync(*a.store));

  // A share where the journal cannot be created (a file squats on the name: as good as read-only).
  writeFile(root / "share/journal", "not a folder");
  REQUIRE(a.nominate("E4", kNow + 1));
  const SyncReport blocked = a.sync(kNow + 10);
  CHECK(blocked.shareReachable);
  CHECK_FALSE(blocked.completed());
  CHECK(blocked.publishProblem.find("stay queued") != std::string::npos);
  CHECK(blocked.pendingEvents == 2);

  fs::remove(root / "share/journal");
  const SyncReport back = a.sync(kNow + 20);
  CHECK(back.completed());
  CHECK(back.publishedEvents == 2);
  CHECK(back.pendingEvents == 0);
}

TEST_CASE("heartbeats: each kiosk writes status/<kiosk-id>.json, and the fleet view lists them all") {
  TempDir root;
  fs::create_directories(root / "share");
  TestKiosk a(root.path(), "kiosk-a", root / "share");
  TestKiosk b(root.path(), "kiosk-b", root / "share");
  REQUIRE(a.nominate("E1", kNow));
  a.sync(kNow);
  b.sync(kNow + 5);
  writeFile(root / "share/status/garbage.json", "{not json");
  writeFile(root / "share/status/.syncthing.x.tmp", "");
  const FleetStatus fleet = readFleetStatus(root / "share");
  REQUIRE(fleet.kiosks.size() == 2);
  CHECK(fleet.kiosks[0].kioskId == "kiosk-a");
  CHECK(fleet.kiosks[0].version == "test");
  CHECK(fleet.kiosks[0].lastSync == kNow);
  CHECK(fleet.kiosks[0].pendingEvents == 0);
  CHECK(fleet.kiosks[0].freeDiskBytes > 0);
  CHECK(fleet.kiosks[1].lastSync == kNow + 5);
  CHECK(fleet.kiosks[0].screen.empty());  // a kiosk that does not say (the CLI, an older version)
  CHECK(fleet.problems.size() == 2);
}

TEST_CASE("heartbeats: a kiosk dark outside its screen hours says so, so it does not look broken") {
  TempDir root;
  fs::create_directories(root / "share");
  TestKiosk a(root.path(), "kiosk-a", root / "share");
  std::string screen = std::string(kScreenScheduledOff);
  SyncOptions options = a.options();
  options.screenState = [&screen] { return screen; };
  syncWithShare(*a.store, options, kNow);
  CHECK(readFile(root / "share/status/kiosk-a.json").find("\"screen\": \"scheduled-off\"") != std::string::npos);
  FleetStatus fleet = readFleetStatus(root / "share");
  REQUIRE(fleet.kiosks.size() == 1);
  CHECK(fleet.kiosks[0].screen == kScreenScheduledOff);

  screen = std::string(kScreenOn);  // a touch, or the morning
  syncWithShare(*a.store, options, kNow + 60'000);
  fleet = readFleetStatus(root / "share");
  REQUIRE(fleet.kiosks.size() == 1);
  CHECK(fleet.kiosks[0].screen == kScreenOn);
}

TEST_CASE("fleet.toml is applied when valid and ignored with a report when not") {
  TempDir root;
  fs::create_directories(root / "share");
  TestKiosk a(root.path(), "kiosk-a", root / "share");
  writeFile(root / "share/fleet.toml",
            "moderation = \"hr\"\ndaily_cap = 2\nbanner = \"Hello\"\n"
            "[[behaviours]]\nkey = \"real-face\"\ntitle = \"Real face\"\ndescription = \"d\"\n");
  const SyncReport applied = a.sync(kNow);
  REQUIRE(applied.fleetMessages.size() == 1);
  CHECK(applied.fleetMessages[0] == "fleet.toml applied");
  CHECK(a.store->behaviours().size() == 1);
  CHECK(a.store->meta("fleet.moderation") == "hr");
  CHECK(a.sync(kNow + 1).fleetMessages.empty());  // unchanged: nothing to do
  // The fleet's policy overrides this kiosk's own: HR moderation, two a day.
  const NominationPolicy policy = a.store->nominationPolicy({ModerationPolicy::Auto, 5});
  CHECK(policy.moderation == ModerationPolicy::Hr);
  CHECK(policy.dailyCap == 2);
  CHECK(a.nominate("E1", kNow, "E2", policy.moderation));
  const SubmitOutcome pending = a.store->submitNomination(
      {"E3", "real-face", kGoodStory, "E2", NominatorVisibility::Public}, kNow + 10, policy);
  REQUIRE(pending.nomination);
  CHECK(pending.nomination->status == NominationStatus::Pending);
  const SubmitOutcome capped = a.store->submitNomination(
      {"E4", "real-face", kGoodStory, "E2", NominatorVisibility::Public}, kNow + 20, policy);
  REQUIRE(capped.violation);
  CHECK(capped.violation->rule == Rule::DailyCapReached);

  writeFile(root / "share/fleet.toml", "moderation = \"sometimes\"\ndaily_cap = 0\n");
  const SyncReport rejected = a.sync(kNow + 2);
  REQUIRE(rejected.fleetMessages.size() == 1);
  CHECK(rejected.fleetMessages[0].find("ignored") != std::string::npos);
  CHECK(rejected.fleetMessages[0].find("moderation") != std::string::npos);
  CHECK(rejected.fleetMessages[0].find("daily_cap") != std::string::npos);
  CHECK(a.store->meta("fleet.moderation") == "hr");
}

TEST_CASE("fleet.toml with keys this version does not know still applies, and names each one") {
  TempDir root;
  fs::create_directories(root / "share");
  TestKiosk a(root.path(), "kiosk-a", root / "share");
  writeFile(root / "share/fleet.toml",
            "moderation = \"hr\"\ndaily_cpa = 2\n"
            "[[behaviours]]\nkey = \"real-face\"\ntitel = \"Real face\"\ntitle = \"Real face\"\n");
  const SyncReport report = a.sync(kNow);
  REQUIRE(report.fleetMessages.size() == 3);
  CHECK(report.fleetMessages[0] == "fleet.toml applied");
  CHECK(report.fleetMessages[1].find("key 'daily_cpa' is not a setting") != std::string::npos);
  CHECK(report.fleetMessages[2].find("behaviours #1: key 'titel' is not a setting") != std::string::npos);
  CHECK(a.store->meta("fleet.moderation") == "hr");
  CHECK(!a.store->meta("fleet.daily_cap"));
  REQUIRE(a.store->behaviours().size() == 1);
  CHECK(a.store->behaviours()[0].title == "Real face");
}

TEST_CASE("fleet.toml's [roster] maps an HR export's columns in the same sync, and a new mapping reads the roster again") {
  TempDir root;
  fs::create_directories(root / "share/roster");
  TestKiosk a(root.path(), "kiosk-a", root / "share", 0, /*withRoster=*/false);
  writeFile(root / "share/roster/employees.csv",
            "Worker ID;Preferred Name;Org;title;site;email;Active Status;wall_consent\r\n"
            "E1;José Núñez;Support;Agent;Lyon;j@x;TRUE;Y\r\nE2;Zoë;Eng;Dev;Leeds;z@x;FALSE;N\r\n");
  writeFile(root / "share/fleet.toml", "[roster]\nemployee_id = \"Worker ID\"\ndisplay_name = \"Preferred Name\"\n"
                                       "department = \"Dept\"\nactive = \"Active Status\"\n");
  const SyncReport first = a.sync(kNow);
  REQUIRE(first.fleetMessages.size() == 1);
  CHECK(first.fleetMessages[0] == "fleet.toml applied");
  REQUIRE(first.rosterMessages.size() == 1);
  CHECK(first.rosterMessages[0].find("rejected") != std::string::npos);
  CHECK(first.rosterMessages[0].find("line 1, column department: the header has no column \"Dept\" (fleet.toml's "
                                     "[roster] key department names it)") != std::string::npos);
  CHECK(!a.store->employee("E1"));

  // IT corrects the mapping; the roster file itself is unchanged, and is read again.
  writeFile(root / "share/fleet.toml", "[roster]\nemployee_id = \"Worker ID\"\ndisplay_name = \"Preferred Name\"\n"
                                       "department = \"Org\"\nactive = \"Active Status\"\n");
  const SyncReport second = a.sync(kNow + 1);
  REQUIRE(second.rosterMessages.size() == 1);
  CHECK(second.rosterMessages[0].find("roster imported: 2 added") == 0);
  CHECK(second.rosterMessages[0].find("separator: semicolon") != std::string::npos);
  REQUIRE(a.store->employee("E1"));
  CHECK(a.store->employee("E1")->displayName == "José Núñez");
  CHECK(a.store->employee("E1")->department == "Support");
  CHECK_FALSE(a.store->employee("E2")->active);
  CHECK(a.sync(kNow + 2).rosterMessages.empty());  // nothing changed: not read again
}

TEST_CASE("taking a kiosk id over after a rebuilt database never mistakes old segments for new events") {
  TempDir root;
  fs::create_directories(root / "share");
  {
    TestKiosk before(root / "old", "kiosk-a", root / "share");
    REQUIRE(before.nominate("E1", kNow));
    REQUIRE(before.nominate("E3", kNow + 1));
    REQUIRE(before.sync(kNow).publishedSegments == 1);
  }
  TestKiosk rebuilt(root / "new", "kiosk-a", root / "share");
  REQUIRE(rebuilt.nominate("E4", kNow + 2));
  CHECK(rebuilt.sync(kNow + 10).publishProblem.find("already used") != std::string::npos);
  fs::remove(root / "share/journal/kiosk-a/owner.json");  // IT takes the id over, as README says
  const SyncReport report = rebuilt.sync(kNow + 20);
  CHECK(report.completed());
  CHECK(report.publishedEvents == 1);
  CHECK(fs::exists(rebuilt.segmentPath(1)));  // its own name: the old install's segment 1 stays
  CHECK(report.pendingEvents == 0);
  CHECK(report.alerts.empty());  // the old install's segments were there before the claim
}

TEST_CASE("a remote stamp far in the future is applied but does not drag this kiosk's clock along") {
  TempDir root;
  fs::create_directories(root / "share");
  TestKiosk a(root.path(), "kiosk-a", root / "share", 400 * kMsPerDay);  // a year and more ahead
  TestKiosk b(root.path(), "kiosk-b", root / "share");
  const std::string id = *a.nominate("E1", kNow);
  a.sync(kNow);
  CHECK(b.sync(kNow).importedEvents == 1);
  REQUIRE(b.store->nomination(id));
  REQUIRE(b.store->setStatus(id, NominationStatus::Hidden, "", kNow));
  const OutboxEvent stamped = b.store->pendingEvents(10).back();
  CHECK(HybridClock::physicalPart(stamped.hlc) < kNow + kMsPerDay);
}

TEST_CASE("a kiosk whose database is lost rebuilds what it had published from its own journal") {
  TempDir root;
  fs::create_directories(root / "share");
  TestKiosk b(root.path(), "kiosk-b", root / "share");
  std::string id;
  {
    TestKiosk a(root / "old", "kiosk-a", root / "share");
    id = *a.nominate("E1", kNow);
    a.store->applaud(id, kNow + 1);
    a.store->applaud(id, kNow + 2);
    REQUIRE(a.nominate("E3", kNow + 3));
    a.sync(kNow);
    REQUIRE(a.nominate("E4", kNow + 4));  // the last one never reached the share
    a.sync(kNow + 10);
    REQUIRE(a.nominate("E2", kNow + 5, "E1"));
  }
  TestKiosk a(root / "new", "kiosk-a", root / "share");
  CHECK(a.sync(kNow + 20).publishProblem.find("already used") != std::string::npos);
  const RebuildReport rebuilt = rebuildFromShare(*a.store, root / "share", kNow + 30);
  CHECK(rebuilt.problem.empty());
  CHECK(rebuilt.restoredSegments == 2);
  CHECK(rebuilt.restoredEvents == 5);
  CHECK(a.store->nomination(id)->applause == 2);
  // Everything but the unpublished nomination is back, and the kiosk carries on numbering.
  CHECK(a.nominationIds().size() == 3);
  REQUIRE(a.nominate("E2", kNow + 40, "E1"));
  a.store->applaud(id, kNow + 41);
  const SyncReport after = a.sync(kNow + 50);
  CHECK(after.completed());
  CHECK(fs::exists(a.segmentPath(3)));
  const SegmentParse third = a.readSegment(3);
  REQUIRE(third.ok());
  CHECK(third.events.front().seq == 6);
  b.sync(kNow + 60);
  CHECK(b.store->nomination(id)->applause == 3);
  CHECK(b.csv() == a.csv());
  CHECK(rebuildFromShare(*a.store, root / "share", kNow).problem.find("already holds events") != std::string::npos);
}

TEST_CASE("only one sync per kiosk runs at a time; the other says so and changes nothing") {
  TempDir root;
  fs::create_directories(root / "share");
  TestKiosk a(root.path(), "kiosk-a", root / "share");
  REQUIRE(a.nominate("E1", kNow));
  const int fd = ::open((a.dataDir / "sync.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);  // as another process's sync would
  const SyncReport busy = a.sync(kNow);
  CHECK(busy.shareProblem.find("another sync") != std::string::npos);
  CHECK(busy.pendingEvents == 1);
  ::close(fd);
  CHECK(a.sync(kNow).publishedEvents == 1);
}

// [SECTION] winners travel with the journal

TEST_CASE("a Customer Champion chosen on one kiosk shows on every kiosk, and one decision stands") {
  TempDir root;
  fs::create_directories(root / "share");
  TestKiosk a(root.path(), "kiosk-a", root / "share");
  TestKiosk b(root.path(), "kiosk-b", root / "share");
  const std::string period = formatMonthUtc(kNow);
  const std::string first = *a.nominate("E1", kNow);
  const std::string second = *a.nominate("E1", kNow + 1000, "E3");
  a.sync(kNow);
  b.sync(kNow);

  SUBCASE("chosen on a, seen on b") {
    const WinnerOutcome chosen = a.store->selectWinner(first, period, "Kept a family's trip on track", kNow + 2000);
    REQUIRE_MESSAGE(chosen.winner, chosen.error);
    a.sync(kNow + 3000);
    b.sync(kNow + 3000);
    const std::vector<Winner> onB = b.store->winnersForWall(period);
    REQUIRE(onB.size() == 1);
    CHECK(onB[0].id == chosen.winner->id);
    CHECK(onB[0].citation == "Kept a family's trip on track");
    CHECK(onB[0].displayName == "José Núñez");
  }
  SUBCASE("both kiosks crown the same person for the same month: the earlier decision wins on both") {
    const WinnerOutcome onA = a.store->selectWinner(first, period, "from a", kNow + 2000);
    const WinnerOutcome onB = b.store->selectWinner(second, period, "from b", kNow + 5000);
    REQUIRE(onA.winner);
    REQUIRE(onB.winner);
    b.sync(kNow + 6000);
    a.sync(kNow + 6000);
    b.sync(kNow + 6000);
    for (Store* store : {a.store.get(), b.store.get()}) {
      const std::vector<Winner> winners = store->hallOfFame();
      REQUIRE(winners.size() == 1);
      CHECK(winners[0].citation == "from a");
      CHECK(winners[0].nominationId == first);
    }
  }
  SUBCASE("an erasure removes the title everywhere") {
    REQUIRE(a.store->selectWinner(first, period, "citation naming José", kNow + 2000).winner);
    a.sync(kNow + 3000);
    b.sync(kNow + 3000);
    REQUIRE(b.store->hallOfFame().size() == 1);
    b.store->eraseEmployee("E1", kNow + 4000);
    b.sync(kNow + 5000);
    a.sync(kNow + 5000);
    for (Store* store : {a.store.get(), b.store.get()}) {
      CHECK(store->hallOfFame().empty());
      CHECK(store->database().queryInt("SELECT COUNT(*) FROM winners") == 0);  // the citation named them
    }
  }
}

TEST_CASE("segments imported in one transaction stay all or nothing each: a bad one rolls back alone") {
  TempDir root;
  Store store(root / "kiosk.db", "lobby-1");
  store.replaceRoster(sampleRoster());
  const TimeMs at = kNow - kHour;
  // Event n of kiosk "other-1": a nomination with id ...b0n and event id ...a0n.
  auto nomination = [&](int n, const std::string& payloadTail = "\"status\":\"approved\"}") {
    const std::string suffix = std::to_string(n);
    return JournalEvent{"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a0" + suffix, "other-1", n,
                        static_cast<std::uint64_t>(at + n) << 16, "nomination.created",
                        R"({"id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4b0)" + suffix + R"(","created_at":)" +
                            std::to_string(at + n) +
                            R"(,"nominee_id":"E1","behaviour":"real-face","story":"A story.","nominator_id":null,)"
                            R"("visibility":"anonymous",)" + payloadTail};
  };
  std::vector<SegmentToApply> batch = {
      {"other-1", "1.jsonl", {nomination(1), nomination(2)}, {}},
      {"other-1", "2.jsonl", {nomination(3), nomination(4, "\"status\":\"maybe\"}")}, {}},  // its second event is bad
      {"other-1", "3.jsonl", {nomination(5), nomination(1)}, {}},  // a replay of event 1 too
  };
  const std::vector<SegmentApply> outcomes = store.applySegments(batch, kNow);
  REQUIRE(outcomes.size() == 3);
  CHECK(outcomes[0].applied == 2);
  CHECK(outcomes[1].applied == 0);
  CHECK(outcomes[1].error.find("unknown status 'maybe'") != std::string::npos);
  CHECK(outcomes[2].applied == 1);
  CHECK(outcomes[2].duplicates == 1);
  // Segment 2's good first event went with its bad second one, and so did its bookkeeping.
  CHECK(importedNames(store, "other-1") == std::vector<std::string>{"1.jsonl", "3.jsonl"});
  CHECK(store.database().queryInt("SELECT COUNT(*) FROM nominations") == 3);
  CHECK(store.database().queryInt("SELECT COUNT(*) FROM applied_events") == 3);
  CHECK_FALSE(store.nomination("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4b03"));

  // The good copy of segment 2 arrives: it applies, once.
  batch[1].events[1] = nomination(4);
  const std::vector<SegmentApply> retried = store.applySegments({batch[1], batch[0]}, kNow);
  CHECK(retried[0].applied == 2);
  CHECK(retried[1].duplicates == 2);
  CHECK(importedNames(store, "other-1") == std::vector<std::string>{"1.jsonl", "2.jsonl", "3.jsonl"});
  CHECK(store.database().queryInt("SELECT COUNT(*) FROM nominations") == 5);
  CHECK(store.storiesFor("E1", 10).total == 5);
}

TEST_CASE("a segment's events apply as they would one segment each: nominations with what follows them in the segment") {
  // Nominations a segment creates are inserted together when it ends; events after a creation in
  // the same segment (its status, applause, an erasure of its nominee) must still act on it.
  const TimeMs at = kNow - kHour;
  int serial = 0;
  // Stamped in the order written, except `stampLater`: status changes made after every creation.
  auto event = [&](std::string type, std::string payload, TimeMs stampLater = 0) {
    ++serial;
    char id[40];
    std::snprintf(id, sizeof id, "0190a1b2-c3d4-7e5f-8a9b-%012d", serial);
    return JournalEvent{id, "other-1", serial, static_cast<std::uint64_t>(at + serial + stampLater) << 16,
                        std::move(type), std::move(payload)};
  };
  auto nominationId = [](int n) {
    char id[40];
    std::snprintf(id, sizeof id, "0190a1b2-c3d4-7e5f-9a9b-%012d", n);
    return std::string(id);
  };
  auto created = [&](int n, const std::string& nominee, const std::string& story = "A story.") {
    return event("nomination.created", R"({"behaviour":"real-face","created_at":)" + std::to_string(at + n * 1000) +
                                           R"(,"id":")" + nominationId(n) + R"(","nominator_id":"E2","nominee_id":")" +
                                           nominee + R"(","status":"approved","story":")" + story +
                                           R"(","visibility":"public"})");
  };
  auto status = [&](int n, const std::string& to) {
    return event("nomination.status", R"({"id":")" + nominationId(n) + R"(","reason":"","status":")" + to + R"("})",
                 kHour);
  };
  std::vector<JournalEvent> events;
  events.push_back(status(100, "hidden"));  // before its nomination, in the same segment
  for (int n = 1; n <= 100; ++n) events.push_back(created(n, "E" + std::to_string(1 + n % 4)));  // 64 + 32 + 4 rows
  events.push_back(status(1, "hidden"));
  events.push_back(event("applause", R"({"count":3,"id":")" + nominationId(2) + R"("})"));
  // A segment's several counters for one story are one max, whatever their order.
  events.push_back(event("applause", R"({"count":7,"id":")" + nominationId(4) + R"("})"));
  events.push_back(event("applause", R"({"count":5,"id":")" + nominationId(4) + R"("})"));
  // Counted by person and month: a pending story is not, one of 40 days ago is in its own month.
  JournalEvent pending = created(103, "E4");
  pending.payload.replace(pending.payload.find("approved"), 8, "pending");
  events.push_back(pending);
  JournalEvent older = created(104, "E4");
  older.payload.replace(older.payload.find(std::to_string(at + 104 * 1000)), std::to_string(at).size(),
                        std::to_string(at - 40 * 24 * kHour));
  events.push_back(older);
  events.push_back(created(3, "E1", "A second creation of the same id."));  // the first stays
  events.push_back(event("employee.erased", R"({"department":"Sales","employee_id":"E3","site":"HQ"})"));
  events.push_back(created(101, "E3"));  // after the erasure: hidden all the same
  events.push_back(status(102, "approved"));  // waits for a nomination no segment here creates

  TempDir root;
  Store together(root / "together.db", "lobby-1");
  Store oneByOne(root / "one-by-one.db", "lobby-1");
  for (Store* store : {&together, &oneByOne}) store->replaceRoster(sampleRoster());
  const std::vector<SegmentApply> whole = together.applySegments({{"other-1", "1.jsonl", events, {}}}, kNow);
  REQUIRE(whole.size() == 1);
  CHECK(whole[0].error.empty());
  CHECK(whole[0].applied == static_cast<int>(events.size()));
  std::vector<SegmentToApply> single;
  for (std::size_t i = 0; i < events.size(); ++i)
    single.push_back({"other-1", std::to_string(i + 1) + ".jsonl", {events[i]}, {}});
  for (const SegmentApply& outcome : oneByOne.applySegments(single, kNow)) CHECK(outcome.error.empty());

  for (Store* store : {&together, &oneByOne}) {
    CHECK(store->nomination(nominationId(1))->status == NominationStatus::Hidden);
    CHECK(store->nomination(nominationId(100))->status == NominationStatus::Hidden);
    CHECK(store->nomination(nominationId(2))->applause == 3);
    CHECK(store->nomination(nominationId(4))->applause == 7);
    CHECK(store->nomination(nominationId(103))->status == NominationStatus::Pending);
    CHECK(store->nomination(nominationId(3))->story == "A story.");
    CHECK(store->nomination(nominationId(101))->story.empty());
    CHECK(store->nomination(nominationId(101))->status == NominationStatus::Hidden);
    CHECK(store->database().queryInt("SELECT COUNT(*) FROM status_orphans") == 1);  // 102's
    CHECK(store->storiesFor("E3", 10).total == 0);
  }
  CHECK(together.storiesFor("E4", 100).total == 26);  // n = 3, 7, ..., 99 and 104
  for (const std::string person : {"E1", "E2", "E3", "E4", "E5"})
    CHECK(together.storiesFor(person, 100).total == oneByOne.storiesFor(person, 100).total);
  auto monthlyCounts = [](Store& store) {
    Statement rows = store.database().prepare(
        "SELECT month || ' ' || nominee_id || ' ' || stories FROM monthly_recognition ORDER BY 1");
    std::vector<std::string> counts;
    while (rows.step()) counts.push_back(rows.getText(0));
    return counts;
  };
  CHECK_FALSE(monthlyCounts(together).empty());
  CHECK(monthlyCounts(together) == monthlyCounts(oneByOne));
  CHECK(together.database().queryInt("SELECT COUNT(*) FROM nominations") == 103);
  CHECK(together.database().queryInt("SELECT COUNT(DISTINCT month) FROM monthly_recognition") == 2);
  CHECK(exportNominationsCsv(together, kAllTime) == exportNominationsCsv(oneByOne, kAllTime));
}

TEST_CASE("a sync pass imports many segments in a few transactions, each recorded with its events") {
  TempDir root;
  const fs::path share = root / "share";
  fs::create_directories(share);
  TestKiosk a(root.path(), "kiosk-a", share);
  TestKiosk b(root.path(), "kiosk-b", share);
  // 40 segments from kiosk a, applied together.
  for (int segment = 0; segment < 40; ++segment) {
    for (int i = 0; i < 3; ++i) REQUIRE(a.nominate("E" + std::to_string(1 + i), kNow + segment * 10 + i, "E4"));
    a.sync(kNow + segment * 10 + 5);
  }
  int segments = 0;
  for (const std::string& name : namesIn(share / "journal/kiosk-a")) segments += name.ends_with(".jsonl");
  REQUIRE(segments > 1);
  const SyncReport report = b.sync(kNow + 1000);
  CHECK(report.importedSegments == segments);
  CHECK(report.importedEvents == 120);
  CHECK(b.store->importedFiles("kiosk-a").size() == static_cast<std::size_t>(segments));
  CHECK(b.nominationIds() == a.nominationIds());
  CHECK(b.sync(kNow + 2000).importedEvents == 0);  // nothing new: nothing applied twice
}

TEST_CASE("silence: fleet.toml's silent_after_min and show_silence_marker, and who counts as silent") {
  TempDir root;
  fs::create_directories(root / "share");
  TestKiosk a(root.path(), "kiosk-a", root / "share");
  TestKiosk b(root.path(), "kiosk-b", root / "share");
  CHECK(fleetMonitoring(*a.store).silentAfterMin == kDefaultSilentAfterMin);  // before any fleet.toml
  CHECK_FALSE(fleetMonitoring(*a.store).showSilenceMarker);
  writeFile(root / "share/fleet.toml", "silent_after_min = 10\nshow_silence_marker = true\n");
  std::vector<std::string> problems;
  CHECK(fleetMonitoringOnShare(root / "share", problems).silentAfterMin == 10);
  CHECK(problems.empty());
  b.sync(kNow);
  a.sync(kNow + 11 * 60'000);
  CHECK(fleetMonitoring(*a.store).silentAfterMin == 10);
  CHECK(fleetMonitoring(*a.store).showSilenceMarker);

  const std::optional<FleetStatus> fleet = readFleetStatus(root / "share");
  const std::optional<TimeMs> lastSync = lastSuccessfulSync(*a.store);
  // Ten minutes is not yet silent; a minute more is. Its own heartbeat is never in the list.
  Silence silence = findSilence(fleet, "kiosk-a", lastSync, kNow, kNow + 10 * 60'000, 10);
  CHECK(silence.kiosks.empty());
  CHECK_FALSE(silence.any());
  silence = findSilence(fleet, "kiosk-a", lastSync, kNow, kNow + 10 * 60'000 + 1, 10);
  CHECK(silence.kiosks == std::vector<std::string>{"kiosk-b"});
  CHECK_FALSE(silence.share);
  // This kiosk's own sync: silent once its last success is too old, or never came since the start.
  CHECK(findSilence(std::nullopt, "kiosk-a", lastSync, kNow, kNow + 22 * 60'000, 10).share);
  CHECK_FALSE(findSilence(std::nullopt, "kiosk-a", std::nullopt, kNow, kNow + 5 * 60'000, 10).share);
  CHECK(findSilence(std::nullopt, "kiosk-a", std::nullopt, kNow, kNow + 11 * 60'000, 10).share);

  // A key left out keeps what an earlier fleet.toml set, as every other key; a wrong one is named.
  writeFile(root / "share/fleet.toml", "daily_cap = 2\n");
  a.sync(kNow + 12 * 60'000);
  CHECK(fleetMonitoring(*a.store).silentAfterMin == 10);
  writeFile(root / "share/fleet.toml", "silent_after_min = 1\nshow_silence_marker = \"yes\"\n");
  problems.clear();
  CHECK(fleetMonitoringOnShare(root / "share", problems).silentAfterMin == kDefaultSilentAfterMin);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].find("key 'silent_after_min' must be a whole number of minutes from 2 to 10080") !=
        std::string::npos);
  CHECK(problems[1].find("key 'show_silence_marker' must be true or false") != std::string::npos);
}
