// Spec: the shared folder at fleet scale and when it fails for real: a 10,000-person roster
// through sync, a photo over the size cap, and a share that is a real tmpfs which fills up or
// goes read-only. Nothing is lost; events queue and publish when the share recovers.
#include <doctest/doctest.h>

#include <sys/mount.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>

#include "core/photos/photo.hpp"
#include "core/roster/roster_csv.hpp"
#include "core/sync/sync.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;
namespace fs = std::filesystem;

namespace {

SyncOptions optionsFor(const fs::path& root, const fs::path& share) {
  SyncOptions options;
  options.shareDir = share;
  options.dataDir = root / "data";
  options.photosDir = root / "data/photos";
  options.version = "test";
  return options;
}

bool anyLineHas(const std::vector<std::string>& lines, std::string_view text) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& line) { return line.find(text) != std::string::npos; });
}

std::string rosterOf(int people, int skipEvery = 0) {
  std::string csv = std::string(kRosterHeader) + "\n";
  for (int i = 1; i <= people; ++i) {
    if (skipEvery && i % skipEvery == 0) continue;
    const std::string id = "E" + std::to_string(10000 + i);
    csv += id + ",Person " + std::to_string(i) + " Müller,Department " + std::to_string(i % 37) + ",Agent,Site " +
           std::to_string(i % 5) + "," + id + "@example.com,yes," + (i % 10 == 0 ? "no" : "yes") + "\n";
  }
  return csv;
}

// A real tmpfs of `bytes` mounted on `dir`, unmounted on destruction. Needs CAP_SYS_ADMIN (root
// on a normal machine or CI runner); without it, mounted() is false and says why.
class TmpfsMount {
 public:
  TmpfsMount(const fs::path& dir, std::size_t bytes) : m_dir(dir) {
    fs::create_directories(dir);
    const std::string options = "size=" + std::to_string(bytes) + ",mode=0777";
    if (::mount("tmpfs", dir.c_str(), "tmpfs", 0, options.c_str()) == 0) {
      m_mounted = true;
    } else {
      m_problem = std::strerror(errno);
    }
  }
  ~TmpfsMount() {
    if (m_mounted) ::umount2(m_dir.c_str(), MNT_DETACH);
  }
  TmpfsMount(const TmpfsMount&) = delete;
  TmpfsMount& operator=(const TmpfsMount&) = delete;
  bool mounted() const { return m_mounted; }
  const std::string& problem() const { return m_problem; }
  bool remount(bool readOnly) {
    const unsigned long flags = MS_REMOUNT | (readOnly ? MS_RDONLY : 0);
    return ::mount("tmpfs", m_dir.c_str(), "tmpfs", flags, nullptr) == 0;
  }

 private:
  fs::path m_dir;
  bool m_mounted = false;
  std::string m_problem;
};

// Fills the file system holding `dir` to the last block.
void fillUp(const fs::path& dir) {
  std::ofstream ballast(dir / "ballast.bin", std::ios::binary);
  const std::string block(64 * 1024, 'x');
  while (ballast.write(block.data(), static_cast<std::streamsize>(block.size()))) {
  }
  ballast.clear();
  ballast.close();
  std::ofstream small(dir / "ballast-tail.bin", std::ios::binary);
  for (int i = 0; i < 65536 && small.put('x'); ++i) small.flush();
}

}  // namespace

TEST_CASE("a 10,000-person roster imports through sync; the next export makes the leavers inactive") {
  TempDir root;
  const fs::path share = root / "share";
  writeFile(share / "roster/employees.csv", rosterOf(10000));
  fs::create_directories(root / "data");
  Store store(root / "data/kiosk.db", "kiosk-a");

  const SyncReport first = syncWithShare(store, optionsFor(root.path(), share), kNow);
  REQUIRE(anyLineHas(first.rosterMessages, "roster imported: 10000 added"));
  CHECK(store.counts().employees == 10000);
  CHECK(store.counts().activeEmployees == 10000);
  const std::vector<Employee> found = store.searchEmployees("person 9999 mull", 5);
  REQUIRE(found.size() == 1);
  CHECK(found[0].id == "E19999");

  // Every 100th person left: they stay in history, inactive.
  writeFile(share / "roster/employees.csv", rosterOf(10000, 100));
  const SyncReport second = syncWithShare(store, optionsFor(root.path(), share), kNow + 1);
  const std::string said = second.rosterMessages.empty() ? "no roster message" : second.rosterMessages[0];
  INFO(said);
  CHECK(anyLineHas(second.rosterMessages, "100 now inactive"));
  CHECK(store.counts().employees == 10000);
  CHECK(store.counts().activeEmployees == 9900);
  REQUIRE(store.employee("E10100"));
  CHECK_FALSE(store.employee("E10100")->active);
}

TEST_CASE("a photo over the size cap on the share is refused with its name, and the good one stays") {
  TempDir root;
  const fs::path share = root / "share";
  writeFile(share / "roster/employees.csv", std::string(kRosterHeader) + "\nE1,Ana Lima,Support,Agent,Lyon,a@x,yes,yes\n");
  fs::create_directories(share / "roster/photos");
  REQUIRE(writeImage(share / "roster/photos/E1.png", Rgba{4, 4, std::vector<std::uint8_t>(64, 120)}));
  fs::create_directories(root / "data");
  Store store(root / "data/kiosk.db", "kiosk-a");
  REQUIRE(syncWithShare(store, optionsFor(root.path(), share), kNow).completed());
  REQUIRE(store.employee("E1")->photoFile == "E1.png");
  const std::string goodCopy = readFile(root / "data/photos/E1.png");

  // HR drops a 21 MB "photo" over the good one: a valid PNG header, then padding.
  const std::string header = readFile(share / "roster/photos/E1.png");
  fs::remove(share / "roster/photos/E1.png");
  writeFile(share / "roster/photos/E1.png", header + std::string(kMaxPhotoBytes + (1u << 20), '\0'));
  const SyncReport report = syncWithShare(store, optionsFor(root.path(), share), kNow + 1);
  CHECK(anyLineHas(report.rosterMessages, "E1.png"));
  CHECK(anyLineHas(report.rosterMessages, "over the limit"));
  CHECK(readFile(root / "data/photos/E1.png") == goodCopy);
  CHECK(store.employee("E1")->photoFile == "E1.png");
}

