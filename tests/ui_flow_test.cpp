// Spec: a person at the kiosk, played by XTest on a private Xvfb server: taps (pointer press and
// release) and nothing else reach the real kiosk binary, which runs on a real database in a temp
// folder. Checked on the database after the kiosk is stopped, and on the screen's pixels.
// Geometry mirrors the layout the screens draw (see keyboard.cpp and nominate_screen.cpp).
// Set WOF_SCREENSHOT_DIR to keep a PNG of each screen (docs/screenshots).
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
#include <fstream>
#include <string>
#include <thread>

#include "core/admin_pin.hpp"
#include "core/clock.hpp"
#include "core/demo_kiosk.hpp"
#include "core/photo.hpp"
#include "test_support.hpp"

using namespace wof::core;
using namespace wof::test;
using namespace std::chrono_literals;

namespace {

// The screen the fixture's X server and kiosk use.
struct Size {
  int width;
  int height;
};

// [SECTION] a private X server and the kiosk on it

pid_t spawn(const std::vector<std::string>& args, const std::string& display, const std::filesystem::path& log,
            int keepFd = -1) {
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (!display.empty()) ::setenv("DISPLAY", display.c_str(), 1);
    if (FILE* out = std::fopen(log.c_str(), "w")) {
      ::dup2(fileno(out), 1);
      ::dup2(fileno(out), 2);
    }
    std::vector<char*> argv;
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    (void)keepFd;
    ::execvp(argv[0], argv.data());
    std::_Exit(127);
  }
  return pid;
}

void stop(pid_t pid) {
  if (pid <= 0) return;
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
}

