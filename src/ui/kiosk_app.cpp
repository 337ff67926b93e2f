// The kiosk's loop and router: wall <-> story wall, applause, periodic refresh, the out-of-order
// screen, and screenshots. Layer: ui.
#define IMGUI_DEFINE_MATH_OPERATORS  // ImVec2 arithmetic from imgui_internal.h
#include "ui/kiosk_app.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <cmath>
#include <cstdio>
#include <exception>
#include <set>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/database.hpp"
#include "core/local_disk.hpp"
#include "core/log.hpp"
#include "core/photo.hpp"
#include "core/strings.hpp"
#include "core/text.hpp"
#include "platform/window.hpp"
#include "ui/nominate_screen.hpp"
#include "ui/person_screen.hpp"
#include "ui/photo_cache.hpp"
#include "ui/text_layout.hpp"
#include "ui/theme.hpp"
#include "ui/wall_screen.hpp"
#include "ui/widgets.hpp"

namespace wof::ui {

namespace {

constexpr int kSpotlightStories = 12;
constexpr double kRefreshSeconds = 60;     // reload the wall: sync may have brought new stories
constexpr double kPersonIdleSeconds = 45;  // an untouched story wall goes back to the wall
constexpr double kThanksSeconds = 20;      // the thank-you goes back to the wall by itself
constexpr int kSearchResults = 24;
constexpr double kRetrySeconds = 60;       // after a failure, how long "out of order" shows
constexpr double kFrameSeconds = 1.0 / 60;  // animation pace where there is no vsync (Xvfb)
constexpr double kScreenshotPhotoWait = 20;  // seconds a screenshot waits for photos at most
constexpr std::size_t kPhotoBudget = 96u << 20;
constexpr int kRedrawsAfterInput = 3;  // ImGui settles a press or release over a couple of frames

double secondsNow() {
  static const auto start = std::chrono::steady_clock::now();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void beginFullScreenWindow(const char* name, ImGuiWindowFlags extraFlags) {
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
  ImGui::Begin(name, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoScrollWithMouse | extraFlags);
}

// [SECTION] router

class KioskApp {
 public:
  KioskApp(core::Store& store, const core::Config& config, const Theme& theme, PhotoCache& photos,
           const std::filesystem::path& stringsDir, double now)
      : m_store(store), m_config(config), m_theme(theme), m_photos(photos), m_language(config.language) {
    for (const std::string& language : core::supportedLanguages())
      m_strings.emplace(language, core::Strings::load(stringsDir, language));
    m_wall.reset(now);
    m_loadedAt = now - kRefreshSeconds;  // the first frame loads, inside the screen boundary
  }

  // Draws the current screen into the current ImGui window and acts on what was asked.
  void frame(double now, bool input) {
    if (input) m_lastInput = now;
    if (m_screen == Screen::OutOfOrder) {
      if (now - m_failedAt < kRetrySeconds) return drawOutOfOrder();
      m_screen = Screen::Wall;
      reload(now);
    }
    if (m_screen == Screen::Person && now - m_lastInput >= kPersonIdleSeconds) showWall(now);
    if (m_screen == Screen::Wall && now - m_loadedAt >= kRefreshSeconds) reload(now);

    if (m_screen == Screen::Nominate) return nominateFrame(now);

    if (m_screen == Screen::Wall) {
      const WallView view{m_stories, m_people, m_config.wallDays, m_period.from, &m_strings.at(m_config.language)};
      const WallIntent intent = m_wall.draw(view, m_theme, m_photos, now);
      if (intent.nominate) {
        showNominate(now);
      } else if (intent.openPerson) {
        showPerson(*intent.openPerson);
      }
    } else {
      const PersonIntent intent = m_person.draw(PersonView{m_personStories, m_applauded}, m_theme, m_photos, now);
      if (intent.applaud) applaud(*intent.applaud);
      if (intent.back) showWall(now);
    }
  }

  // Called with ImGui's window stack already unwound: logs, tells HR through the audit log and
  // shows "out of order" until the next retry.
  void fail(const std::string& what, double now) {
    std::fprintf(stderr, "wall-of-fame: the kiosk screen failed: %s\n", what.c_str());
    try {
      m_store.audit("kiosk", "ui-error", what, core::nowMs());
    } catch (const std::exception& error) {
      std::fprintf(stderr, "wall-of-fame: could not record the failure in the audit log: %s\n", error.what());
    }
    m_screen = Screen::OutOfOrder;
    m_failedAt = now;
  }

  void drawOutOfOrder() const {
    ImDrawList* drawList = ImGui::GetWindowDrawList();
    const Fonts& fonts = m_theme.fonts();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float width = std::min(display.x - m_theme.px(112), m_theme.px(1100));
    const TextBlock title = layoutText(fonts.display, "Out of order", width, 2);
    const TextBlock body = layoutText(fonts.lead, "HR has been told. Sorry \u2014 please come back a little later.",
                                      width, 4);
    const float gap = m_theme.px(28);
    const ImVec2 at((display.x - width) * 0.5f, (display.y - title.height() - gap - body.height()) * 0.5f);
    drawText(drawList, title, at, m_theme.palette().text, width, true);
    drawText(drawList, body, at + ImVec2(0, title.height() + gap), m_theme.palette().textMuted, width, true);
  }

  // How long the loop may sleep before this app needs a frame without any input.
  double secondsUntilChange(double now) const {
    double until = 0;
    switch (m_screen) {
      case Screen::Wall:
        until = std::min(m_wall.secondsUntilChange(now), m_loadedAt + kRefreshSeconds - now);
        break;
      case Screen::Person:
        until = m_person.animating() ? 0 : m_lastInput + kPersonIdleSeconds - now;
        break;
      case Screen::OutOfOrder:
        until = m_failedAt + kRetrySeconds - now;
        break;
      case Screen::Nominate: {
        if (m_nominate.finished()) {
          until = m_lastInput + kThanksSeconds - now;
          break;
        }
        const double askAt = m_lastInput + m_config.idle.wizardTimeoutS;
        if (now < askAt) {
          until = askAt - now;
          break;
        }
        // While asking: a frame whenever the countdown's whole seconds change.
        const double remaining = askAt + m_config.idle.stillThereS - now;
        const int shown = static_cast<int>(std::ceil(remaining));
        until = shown != m_countdownShown || remaining <= 0 ? 0 : remaining - (shown - 1);
        break;
      }
    }
    return std::max(0.0, until);
  }

 private:
  enum class Screen { Wall, Person, Nominate, OutOfOrder };

  // [SECTION] nomination wizard

  void showNominate(double now) {
    m_nominate.reset();
    m_behaviours = m_store.behaviours();
    m_matches.clear();
    m_matchesQuery.clear();
    m_lastInput = now;
    m_language = m_config.language;
    m_screen = Screen::Nominate;
  }

  // Wipes the draft (it only ever lived in memory) and goes home.
  void leaveNominate(double now) {
    m_nominate.reset();
    m_matches.clear();
    m_matchesQuery.clear();
    m_language = m_config.language;  // the language button lasts one session
    showWall(now);
  }

  void nominateFrame(double now) {
    const ImGuiIO& io = ImGui::GetIO();
    if (m_nominate.finished() && now - m_lastInput >= kThanksSeconds) return leaveNominate(now);
    const double idle = now - m_lastInput;
    const double askAt = m_config.idle.wizardTimeoutS;
    if (idle >= askAt + m_config.idle.stillThereS) return leaveNominate(now);  // privacy: wipe it all
    std::optional<int> stillThere;
    if (idle >= askAt && !m_nominate.finished()) {
      stillThere = static_cast<int>(std::ceil(askAt + m_config.idle.stillThereS - idle));
      m_swallowTouch = true;
    }
    m_countdownShown = stillThere.value_or(0);
    // The touch that answered "Still there?" only dismisses it: nothing under it reacts.
    if (m_swallowTouch && !stillThere && !io.MouseDown[0] && !ImGui::IsMouseReleased(0)) m_swallowTouch = false;

    const std::string query = m_nominate.searchQuery();
    if (query != m_matchesQuery) {
      m_matchesQuery = query;
      m_matches = core::trim(query).empty() ? std::vector<core::Employee>{} : m_store.searchEmployees(query, kSearchResults);
    }
    NominateIntent intent;
    {
      std::optional<IgnoreTaps> ignore;
      if (m_swallowTouch) ignore.emplace();
      intent = m_nominate.draw(NominateView{m_matches, m_behaviours, stillThere, m_strings.at(m_language)}, m_theme,
                               m_photos, now);
    }
    if (intent.switchLanguage) {
      const std::vector<std::string>& languages = core::supportedLanguages();
      const auto at = std::find(languages.begin(), languages.end(), m_language);
      m_language = at == languages.end() || at + 1 == languages.end() ? languages.front() : *(at + 1);
    }
    if (intent.submit) {
      try {
        const core::SubmitOutcome outcome = m_store.submitNomination(
            m_nominate.draft(), core::nowMs(),
            m_store.nominationPolicy(core::NominationPolicy{m_config.moderation, m_config.dailyCap}));
        if (outcome.nomination) {
          m_nominate.submitted(outcome.nomination->status == core::NominationStatus::Approved);
        } else if (outcome.violation) {
          m_nominate.rejected(*outcome.violation);
        }
      } catch (const core::SqliteError& error) {
        // A full or read-only disk: say so on the review step, draft kept, instead of pretending or
        // going out of order; the transaction rolled back, and the next tap on Send retries.
        std::string fault(error.diskFault());
        if (fault.empty()) fault = core::diskFaultAt(m_config.dataDir);
        if (fault.empty()) throw;
        core::logError("kiosk", std::string("nomination not saved: ") + error.what());
        m_nominate.rejected(core::notSaved(fault));
      }
    }
    if (intent.cancel) leaveNominate(now);
  }

  void reload(double now) {
    m_loadedAt = now;
    m_period = core::lastDays(core::nowMs(), m_config.wallDays);
    m_stories = m_store.wallStories(m_period, kSpotlightStories);
    m_people = m_store.recognisedPeople(m_period);
    m_photos.refresh();
  }

  void showPerson(const std::string& employeeId) {
    std::vector<core::WallStory> stories = m_store.storiesFor(employeeId);
    if (stories.empty()) return;  // erased or withdrew from the wall since the wall was loaded
    m_personStories = std::move(stories);
    m_applauded.clear();
    m_person.reset();
    m_screen = Screen::Person;
  }

  void showWall(double now) {
    m_screen = Screen::Wall;
    reload(now);  // applause given on the story wall shows on the wall too
  }

  // One applause per story per visit, however many times the button is tapped.
  void applaud(const std::string& nominationId) {
    if (!m_applauded.insert(nominationId).second) return;
    const std::optional<std::int64_t> total = m_store.applaud(nominationId, core::nowMs());
    for (core::WallStory& story : m_personStories) {
      if (story.nominationId == nominationId && total) story.applause = *total;
    }
  }

  core::Store& m_store;
  const core::Config& m_config;
  const Theme& m_theme;
  PhotoCache& m_photos;

  Screen m_screen = Screen::Wall;
  WallScreen m_wall;
  PersonScreen m_person;
  NominateScreen m_nominate;
  std::vector<core::Behaviour> m_behaviours;
  std::vector<core::Employee> m_matches;  // the roster search for m_matchesQuery
  std::string m_matchesQuery;
  bool m_swallowTouch = false;
  std::map<std::string, core::Strings> m_strings;  // every supported language, loaded at start
  std::string m_language;                          // this session's (the wizard's language button)
  int m_countdownShown = 0;  // the "Still there?" seconds last drawn (0: not asking)
  core::Period m_period;
  std::vector<core::WallStory> m_stories;
  std::vector<core::RecognisedPerson> m_people;
  std::vector<core::WallStory> m_personStories;
  std::set<std::string> m_applauded;
  double m_loadedAt = 0;
  double m_lastInput = 0;
  double m_failedAt = 0;
};

// [SECTION] frame and loop

// The screen boundary: an exception while drawing becomes the "out of order" screen, never a crash.
void drawFrame(KioskApp& app, double now, bool input) {
  // No background: the window clears to the same colour, and a second full-screen fill costs
  // real time on a software renderer.
  beginFullScreenWindow("wall", ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground);
  try {
    app.frame(now, input);
    ImGui::End();
  } catch (const std::exception& error) {
    ImGui::ErrorCheckEndFrameRecover(nullptr);  // ends the half-drawn window
    app.fail(error.what(), now);
    ImGui::SetNextWindowFocus();  // a fresh window, drawn over whatever was half drawn
    beginFullScreenWindow("out-of-order", 0);
    app.drawOutOfOrder();
    ImGui::End();
  }
}

int runLoop(platform::Window& window, KioskApp& app, PhotoCache& photos, const KioskOptions& options) {
  const bool capturing = options.screenshot.has_value();
  const double captureDeadline = secondsNow() + kScreenshotPhotoWait;
  int redraws = kRedrawsAfterInput;
  int frames = 0;
  double lastFrame = 0;
  while (!window.closeRequested()) {
    double now = secondsNow();
    double wait = 0;
    if (!capturing && redraws == 0) {
      const double change = app.secondsUntilChange(now);
      wait = change > 0 ? change : lastFrame + kFrameSeconds - now;
    }
    const bool input = window.waitForEvents(wait);
    if (input) redraws = kRedrawsAfterInput;
    const bool photoArrived = photos.update();
    now = secondsNow();
    if (!capturing && redraws == 0 && !photoArrived && app.secondsUntilChange(now) > 0) continue;

    window.beginFrame();
    drawFrame(app, now, input);
    window.endFrame();
    photos.endFrame();
    lastFrame = now;
    redraws = std::max(0, redraws - 1);
    ++frames;
    // A screenshot waits for the photos and for the screen to settle (never mid-slide).
    const bool settled = (photos.idle() && app.secondsUntilChange(now) > 0) || now > captureDeadline;
    if (capturing && frames >= options.screenshotAfterFrames && settled) {
      if (!core::writeImage(*options.screenshot, window.readPixels())) {
        std::fprintf(stderr, "wall-of-fame: cannot write the screenshot %s\n", options.screenshot->c_str());
        return 1;
      }
      return 0;
    }
    window.present();
  }
  return 0;
}

// The strings: as asked, else $WOF_ASSETS_DIR, else installed beside the program
// (<prefix>/bin/../share/wall-of-fame, so an unpacked package works from any root), else the
// source tree (developing).
std::filesystem::path stringsDir(const KioskOptions& options) {
  if (!options.stringsDir.empty()) return options.stringsDir;
  if (const char* assets = std::getenv("WOF_ASSETS_DIR"); assets && *assets) return std::filesystem::path(assets) / "strings";
  std::error_code error;
  const std::filesystem::path program = std::filesystem::read_symlink("/proc/self/exe", error);
  const std::filesystem::path installed = program.parent_path().parent_path() / "share" / "wall-of-fame" / "strings";
  if (!error && std::filesystem::is_directory(installed, error)) return installed;
  return std::filesystem::path(WOF_SOURCE_ASSETS_DIR) / "strings";
}

}  // namespace

int runKiosk(core::Store& store, const KioskOptions& options) {
  try {
    const core::DisplaySettings& display = options.config.display;
    platform::Window window(platform::WindowOptions{
        .title = "Wall of Fame",
        .fullscreen = display.fullscreen,
        .monitor = display.monitor,
        .width = display.width,
        .height = display.height,
        .allowQuit = display.allowQuit,
    });
    const float shortSide = static_cast<float>(std::min(window.framebufferWidth(), window.framebufferHeight()));
    const Theme theme(display.uiScale > 0 ? static_cast<float>(display.uiScale) : shortSide / 1080.0f);
    // Decoded as large as the biggest avatar, with room for a centre crop of a 4:3 photo.
    PhotoCache photos(options.photosDir, static_cast<int>(theme.px(320) * 4 / 3), kPhotoBudget,
                      &platform::Window::wake);
    window.uploadFonts();
    const std::filesystem::path strings = stringsDir(options);
    core::logInfo("ui", "screen words from " + strings.string());
    KioskApp app(store, options.config, theme, photos, strings, secondsNow());
    return runLoop(window, app, photos, options);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "wall-of-fame: cannot run the kiosk: %s\n", error.what());
    return 1;
  }
}

}  // namespace wof::ui
