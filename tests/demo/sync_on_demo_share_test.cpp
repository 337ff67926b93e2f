// Spec: sync against the demo share: roster and photos refreshed when they change, kept when bad.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <limits>
#include <memory>
#include <random>

#include "core/util/clock.hpp"
#include "core/roster/roster_csv.hpp"
#include "core/reports/report_csv.hpp"
#include "core/config/screen_schedule.hpp"
#include "core/sync/sync.hpp"
#include "demo/demo_roster.hpp"
#include "demo/demo_data.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;
namespace fs = std::filesystem;


// [SECTION] publishing

TEST_CASE("sync refreshes the roster and photos from the share when they change, and keeps them when bad") {
  TempDir root;
  writeDemoShare(root / "share");
  fs::create_directories(root / "data");
  Store store(root / "data/kiosk.db", "kiosk-a");
  SyncOptions options;
  options.shareDir = root / "share";
  options.dataDir = root / "data";
  options.photosDir = root / "data/photos";

  const SyncReport first = syncWithShare(store, options, kNow);
  REQUIRE_FALSE(first.rosterMessages.empty());
  CHECK(first.rosterMessages[0].find("roster imported: " + std::to_string(demoRoster().size()) + " added") == 0);
  const std::int64_t people = store.counts().employees;
  CHECK(syncWithShare(store, options, kNow + 1).rosterMessages.empty());  // unchanged: not re-read

  // A new photo for one person.
  const fs::path photos = root / "share/roster/photos";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(photos)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 2);
  fs::remove(files[0]);
  fs::copy_file(files[1], files[0]);
  const SyncReport photo = syncWithShare(store, options, kNow + 2);
  REQUIRE_FALSE(photo.rosterMessages.empty());
  CHECK(photo.rosterMessages[0].find("photos: 1 copied") != std::string::npos);

  // A symlinked photo is refused, not followed.
  fs::remove(files[0]);
  fs::create_symlink(files[1], files[0]);
  const SyncReport linked = syncWithShare(store, options, kNow + 3);
  CHECK(std::any_of(linked.rosterMessages.begin(), linked.rosterMessages.end(),
                    [](const std::string& line) { return line.find("photo skipped") == 0; }));

  // A bad roster is rejected whole, with the row named; the roster in force stays.
  writeFile(root / "share/roster/employees.csv", std::string(kRosterHeader) + "\nE1,,Sales,,Lyon,x@example.com,maybe,yes\n");
  const SyncReport bad = syncWithShare(store, options, kNow + 4);
  REQUIRE_FALSE(bad.rosterMessages.empty());
  CHECK(bad.rosterMessages[0].find("rejected") != std::string::npos);
  CHECK(bad.rosterMessages[0].find("line 2") != std::string::npos);
  CHECK(store.counts().employees == people);
}


TEST_CASE("with the roster's times recorded, a sync reads neither the roster nor its photos until they change") {
  TempDir root;
  writeDemoShare(root / "share");
  fs::create_directories(root / "data");
  Store store(root / "data/kiosk.db", "kiosk-a");
  SyncOptions options;
  options.shareDir = root / "share";
  options.dataDir = root / "data";
  options.photosDir = root / "data/photos";
  const fs::path roster = root / "share/roster";
  // The roster's times an hour back, as HR's export of last week leaves them: a time is only
  // recorded once it is a little older than this kiosk's last heartbeat (coarse file times).
  const auto age = [&] {
    const auto anHourAgo = fs::file_time_type::clock::now() - std::chrono::hours(1);
    for (const fs::path& path : {roster / "employees.csv", roster / "photos"}) fs::last_write_time(path, anHourAgo);
  };
  REQUIRE(syncWithShare(store, options, kNow).rosterLooked);
  age();
  CHECK(syncWithShare(store, options, kNow + 1).rosterLooked);  // the times are recorded now
  const SyncReport idle = syncWithShare(store, options, kNow + 2);
  CHECK_FALSE(idle.rosterLooked);
  CHECK(idle.rosterMessages.empty());

  // A photo replaced the usual way (a new file under the name): the folder changes.
  std::vector<fs::path> jpegs;
  for (const auto& entry : fs::directory_iterator(roster / "photos"))
    if (entry.path().extension() == ".jpg") jpegs.push_back(entry.path());
  std::sort(jpegs.begin(), jpegs.end());
  REQUIRE(jpegs.size() >= 3);
  fs::remove(jpegs[0]);
  fs::copy_file(jpegs[1], jpegs[0]);
  const SyncReport replaced = syncWithShare(store, options, kNow + 3);
  CHECK(replaced.rosterLooked);
  REQUIRE_FALSE(replaced.rosterMessages.empty());
  CHECK(replaced.rosterMessages[0].find("photos: 1 copied") != std::string::npos);
  age();
  CHECK(syncWithShare(store, options, kNow + 4).rosterLooked);
  CHECK_FALSE(syncWithShare(store, options, kNow + 5).rosterLooked);

  // A photo overwritten in place leaves its folder as it was: found by the look at everything,
  // at most six hours after the last one.
  {
    std::ofstream out(jpegs[0], std::ios::binary | std::ios::trunc);
    out << readFile(jpegs[2]);
  }
  CHECK_FALSE(syncWithShare(store, options, kNow + 6).rosterLooked);
  const SyncReport everything = syncWithShare(store, options, kNow + 6 * 3600 * 1000);
  CHECK(everything.rosterLooked);
  REQUIRE_FALSE(everything.rosterMessages.empty());
  CHECK(everything.rosterMessages[0].find("photos: 1 copied") != std::string::npos);

  // A new export: the file's size or time changes.
  std::string csv = readFile(roster / "employees.csv");
  const std::string newline = csv.ends_with("\r\n") ? "\r\n" : "\n";
  if (!csv.ends_with('\n')) csv += newline;
  writeFile(roster / "employees.csv", csv + "E9999,New Colleague,Sales,,Lyon,n@example.com,yes,yes," + newline);
  const SyncReport exported = syncWithShare(store, options, kNow + 6 * 3600 * 1000 + 1);
  CHECK(exported.rosterLooked);
  REQUIRE_FALSE(exported.rosterMessages.empty());
  INFO(exported.rosterMessages[0]);  // the demo roster has the optional latin_name column
  CHECK(exported.rosterMessages[0].find("1 added") != std::string::npos);
}
