// Helpers for the UI tests: a private Xvfb server, XTest as the finger, the real kiosk binary on
// a real database in a temp folder, and where the screens put their buttons. Header-only;
// WOF_BINARY is set by tests/CMakeLists.txt. Geometry mirrors the layout the screens draw (see
// keyboard.cpp, nominate_screen.cpp, person_screen.cpp, pin_pad.hpp and admin_screen.cpp).
// Set WOF_SCREENSHOT_DIR to keep a PNG of each screen a test keeps (docs/screenshots).
#pragma once

#include <doctest/doctest.h>

#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "core/photos/photo.hpp"
#include "core/config/config.hpp"
#include "core/config/data_dir.hpp"
#include "core/storage/store.hpp"
#include "support/test_support.hpp"

namespace wof::test::ui {

using namespace std::chrono_literals;

// The screen the fixture's X server and kiosk use.
struct Size {
  int width;
  int height;
};

// [SECTION] processes

// Starts `args` (looked up on PATH) with stdout and stderr in `log`; `display` sets DISPLAY, and
// `environment` entries are "NAME=value" ("WATCHDOG_PID=" gets the child's own pid, as systemd
// sets it). Inherited descriptors stay open: Xvfb writes its display number to one.
inline pid_t spawn(const std::vector<std::string>& args, const std::filesystem::path& log,
                   const std::string& display = "", const std::vector<std::string>& environment = {}) {
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (!display.empty()) ::setenv("DISPLAY", display.c_str(), 1);
    for (const std::string& entry : environment) {
      const std::size_t equals = entry.find('=');
      std::string value = entry.substr(equals + 1);
      if (entry.starts_with("WATCHDOG_PID=")) value = std::to_string(::getpid());
      ::setenv(entry.substr(0, equals).c_str(), value.c_str(), 1);
    }
    if (FILE* out = std::fopen(log.c_str(), "w")) {
      ::dup2(fileno(out), 1);
      ::dup2(fileno(out), 2);
    }
    std::vector<char*> argv;
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    ::execvp(argv[0], argv.data());
    std::_Exit(127);
  }
  return pid;
}

