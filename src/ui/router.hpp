// The kiosk's router: owns which screen shows (wall, story wall, hall of fame, nomination wizard,
// admin, "out of order") and the data they show. Screens draw and return intents; the router
// acts on them (navigation, database writes). Layer: ui. Driven by kiosk_loop.cpp and screenshot_tour.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/model/model.hpp"
#include "core/storage/store.hpp"
#include "ui/kiosk_hooks.hpp"
#include "ui/screens/admin_screen.hpp"
#include "ui/screens/hall_of_fame_screen.hpp"
#include "ui/screens/nominate_screen.hpp"
#include "ui/screens/person_screen.hpp"
#include "ui/screens/wall_screen.hpp"
#include "ui/strings.hpp"

namespace wof::ui {

class PhotoCache;
class Theme;

class Router {
 public:
  Router(core::Store& store, const core::Config& config, const Theme& theme, PhotoCache& photos,
         const std::filesystem::path& stringsDir, double now, AdminContext admin, const KioskHooks& hooks);

  // Before each possible frame: what time alone changes (the wall's data reloaded, a session or a
  // story wall left alone long enough, the carousel's step). Returns why a frame is needed, or
  // nullptr when the screen as drawn is still right: an idle wall wakes for these timers without
  // drawing. May throw (the database): the caller shows "out of order".
  const char* tick(double now, bool input);

  // Draws the current screen into the current ImGui window and acts on what was asked.
  void frame(double now, bool input);

  // The screen goes dark: a draft is wiped (privacy), a story wall closes, and so does an admin
  // session unless it is still writing something.
  void goHome(double now);

  // Called with ImGui's window stack already unwound: logs, tells HR through the audit log and
  // shows "out of order" until the next retry.
  void fail(const std::string& what, double now);

  void drawOutOfOrder() const;

  // The screenshot tour's stops, in order (screenshot_tour.cpp renders each).
  static constexpr const char* kTourStops[] = {
      "wall",           "wall-filtered",    "wall-de",          "person",               "hall-of-fame", "nominate-1-start",
      "nominate-1-who", "nominate-1-greek", "nominate-1-russian", "nominate-2-behaviour", "nominate-3-story",
      "nominate-4-from", "nominate-5-review", "nominate-still-there", "nominate-6-thanks", "wall-world", "person-world"};

  // Shows tour stop `index` and returns its name; false when the data has nothing to show there
  // (no stories: no person to open). The "-world" stops show the newest story about someone whose
  // name is written in another script than Latin, first on the wall and then on their page.
  bool showTourStop(std::size_t index, double now);

  // Nothing on screen moves by itself (a screenshot waits for that).
  bool settled(double now) const { return m_screen == Screen::Wall ? !m_wall.animating() : secondsUntilWake(now) > 0; }

  // How long the loop may sleep before tick() may want a frame without any input.
  double secondsUntilWake(double now) const;

  // Admin mode asked to stop the kiosk.
  bool quitRequested() const { return m_quit; }

 private:
  enum class Screen { Wall, Person, HallOfFame, Nominate, OutOfOrder, Admin };

  // session: what one person changed (filter, language) lasts until the kiosk is left alone
  bool sessionOpen() const { return !m_filter.all() || m_language != m_config.language; }

  void endSession(double now);

  std::string nextLanguage() const;

  // admin mode
  // A finger held still on the wall's top-left corner for a few seconds opens the PIN pad.
  bool adminGesture(double now);

  void adminFrame(double now);

  // nomination wizard
  void showNominate(double now);

  // Wipes the draft (it only ever lived in memory) and goes home. `sessionOver`: nobody answered,
  // so the language and the wall's filter go back to the kiosk's own too.
  void leaveNominate(double now, bool sessionOver = false);

  void nominateFrame(double now);

  // data and screen switches
  // Returns whether anything the wall shows changed (a periodic reload mostly finds nothing new).
  bool reload(double now);
  // Works out the wall's silence marker again (fleet.toml, the last sync, the share's heartbeats
  // as the sync thread last read them); returns whether it changed.
  bool refreshSilenceMarker();

  void showPerson(const std::string& employeeId);

  // The person screen scrolled near the end of what is loaded: the page after the last story.
  void loadMoreStories();

  // `fresh`: from the wall, at the top; else back from a champion's stories, where it was.
  void showHallOfFame(bool fresh = true);

  void showWall(double now);

  // One applause per story per visit, however many times the button is tapped.
  void applaud(const std::string& nominationId);

  // state
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
  core::SyncService* m_sync = nullptr;       // the background sync (the share's heartbeats); null: none
  core::TimeMs m_startedAt = 0;              // a kiosk that never synced is silent from here
  std::uint64_t m_silenceCheckedAttempts = 0;  // sync attempts when the marker was last worked out
  std::string m_silenceMarker;               // the wall's line for IT; empty: none
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

}  // namespace wof::ui
