// Spec: what a `wall-of-fame sync` with nothing new costs on the share, counted with strace: the
// same whatever the history (segments ever published) and the roster (photos), more with more
// kiosks. Needs strace (scripts/dev.sh test installs it); fails without it.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/sync/journal.hpp"
#include "core/util/uuid.hpp"
#include "support/cli_support.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;
using namespace wof::test::cli;
namespace fs = std::filesystem;

namespace {

constexpr TimeMs kHistoryStart = 1'795'521'600'000;

struct Fleet {
  int kiosks = 3;
  int segmentsPerKiosk = 50;
  int photos = 20;
};

// A share as a fleet leaves it after a while: `segmentsPerKiosk` one-nomination segments in each
// kiosk's folder, and a roster of `photos` people, each with a portrait (a copy of a demo one).
void writeShare(const fs::path& share, const fs::path& demoPhoto, const Fleet& fleet) {
  for (int k = 1; k <= fleet.kiosks; ++k) {
    const std::string kiosk = "lobby-" + std::to_string(k);
    const fs::path folder = share / "journal" / kiosk;
    fs::create_directories(folder);
    for (int segment = 1; segment <= fleet.segmentsPerKiosk; ++segment) {
      const TimeMs at = kHistoryStart + segment * 60'000 + k;
      const std::string id = newUuidV7(at);
      JournalEvent event{newUuidV7(at), kiosk, segment, static_cast<std::uint64_t>(at) << 16, "nomination.created",
                         R"({"behaviour":"real-face","created_at":)" + std::to_string(at) + R"(,"id":")" + id +
                             R"(","nominator_id":"E2","nominee_id":"E)" + std::to_string(5001 + segment % fleet.photos) +
                             R"(","status":"approved","story":")" + kStory + R"(","visibility":"public"})"};
      writeFile(folder / segmentFileName(segment), encodeSegment(kiosk, segment, {event}));
    }
  }
  fs::create_directories(share / "roster/photos");
  std::string csv = std::string("employee_id,display_name,department,title,site,email,active,wall_consent\n");
  for (int person = 1; person <= fleet.photos; ++person) {
    const std::string id = "E" + std::to_string(5000 + person);
    csv += id + ",Colleague " + std::to_string(person) + ",Support,Agent,Lyon," + id + "@example.com,yes,yes\n";
    fs::copy_file(demoPhoto, share / "roster/photos" / (id + ".jpg"));
  }
  writeFile(share / "roster/employees.csv", csv);
}

// Folder times and the roster's an hour back, as a history written long ago leaves them (a fresh
// folder's time is not trusted until it is a little older than the kiosk's last heartbeat).
void ageShare(const fs::path& share) {
  const auto anHourAgo = fs::file_time_type::clock::now() - std::chrono::hours(1);
  for (const fs::path& path : {share / "journal", share / "roster", share / "roster/photos", share / "roster/employees.csv"})
    fs::last_write_time(path, anHourAgo);
  for (const auto& folder : fs::directory_iterator(share / "journal")) fs::last_write_time(folder.path(), anHourAgo);
}

struct Counted {
  int shareCalls = 0;  // file-system calls naming a path (or a descriptor) inside the share
  std::string trace;
};

// One no-change sync of a kiosk reading `fleet`'s share, under strace: calls that name a path or
// an open descriptor inside the share (opens, stats, directory reads, renames, removals).
Counted countNoChangeSync(const Fleet& fleet, const fs::path& demoPhoto) {
  TempDir dir;
  const fs::path share = fs::weakly_canonical(dir / "share");
  writeShare(share, demoPhoto, fleet);
  writeFile(dir / "kiosk.toml", "kiosk_id = \"reader\"\nsite = \"Lyon\"\ndata_dir = \"data\"\nshare_dir = \"" +
                                    share.string() + "\"\n");
  const auto sync = [&] { return run(dir, {"sync", "--config", (dir / "kiosk.toml").string()}); };
  const Run first = sync();  // imports the whole history and the roster
  REQUIRE_MESSAGE(first.exitCode == 0, first.err);
  REQUIRE(first.out.find("imported " + std::to_string(fleet.kiosks * fleet.segmentsPerKiosk) + " events") !=
          std::string::npos);
  ageShare(share);
  REQUIRE(sync().exitCode == 0);  // looks at every folder once more, and records their times
  const fs::path traceFile = dir / "strace.txt";
  const std::string command = "strace -f -y -qq -e trace=%file,getdents64 -o " + shellQuote(traceFile.string()) +
                              " " + shellQuote(WOF_BINARY) + " sync --config " +
                              shellQuote((dir / "kiosk.toml").string()) + " >" + shellQuote((dir / "out").string()) +
                              " 2>&1";
  const int status = std::system(command.c_str());
  REQUIRE_MESSAGE(WIFEXITED(status), command);
  REQUIRE_MESSAGE(WEXITSTATUS(status) == 0, readFile(dir / "out"));
  CHECK(readFile(dir / "out").find("imported 0 events") != std::string::npos);
  Counted counted;
  std::istringstream lines(readFile(traceFile));
  for (std::string line; std::getline(lines, line);) {
    if (line.find(share.string()) == std::string::npos) continue;
    ++counted.shareCalls;
    counted.trace += line + "\n";
  }
  return counted;
}

}  // namespace

TEST_CASE("a sync with nothing new reads as much of the share after years as after a week, and more with more kiosks") {
  REQUIRE_MESSAGE(std::system("command -v strace >/dev/null 2>&1") == 0,
                  "strace is not installed (scripts/dev.sh test installs it)");
  TempDir demo;
  REQUIRE(run(demo, {"demo-data", "--out", (demo / "share").string()}).exitCode == 0);
  fs::path demoPhoto;
  for (const auto& entry : fs::directory_iterator(demo / "share/roster/photos"))
    if (entry.path().extension() == ".jpg") demoPhoto = entry.path();
  REQUIRE_FALSE(demoPhoto.empty());

  const Counted week = countNoChangeSync({3, 50, 20}, demoPhoto);
  const Counted years = countNoChangeSync({3, 2000, 200}, demoPhoto);
  const Counted wider = countNoChangeSync({6, 50, 20}, demoPhoto);
  MESSAGE("share calls of a no-change sync: 3 kiosks x 50 segments, 20 photos: " << week.shareCalls
          << "; 3 x 2,000, 200 photos: " << years.shareCalls << "; 6 x 50, 20 photos: " << wider.shareCalls);
  INFO("3 x 50:\n" << week.trace << "\n3 x 2,000:\n" << years.trace);
  // The same calls whatever the history: a listing of journal/ and status/ (a few entries), one
  // look at each kiosk folder's time, the roster's times.
  CHECK(years.shareCalls == week.shareCalls);
  CHECK(week.shareCalls < 100);
  // Each kiosk folder is looked at: three more kiosks, at least three more calls.
  CHECK(wider.shareCalls >= week.shareCalls + 3);
}
