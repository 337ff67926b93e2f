// Spec: disk faults. The kiosk's data dir and the share's journal sit on tiny tmpfs mounts that
// fill up and go read-only under the real `wall-of-fame` processes. A nomination is refused with
// a message that names the fault, nothing is half-saved, and the next try works once the disk is
// back; events wait for a full or read-only share and publish when it returns.
// Needs mount(2): as root, or else inside `unshare -rm` (main() below re-runs itself there). Where
// neither is allowed the test exits 77, which ctest reports as skipped (SKIP_RETURN_CODE). See
// tmpfs_support.hpp.
#define DOCTEST_CONFIG_IMPLEMENT  // main() below: it may re-run itself in a user namespace first
#include <doctest/doctest.h>

#include "support/cli_support.hpp"
#include "core/storage/database.hpp"
#include "support/test_support.hpp"
#include "support/tmpfs_support.hpp"

using namespace wof::test;
using namespace wof::test::cli;
using namespace wof::test::tmpfs;

namespace {

struct Counts {
  std::int64_t nominations = 0;
  std::int64_t createdEvents = 0;
  bool operator==(const Counts&) const = default;
};

// Opens the database as the next run would and checks it is whole.
Counts countsOf(const std::filesystem::path& database) {
  wof::core::Database db(database);
  wof::core::Statement integrity = db.prepare("PRAGMA integrity_check");
  REQUIRE(integrity.step());
  CHECK(integrity.getText(0) == "ok");
  return {db.queryInt("SELECT COUNT(*) FROM nominations"),
          db.queryInt("SELECT COUNT(*) FROM outbox WHERE type = 'nomination.created'")};
}

Run nominate(Kiosk& kiosk) {
  return kiosk({"nominate", "--nominee", "E1001", "--behaviour", "real-face", "--story", kStory});
}

}  // namespace

TEST_CASE("a full or read-only data dir refuses a nomination with a message, saves nothing half, and recovers") {
  Kiosk kiosk;
  Tmpfs data(kiosk.dir / "data", "24m");
  kiosk.withDemoRoster();
  const Run first = nominate(kiosk);
  REQUIRE_MESSAGE(first.exitCode == 0, first.err);
  const Counts before = countsOf(kiosk.database());
  REQUIRE(before == Counts{1, 1});

  SUBCASE("disk full") {
    const std::filesystem::path filler = data.fill();
    const Run refused = nominate(kiosk);
    CHECK(refused.exitCode != 0);
    CHECK(refused.out.empty());  // no id: nothing acknowledged
    CHECK_MESSAGE(refused.err.find("Nomination not saved: the disk holding data_dir") != std::string::npos, refused.err);
    CHECK_MESSAGE(refused.err.find(" is full; nothing was written") != std::string::npos, refused.err);
    std::filesystem::remove(filler);
  }
  SUBCASE("read-only") {
    data.remount("ro");
    const Run refused = nominate(kiosk);
    CHECK(refused.exitCode != 0);
    CHECK(refused.out.empty());
    CHECK_MESSAGE(refused.err.find(" is read-only; nothing was written") != std::string::npos, refused.err);
    data.remount("rw");
  }
  CHECK(countsOf(kiosk.database()) == before);  // nothing half-saved
  const Run again = nominate(kiosk);
  CHECK_MESSAGE(again.exitCode == 0, again.err);
  CHECK(countsOf(kiosk.database()) == Counts{2, 2});
}

TEST_CASE("a full or read-only share keeps events queued, says why, and publishes when it is back") {
  Kiosk kiosk;
  kiosk.withDemoRoster();
  Tmpfs journal(kiosk.dir / "share" / "journal", "1m");
  REQUIRE(kiosk({"sync"}).exitCode == 0);
  REQUIRE(nominate(kiosk).exitCode == 0);
  REQUIRE(nominate(kiosk).exitCode == 0);

  std::filesystem::path filler;
  SUBCASE("share full") { filler = journal.fill(); }
  SUBCASE("share read-only") { journal.remount("ro"); }
  const Run refused = kiosk({"sync"});
  CHECK(refused.exitCode != 0);
  const std::string said = refused.out + refused.err;
  CHECK_MESSAGE((said.find("No space left on device") != std::string::npos ||
                 said.find("Read-only file system") != std::string::npos),
                said);
  CHECK_MESSAGE(said.find("pending 2 events") != std::string::npos, said);

  if (filler.empty()) journal.remount("rw");
  else std::filesystem::remove(filler);
  const Run back = kiosk({"sync"});
  CHECK_MESSAGE(back.exitCode == 0, back.err);
  CHECK_MESSAGE(back.out.find("published 2 events") != std::string::npos, back.out);
  CHECK(back.out.find("pending 0 events") != std::string::npos);
}

int main(int argc, char** argv) { return wof::test::tmpfs::runWhereTmpfsMounts(argc, argv); }
