// Spec: the demo kiosk is a complete, honest kiosk: roster, photos and stories through real rules.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/util/clock.hpp"
#include "core/admin/admin_pin.hpp"
#include "demo/demo_kiosk.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;

TEST_CASE("prepareDemoKiosk builds a populated kiosk in a folder") {
  TempDir dir;
  const DemoKiosk demo = prepareDemoKiosk(dir.path(), kNow);
  Store store(demo.databaseFile, demo.config.kioskId);
  const StoreCounts counts = store.counts();
  CHECK(counts.activeEmployees >= 55);
  CHECK(counts.employeesWithPhoto >= 45);
  CHECK(counts.employeesWithPhoto < counts.employees);  // a few people have no photo
  CHECK(counts.nominations >= 140);
  CHECK(counts.pending > 0);
  CHECK(counts.pendingEvents >= counts.nominations);  // every change queued for the fleet
  CHECK(store.integrityCheck() == "ok");
  CHECK(verifyPin(kDemoAdminPin, demo.config.adminPinHash));  // a visitor can try HR's screens
  CHECK_FALSE(verifyPin("0000", demo.config.adminPinHash));
  // The share's fleet.toml is in force from the start: its banner is on the wall's first frame.
  CHECK(store.meta("fleet.banner").value_or("").find("Recognise a colleague") != std::string::npos);
  CHECK(store.meta("fleet.daily_cap").has_value());

  const auto wall = store.wallStories(lastDays(kNow, 90), 500);
  CHECK(wall.size() + static_cast<std::size_t>(counts.pending + counts.hidden) >=
        static_cast<std::size_t>(counts.nominations) - 5);  // only people who declined the wall are missing
  CHECK(std::any_of(wall.begin(), wall.end(), [](const WallStory& s) { return s.nominatorName.empty(); }));
  CHECK(std::any_of(wall.begin(), wall.end(), [](const WallStory& s) { return s.applause > 0; }));
  for (const WallStory& story : wall) CHECK(story.createdAt <= kNow);
  CHECK(store.recognisedPeople(lastDays(kNow, 90)).size() >= 30);
  for (const LabelCount& behaviour : store.countByBehaviour(lastDays(kNow, 90))) CHECK(behaviour.count >= 5);
  for (const Employee& employee : store.employees(true)) {
    if (!employee.photoFile.empty()) CHECK(std::filesystem::is_regular_file(demo.photosDir / employee.photoFile));
  }
}
