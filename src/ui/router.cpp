// The kiosk's router (see router.hpp): navigation between the screens, acting on their intents,
// the session, admin mode, the nomination wizard and the screenshot tour's stops. Layer: ui.
//
// Index of this file:
// [SECTION] construction, tick and frame: what the loop calls each wake and each frame
// [SECTION] screenshot tour: each screen as a person would see it, filled from the data
// [SECTION] timers: when the loop must wake without input
// [SECTION] session: what one person changed (filter, language) lasts until the kiosk is left alone
// [SECTION] admin mode
// [SECTION] nomination wizard
// [SECTION] data and screen switches
//
// Call flow: kiosk_loop's runLoop -> Router::tick (timers; may reload) -> drawFrame -> Router::frame
// -> a screen's draw() -> its intent -> show*/applaud/submit here.
#define IMGUI_DEFINE_MATH_OPERATORS  // ImVec2 arithmetic from imgui_internal.h
#include "ui/router.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <iterator>
#include <string_view>
#include <utility>

#include "core/storage/database.hpp"
#include "core/sync/sync_service.hpp"
#include "core/util/clock.hpp"
#include "core/util/local_disk.hpp"
#include "core/util/log.hpp"
#include "core/util/text.hpp"
#include "ui/photo_cache.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/text_layout.hpp"
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

}  // namespace

// [SECTION] construction, tick and frame: what the loop calls each wake and each frame

Router::Router(core::Store& store, const core::Config& config, const Theme& theme, PhotoCache& photos,
               const std::filesystem::path& stringsDir, double now, AdminContext admin, const KioskHooks& hooks)
    : m_store(store), m_config(config), m_theme(theme), m_photos(photos),
      m_wall(config.display.spotlightSeconds, !hooks.benchNoClip),  // bench/run's P2 anchor
      m_admin(admin), m_language(config.language), m_sync(admin.sync), m_startedAt(core::nowMs()) {
  for (const std::string& language : core::supportedLanguages())
    m_strings.emplace(language, core::Strings::load(stringsDir, language));
  m_wall.reset(now);
  m_loadedAt = now - kRefreshSeconds;  // the first tick loads, inside the screen boundary
}

const char* Router::tick(double now, bool input) {
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
  // A sync finished: its heartbeats may make a kiosk silent, or end a silence, before the next reload.
  if (m_sync && m_sync->attempts() != m_silenceCheckedAttempts && refreshSilenceMarker()) return "silence";
  if (m_cornerPressAt && now >= *m_cornerPressAt + AdminScreen::kLongPressSeconds) return "admin-press";
  return m_wall.frameReason(now);
}

void Router::frame(double now, bool input) {
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
                        m_banner, m_silenceMarker};
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
                                 m_personTotal, m_personNext.has_value(), core::nowMs(), m_store.timeZone()},
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

void Router::goHome(double now) {
  if (m_screen == Screen::Nominate) leaveNominate(now);
  if (m_screen == Screen::Person) showWall(now);
  if (m_screen == Screen::Admin && !m_admin.busy()) {
    m_admin.close("screen schedule");
    showWall(now);
  }
}

void Router::fail(const std::string& what, double now) {
  core::logError("ui", "the kiosk screen failed: " + what);
  try {
    m_store.audit("kiosk", "ui-error", what, core::nowMs());
  } catch (const std::exception& error) {
    core::logError("ui", std::string("could not record the failure in the audit log: ") + error.what());
  }
  m_screen = Screen::OutOfOrder;
  m_failedAt = now;
}

