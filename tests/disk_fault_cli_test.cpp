// Spec: disk faults. The kiosk's data dir and the share's journal sit on tiny tmpfs mounts that
// fill up and go read-only under the real `wall-of-fame` processes. A nomination is refused with
// a message that names the fault, nothing is half-saved, and the next try works once the disk is
// back; events wait for a full or read-only share and publish when it returns.
// Needs mount(2): as root, or else inside `unshare -rm` (main() below re-runs itself there). Where
// neither is allowed the test exits 77, which ctest reports as skipped (SKIP_RETURN_CODE).
#define DOCTEST_CONFIG_IMPLEMENT  // main() below: it may re-run itself in a user namespace first
#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <vector>

#include "cli_support.hpp"
#include "core/database.hpp"
#include "test_support.hpp"

using namespace wof::test;
using namespace wof::test::cli;

namespace {

constexpr int kSkipped = 77;

// Runs a shell command; its stderr comes back in `error`.
bool shell(const std::string& command, std::string* error = nullptr) {
  const std::string log = "/tmp/wof-disk-fault-" + std::to_string(::getpid()) + ".log";
  const int status = std::system((command + " 2>" + log).c_str());
  if (error) {
    std::ifstream in(log);
    error->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::remove(log.c_str());
  return status == 0;
}

// A tmpfs of `size` (mount(8) syntax) on `dir`, unmounted on destruction.
class Tmpfs {
 public:
  Tmpfs(std::filesystem::path dir, const std::string& size) : m_dir(std::move(dir)) {
    std::filesystem::create_directories(m_dir);
    std::string error;
    m_mounted = shell("mount -t tmpfs -o size=" + size + " tmpfs " + shellQuote(m_dir.string()), &error);
    REQUIRE_MESSAGE(m_mounted, error);
  }
  ~Tmpfs() {
    if (m_mounted) shell("umount -l " + shellQuote(m_dir.string()));
  }
  Tmpfs(const Tmpfs&) = delete;
  Tmpfs& operator=(const Tmpfs&) = delete;
  void remount(const char* mode) {
    std::string error;
    REQUIRE_MESSAGE(shell(std::string("mount -o remount,") + mode + " " + shellQuote(m_dir.string()), &error), error);
  }
  // Writes a file until not one more byte fits; returns its path.
  std::filesystem::path fill() {
    const std::filesystem::path filler = m_dir / "filler";
    const int fd = ::open(filler.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    REQUIRE(fd >= 0);
    const std::string block(1 << 16, 'x');
    for (std::size_t chunk = block.size(); chunk > 0; chunk /= 2)
      while (::write(fd, block.data(), chunk) == static_cast<ssize_t>(chunk)) {
      }
    ::close(fd);
    return filler;
  }

 private:
  std::filesystem::path m_dir;
  bool m_mounted = false;
};

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

namespace {

bool canMountTmpfs(std::string& why) {
  char scratch[] = "/tmp/wof-mount-probe-XXXXXX";
  if (!::mkdtemp(scratch)) {
    why = "cannot make a temporary folder";
    return false;
  }
  const bool mounted = shell(std::string("mount -t tmpfs -o size=1m tmpfs ") + scratch, &why);
  if (mounted) shell(std::string("umount ") + scratch);
  ::rmdir(scratch);
  return mounted;
}

}  // namespace

int main(int argc, char** argv) {
  // Not root: try again as root of a private user and mount namespace, where mounting a tmpfs
  // is allowed and touches nothing outside.
  if (::geteuid() != 0 && !std::getenv("WOF_IN_USER_NAMESPACE") && shell("unshare -rm true")) {
    ::setenv("WOF_IN_USER_NAMESPACE", "1", 1);
    std::vector<char*> args{const_cast<char*>("unshare"), const_cast<char*>("-rm"), const_cast<char*>("--")};
    for (int a = 0; a < argc; ++a) args.push_back(argv[a]);
    args.push_back(nullptr);
    ::execvp("unshare", args.data());
  }
  std::string why;
  if (!canMountTmpfs(why)) {
    std::fprintf(stderr, "SKIPPED: the disk-fault tests need to mount a tmpfs (root or `unshare -rm`): %s\n",
                 why.c_str());
    return kSkipped;
  }
  doctest::Context context(argc, argv);
  return context.run();
}