// Stops and reaps `pid`; a stopped (SIGSTOP) process is woken first so it can handle SIGTERM.
inline int stop(pid_t pid) {
  if (pid <= 0) return -1;
  ::kill(pid, SIGCONT);
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

// Runs the real binary to the end with its output in `log`; REQUIREs exit status 0.
inline void runCli(std::vector<std::string> args, const std::filesystem::path& log) {
  args.insert(args.begin(), WOF_BINARY);
  const pid_t pid = spawn(args, log);
  int status = 0;
  ::waitpid(pid, &status, 0);
  INFO(readFile(log));
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
}

// [SECTION] a private X server and a finger on it

class VirtualScreen {
 public:
  VirtualScreen(const TempDir& dir, Size size) : m_size(size) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    m_pid = spawn({"Xvfb", "-displayfd", std::to_string(fds[1]), "-screen", "0",
                   std::to_string(size.width) + "x" + std::to_string(size.height) + "x24", "-nolisten", "tcp"},
                  dir / "xvfb.log");
    ::close(fds[1]);
    char buffer[32] = {};
    const ssize_t got = ::read(fds[0], buffer, sizeof buffer - 1);
    ::close(fds[0]);
    REQUIRE(got > 0);
    m_name = ":" + std::string(buffer, std::strcspn(buffer, "\n"));
    m_display = XOpenDisplay(m_name.c_str());
    REQUIRE(m_display != nullptr);
  }
  ~VirtualScreen() {
    if (m_display) XCloseDisplay(m_display);
    stop(m_pid);
  }
  VirtualScreen(const VirtualScreen&) = delete;
  VirtualScreen& operator=(const VirtualScreen&) = delete;
  const std::string& name() const { return m_name; }
  Size size() const { return m_size; }

  // A finger: down at (x, y), a short rest, up; then waits until the kiosk has drawn its answer.
  void tap(int x, int y) { longPress(x, y, 100ms); }
  // A tap whose answer is that the kiosk exits: nothing will be drawn.
  void tapToQuit(int x, int y) {
    const std::filesystem::path settled = std::exchange(m_settledFile, {});
    tap(x, y);
    m_settledFile = settled;
  }

  // A finger held still at (x, y) for `hold`, then up; waits until the kiosk has drawn its answer.
  // The finger stays down until a frame has seen it down: on a loaded machine a frame can take
  // longer than `hold`, and a press and release read in one frame would be no tap at all.
  void longPress(int x, int y, std::chrono::milliseconds hold) {
    XTestFakeMotionEvent(m_display, -1, x, y, CurrentTime);
    XSync(m_display, False);
    std::this_thread::sleep_for(40ms);
    XTestFakeButtonEvent(m_display, 1, True, CurrentTime);
    XSync(m_display, False);
    const auto pressed = std::chrono::steady_clock::now();
    waitUntilDrawn(pressed);
    std::this_thread::sleep_until(pressed + hold);
    XTestFakeButtonEvent(m_display, 1, False, CurrentTime);
    XSync(m_display, False);  // the server has handled the release: it is on its way to the kiosk
    waitUntilDrawn(std::chrono::steady_clock::now());
  }

  // The kiosk under test writes the time of its latest event poll to this file once the frames
  // after input are shown (WOF_SETTLED_FILE): a poll after `sent` has read everything sent before.
  void reportSettledTo(std::filesystem::path file) { m_settledFile = std::move(file); }
  void waitUntilDrawn(std::chrono::steady_clock::time_point sent) {
    if (m_settledFile.empty()) {
      std::this_thread::sleep_for(250ms);
      return;
    }
    const long long sentNs = std::chrono::duration_cast<std::chrono::nanoseconds>(sent.time_since_epoch()).count();
    const auto until = std::chrono::steady_clock::now() + 30s;  // a very slow frame, not a hang: go on
    while (std::chrono::steady_clock::now() < until) {
      std::ifstream in(m_settledFile);
      long long polledNs = 0;
      if (in >> polledNs && polledNs > sentNs) return;
      std::this_thread::sleep_for(10ms);
    }
    MESSAGE("the kiosk drew nothing for 30 s after a tap");
  }

  // A key on a physical keyboard: down, up, then time for the kiosk to answer.
  void pressKey(KeySym key) {
    const KeyCode code = XKeysymToKeycode(m_display, key);
    XTestFakeKeyEvent(m_display, code, True, CurrentTime);
    XFlush(m_display);
    std::this_thread::sleep_for(60ms);
    XTestFakeKeyEvent(m_display, code, False, CurrentTime);
    XFlush(m_display);
    std::this_thread::sleep_for(750ms);
  }

  // A tap, then time for a new screen to be drawn before looking at it.
  void tapAndSettle(int x, int y) {
    tap(x, y);
    std::this_thread::sleep_for(500ms);
  }

  core::Rgba screenshot() {
    const int width = m_size.width;
    const int height = m_size.height;
    XImage* image = XGetImage(m_display, DefaultRootWindow(m_display), 0, 0, width, height, AllPlanes, ZPixmap);
    REQUIRE(image != nullptr);
    core::Rgba rgba{width, height, std::vector<std::uint8_t>(std::size_t(width) * height * 4)};
    for (int y = 0; y < height; ++y) {
      for (int x = 0; x < width; ++x) {
        const unsigned long pixel = XGetPixel(image, x, y);
        std::uint8_t* out = &rgba.pixels[(std::size_t(y) * width + x) * 4];
        out[0] = (pixel >> 16) & 0xFF;
        out[1] = (pixel >> 8) & 0xFF;
        out[2] = pixel & 0xFF;
        out[3] = 255;
      }
    }
    XDestroyImage(image);
    return rgba;
  }

  // Waits until the pixel at (x, y) has the colour `rgb`, i.e. the screen that draws it is up.
  bool waitForColour(int x, int y, std::uint32_t rgb, std::chrono::seconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      if (pixel(x, y) == rgb) return true;
      std::this_thread::sleep_for(100ms);
    }
    return false;
  }

  // The pixel's 0xRRGGBB, or 0xFFFFFFFF when the server gave no image.
  std::uint32_t pixel(int x, int y) {
    XImage* image = XGetImage(m_display, DefaultRootWindow(m_display), x, y, 1, 1, AllPlanes, ZPixmap);
    if (!image) return 0xFFFFFFFF;
    const std::uint32_t value = XGetPixel(image, 0, 0) & 0xFFFFFF;
    XDestroyImage(image);
    return value;
  }

  void keep(const std::string& name) {
    if (const char* dir = std::getenv("WOF_SCREENSHOT_DIR"))
      core::writeImage(std::filesystem::path(dir) / name, screenshot());
  }

 private:
  Size m_size;
  pid_t m_pid = -1;
  std::string m_name;
  Display* m_display = nullptr;
  std::filesystem::path m_settledFile;
};

