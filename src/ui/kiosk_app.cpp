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
#include <ctime>
#include <exception>
#include <set>
#include <string>
#include <vector>

#include "core/util/clock.hpp"
#include "core/util/files.hpp"
#include "core/config/config.hpp"
#include "core/storage/database.hpp"
#include "core/util/local_disk.hpp"
#include "core/util/log.hpp"
#include "core/photos/photo.hpp"
#include "ui/strings.hpp"
#include "core/util/text.hpp"
#include "core/config/screen_schedule.hpp"
#include "core/util/watchdog.hpp"
#include "platform/systemd_notify.hpp"
#include "platform/window.hpp"
#include "ui/screens/admin_screen.hpp"
#include "ui/screens/hall_of_fame_screen.hpp"
#include "ui/screens/nominate_screen.hpp"
#include "ui/screens/person_screen.hpp"
#include "ui/photo_cache.hpp"
#include "ui/widgets/text_layout.hpp"
#include "ui/theme.hpp"
#include "ui/screens/wall_screen.hpp"
#include "ui/widgets/widgets.hpp"

namespace wof::ui {

namespace {

constexpr int kSpotlightStories = 12;
constexpr double kRefreshSeconds = 60;     // reload the wall: sync may have brought new stories
constexpr double kPersonIdleSeconds = 45;  // an untouched story wall (or hall of fame) goes back to the wall
constexpr double kSessionSeconds = 60;     // an untouched wall forgets the last person's filter and language
constexpr double kThanksSeconds = 20;      // the thank-you goes back to the wall by itself
constexpr int kSearchResults = 24;
constexpr int kPersonPageStories = 30;  // a few screens of story cards; more load while scrolling
constexpr double kRetrySeconds = 60;       // after a failure, how long "out of order" shows
constexpr double kFrameSeconds = 1.0 / 60;  // animation pace where there is no vsync (Xvfb)
constexpr double kScreenshotPhotoWait = 20;  // seconds a screenshot waits for photos at most
constexpr std::size_t kPhotoBudget = 96u << 20;
constexpr int kRedrawsAfterInput = 3;  // ImGui settles a press or release over a couple of frames
constexpr double kDarkRecheckSeconds = 300;  // longest sleep while dark, in case the clock was set

// UI tests set WOF_SETTLED_FILE: once the frames that follow input are drawn and shown, the kiosk
// writes there the monotonic time (ns) of its latest event poll. A test that sent a tap before
// that time knows the answer is on screen, however slow the renderer. Unset on a real kiosk.
void reportSettled(const char* file, std::chrono::steady_clock::time_point polledAt) {
  const long long ns = std::chrono::duration_cast<std::chrono::nanoseconds>(polledAt.time_since_epoch()).count();
  core::writeFileDurably(file, std::to_string(ns) + "\n", core::DurableOptions{.replace = true, .flush = false});
}

double secondsNow() {
  static const auto start = std::chrono::steady_clock::now();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long long monotonicNs() {
  return static_cast<long long>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
}

// bench/run only (WOF_BENCH_FRAME_LOG): the monotonic time each start-up step ends, for P4.
void benchPhase(const char* name) {
  static const bool enabled = std::getenv("WOF_BENCH_FRAME_LOG") != nullptr;
  if (enabled) std::fprintf(stderr, "wof-phase %s %lld\n", name, monotonicNs());
}

double threadCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
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
           const std::filesystem::path& stringsDir, double now, AdminContext admin)
      : m_store(store), m_config(config), m_theme(theme), m_photos(photos),
        m_wall(config.display.spotlightSeconds, std::getenv("WOF_BENCH_NO_CLIP") == nullptr),  // bench/run's P2 anchor
        m_admin(std::move(admin)), m_language(config.language) {
    for (const std::string& language : core::supportedLanguages())
      m_strings.emplace(language, core::Strings::load(stringsDir, language));
    m_wall.reset(now);
    m_loadedAt = now - kRefreshSeconds;  // the first tick loads, inside the screen boundary
  }