class VirtualScreen {
 public:
  VirtualScreen(const TempDir& dir, Size size) : m_size(size) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    m_pid = spawn({"Xvfb", "-displayfd", std::to_string(fds[1]), "-screen", "0",
                   std::to_string(size.width) + "x" + std::to_string(size.height) + "x24", "-nolisten", "tcp"},
                  "", dir / "xvfb.log", fds[1]);
    ::close(fds[1]);
    char buffer[32] = {};
    const ssize_t got = ::read(fds[0], buffer, sizeof buffer - 1);
    ::close(fds[0]);
    REQUIRE(got > 0);
    m_name = ":" + std::string(buffer, std::strlen(buffer) - (buffer[std::strlen(buffer) - 1] == '\n'));
    m_display = XOpenDisplay(m_name.c_str());
    REQUIRE(m_display != nullptr);
  }
  ~VirtualScreen() {
    if (m_display) XCloseDisplay(m_display);
    stop(m_pid);
  }
  const std::string& name() const { return m_name; }

  // A finger: down at (x, y), a short rest, up; then waits until the kiosk has drawn its answer.
  void tap(int x, int y) {
    XTestFakeMotionEvent(m_display, -1, x, y, CurrentTime);
    XSync(m_display, False);
    std::this_thread::sleep_for(40ms);
    XTestFakeButtonEvent(m_display, 1, True, CurrentTime);
    XSync(m_display, False);
    std::this_thread::sleep_for(100ms);
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

  // A finger held still at (x, y) for `hold`, then up; waits until the kiosk has drawn its answer.
  void longPress(int x, int y, std::chrono::milliseconds hold) {
    XTestFakeMotionEvent(m_display, -1, x, y, CurrentTime);
    XSync(m_display, False);
    std::this_thread::sleep_for(40ms);
    XTestFakeButtonEvent(m_display, 1, True, CurrentTime);
    XSync(m_display, False);
    std::this_thread::sleep_for(hold);
    XTestFakeButtonEvent(m_display, 1, False, CurrentTime);
    XSync(m_display, False);
    waitUntilDrawn(std::chrono::steady_clock::now());
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

  Rgba screenshot() {
    const int width = m_size.width;
    const int height = m_size.height;
    XImage* image = XGetImage(m_display, DefaultRootWindow(m_display), 0, 0, width, height, AllPlanes, ZPixmap);
    REQUIRE(image != nullptr);
    Rgba rgba{width, height, std::vector<std::uint8_t>(std::size_t(width) * height * 4)};
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

  std::uint32_t pixel(int x, int y) {
    XImage* image = XGetImage(m_display, DefaultRootWindow(m_display), x, y, 1, 1, AllPlanes, ZPixmap);
    if (!image) return 0;
    const std::uint32_t value = XGetPixel(image, 0, 0) & 0xFFFFFF;
    XDestroyImage(image);
    return value;
  }

  void keep(const std::string& name) {
    if (const char* dir = std::getenv("WOF_SCREENSHOT_DIR")) writeImage(std::filesystem::path(dir) / name, screenshot());
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

// A kiosk with the demo roster imported into an empty database in `dir`.
struct KioskFixture {
  TempDir dir;
  Size size;
  VirtualScreen screen;
  pid_t kiosk = -1;

  explicit KioskFixture(const std::string& extraConfig = "", Size screenSize = {1920, 1080})
      : size(screenSize), screen(dir, screenSize) {
    writeFile(dir / "kiosk.toml", "kiosk_id = \"ui-test\"\nsite = \"Lyon\"\ndata_dir = \"data\"\nshare_dir = \"\"\n" +
                                      extraConfig + "[display]\nfullscreen = false\n");
    run({"demo-data", "--out", (dir / "share").string()});
    run({"import-roster", "--config", (dir / "kiosk.toml").string(),
         (dir / "share" / "roster" / "employees.csv").string()});
  }
  ~KioskFixture() { stop(kiosk); }

  void run(std::vector<std::string> args) {
    args.insert(args.begin(), WOF_BINARY);
    const pid_t pid = spawn(args, "", dir / "cli.log");
    int status = 0;
    ::waitpid(pid, &status, 0);
    INFO(readFile(dir / "cli.log"));
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
  }

  void start() {
    ::setenv("WOF_SETTLED_FILE", (dir / "settled").c_str(), 1);
    screen.reportSettledTo(dir / "settled");
    kiosk = spawn({WOF_BINARY, "kiosk", "--config", (dir / "kiosk.toml").string(), "--windowed",
                   std::to_string(size.width) + "x" + std::to_string(size.height)},
                  screen.name(), dir / "kiosk.log");
    REQUIRE_MESSAGE(screen.waitForColour(4, 4, kBackground, 60s), readFile(dir / "kiosk.log"));
    std::this_thread::sleep_for(500ms);
  }
  void finish() {
    stop(kiosk);
    kiosk = -1;
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
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(databaseFileIn(dir / "data").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
    const std::int64_t value = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return value;
  }
  std::string text(const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(databaseFileIn(dir / "data").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
    std::string value;
    if (sqlite3_step(statement) == SQLITE_ROW) value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
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
void typeOnKeyboard(VirtualScreen& screen, std::string_view text, const Layout& layout = Layout({1920, 1080})) {
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

void tapRecognise(VirtualScreen& screen, const Layout& layout = Layout({1920, 1080})) {
  layout.tap(screen, layout.width - 56 - 60, layout.height - 56 - 52, true);
}
void tapFirstResult(VirtualScreen& screen, int fieldTop, const Layout& layout = Layout({1920, 1080})) {
  layout.tap(screen, 350, fieldTop + 96 + 24 + 60, true);
}
void tapFirstBehaviour(VirtualScreen& screen, const Layout& layout = Layout({1920, 1080})) {
  layout.tap(screen, 500, 346, true);
}
// "Next →": the on-screen keyboard's bottom-right key, where the thumb is.
void tapNext(VirtualScreen& screen, const Layout& layout = Layout({1920, 1080})) {
  const float unit = layout.keyUnit();
  layout.tap(screen, layout.keysLeft() + 9 * unit + (3 * unit - 12) / 2, layout.keysTop() + 3 * 100 + 44, true);
}
// The language button, top right.
void tapLanguage(VirtualScreen& screen, const Layout& layout = Layout({1920, 1080})) {
  layout.tap(screen, layout.width - 56 - 60, 78, true);
}
void tapSend(VirtualScreen& screen, const Layout& layout = Layout({1920, 1080})) {
  layout.tap(screen, layout.width - 56 - 100, layout.height - 36 - 50);
}

constexpr int kWhoField = 257;
constexpr int kFromField = 257 + 84 + 24;
constexpr int kReviewStoryRow = 257 + 171 + 16 + 60;  // below the who and behaviour row, at 1080p
const std::string kStory = "she fixed the printer for our customer";

}  // namespace

TEST_CASE("a nomination made by taps alone, story typed on the on-screen keyboard, is committed once") {
  KioskFixture kiosk;
  kiosk.start();
  kiosk.screen.keep("wall-empty.png");
  tapRecognise(kiosk.screen);
  kiosk.screen.keep("nominate-1-who-empty.png");
  typeOnKeyboard(kiosk.screen, "kwame");
  kiosk.screen.keep("nominate-1-who.png");
  tapFirstResult(kiosk.screen, kWhoField);
  kiosk.screen.keep("nominate-2-behaviour.png");
  tapFirstBehaviour(kiosk.screen);
  typeOnKeyboard(kiosk.screen, "she fixed");
  kiosk.screen.keep("nominate-3-story-short.png");
  typeOnKeyboard(kiosk.screen, kStory.substr(9));
  kiosk.screen.keep("nominate-3-story.png");
  kiosk.screen.pressKey(XK_Return);  // Enter on a physical keyboard goes on, like the Next key
  kiosk.screen.keep("nominate-4-from.png");
  typeOnKeyboard(kiosk.screen, "zo");
  tapFirstResult(kiosk.screen, kFromField);
  kiosk.screen.keep("nominate-5-review.png");
  // A second thought: the story's row on the review opens the story, and its Next comes back.
  Layout({1920, 1080}).tap(kiosk.screen, 900, kReviewStoryRow, true);
  typeOnKeyboard(kiosk.screen, " today");
  tapNext(kiosk.screen);
  tapSend(kiosk.screen);
  tapSend(kiosk.screen);  // a double tap
  std::this_thread::sleep_for(500ms);
  kiosk.screen.keep("nominate-6-thanks.png");
  kiosk.finish();

  CHECK(kiosk.query("SELECT count(*) FROM nominations") == 1);
  CHECK(kiosk.text("SELECT nominee_id FROM nominations") == "E1004");
  CHECK(kiosk.text("SELECT behaviour_key FROM nominations") == "real-face");
  CHECK(kiosk.text("SELECT story FROM nominations") == kStory + " today");
  CHECK(kiosk.text("SELECT nominator_id FROM nominations") == "E1001");
  CHECK(kiosk.text("SELECT visibility FROM nominations") == "public");
}

TEST_CASE("a half-typed story is wiped when nobody answers \"Still there?\"") {
  KioskFixture kiosk("[idle]\nwizard_timeout_s = 10\nstill_there_s = 5\n");
  kiosk.start();
  tapRecognise(kiosk.screen);
  tapLanguage(kiosk.screen);  // German
  typeOnKeyboard(kiosk.screen, "kwame");
  kiosk.screen.keep("nominate-1-who-de.png");
  tapFirstResult(kiosk.screen, kWhoField);
  tapFirstBehaviour(kiosk.screen);
  typeOnKeyboard(kiosk.screen, "secret half");
  std::this_thread::sleep_for(11s);
  const Rgba asking = kiosk.screen.screenshot();
  kiosk.screen.keep("nominate-still-there.png");
  // The dimmed page: the top-left corner is no longer the page colour.
  CHECK(kiosk.screen.pixel(4, 4) != kBackground);
  std::this_thread::sleep_for(6s);
  // Back on the wall: the corner is the page colour again, and the wizard starts empty.
  CHECK(kiosk.screen.pixel(4, 4) == kBackground);
  kiosk.finish();
  CHECK(kiosk.query("SELECT count(*) FROM nominations") == 0);
  for (const char* file : {"wall-of-fame.db", "wall-of-fame.db-wal"}) {
    const auto path = kiosk.dir / "data" / file;
    if (std::filesystem::exists(path)) CHECK(readFile(path).find("secret half") == std::string::npos);
  }
  (void)asking;
}

TEST_CASE("the wall's chips filter its stories, and applause on a story wall is stored once per story per visit") {
  KioskFixture kiosk;
  kiosk.run({"nominate", "--config", (kiosk.dir / "kiosk.toml").string(), "--nominee", "E1004", "--behaviour",
             "real-face", "--story", kStory});
  kiosk.start();
  kiosk.screen.keep("wall-one-story.png");
  // A chip for another behaviour hides the story (the photo's place is bare card), "All" brings it back.
  constexpr std::uint32_t kCard = 0xFFFCF7;
  CHECK(kiosk.screen.pixel(228, 417) != kCard);
  kiosk.screen.tapAndSettle(543, 181);  // "Talked to customers"
  kiosk.screen.keep("wall-filtered-empty.png");
  CHECK(kiosk.screen.pixel(228, 417) == kCard);
  kiosk.screen.tapAndSettle(100, 181);  // "All"
  CHECK(kiosk.screen.pixel(228, 417) != kCard);
  kiosk.screen.tapAndSettle(400, 500);  // the spotlight card
  kiosk.screen.keep("person.png");
  kiosk.screen.tap(1390, 629);
  kiosk.screen.tap(1390, 629);
  kiosk.screen.keep("person-applauded.png");
  kiosk.finish();
  CHECK(kiosk.query("SELECT count(*) FROM applause") == 1);
  CHECK(kiosk.query("SELECT coalesce(sum(count), 0) FROM applause") == 1);
}

// Portrait only: at 3840x2160 Mesa's software renderer takes long enough per frame that fixed
// pauses between taps are not a fair test (the 4K wall is drawn by ui_test.cpp).
TEST_CASE("the wizard works by taps in portrait") {
  for (const Size size : {Size{1080, 1920}}) {
    CAPTURE(size.width);
    KioskFixture kiosk("", size);
    const Layout layout(size);
    const std::string prefix = std::to_string(size.width) + "x" + std::to_string(size.height) + "-";
    kiosk.start();
    kiosk.screen.keep(prefix + "wall.png");
    tapRecognise(kiosk.screen, layout);
    typeOnKeyboard(kiosk.screen, "kwame", layout);
    kiosk.screen.keep(prefix + "nominate-1-who.png");
    tapFirstResult(kiosk.screen, kWhoField, layout);
    kiosk.screen.keep(prefix + "nominate-2-behaviour.png");
    tapFirstBehaviour(kiosk.screen, layout);
    typeOnKeyboard(kiosk.screen, kStory, layout);
    kiosk.screen.keep(prefix + "nominate-3-story.png");
    tapNext(kiosk.screen, layout);
    typeOnKeyboard(kiosk.screen, "zo", layout);
    kiosk.screen.keep(prefix + "nominate-4-from.png");
    tapFirstResult(kiosk.screen, kFromField, layout);
    kiosk.screen.keep(prefix + "nominate-5-review.png");
    tapSend(kiosk.screen, layout);
    std::this_thread::sleep_for(1s);
    kiosk.screen.keep(prefix + "nominate-6-thanks.png");
    kiosk.finish();
    CHECK(kiosk.text("SELECT story FROM nominations") == kStory);
  }
}

// [SECTION] admin mode

namespace {

// Mirrors pin_pad.hpp (keys around the display's centre) and admin_screen.cpp (tabs, cards), at
// 1920x1080 (scale 1).
void tapPinKey(VirtualScreen& screen, char digit) {
  const int index = digit == '0' ? 10 : digit - '1';
  screen.tap(960 + (index % 3 - 1) * (160 + 16), 540 - 200 + (index / 3) * (96 + 16) + 48);
}
void tapUnlock(VirtualScreen& screen) { screen.tap(960 + 8 + 124, 540 + 272 + 42); }

// The report the admin screen writes in the background, once it is there (empty: not in time).
std::filesystem::path waitForExport(const std::filesystem::path& folder, std::string_view suffix) {
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
void tapAdminTab(VirtualScreen& screen, int index) { screen.tapAndSettle(56 + 190, 156 + index * 98 + 42); }

}  // namespace

TEST_CASE("admin mode: a long press opens the PIN pad, a wrong PIN is refused, the right one approves, exports and quits") {
  const std::string hash = hashPin("2468");
  KioskFixture kiosk("moderation = \"hr\"\nadmin_pin_hash = \"" + hash + "\"\n");
  const std::string config = (kiosk.dir / "kiosk.toml").string();
  kiosk.run({"nominate", "--config", config, "--nominee", "E1004", "--behaviour", "fixed-on-the-spot", "--from", "E1001",
             "--story", kStory});
  kiosk.run({"nominate", "--config", config, "--nominee", "E1007", "--behaviour", "talked-to-customers", "--from",
             "E1002", "--story",
             "Called every customer on the delayed delivery list herself before they had to ask, and gave each "
             "of them a new date they could trust."});
  kiosk.run({"nominate", "--config", config, "--nominee", "E1010", "--behaviour", "delivered-on-promise", "--story",
             "Stayed until the last pallet was loaded so the customer's shop could open on Monday as promised."});
  const std::string first = kiosk.text("SELECT id FROM nominations ORDER BY created_at, id LIMIT 1");
  REQUIRE(kiosk.text("SELECT status FROM nominations WHERE id = '" + first + "'") == "pending");
  kiosk.start();

  // A long press on the wall's top-left corner opens the PIN pad (its card covers the centre).
  kiosk.screen.longPress(60, 60, 3500ms);
  REQUIRE(kiosk.screen.waitForColour(700, 200, kSurface, 10s));

  for (const char digit : std::string("1111")) tapPinKey(kiosk.screen, digit);
  tapUnlock(kiosk.screen);
  tapPinKey(kiosk.screen, '2');
  tapPinKey(kiosk.screen, '4');
  std::this_thread::sleep_for(300ms);
  kiosk.screen.keep("admin-pin.png");
  for (const char digit : std::string("68")) tapPinKey(kiosk.screen, digit);
  tapUnlock(kiosk.screen);
  kiosk.screen.keep("admin-moderation.png");

  kiosk.screen.tapAndSettle(1716, 340);  // "Approve" on the first card of the queue
  tapAdminTab(kiosk.screen, 2);          // Reports
  kiosk.screen.tap(476 + 180, 220 + 50 + 84 + 30 + 50 + 2 * 102 + 42);  // Summary CSV
  const std::filesystem::path summary = waitForExport(kiosk.dir / "data" / "exports", "-summary.csv");
  REQUIRE_FALSE(summary.empty());
  std::this_thread::sleep_for(1s);  // the screen looks for the finished report four times a second
  kiosk.screen.keep("admin-reports.png");
  tapAdminTab(kiosk.screen, 5);          // This kiosk
  kiosk.screen.tap(476 + 210, 1080 - 36 - 42);  // Quit the kiosk
  const int exitCode = kiosk.waitForExit(20s);
  INFO(readFile(kiosk.dir / "kiosk.log"));
  CHECK(exitCode == 0);

  CHECK(kiosk.text("SELECT status FROM nominations WHERE id = '" + first + "'") == "approved");
  CHECK(kiosk.query("SELECT count(*) FROM nominations WHERE status = 'pending'") == 2);
  CHECK(kiosk.query("SELECT count(*) FROM audit_log WHERE actor = 'admin' AND action = 'approve' AND detail = '" +
                    first + "'") == 1);
  CHECK(kiosk.query("SELECT count(*) FROM audit_log WHERE action = 'pin-failure'") == 1);
  CHECK(kiosk.query("SELECT count(*) FROM audit_log WHERE action = 'admin-login'") == 1);
  CHECK(kiosk.query("SELECT count(*) FROM audit_log WHERE actor = 'admin' AND action = 'export'") == 1);
  CHECK(kiosk.query("SELECT count(*) FROM audit_log WHERE actor = 'admin' AND action = 'quit'") == 1);
  CHECK(readFile(summary).rfind("section,key,label", 0) == 0);
}

// [SECTION] whole screens from the real binary: the screenshot tour and single screenshots

namespace {

// Runs the kiosk on the fixture's screen until it exits; returns its exit status, with its
// output in `log`.
int runKioskOnce(KioskFixture& kiosk, const std::vector<std::string>& extraArgs, const std::filesystem::path& log) {
  std::vector<std::string> args = {WOF_BINARY, "kiosk", "--config", (kiosk.dir / "kiosk.toml").string(), "--windowed",
                                   std::to_string(kiosk.size.width) + "x" + std::to_string(kiosk.size.height)};
  args.insert(args.end(), extraArgs.begin(), extraArgs.end());
  const pid_t pid = spawn(args, kiosk.screen.name(), log);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Pixels of exactly `rgb`: a flat fill only one element on the screen uses.
std::size_t pixelsOfColour(const Rgba& image, std::uint32_t rgb) {
  std::size_t count = 0;
  for (std::size_t i = 0; i + 3 < image.pixels.size(); i += 4) {
    const std::uint32_t pixel =
        std::uint32_t(image.pixels[i]) << 16 | std::uint32_t(image.pixels[i + 1]) << 8 | image.pixels[i + 2];
    count += pixel == rgb;
  }
  return count;
}

Rgba wallScreenshot(KioskFixture& kiosk, const std::string& name) {
  const auto png = kiosk.dir / name;
  const int status = runKioskOnce(kiosk, {"--screenshot", png.string()}, kiosk.dir / "screenshot.log");
  INFO(readFile(kiosk.dir / "screenshot.log"));
  REQUIRE(status == 0);
  const FileBytes bytes = readRegularFile(png, kMaxPhotoBytes);
  REQUIRE_MESSAGE(bytes.bytes, bytes.error);
  PhotoResult decoded = decodePhoto(*bytes.bytes, 0);
  REQUIRE_MESSAGE(decoded.image, decoded.error);
  return std::move(*decoded.image);
}

constexpr std::uint32_t kChampionCard = 0xFFF1CC;  // theme.cpp's championSurface: champions' cards only

const std::string kLongName =
    "Maximiliana Alexandrina Wolfeschlegelsteinhausenbergerdorff-Featherstonehaugh-Cholmondeley";

}  // namespace

TEST_CASE("a Customer Champion chosen by HR is pinned on the wall with a badge") {
  KioskFixture kiosk;
  kiosk.run({"nominate", "--config", (kiosk.dir / "kiosk.toml").string(), "--nominee", "E1004", "--behaviour",
             "real-face", "--story", kStory});
  const std::size_t before = pixelsOfColour(wallScreenshot(kiosk, "before.png"), kChampionCard);
  kiosk.run({"moderate", "--config", (kiosk.dir / "kiosk.toml").string(), kiosk.text("SELECT id FROM nominations"),
             "--winner", formatMonthUtc(nowMs()), "--citation", "Kept a whole shop open on a bad morning."});
  const Rgba after = wallScreenshot(kiosk, "after.png");
  if (const char* dir = std::getenv("WOF_SCREENSHOT_DIR")) writeImage(std::filesystem::path(dir) / "wall-champion.png", after);
  CHECK(before < 200);
  // The champion's card: about 700 x 164 px of its own colour at 1080p, photo and text aside.
  CHECK(pixelsOfColour(after, kChampionCard) > 40000);
}

// Every screen the tour visits (wall, filtered wall, person, hall of fame, each wizard step,
// "Still there?", thank-you) at each screen shape. The newest story and this month's champion is
// a person whose name is far wider than any box, so it is on the spotlight, the champion card,
// the person screen, the hall of fame and every wizard step, and the fleet's banner is as long
// as it may be: the layout must cut them with "…".
TEST_CASE("no text leaves its box on any screen at 1080p, portrait and 4K, even for a very long name") {
  for (const Size size : {Size{1920, 1080}, Size{1080, 1920}, Size{3840, 2160}}) {
    CAPTURE(size.width);
    KioskFixture kiosk("", size);
    const auto roster = kiosk.dir / "share" / "roster" / "employees.csv";
    writeFile(roster, readFile(roster) + "E9999," + kLongName +
                          ",Customer Experience and Very Long Department Names,Advisor,Leeds,max@example.com,yes,yes\n");
    kiosk.run({"import-roster", "--config", (kiosk.dir / "kiosk.toml").string(), roster.string()});
    const std::string config = (kiosk.dir / "kiosk.toml").string();
    kiosk.run({"nominate", "--config", config, "--nominee", "E1004", "--behaviour", "real-face", "--story", kStory});
    std::this_thread::sleep_for(5ms);  // the long name's story is the newest
    kiosk.run({"nominate", "--config", config, "--nominee", "E9999", "--behaviour", "customer-voice", "--story",
               "Wolfeschlegelsteinhausenbergerdorff-Featherstonehaugh-Cholmondeley-Wolfeschlegelsteinhausenbergerdorff "
               "heard the same complaint three times, took it to the team and kept at it until it was fixed.",
               "--from", "E1001"});
    kiosk.run({"moderate", "--config", config,
               kiosk.text("SELECT id FROM nominations WHERE nominee_id = 'E9999'"), "--winner", formatMonthUtc(nowMs()),
               "--citation", "Supercalifragilisticexpialidocious-and-then-some persistence for a customer nobody else would call back."});

    // The fleet's banner at its longest (500 bytes), with a word wider than the wall.
    std::string banner = "Nominations-for-the-quarter-close-on-Friday-so-tell-us-who-put-the-customer-first-today";
    while (banner.size() < 490) banner += " tell us who went out of their way";
    writeFile(kiosk.dir / "share" / "fleet.toml", "banner = \"" + banner.substr(0, 500) + "\"\n");
    // This kiosk stands alone; one sync through a copy of its config that names the share brings
    // the fleet's settings in, as on a kiosk of a fleet.
    writeFile(kiosk.dir / "sync.toml", "kiosk_id = \"ui-test\"\nsite = \"Lyon\"\ndata_dir = \"data\"\nshare_dir = \"share\"\n");
    kiosk.run({"sync", "--config", (kiosk.dir / "sync.toml").string()});
    REQUIRE(kiosk.text("SELECT value FROM meta WHERE key = 'fleet.banner'") == banner.substr(0, 500));

    const auto shots = kiosk.dir / "tour";
    const int status = runKioskOnce(kiosk, {"--screenshots", shots.string()}, kiosk.dir / "tour.log");
    const std::string log = readFile(kiosk.dir / "tour.log");
    INFO(log);
    CHECK(status == 0);
    CHECK(log.find("13 screens") != std::string::npos);
    CHECK(log.find(", 0 outside their box") != std::string::npos);
    CHECK(std::filesystem::exists(shots / "nominate-5-review.png"));
  }
}
