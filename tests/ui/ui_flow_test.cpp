// Spec: a person at the kiosk, played by XTest on a private Xvfb server: taps (pointer press and
// release) and nothing else reach the real kiosk binary, which runs on a real database in a temp
// folder. Checked on the database after the kiosk is stopped, and on the screen's pixels.
// The X server, the finger and the screens' geometry are in ui_support.hpp.
// Set WOF_SCREENSHOT_DIR to keep a PNG of each screen (docs/screenshots).
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <string_view>
#include <thread>

#include "core/admin/admin_pin.hpp"
#include "core/util/clock.hpp"
#include "core/config/config.hpp"
#include "core/config/data_dir.hpp"
#include "core/storage/store.hpp"
#include "core/photos/photo.hpp"
#include "support/test_support.hpp"
#include "support/ui_support.hpp"
#include "support/world_names.hpp"

using namespace wof::core;
using namespace wof::test;
using namespace wof::test::ui;
using namespace std::chrono_literals;

namespace {

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

namespace {

// The key between àéü and space that cycles the letters: ABC -> ΑΒΓ -> АБВ -> ABC.
void tapScriptKey(VirtualScreen& screen, const Layout& layout = Layout({1920, 1080})) {
  const float unit = layout.keyUnit();
  layout.tap(screen, layout.keysLeft() + 3.5f * unit + (1.5f * unit - 12) / 2, layout.keysTop() + 3 * 100 + 44);
}

// Types lower-case Greek and spaces on the keyboard's Greek layer; an accented vowel is the tonos
// key, then the vowel.
void typeGreek(VirtualScreen& screen, std::u32string_view text, const Layout& layout = Layout({1920, 1080})) {
  static constexpr std::u32string_view kRows[] = {U";ςερτυθιοπ", U"ασδφγηξκλ", U"  ζχψωβνμ"};
  static constexpr std::u32string_view kPlain = U"αεηιουω", kWithTonos = U"άέήίόύώ";
  const float unit = layout.keyUnit();
  auto tapKey = [&](int row, std::size_t column) {
    layout.tap(screen, layout.keysLeft() + column * unit + (unit - 12) / 2, layout.keysTop() + row * 100 + 44);
  };
  for (char32_t c : text) {
    if (c == U' ') {
      layout.tap(screen, layout.keysLeft() + 4 * unit + (8 * unit - 12) / 2, layout.keysTop() + 3 * 100 + 44);
      continue;
    }
    if (const std::size_t accented = kWithTonos.find(c); accented != std::u32string_view::npos) {
      tapKey(1, 9);  // the tonos key, after λ
      c = kPlain[accented];
    }
    bool found = false;
    for (int row = 0; row < 3 && !found; ++row) {
      const std::size_t column = kRows[row].find(c);
      if (column == std::u32string_view::npos) continue;
      tapKey(row, column);
      found = true;
    }
    REQUIRE_MESSAGE(found, "no Greek key for U+" << std::hex << static_cast<unsigned>(c));
  }
  std::this_thread::sleep_for(400ms);
}

}  // namespace

TEST_CASE("a colleague with a Greek name is found and thanked from the keyboard's Greek layer") {
  KioskFixture kiosk;  // the demo roster has him
  const std::string nikos = kiosk.text("SELECT id FROM employees WHERE display_name = 'Νίκος Παπαδόπουλος'");
  REQUIRE_FALSE(nikos.empty());
  kiosk.start();
  tapRecognise(kiosk.screen);
  tapScriptKey(kiosk.screen);  // ABC -> ΑΒΓ
  typeGreek(kiosk.screen, U"νικ");
  kiosk.screen.keep("nominate-1-who-greek.png");
  tapFirstResult(kiosk.screen, kWhoField);
  tapFirstBehaviour(kiosk.screen);
  tapScriptKey(kiosk.screen);  // each step starts on Latin letters
  typeGreek(kiosk.screen, U"ο νίκος βοήθησε τον πελάτη σήμερα");
  kiosk.screen.keep("nominate-3-story-greek.png");
  kiosk.screen.pressKey(XK_Return);
  typeOnKeyboard(kiosk.screen, "zo");
  tapFirstResult(kiosk.screen, kFromField);
  tapSend(kiosk.screen);
  std::this_thread::sleep_for(500ms);
  kiosk.finish();

  CHECK(kiosk.query("SELECT count(*) FROM nominations") == 1);
  CHECK(kiosk.text("SELECT nominee_id FROM nominations") == nikos);
  CHECK(kiosk.text("SELECT story FROM nominations") == "ο νίκος βοήθησε τον πελάτη σήμερα");
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
  tapSummaryCsv(kiosk.screen);
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
  CHECK(readFile(summary).rfind("\xEF\xBB\xBFsection,key,label", 0) == 0);
}

// [SECTION] whole screens from the real binary: the screenshot tour and single screenshots

namespace {

// Runs the kiosk on the fixture's screen until it exits; returns its exit status, with its
// output in `log`.
int runKioskOnce(KioskFixture& kiosk, const std::vector<std::string>& extraArgs, const std::filesystem::path& log) {
  std::vector<std::string> args = {WOF_BINARY, "kiosk", "--config", (kiosk.dir / "kiosk.toml").string(), "--windowed",
                                   std::to_string(kiosk.size.width) + "x" + std::to_string(kiosk.size.height)};
  args.insert(args.end(), extraArgs.begin(), extraArgs.end());
  const pid_t pid = spawn(args, log, kiosk.screen.name());
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
                          ",Customer Experience and Very Long Department Names,Advisor,Leeds,max@example.com,yes,yes,\n");
    kiosk.run({"import-roster", "--config", (kiosk.dir / "kiosk.toml").string(), roster.string()});
    const std::string config = (kiosk.dir / "kiosk.toml").string();
    kiosk.run({"nominate", "--config", config, "--nominee", "E1004", "--behaviour", "real-face", "--story", kStory});
    // Stories in other scripts for the tour's wall-world and person-world stops: a Chinese one
    // with no space to break at, an Arabic one mixed with Latin, and a Devanagari one.
    for (const auto& [name, story] : {std::pair{"王秀英", kWorldNames[7].story},
                                      std::pair{"محمد الأحمد", kWorldNames[5].story},
                                      std::pair{"अनिल कुमार", kWorldNames[11].story}}) {
      const std::string id = kiosk.text("SELECT id FROM employees WHERE display_name = '" + std::string(name) + "'");
      REQUIRE_FALSE(id.empty());
      std::string longer(story);
      for (int i = 0; i < 3; ++i) longer += std::string(" ") + std::string(story);
      kiosk.run({"nominate", "--config", config, "--nominee", id, "--behaviour", "fixed-on-the-spot", "--story", longer});
      std::this_thread::sleep_for(5ms);
    }
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
    CHECK(log.find("17 screens") != std::string::npos);
    CHECK(log.find(", 0 outside their box") != std::string::npos);
    CHECK(std::filesystem::exists(shots / "nominate-5-review.png"));
  }
}