  // Before each possible frame: what time alone changes (the wall's data reloaded, a session or a
  // story wall left alone long enough, the carousel's step). Returns why a frame is needed, or
  // nullptr when the screen as drawn is still right: an idle wall wakes for these timers without
  // drawing. May throw (the database): the caller shows "out of order".
  const char* tick(double now, bool input) {
    if (input) m_lastInput = now;
    if ((m_screen == Screen::Person || m_screen == Screen::HallOfFame) && now - m_lastInput >= kPersonIdleSeconds) {
      showWall(now);
      return "idle-return";
    }
    if (m_screen != Screen::Wall) return secondsUntilWake(now) <= 0 ? "timer" : nullptr;
    if (sessionOpen() && now - m_lastInput >= kSessionSeconds) {
      endSession(now);
      return "session-end";
    }
    if (now - m_loadedAt >= kRefreshSeconds && reload(now)) return "new-data";
    if (m_cornerPressAt && now >= *m_cornerPressAt + AdminScreen::kLongPressSeconds) return "admin-press";
    return m_wall.frameReason(now);
  }

  // Draws the current screen into the current ImGui window and acts on what was asked.
  void frame(double now, bool input) {
    if (input) m_lastInput = now;
    if (m_screen == Screen::OutOfOrder) {
      if (now - m_failedAt < kRetrySeconds) return drawOutOfOrder();
      m_screen = Screen::Wall;
      reload(now);
    }
    if (m_screen == Screen::Nominate) return nominateFrame(now);
    if (m_screen == Screen::Admin) return adminFrame(now);

    if (m_screen == Screen::Wall) {
      if (adminGesture(now)) return adminFrame(now);
      const WallView view{m_stories,  m_people, m_champions,      m_behaviours,
                          m_departments, m_filter, m_config.wallDays, m_strings.at(m_language),
                          m_banner};
      const WallIntent intent = m_wall.draw(view, m_theme, m_photos, now);
      if (intent.switchLanguage) m_language = nextLanguage();
      if (intent.nominate) {
        showNominate(now);
      } else if (intent.openPerson) {
        showPerson(*intent.openPerson);
      } else if (intent.hallOfFame) {
        showHallOfFame();
      } else if (intent.filter) {
        m_filter = *intent.filter;
        m_wall.restart(now);
        reload(now);
      }
    } else if (m_screen == Screen::HallOfFame) {
      const HallOfFameIntent intent =
          m_hallOfFame.draw(HallOfFameView{m_hallWinners, m_strings.at(m_language)}, m_theme, m_photos, now);
      if (intent.openPerson) showPerson(*intent.openPerson);
      if (intent.back) showWall(now);
    } else {
      const PersonIntent intent =
          m_person.draw(PersonView{m_personStories, m_applauded, m_strings.at(m_language), m_personFromHall,
                                   m_personTotal, m_personNext.has_value()},
                        m_theme, m_photos, now);
      if (intent.applaud) applaud(*intent.applaud);
      if (intent.loadMore) loadMoreStories();
      if (intent.back && m_personFromHall) {
        showHallOfFame(false);
      } else if (intent.back) {
        showWall(now);
      }
    }
  }

  // The screen goes dark: a draft is wiped (privacy), a story wall closes, and so does an admin
  // session unless it is still writing something.
  void goHome(double now) {
    if (m_screen == Screen::Nominate) leaveNominate(now);
    if (m_screen == Screen::Person) showWall(now);
    if (m_screen == Screen::Admin && !m_admin.busy()) {
      m_admin.close("screen schedule");
      showWall(now);
    }
  }