TEST_CASE("a share that fills up or goes read-only loses nothing: events queue and publish when it recovers") {
  if (::geteuid() != 0) {
    MESSAGE("skipped: mounting a small tmpfs as the share needs root");
    return;
  }
  TempDir root;
  const fs::path share = root / "share";
  TmpfsMount mount(share, 256 * 1024);
  if (!mount.mounted()) {
    MESSAGE("skipped: cannot mount a tmpfs here: " << mount.problem());
    return;
  }
  fs::create_directories(root / "data");
  Store store(root / "data/kiosk.db", "kiosk-a");
  store.replaceRoster(sampleRoster());
  const NominationPolicy policy{ModerationPolicy::Auto, 1000};
  auto nominate = [&](const std::string& nominee, TimeMs at) {
    const SubmitOutcome outcome = store.submitNomination(
        {nominee, "real-face", kGoodStory, "E2", NominatorVisibility::Public}, at, policy);
    REQUIRE(outcome.nomination);
    return outcome.nomination->id;
  };
  const SyncOptions options = optionsFor(root.path(), share);
  nominate("E1", kNow);
  REQUIRE(syncWithShare(store, options, kNow).completed());  // the kiosk's folders exist now

  SUBCASE("full") {
    fillUp(share);
    nominate("E3", kNow + 10);
    nominate("E4", kNow + 11);
    const SyncReport full = syncWithShare(store, options, kNow + 20);
    CHECK(full.shareReachable);
    CHECK_FALSE(full.completed());
    CHECK(full.publishProblem.find("stay queued") != std::string::npos);
    CHECK(full.pendingEvents == 2);
    // No half-written segment is left for other kiosks to trip over.
    for (const auto& entry : fs::directory_iterator(share / "journal/kiosk-a")) {
      const std::string name = entry.path().filename().string();
      CHECK_MESSAGE(name.find(".tmp") == std::string::npos, "leftover temp file " << name);
    }
    fs::remove(share / "ballast.bin");
    fs::remove(share / "ballast-tail.bin");
  }
  SUBCASE("read-only") {
    REQUIRE(mount.remount(true));
    nominate("E3", kNow + 10);
    nominate("E4", kNow + 11);
    const SyncReport readOnly = syncWithShare(store, options, kNow + 20);
    CHECK_FALSE(readOnly.completed());
    CHECK_FALSE(readOnly.publishProblem.empty());
    CHECK(readOnly.pendingEvents == 2);
    REQUIRE(mount.remount(false));
  }

  const SyncReport back = syncWithShare(store, options, kNow + 30);
  CHECK(back.completed());
  CHECK(back.publishedEvents == 2);
  CHECK(back.pendingEvents == 0);

  // A second kiosk sees all three nominations.
  fs::create_directories(root / "data-b");
  Store other(root / "data-b/kiosk.db", "kiosk-b");
  other.replaceRoster(sampleRoster());
  SyncOptions otherOptions = options;
  otherOptions.dataDir = root / "data-b";
  otherOptions.photosDir = root / "data-b/photos";
  const SyncReport seen = syncWithShare(other, otherOptions, kNow + 40);
  CHECK(seen.importedEvents == 3);
}

TEST_CASE("new installs claiming one kiosk id at the same instant: exactly one wins, the rest refuse") {
  for (int round = 0; round < 5; ++round) {
    CAPTURE(round);
    TempDir root;
    const fs::path share = root / "share";
    fs::create_directories(share);
    constexpr int kInstalls = 6;
    std::vector<std::unique_ptr<Store>> stores;
    for (int i = 0; i < kInstalls; ++i) {
      const fs::path data = root / ("data-" + std::to_string(i));
      fs::create_directories(data);
      stores.push_back(std::make_unique<Store>(data / "kiosk.db", "lobby"));
      stores.back()->replaceRoster(sampleRoster());
      REQUIRE(stores.back()->submitNomination({"E1", "real-face", kGoodStory, std::nullopt, NominatorVisibility::Anonymous},
                                              kNow + i, {ModerationPolicy::Auto, 1000}).nomination);
      stores.back()->installId();  // made before the race, as a kiosk's first start does
    }
    std::vector<SyncReport> reports(kInstalls);
    std::vector<std::thread> threads;
    for (int i = 0; i < kInstalls; ++i) {
      threads.emplace_back([&, i] {
        publishPendingEvents(*stores[i], share, kNow + 100, reports[i]);
      });
    }
    for (std::thread& thread : threads) thread.join();
    int winners = 0;
    for (const SyncReport& report : reports) {
      if (report.publishedEvents == 1) {
        ++winners;
      } else {
        CHECK(report.publishProblem.find("already used by another installation") != std::string::npos);
      }
    }
    CHECK(winners == 1);
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(share / "journal/lobby")) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    REQUIRE(names.size() == 2);  // the winner's segment 1, named by its install, and the claim
    CHECK(wof::core::classifyJournalName(names[0]).segment == 1);
    CHECK(names[1] == "owner.json");
  }
}