void Router::drawOutOfOrder() const {
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

bool Router::showTourStop(std::size_t index, double now) {
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
  if (stop == "wall-world" || stop == "person-world") {
    const auto beyondLatin = [](const core::WallStory& candidate) {
      const std::string_view name = candidate.nomineeName;
      for (std::size_t at = 0; at < name.size();) {
        const char32_t cp = core::decodeUtf8(name, at);
        if (cp >= 0x0370 && (cp < 0x1E00 || cp > 0x1EFF)) return true;  // not Latin (Vietnamese and Yoruba included)
      }
      return false;
    };
    const auto world = std::find_if(m_stories.begin(), m_stories.end(), beyondLatin);
    if (world == m_stories.end()) return false;
    if (stop == "person-world") {
      showPerson(world->nomineeId);
      return m_screen == Screen::Person;
    }
    std::rotate(m_stories.begin(), world, std::next(world));  // the wall opens on it
    return true;
  }
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
  // The keyboard's Greek and Russian layers, a name half typed on each.
  if (stop == "nominate-1-greek" || stop == "nominate-1-russian") {
    NominateScreen::Preview typed = filled;
    const bool greek = stop == "nominate-1-greek";
    typed.whoQuery = greek ? "\u039D\u03AF\u03BA" : "\u0414\u043C\u0438";  // Νίκ, Дми
    typed.keyboard = greek ? OnScreenKeyboard::Script::Greek : OnScreenKeyboard::Script::Cyrillic;
    m_nominate.preview(0, typed);
    return true;
  }
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

// [SECTION] timers: when the loop must wake without input

double Router::secondsUntilWake(double now) const {
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

// [SECTION] session: what one person changed (filter, language) lasts until the kiosk is left alone

void Router::endSession(double now) {
  m_filter = core::WallFilter{};
  m_language = m_config.language;
  m_wall.reset(now);
  reload(now);
}

std::string Router::nextLanguage() const {
  const std::vector<std::string>& languages = core::supportedLanguages();
  const auto at = std::find(languages.begin(), languages.end(), m_language);
  return at == languages.end() || at + 1 == languages.end() ? languages.front() : *(at + 1);
}

// [SECTION] admin mode

bool Router::adminGesture(double now) {
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

void Router::adminFrame(double now) {
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

void Router::showNominate(double now) {
  m_nominate.reset();
  m_behaviours = m_store.behaviours();
  m_matches.clear();
  m_matchesQuery.clear();
  m_lastInput = now;
  m_screen = Screen::Nominate;
}

void Router::leaveNominate(double now, bool sessionOver) {
  m_nominate.reset();
  m_matches.clear();
  m_matchesQuery.clear();
  if (sessionOver) {
    m_filter = core::WallFilter{};
    m_language = m_config.language;
  }
  showWall(now);
}

void Router::nominateFrame(double now) {
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

// [SECTION] data and screen switches

bool Router::reload(double now) {
  m_loadedAt = now;
  m_period = m_store.timeZone().lastDays(core::nowMs(), m_config.wallDays);
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
  const bool silenceChanged = refreshSilenceMarker();
  return changed || photosChanged || silenceChanged;
}

bool Router::refreshSilenceMarker() {
  std::string marker;
  if (m_sync) m_silenceCheckedAttempts = m_sync->attempts();  // once per sync, not every tick
  const core::FleetMonitoring monitoring = core::fleetMonitoring(m_store);
  if (m_sync && monitoring.showSilenceMarker) {
    const core::Silence silence =
        core::findSilence(m_sync->state().fleet, m_config.kioskId, core::lastSuccessfulSync(m_store), m_startedAt,
                          core::nowMs(), monitoring.silentAfterMin);
    // In the kiosk's own language, whatever this session chose: it is for IT, not the visitor.
    const core::Strings& text = m_strings.at(m_config.language);
    const std::string minutes = std::to_string(monitoring.silentAfterMin);
    if (silence.share) {
      marker = text.format("silence_share", {{"minutes", minutes}});
    } else if (!silence.kiosks.empty()) {
      constexpr std::size_t kNamed = 3;  // then "+N": the line stays short
      std::string kiosks;
      for (std::size_t i = 0; i < silence.kiosks.size() && i < kNamed; ++i)
        kiosks += (i ? ", " : "") + silence.kiosks[i];
      if (silence.kiosks.size() > kNamed) kiosks += " +" + std::to_string(silence.kiosks.size() - kNamed);
      marker = text.format("silence_kiosks", {{"kiosks", kiosks}, {"minutes", minutes}});
    }
  }
  const bool changed = marker != m_silenceMarker;
  m_silenceMarker = std::move(marker);
  return changed;
}

void Router::showPerson(const std::string& employeeId) {
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

void Router::loadMoreStories() {
  if (!m_personNext || m_personStories.empty()) return;
  core::StoryPage page = m_store.storiesFor(m_personStories.front().nomineeId, kPersonPageStories, m_personNext);
  for (core::WallStory& story : page.stories) m_personStories.push_back(std::move(story));
  m_personNext = page.next;
}

void Router::showHallOfFame(bool fresh) {
  m_hallWinners = m_store.hallOfFame();
  if (fresh) m_hallOfFame.reset();
  m_screen = Screen::HallOfFame;
}

void Router::showWall(double now) {
  m_screen = Screen::Wall;
  reload(now);  // applause given on the story wall shows on the wall too
}

void Router::applaud(const std::string& nominationId) {
  if (!m_applauded.insert(nominationId).second) return;
  const std::optional<std::int64_t> total = m_store.applaud(nominationId, core::nowMs());
  for (core::WallStory& story : m_personStories) {
    if (story.nominationId == nominationId && total) story.applause = *total;
  }
}

}  // namespace wof::ui