constexpr std::uint32_t kBackground = 0xF5EFE6;
constexpr std::uint32_t kSurface = 0xFFFCF7;  // cards

// [SECTION] the kiosk on that screen

// A kiosk with the demo roster imported into an empty database in `dir`. `withShare`: share_dir
// is the demo share in `dir`, else the kiosk stands alone.
struct KioskFixture {
  TempDir dir;
  Size size;
  VirtualScreen screen;
  pid_t kiosk = -1;

  explicit KioskFixture(const std::string& extraConfig = "", Size screenSize = {1920, 1080}, bool withShare = false)
      : size(screenSize), screen(dir, screenSize) {
    writeFile(dir / "kiosk.toml", std::string("kiosk_id = \"ui-test\"\nsite = \"Lyon\"\ndata_dir = \"data\"\n") +
                                      (withShare ? "share_dir = \"share\"\n" : "share_dir = \"\"\n") + extraConfig +
                                      "[display]\nfullscreen = false\n");
    run({"demo-data", "--out", (dir / "share").string()});
    run({"import-roster", "--config", (dir / "kiosk.toml").string(),
         (dir / "share" / "roster" / "employees.csv").string()});
  }
  ~KioskFixture() { stop(kiosk); }

  void run(const std::vector<std::string>& args) { runCli(args, dir / "cli.log"); }

  // `environment`: extra "NAME=value" entries for the kiosk (bench hooks).
  void start(const std::vector<std::string>& environment = {}) {
    std::vector<std::string> env = environment;
    env.push_back("WOF_SETTLED_FILE=" + (dir / "settled").string());
    screen.reportSettledTo(dir / "settled");
    kiosk = spawn({WOF_BINARY, "kiosk", "--config", (dir / "kiosk.toml").string(), "--windowed",
                   std::to_string(size.width) + "x" + std::to_string(size.height)},
                  dir / "kiosk.log", screen.name(), env);
    REQUIRE_MESSAGE(screen.waitForColour(4, 4, kBackground, 120s), readFile(dir / "kiosk.log"));
    std::this_thread::sleep_for(500ms);
  }
  // Stops the kiosk with SIGTERM; its wait status.
  int finish() {
    const int status = stop(kiosk);
    kiosk = -1;
    return status;
  }
  // Waits for the kiosk to stop by itself; its exit status, or -1 when it did not stop in time.
  int waitForExit(std::chrono::seconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      int status = 0;
      if (::waitpid(kiosk, &status, WNOHANG) == kiosk) {
        kiosk = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(100ms);
    }
    return -1;
  }

