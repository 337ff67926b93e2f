// Disk faults for tests: a tiny tmpfs that fills up or goes read-only, and a main() that re-runs
// the test program as root of a private user and mount namespace where mounting one is allowed.
// Header-only; for test programs with their own main() (DOCTEST_CONFIG_IMPLEMENT).
#pragma once

#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "support/cli_support.hpp"

namespace wof::test::tmpfs {

// ctest's SKIP_RETURN_CODE for these programs: mounting is not allowed here.
constexpr int kSkipped = 77;

// Runs a shell command; its stderr comes back in `error`.
inline bool shell(const std::string& command, std::string* error = nullptr) {
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
    m_mounted = shell("mount -t tmpfs -o size=" + size + " tmpfs " + cli::shellQuote(m_dir.string()), &error);
    REQUIRE_MESSAGE(m_mounted, error);
  }
  ~Tmpfs() {
    if (m_mounted) shell("umount -l " + cli::shellQuote(m_dir.string()));
  }
  Tmpfs(const Tmpfs&) = delete;
  Tmpfs& operator=(const Tmpfs&) = delete;
  void remount(const char* mode) {
    std::string error;
    REQUIRE_MESSAGE(shell(std::string("mount -o remount,") + mode + " " + cli::shellQuote(m_dir.string()), &error), error);
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

inline bool canMountTmpfs(std::string& why) {
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

// The test program's main(): not root, it runs itself again as root of a private user and mount
// namespace (`unshare -rm`), where mounting a tmpfs is allowed and touches nothing outside; where
// neither works it says why and returns kSkipped.
inline int runWhereTmpfsMounts(int argc, char** argv) {
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

}  // namespace wof::test::tmpfs