  // Called with ImGui's window stack already unwound: logs, tells HR through the audit log and
  // shows "out of order" until the next retry.
  void fail(const std::string& what, double now) {
    core::logError("ui", "the kiosk screen failed: " + what);
    try {
      m_store.audit("kiosk", "ui-error", what, core::nowMs());
    } catch (const std::exception& error) {
      core::logError("ui", std::string("could not record the failure in the audit log: ") + error.what());
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

  // [SECTION] screenshot tour: each screen as a person would see it, filled from the data

  static constexpr const char* kTourStops[] = {
      "wall",           "wall-filtered",    "wall-de",          "person",               "hall-of-fame", "nominate-1-start",
      "nominate-1-who", "nominate-2-behaviour", "nominate-3-story", "nominate-4-from", "nominate-5-review",
      "nominate-still-there", "nominate-6-thanks"};

  // Shows tour stop `index` and returns its name; false when the data has nothing to show there
  // (no stories: no person to open).
  bool showTourStop(std::size_t index, double now) {
    const std::string_view stop = kTourStops[index];
    m_lastInput = now;
    m_filter = core::WallFilter{};
    m_language = m_config.language;
    m_wall.reset(now);
    showWall(now);
    if (stop == "wall") return true;
    if (stop == "wall-de") {  // the other language's longer words, and its button
      m_language = nextLanguage();
      return true;
    }
    if (stop == "hall-of-fame") {
      showHallOfFame();
      return true;
    }
    if (m_stories.empty()) return false;
    const core::WallStory& story = m_stories.front();
    if (stop == "wall-filtered") {
      m_filter.behaviourKey = story.behaviourKey;
      reload(now);
      return true;
    }
    if (stop == "person") {
      showPerson(story.nomineeId);
      return m_screen == Screen::Person;
    }
    const std::optional<core::Employee> nominee = m_store.employee(story.nomineeId);
    std::optional<core::Employee> nominator;
    for (const core::Employee& person : m_store.employees(true)) {
      if (person.id != story.nomineeId) {
        nominator = person;
        break;
      }
    }
    if (!nominee || !nominator) return false;
    showNominate(now);
    if (stop == "nominate-1-start") return true;
    const auto firstWord = [](const std::string& name) { return name.substr(0, name.find(' ')); };
    const core::Behaviour behaviour{story.behaviourKey, story.behaviourTitle, ""};
    const NominateScreen::Preview filled{*nominee, behaviour, story.story, *nominator, firstWord(nominee->displayName),
                                         firstWord(nominator->displayName)};
    static constexpr std::pair<std::string_view, int> kSteps[] = {
        {"nominate-1-who", 0},   {"nominate-2-behaviour", 1}, {"nominate-3-story", 2},     {"nominate-4-from", 3},
        {"nominate-5-review", 4}, {"nominate-still-there", 2}, {"nominate-6-thanks", 5}};
    for (const auto& [name, step] : kSteps) {
      if (name == stop) m_nominate.preview(step, filled);
    }
    if (stop == "nominate-still-there") {
      m_lastInput = now - m_config.idle.wizardTimeoutS - 0.5;
      m_language = nextLanguage();  // as after the language button
    }
    return true;
  }

  // Nothing on screen moves by itself (a screenshot waits for that).
  bool settled(double now) const { return m_screen == Screen::Wall ? !m_wall.animating() : secondsUntilWake(now) > 0; }

  // How long the loop may sleep before tick() may want a frame without any input.
  double secondsUntilWake(double now) const {
    double until = 0;
    switch (m_screen) {
      case Screen::Wall:
        until = std::min(m_wall.secondsUntilWake(now), m_loadedAt + kRefreshSeconds - now);
        if (m_cornerPressAt) until = std::min(until, *m_cornerPressAt + AdminScreen::kLongPressSeconds - now);
        if (sessionOpen()) until = std::min(until, m_lastInput + kSessionSeconds - now);
        break;
      case Screen::Person:
        until = m_person.animating() ? 0 : m_lastInput + kPersonIdleSeconds - now;
        break;
      case Screen::HallOfFame:
        until = m_hallOfFame.animating() ? 0 : m_lastInput + kPersonIdleSeconds - now;
        break;
      case Screen::OutOfOrder:
        until = m_failedAt + kRetrySeconds - now;
        break;
      case Screen::Admin:
        until = std::min(m_admin.secondsUntilChange(now),
                         m_admin.busy() ? 1.0 : m_lastInput + m_config.idle.adminTimeoutS - now);
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

  // Admin mode asked to stop the kiosk.
  bool quitRequested() const { return m_quit; }

 private:
  enum class Screen { Wall, Person, HallOfFame, Nominate, OutOfOrder, Admin };

  // [SECTION] session: what one person changed (filter, language) lasts until the kiosk is left alone

  bool sessionOpen() const { return !m_filter.all() || m_language != m_config.language; }

  void endSession(double now) {
    m_filter = core::WallFilter{};
    m_language = m_config.language;
    m_wall.reset(now);
    reload(now);
  }

  std::string nextLanguage() const {
    const std::vector<std::string>& languages = core::supportedLanguages();
    const auto at = std::find(languages.begin(), languages.end(), m_language);
    return at == languages.end() || at + 1 == languages.end() ? languages.front() : *(at + 1);
  }

  // [SECTION] admin mode

  // A finger held still on the wall's top-left corner for a few seconds opens the PIN pad.
  bool adminGesture(double now) {
    const ImGuiIO& io = ImGui::GetIO();
    const ImRect corner(ImVec2(0, 0), ImVec2(m_theme.px(AdminScreen::kCornerSize), m_theme.px(AdminScreen::kCornerSize)));
    if (!io.MouseDown[0] || !corner.Contains(io.MouseClickedPos[0]) || !corner.Contains(io.MousePos)) {
      m_cornerPressAt.reset();
      return false;
    }
    if (!m_cornerPressAt) m_cornerPressAt = now - io.MouseDownDuration[0];
    if (now - *m_cornerPressAt < AdminScreen::kLongPressSeconds) return false;
    m_cornerPressAt.reset();
    m_admin.open();
    m_lastInput = now;
    m_screen = Screen::Admin;
    return true;
  }

  void adminFrame(double now) {
    if (now - m_lastInput >= m_config.idle.adminTimeoutS && !m_admin.busy()) {
      m_admin.close("idle");
      return showWall(now);
    }
    const AdminIntent intent = m_admin.draw(m_strings.at(m_config.language), m_theme, m_photos, now);
    if (intent.quit) {
      m_admin.close("quit");
      m_quit = true;
    } else if (intent.leave) {
      m_admin.close("done");
      showWall(now);
    }
  }

  // [SECTION] nomination wizard

  void showNominate(double now) {
    m_nominate.reset();
    m_behaviours = m_store.behaviours();
    m_matches.clear();
    m_matchesQuery.clear();
    m_lastInput = now;
    m_screen = Screen::Nominate;
  }

  // Wipes the draft (it only ever lived in memory) and goes home. `sessionOver`: nobody answered,
  // so the language and the wall's filter go back to the kiosk's own too.
  void leaveNominate(double now, bool sessionOver = false) {
    m_nominate.reset();
    m_matches.clear();
    m_matchesQuery.clear();
    if (sessionOver) {
      m_filter = core::WallFilter{};
      m_language = m_config.language;
    }
    showWall(now);
  }

  void nominateFrame(double now) {
    const ImGuiIO& io = ImGui::GetIO();
    if (m_nominate.finished() && now - m_lastInput >= kThanksSeconds) return leaveNominate(now);
    const double idle = now - m_lastInput;
    const double askAt = m_config.idle.wizardTimeoutS;
    if (idle >= askAt + m_config.idle.stillThereS) return leaveNominate(now, true);  // privacy: wipe it all
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
    if (intent.switchLanguage) m_language = nextLanguage();
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

  // Returns whether anything the wall shows changed (a periodic reload mostly finds nothing new).
  bool reload(double now) {
    m_loadedAt = now;
    m_period = core::lastDays(core::nowMs(), m_config.wallDays);
    std::vector<core::WallStory> stories = m_store.wallStories(m_period, kSpotlightStories, m_filter);
    std::vector<core::RecognisedPerson> people = m_store.recognisedPeople(m_period, m_filter);
    // The chips offer every department of the period, whatever is chosen now.
    std::vector<std::string> departments =
        core::departmentsOf(m_filter.all() ? people : m_store.recognisedPeople(m_period));
    std::vector<core::Winner> champions = m_store.currentChampions(core::nowMs());
    std::vector<core::Behaviour> behaviours = m_store.behaviours();
    std::string banner = m_store.meta("fleet.banner").value_or("");
    const bool changed = stories != m_stories || people != m_people || departments != m_departments ||
                         champions != m_champions || behaviours != m_behaviours || banner != m_banner;
    m_banner = std::move(banner);
    m_stories = std::move(stories);
    m_people = std::move(people);
    m_departments = std::move(departments);
    m_champions = std::move(champions);
    m_behaviours = std::move(behaviours);
    const bool photosChanged = m_photos.refresh();
    return changed || photosChanged;
  }

  void showPerson(const std::string& employeeId) {
    core::StoryPage page = m_store.storiesFor(employeeId, kPersonPageStories);
    if (page.stories.empty()) return;  // erased or withdrew from the wall since the wall was loaded
    m_personStories = std::move(page.stories);
    m_personNext = page.next;
    m_personTotal = page.total;
    m_personFromHall = m_screen == Screen::HallOfFame;  // its back button returns there
    m_applauded.clear();
    m_person.reset();
    m_screen = Screen::Person;
  }

  // The person screen scrolled near the end of what is loaded: the page after the last story.
  void loadMoreStories() {
    if (!m_personNext || m_personStories.empty()) return;
    core::StoryPage page = m_store.storiesFor(m_personStories.front().nomineeId, kPersonPageStories, m_personNext);
    for (core::WallStory& story : page.stories) m_personStories.push_back(std::move(story));
    m_personNext = page.next;
  }

  // `fresh`: from the wall, at the top; else back from a champion's stories, where it was.
  void showHallOfFame(bool fresh = true) {
    m_hallWinners = m_store.hallOfFame();
    if (fresh) m_hallOfFame.reset();
    m_screen = Screen::HallOfFame;
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
  HallOfFameScreen m_hallOfFame;
  NominateScreen m_nominate;
  AdminScreen m_admin;
  std::optional<double> m_cornerPressAt;  // when a finger came down on the admin corner
  bool m_quit = false;
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
  core::WallFilter m_filter;                 // this session's chips
  std::vector<std::string> m_departments;    // the chips' departments
  std::vector<core::Winner> m_champions;     // pinned on the wall
  std::string m_banner;                      // fleet.toml's banner line; empty: none
  std::vector<core::Winner> m_hallWinners;   // the hall of fame, loaded when opened
  bool m_personFromHall = false;
  std::vector<core::WallStory> m_personStories;  // the pages loaded so far
  std::optional<core::StoryCursor> m_personNext;
  std::int64_t m_personTotal = 0;
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

// Seconds from now until `at` (wall clock), at most `cap`: a long sleep still notices the clock
// being set (NTP at boot) within `cap`.
double secondsUntil(std::optional<core::TimeMs> at, double cap) {
  if (!at) return cap;
  return std::clamp(static_cast<double>(*at - core::nowMs()) / 1000.0, 0.0, cap);
}

// The event loop: draws only when something changes or animates, goes dark outside the screen
// schedule, and keeps systemd's watchdog fed however long it sleeps.
int runLoop(platform::Window& window, KioskApp& app, PhotoCache& photos, const KioskOptions& options) {
  const bool capturing = options.screenshot.has_value();
  const double captureDeadline = secondsNow() + kScreenshotPhotoWait;
  int redraws = kRedrawsAfterInput;
  int frames = 0;
  double lastFrame = 0;
  // bench/run only: WOF_BENCH_REDRAW draws every frame at 60 fps like a stock ImGui loop (the
  // idle-CPU anchor); WOF_BENCH_FRAME_LOG prints to stderr, for each frame, when its drawing ended
  // (monotonic ns), its CPU time from NewFrame to there, why it was drawn and the photo cache's
  // texture bytes, then when its swap returned.
  const bool benchRedraw = std::getenv("WOF_BENCH_REDRAW") != nullptr;
  const bool benchFrameLog = std::getenv("WOF_BENCH_FRAME_LOG") != nullptr;
  // Screenshots ignore the schedule: they are for looking at the screens, day or night.
  core::ScreenTimer screen(capturing ? core::ScreenSchedule() : options.config.schedule.hours,
                           core::TimeMs{options.config.schedule.wakeMinutes} * 60'000);
  core::WatchdogTimer watchdog(platform::systemdWatchdogTimeout(), secondsNow());
  if (watchdog.enabled()) core::logInfo("ui", "systemd watchdog armed, ping_every_s=" + std::to_string(watchdog.interval()));
  bool ready = false;  // READY=1 sent (after the first frame or black screen)
  bool dark = false;
  auto signalReady = [&ready] {
    if (ready) return;
    ready = true;
    platform::notifySystemd("READY=1");
  };
  auto feedWatchdog = [&watchdog] {
    if (!watchdog.due(secondsNow())) return;
    platform::notifySystemd("WATCHDOG=1");
    watchdog.pinged(secondsNow());
  };

  const char* settledFile = std::getenv("WOF_SETTLED_FILE");
  while (!window.closeRequested() && !app.quitRequested()) {
    feedWatchdog();
    double now = secondsNow();

    if (dark) {
      // No frames at all: sleep until the schedule lights the screen, a touch, or the next ping.
      const double wait = secondsUntil(screen.nextChange(core::nowMs()), kDarkRecheckSeconds);
      const bool event = window.waitForEvents(watchdog.capWait(wait, secondsNow()));
      if (window.takeTouch()) {
        screen.touched(core::nowMs());
        window.discardInput();  // the touch that wakes the screen does nothing else
      }
      if (!screen.lit(core::nowMs())) {
        if (event) window.showBlack();  // exposed or resized: paint it black again
        continue;
      }
      dark = false;
      redraws = kRedrawsAfterInput;
      core::logInfo("ui", "screen on");
      platform::notifySystemd("STATUS=Showing the wall");
      if (options.onScreenChange) options.onScreenChange(true);
      continue;
    }

    double wait = 0;
    if (!capturing && redraws == 0) {
      const double change = app.secondsUntilWake(now);
      wait = change > 0 ? change : lastFrame + kFrameSeconds - now;
      if (wait > 0) wait = std::min(wait, secondsUntil(screen.nextChange(core::nowMs()), kDarkRecheckSeconds));
    }
    if (benchRedraw) {
      redraws = 1;
      wait = std::max(0.0, lastFrame + kFrameSeconds - now);
    }
    const auto polledAt = std::chrono::steady_clock::now();
    const bool input = window.waitForEvents(watchdog.capWait(wait, now));
    if (input) redraws = kRedrawsAfterInput;
    if (window.takeTouch()) screen.touched(core::nowMs());
    now = secondsNow();
    if (!screen.lit(core::nowMs())) {
      try {
        app.goHome(now);  // nothing half-typed survives the dark, and it wakes on the wall
      } catch (const std::exception& error) {
        app.fail(error.what(), now);
      }
      window.discardInput();
      window.showBlack();
      dark = true;
      signalReady();
      core::logInfo("ui", "screen off (schedule)");
      platform::notifySystemd("STATUS=Screen off (schedule)");
      if (options.onScreenChange) options.onScreenChange(false);
      continue;
    }
    // A frame only for a reason: input (and the frames ImGui needs to settle it), a photo that
    // arrived, or what tick() says time changed on screen. Timers alone (the watchdog, the
    // schedule, the wall's reload finding nothing new) wake the loop but draw nothing.
    const bool photoArrived = photos.update();
    const char* timed = nullptr;
    try {
      timed = app.tick(now, input);
      if (frames == 0) benchPhase("first-tick");
    } catch (const std::exception& error) {
      app.fail(error.what(), now);
      timed = "failure";
    }
    const char* reason = input          ? "input"
                         : photoArrived ? "photo"
                         : redraws > 0  ? "settle"
                         : timed        ? timed
                         : capturing    ? "screenshot"
                         : benchRedraw  ? "bench"
                                        : nullptr;
    if (!reason) continue;

    const double cpuBefore = benchFrameLog ? threadCpuSeconds() : 0;
    window.beginFrame();
    drawFrame(app, now, input);
    if (benchFrameLog)
      std::fprintf(stderr, "wof-frame %d %lld %.9f %s %zu\n", frames, monotonicNs(), threadCpuSeconds() - cpuBefore,
                   reason, photos.textureBytes());
    window.endFrame();
    photos.endFrame();
    lastFrame = now;
    redraws = std::max(0, redraws - 1);
    ++frames;
    // A screenshot waits for the photos and for the screen to settle (never mid-slide).
    const bool settled = (photos.idle() && app.settled(now)) || now > captureDeadline;
    if (capturing && frames >= options.screenshotAfterFrames && settled) {
      if (!core::writeImage(*options.screenshot, window.readPixels())) {
        core::logError("ui", "cannot write the screenshot " + options.screenshot->string());
        return 1;
      }
      return 0;
    }
    window.present();
    // The swap's monotonic time, comparable with another process's (bench/run's tap latency).
    if (benchFrameLog) std::fprintf(stderr, "wof-swap %d %lld\n", frames - 1, monotonicNs());
    signalReady();
    if (settledFile && redraws == 0) reportSettled(settledFile, polledAt);
  }
  return 0;
}

// Renders each stop of the tour until it settles (photos loaded, nothing sliding), checks its
// text and saves it. Returns 0, 3 when some text left its box, or 1 when a PNG cannot be written.
int runTour(platform::Window& window, KioskApp& app, PhotoCache& photos, const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  const ImVec2 size(static_cast<float>(window.framebufferWidth()), static_cast<float>(window.framebufferHeight()));
  std::vector<std::string> problems;
  std::size_t lines = 0;
  int screens = 0;
  for (std::size_t stop = 0; stop < std::size(KioskApp::kTourStops); ++stop) {
    const std::string name = KioskApp::kTourStops[stop];
    const double start = secondsNow();
    if (!app.showTourStop(stop, start)) {
      std::fprintf(stderr, "wall-of-fame: no %s screen on this data (no stories)\n", name.c_str());
      continue;
    }
    for (int frame = 1;; ++frame) {
      window.waitForEvents(0);
      photos.update();
      const double now = secondsNow();
      startTextAudit();
      window.beginFrame();
      drawFrame(app, now, false);
      window.endFrame();
      photos.endFrame();
      const bool settled = (photos.idle() && app.settled(now)) || now > start + kScreenshotPhotoWait;
      if (frame >= 3 && settled) {
        for (const std::string& problem : textAuditProblems(size)) problems.push_back(name + ": " + problem);
        lines += auditedTextCount();
        stopTextAudit();
        const std::filesystem::path file = dir / (name + ".png");
        if (!core::writeImage(file, window.readPixels())) {
          std::fprintf(stderr, "wall-of-fame: cannot write the screenshot %s\n", file.c_str());
          return 1;
        }
        ++screens;
        break;
      }
      stopTextAudit();
      window.present();
    }
  }
  for (const std::string& problem : problems) std::fprintf(stderr, "wall-of-fame: text outside its box: %s\n", problem.c_str());
  std::fprintf(stderr, "wall-of-fame: %d screens at %.0fx%.0f, %zu lines of text checked, %zu outside their box\n", screens,
               size.x, size.y, lines, problems.size());
  return problems.empty() ? 0 : 3;
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
  benchPhase("run-kiosk");
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
    benchPhase("window");
    const float shortSide = static_cast<float>(std::min(window.framebufferWidth(), window.framebufferHeight()));
    const Theme theme(display.uiScale > 0 ? static_cast<float>(display.uiScale) : shortSide / 1080.0f,
                      options.config.dataDir / "font-atlas.bin");
    benchPhase("fonts-built");
    // Decoded as large as the biggest avatar, with room for a centre crop of a 4:3 photo.
    PhotoCache photos(options.photosDir, static_cast<int>(theme.px(320) * 4 / 3), kPhotoBudget,
                      &platform::Window::wake);
    window.uploadFonts();
    benchPhase("fonts-uploaded");
    const std::filesystem::path strings = stringsDir(options);
    core::logInfo("ui", "screen words from " + strings.string());
    KioskApp app(store, options.config, theme, photos, strings, secondsNow(),
                 AdminContext{store, options.config, options.sync, options.photosDir, options.version});
    benchPhase("app");
    if (options.screenshotDir) return runTour(window, app, photos, *options.screenshotDir);
    return runLoop(window, app, photos, options);
  } catch (const std::exception& error) {
    core::logError("ui", std::string("cannot run the kiosk: ") + error.what());
    return 1;
  }
}

}  // namespace wof::ui