namespace {

// Pixels in the wall's bottom margin, left half, drawn in the muted text colour (0x6B5A4E) or
// close to it: the silence marker's dot and letters. The wall draws nothing else there.
int markerPixels(VirtualScreen& screen, Size size) {
  const Rgba image = screen.screenshot();
  int count = 0;
  for (int y = size.height - 56; y < size.height; ++y)
    for (int x = 0; x < size.width / 2; ++x) {
      const std::uint8_t* pixel = &image.pixels[(std::size_t(y) * image.width + x) * 4];
      if (std::abs(pixel[0] - 0x6B) < 24 && std::abs(pixel[1] - 0x5A) < 24 && std::abs(pixel[2] - 0x4E) < 24) ++count;
    }
  return count;
}

bool eventuallyMarker(KioskFixture& kiosk, bool shown) {
  for (int i = 0; i < 300; ++i) {  // 30 s: a sync every 5 s, then one frame
    if ((markerPixels(kiosk.screen, kiosk.size) > 40) == shown) return true;
    std::this_thread::sleep_for(100ms);
  }
  return false;
}

void writeHeartbeat(const std::filesystem::path& share, const std::string& kiosk, int ageMinutes) {
  std::filesystem::create_directories(share / "status");
  writeFile(share / "status" / (kiosk + ".json"),
            "{\"kiosk\": \"" + kiosk + "\", \"written_at_ms\": " +
                std::to_string(nowMs() - std::int64_t{ageMinutes} * 60'000) + "}\n");
}

}  // namespace

TEST_CASE("with show_silence_marker the wall shows IT a small line while another kiosk is silent") {
  KioskFixture kiosk("sync_interval_s = 5\nadmin_pin_hash = \"" + hashPin("2468") + "\"\n", {1920, 1080}, true);
  const std::filesystem::path share = kiosk.dir / "share";
  writeFile(share / "fleet.toml", "show_silence_marker = true\n" + readFile(share / "fleet.toml"));
  writeHeartbeat(share, "lobby-9", 45);
  kiosk.start();
  CHECK(eventuallyMarker(kiosk, true));
  kiosk.screen.keep("wall-silence-marker.png");
  // lobby-9 is heard from again: the line goes.
  writeHeartbeat(share, "lobby-9", 0);
  CHECK(eventuallyMarker(kiosk, false));
  // Silent again, but fleet.toml turns the marker off: nothing shows.
  writeHeartbeat(share, "lobby-9", 45);
  CHECK(eventuallyMarker(kiosk, true));
  writeFile(share / "fleet.toml", "show_silence_marker = false\n");
  CHECK(eventuallyMarker(kiosk, false));
  // The admin screen's Sync tab names the silent kiosk whatever the marker's setting.
  openAdmin(kiosk.screen, "2468");
  tapAdminTab(kiosk.screen, 4);  // Sync
  std::this_thread::sleep_for(500ms);
  kiosk.screen.keep("admin-sync-silent.png");
  kiosk.finish();
}