  // One number from the kiosk's database.
  std::int64_t query(const std::string& sql) {
    const std::string value = text(sql);
    return value.empty() ? 0 : std::stoll(value);
  }
  // One value from the kiosk's database as text ("" when there is no row).
  std::string text(const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(core::databaseFileIn(dir / "data").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
            SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
    std::string value;
    if (sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_text(statement, 0))
      value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return value;
  }
};

// [SECTION] where things are, in design pixels (1080p) times the screen's scale

// The kiosk's layout for one screen size, mirrored from nominate_screen.cpp and keyboard.cpp.
struct Layout {
  float scale;
  float width;   // in design pixels
  float height;
  explicit Layout(Size size)
      : scale(std::min(size.width, size.height) / 1080.0f), width(size.width / scale), height(size.height / scale) {}
  void tap(VirtualScreen& screen, float x, float y, bool settle = false) const {
    const int px = static_cast<int>(x * scale), py = static_cast<int>(y * scale);
    settle ? screen.tapAndSettle(px, py) : screen.tap(px, py);
  }
  float keysWidth() const { return std::min(width - 112, 1500.0f); }
  float keysLeft() const { return (width - keysWidth()) / 2; }
  float keysTop() const { return height - 36 - 388; }
  float keyUnit() const { return (keysWidth() + 12) / 12; }
};

// Types lower-case letters and spaces on the on-screen keyboard's letters layer.
inline void typeOnKeyboard(VirtualScreen& screen, std::string_view text, const Layout& layout = Layout({1920, 1080})) {
  static constexpr std::string_view kRows[] = {"qwertyuiop", "asdfghjkl'-!", "  zxcvbnm,.?"};
  const float unit = layout.keyUnit();
  for (char c : text) {
    if (c == ' ') {
      layout.tap(screen, layout.keysLeft() + 4 * unit + (8 * unit - 12) / 2, layout.keysTop() + 3 * 100 + 44);
      continue;
    }
    bool found = false;
    for (int row = 0; row < 3 && !found; ++row) {
      const std::size_t column = kRows[row].find(c);
      if (column == std::string_view::npos) continue;
      layout.tap(screen, layout.keysLeft() + column * unit + (unit - 12) / 2, layout.keysTop() + row * 100 + 44);
      found = true;
    }
    REQUIRE_MESSAGE(found, "no key for " << c);
  }
  std::this_thread::sleep_for(400ms);  // the search answers on the next frame
}

inline void tapRecognise(VirtualScreen& screen, const Layout& layout = Layout({1920, 1080})) {
  layout.tap(screen, layout.width - 56 - 60, layout.height - 56 - 52, true);
}
inline void tapFirstResult(VirtualScreen& screen, int fieldTop, const Layout& layout = Layout({1920, 1080})) {
  layout.tap(screen, 350, fieldTop + 96 + 24 + 60, true);
}
inline void tapFirstBehaviour(VirtualScreen& screen, const Layout& layout = Layout({1920, 1080})) {
  layout.tap(screen, 500, 346, true);
}
// "Next →": the on-screen keyboard's bottom-right key, where the thumb is.
inline void tapNext(VirtualScreen& screen, const Layout& layout = Layout({1920, 1080})) {
  const float unit = layout.keyUnit();
  layout.tap(screen, layout.keysLeft() + 9 * unit + (3 * unit - 12) / 2, layout.keysTop() + 3 * 100 + 44, true);
}
// The language button, top right.
inline void tapLanguage(VirtualScreen& screen, const Layout& layout = Layout({1920, 1080})) {
  layout.tap(screen, layout.width - 56 - 60, 78, true);
}
inline void tapSend(VirtualScreen& screen, const Layout& layout = Layout({1920, 1080})) {
  layout.tap(screen, layout.width - 56 - 100, layout.height - 36 - 50);
}

constexpr int kWhoField = 257;
constexpr int kFromField = 257 + 84 + 24;
constexpr int kReviewStoryRow = 257 + 171 + 16 + 60;  // below the who and behaviour row, at 1080p

// [SECTION] admin mode

// Mirrors pin_pad.hpp: keys around the display's centre.
inline void tapPinKey(VirtualScreen& screen, char digit, const Layout& layout = Layout({1920, 1080})) {
  const int index = digit == '0' ? 10 : digit - '1';
  layout.tap(screen, layout.width / 2 + (index % 3 - 1) * (160 + 16), layout.height / 2 - 200 + (index / 3) * (96 + 16) + 48);
}
inline void tapUnlock(VirtualScreen& screen, const Layout& layout = Layout({1920, 1080})) {
  layout.tap(screen, layout.width / 2 + 8 + 124, layout.height / 2 + 272 + 42);
}
// A long press on the wall's top-left corner, then the PIN and Unlock: the admin screen.
inline void openAdmin(VirtualScreen& screen, std::string_view pin, const Layout& layout = Layout({1920, 1080})) {
  screen.longPress(static_cast<int>(60 * layout.scale), static_cast<int>(60 * layout.scale), 3500ms);
  REQUIRE(screen.waitForColour(static_cast<int>(700 * layout.scale), static_cast<int>(200 * layout.scale), kSurface, 10s));
  for (const char digit : pin) tapPinKey(screen, digit, layout);
  tapUnlock(screen, layout);
}
inline void tapAdminTab(VirtualScreen& screen, int index, const Layout& layout = Layout({1920, 1080})) {
  layout.tap(screen, 56 + 190, 156 + index * 98 + 42, true);
}
// The Reports tab's "Summary CSV" button.
inline void tapSummaryCsv(VirtualScreen& screen, const Layout& layout = Layout({1920, 1080})) {
  layout.tap(screen, 476 + 180, 220 + 50 + 84 + 30 + 50 + 2 * 102 + 42);
}

// The report the admin screen writes in the background, once it is there (empty: not in time).
inline std::filesystem::path waitForExport(const std::filesystem::path& folder, std::string_view suffix) {
  const auto until = std::chrono::steady_clock::now() + 60s;
  while (std::chrono::steady_clock::now() < until) {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
      if (entry.path().filename().string().ends_with(suffix)) return entry.path();
    }
    std::this_thread::sleep_for(100ms);
  }
  return {};
}

}  // namespace wof::test::ui
