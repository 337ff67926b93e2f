// Spec: the real kiosk binary on a private Xvfb server, started the way systemd starts a
// Type=notify unit (NOTIFY_SOCKET, WATCHDOG_USEC, WATCHDOG_PID): it says READY=1 after its first
// frame and WATCHDOG=1 at half the timeout, also while it sleeps dark outside its screen hours;
// a stopped (hung) kiosk stops pinging, so systemd would restart it. Outside its hours the screen
// is black and a tap wakes it.
#include <doctest/doctest.h>

#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "support/test_support.hpp"
#include "support/ui_support.hpp"

using namespace wof::test;
using namespace wof::test::ui;
using namespace std::chrono_literals;

namespace {

constexpr int kWidth = 800;
constexpr int kHeight = 600;
constexpr std::uint32_t kWallBackground = 0xF5EFE6;
constexpr std::uint32_t kBlack = 0x000000;

// systemd's end of the notify protocol: an AF_UNIX datagram socket in a temp folder.
class NotifySocket {
 public:
  explicit NotifySocket(const std::filesystem::path& path) : m_path(path) {
    m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    REQUIRE(m_fd >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    REQUIRE(path.string().size() < sizeof address.sun_path);
    std::strcpy(address.sun_path, path.c_str());
    REQUIRE(::bind(m_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
  }
  ~NotifySocket() { ::close(m_fd); }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  // The next message, or "" when none arrives within `limit`.
  std::string receive(std::chrono::milliseconds limit) {
    pollfd ready{m_fd, POLLIN, 0};
    if (::poll(&ready, 1, static_cast<int>(limit.count())) <= 0) return "";
    char buffer[4096];
    const ssize_t got = ::recv(m_fd, buffer, sizeof buffer, 0);
    return got > 0 ? std::string(buffer, static_cast<std::size_t>(got)) : "";
  }
  // Waits for a message holding `line`, skipping others (STATUS=...); false after `limit`.
  bool waitFor(const std::string& line, std::chrono::milliseconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (true) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      const std::string message = receive(left);
      m_seen += message + "\n";
      if (message.find(line) != std::string::npos) return true;
    }
  }
  void drain() {
    while (!receive(0ms).empty()) {
    }
  }
  const std::string& seen() const { return m_seen; }

 private:
  std::filesystem::path m_path;
  int m_fd = -1;
  std::string m_seen;
};

// A stand-alone kiosk (no share) on its own screen, started as systemd would with a watchdog of
// `watchdogSeconds`.
struct NotifiedKiosk {
  TempDir dir;
  VirtualScreen screen{dir, {kWidth, kHeight}};
  NotifySocket notify{dir / "notify"};
  pid_t pid = -1;

  NotifiedKiosk(const std::string& extraConfig, int watchdogSeconds) {
    writeFile(dir / "kiosk.toml", "kiosk_id = \"ops-test\"\nsite = \"Lyon\"\ndata_dir = \"data\"\n"
                                  "[display]\nfullscreen = false\n" + extraConfig);
    pid = spawn({WOF_BINARY, "kiosk", "--config", (dir / "kiosk.toml").string(), "--windowed",
                 std::to_string(kWidth) + "x" + std::to_string(kHeight)},
                dir / "kiosk.log", screen.name(),
                {"NOTIFY_SOCKET=" + (dir / "notify").string(),
                 "WATCHDOG_USEC=" + std::to_string(watchdogSeconds * 1'000'000), "WATCHDOG_PID="});
  }
  ~NotifiedKiosk() { stop(pid); }
  std::string log() const { return readFile(dir / "kiosk.log") + "\nnotify messages:\n" + notify.seen(); }
};

std::string allDaysOff() {
  std::string schedule = "[schedule]\nwake_minutes = 1\n";
  for (const char* day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) schedule += std::string(day) + " = \"off\"\n";
  return schedule;
}

}  // namespace

TEST_CASE("the kiosk tells systemd it is ready, pings its watchdog, and a stopped kiosk falls silent") {
  constexpr int kWatchdogSeconds = 6;  // pings every 3 s; systemd would restart after 6 s without
  NotifiedKiosk kiosk("", kWatchdogSeconds);
  REQUIRE_MESSAGE(kiosk.notify.waitFor("READY=1", 120s), kiosk.log());
  CHECK(kiosk.screen.waitForColour(4, 4, kWallBackground, 30s));  // ready means the wall is up
  // An idle wall sleeps up to a minute between frames; every ping still comes within the timeout.
  for (int ping = 0; ping < 3; ++ping)
    REQUIRE_MESSAGE(kiosk.notify.waitFor("WATCHDOG=1", std::chrono::seconds(kWatchdogSeconds)), kiosk.log());

  // Hung: nothing runs, nothing pings, for a whole timeout.
  REQUIRE(::kill(kiosk.pid, SIGSTOP) == 0);
  int status = 0;
  REQUIRE(::waitpid(kiosk.pid, &status, WUNTRACED) == kiosk.pid);
  REQUIRE(WIFSTOPPED(status));
  kiosk.notify.drain();  // pings sent before it stopped
  CHECK(kiosk.notify.receive(std::chrono::seconds(kWatchdogSeconds)).empty());

  // Running again, it pings again (the silence above was the stop, not a broken socket).
  REQUIRE(::kill(kiosk.pid, SIGCONT) == 0);
  CHECK_MESSAGE(kiosk.notify.waitFor("WATCHDOG=1", std::chrono::seconds(kWatchdogSeconds)), kiosk.log());
}

TEST_CASE("outside its hours the kiosk is black, keeps pinging while it sleeps, and a tap wakes it") {
  constexpr int kWatchdogSeconds = 4;
  NotifiedKiosk kiosk(allDaysOff(), kWatchdogSeconds);
  REQUIRE_MESSAGE(kiosk.notify.waitFor("READY=1", 120s), kiosk.log());
  CHECK_MESSAGE(kiosk.notify.waitFor("STATUS=Screen off (schedule)", 10s), kiosk.log());
  CHECK_MESSAGE(kiosk.screen.waitForColour(kWidth / 2, kHeight / 2, kBlack, 30s), kiosk.log());
  CHECK(kiosk.screen.pixel(4, 4) == kBlack);
  // Dark, it sleeps on events with a long timeout; the watchdog cap still wakes it in time.
  for (int ping = 0; ping < 2; ++ping)
    REQUIRE_MESSAGE(kiosk.notify.waitFor("WATCHDOG=1", std::chrono::seconds(kWatchdogSeconds)), kiosk.log());

  kiosk.screen.tap(kWidth / 2, kHeight / 2);
  CHECK_MESSAGE(kiosk.screen.waitForColour(4, 4, kWallBackground, 30s), kiosk.log());
  CHECK(kiosk.notify.waitFor("STATUS=Showing the wall", 10s));
  CHECK(readFile(kiosk.dir / "kiosk.log").find("ui: screen on") != std::string::npos);
}
