// Spec: the background sync thread: syncs at start and on request, with its own connection,
// while the caller keeps using its own Store; stop() joins.
#include <doctest/doctest.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "core/sync/sync_service.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;
namespace fs = std::filesystem;

namespace {

// Waits (generously: this is about ordering, not speed) until `done` holds.
template <typename Predicate>
bool eventually(Predicate done) {
  for (int i = 0; i < 1000 && !done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return done();
}

}  // namespace

TEST_CASE("the sync service syncs at start and at once on request, on its own connection") {
  TempDir root;
  fs::create_directories(root / "share");
  fs::create_directories(root / "data");
  Store ui(root / "data/kiosk.db", "kiosk-a");
  ui.replaceRoster(sampleRoster());
  SyncOptions options;
  options.shareDir = root / "share";
  options.dataDir = root / "data";
  options.photosDir = root / "data/photos";
  std::mutex logMutex;
  std::vector<std::string> log;
  SyncService service(root / "data/kiosk.db", "kiosk-a", options, std::chrono::hours(1),
                      [&](const std::string& line) {
                        std::lock_guard lock(logMutex);
                        log.push_back(line);
                      });
  service.start();
  REQUIRE(eventually([&] { return service.attempts() >= 1; }));
  CHECK(service.state().lastReport->completed());

  NominationDraft draft{"E1", "real-face", kGoodStory, "E2", NominatorVisibility::Public};
  REQUIRE(ui.submitNomination(draft, kNow, {}).nomination);
  service.requestNow();
  REQUIRE(eventually([&] { return service.attempts() >= 2; }));
  const SyncServiceState state = service.state();
  REQUIRE(state.lastReport);
  CHECK(state.lastReport->publishedEvents == 1);
  CHECK(fs::exists(root / "share/journal/kiosk-a" / segmentFileName(1, installTag(ui.installId()))));
  CHECK(ui.counts().pendingEvents == 0);
  CHECK(service.stop());
  std::lock_guard lock(logMutex);
  CHECK(std::any_of(log.begin(), log.end(), [](const std::string& line) { return line.find("published 1") != std::string::npos; }));
}

TEST_CASE("the sync service reports a missing share once and keeps the events queued") {
  TempDir root;
  fs::create_directories(root / "data");
  Store ui(root / "data/kiosk.db", "kiosk-a");
  ui.replaceRoster(sampleRoster());
  NominationDraft draft{"E1", "real-face", kGoodStory, std::nullopt, NominatorVisibility::Anonymous};
  REQUIRE(ui.submitNomination(draft, kNow, {}).nomination);
  SyncOptions options;
  options.shareDir = root / "share";
  options.dataDir = root / "data";
  std::mutex logMutex;
  int shareLines = 0;
  SyncService service(root / "data/kiosk.db", "kiosk-a", options, std::chrono::hours(1), [&](const std::string& line) {
    std::lock_guard lock(logMutex);
    if (line.find("not reachable") != std::string::npos) ++shareLines;
  });
  service.start();
  REQUIRE(eventually([&] { return service.attempts() >= 1; }));
  service.requestNow();
  REQUIRE(eventually([&] { return service.attempts() >= 2; }));
  CHECK_FALSE(service.state().lastReport->shareReachable);
  CHECK(service.state().lastReport->pendingEvents == 1);
  {
    std::lock_guard lock(logMutex);
    CHECK(shareLines == 1);
  }
  fs::create_directories(root / "share");
  service.requestNow();
  REQUIRE(eventually([&] { return service.attempts() >= 3; }));
  CHECK(service.state().lastReport->publishedEvents == 1);
  CHECK(service.stop());
}

TEST_CASE("the sync service keeps the share's heartbeats as its last reachable sync read them") {
  TempDir root;
  fs::create_directories(root / "share/status");
  fs::create_directories(root / "data");
  writeFile(root / "share/status/kiosk-b.json", "{\"kiosk\": \"kiosk-b\", \"written_at_ms\": 1000}\n");
  SyncOptions options;
  options.shareDir = root / "share";
  options.dataDir = root / "data";
  options.photosDir = root / "data/photos";
  SyncService service(root / "data/kiosk.db", "kiosk-a", options, std::chrono::hours(1), nullptr);
  service.start();
  REQUIRE(eventually([&] { return service.attempts() >= 1; }));
  SyncServiceState state = service.state();
  REQUIRE(state.fleet);
  REQUIRE(state.fleet->kiosks.size() == 2);  // its own, just written, and kiosk-b's
  CHECK(state.fleet->kiosks[1].kioskId == "kiosk-b");
  CHECK(state.fleet->kiosks[1].writtenAt == 1000);

  // The share goes away: what was last read stays, rather than every kiosk looking fine.
  fs::rename(root / "share", root / "share-away");
  service.requestNow();
  REQUIRE(eventually([&] { return service.attempts() >= 2; }));
  state = service.state();
  CHECK_FALSE(state.lastReport->shareReachable);
  REQUIRE(state.fleet);
  CHECK(state.fleet->kiosks.size() == 2);
  CHECK(service.stop());
}
