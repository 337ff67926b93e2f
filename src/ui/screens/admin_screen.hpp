// The kiosk's admin mode, behind the PIN pad: the moderation queue, Customer Champions, reports,
// erasure, sync status, kiosk info and the only way to quit a full-screen kiosk.
// Layer: ui. Acts on the store through core (every action is audited); reports are written on a
// worker thread with its own database connection, so the screen never freezes on a slow share.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/config/config.hpp"
#include "core/model/model.hpp"
#include "core/reports/report_export.hpp"
#include "core/storage/store.hpp"
#include "ui/strings.hpp"
#include "ui/widgets/keyboard.hpp"
#include "ui/photo_cache.hpp"
#include "ui/widgets/pin_pad.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/touch_scroll.hpp"

namespace wof::core {
class SyncService;
}

namespace wof::ui {

struct AdminContext {
  core::Store& store;
  const core::Config& config;
  core::SyncService* sync = nullptr;  // the kiosk's background sync; null when there is no share
  std::filesystem::path photosDir;
  std::string version;  // the program's, for the kiosk info
};

struct AdminIntent {
  bool leave = false;  // back to the wall (the session is over)
  bool quit = false;   // stop the kiosk program
};

class AdminScreen {
 public:
  explicit AdminScreen(AdminContext context);
  ~AdminScreen();  // waits for a report being written, unless the share hangs
  AdminScreen(const AdminScreen&) = delete;
  AdminScreen& operator=(const AdminScreen&) = delete;

  // The gesture opened admin mode: show the PIN pad.
  void open();
  // The session ended (done, idle or quit): audited, then everything typed is forgotten.
  void close(std::string_view why);
  AdminIntent draw(const core::Strings& text, const Theme& theme, PhotoCache& photos, double now);
  // Seconds until the screen changes by itself (a countdown, a report being written).
  double secondsUntilChange(double now) const;
  // A report is being written: the session does not end on idle meanwhile.
  bool busy() const;

  // The long press that opens admin mode, in design pixels from the top-left corner.
  static constexpr float kCornerSize = 140;
  static constexpr double kLongPressSeconds = 3.0;

 private:
  enum class Tab { Moderation, Winners, Reports, Erase, Sync, Kiosk };
  struct ExportJob;

  void drawPin(const core::Strings& text, const Theme& theme, AdminIntent& intent);
  void drawHome(const core::Strings& text, const Theme& theme, PhotoCache& photos, double now, AdminIntent& intent);
  void drawModeration(const core::Strings& text, const Theme& theme, const ImRect& area, double now);
  void drawHide(const core::Strings& text, const Theme& theme, const ImRect& area);
  void drawWinners(const core::Strings& text, const Theme& theme, PhotoCache& photos, const ImRect& area, double now);
  void drawReports(const core::Strings& text, const Theme& theme, const ImRect& area);
  void drawErase(const core::Strings& text, const Theme& theme, PhotoCache& photos, const ImRect& area, double now);
  void drawSync(const core::Strings& text, const Theme& theme, const ImRect& area);
  void drawKiosk(const core::Strings& text, const Theme& theme, const ImRect& area, AdminIntent& intent);
  void show(Tab tab);
  void reloadQueue();
  void reloadWinners();
  void startExport(core::ReportFormat format, int periodChoice, const core::Strings& text);
  void collectExport(const core::Strings& text);
  std::filesystem::path exportsDir() const;
  // The company's calendar (fleet.toml's time_zone): months, periods and dates on these screens.
  const core::TimeZone& zone() const { return m_context.store.timeZone(); }

  AdminContext m_context;
  bool m_unlocked = false;
  bool m_waitForRelease = false;  // the long press is still down: it must not tap the pad
  PinPad m_pin;
  bool m_pinWrong = false;  // the last PIN tried was wrong
  Tab m_tab = Tab::Moderation;
  TouchScroll m_scroll;
  OnScreenKeyboard m_keyboard;
  std::string m_notice;  // the last action's outcome, shown at the top of the content
  bool m_noticeIsProblem = false;

  // Moderation: the pending queue, and the story being hidden (with its reason).
  std::vector<core::ReportRow> m_queue;  // pending first, then recent stories on the wall
  std::size_t m_pending = 0;
  std::optional<core::ReportRow> m_hiding;
  std::string m_reason;

  // Winners: this month's (0) or last month's (1) candidates, the person and story picked.
  int m_winnerMonth = 0;
  std::vector<core::PeriodCandidate> m_candidates;
  std::vector<std::string> m_candidatePhotos;  // photo file of each candidate, "" when none
  std::vector<core::Winner> m_winners;
  std::optional<std::size_t> m_candidate;
  std::string m_winnerStory;  // nomination id
  std::string m_citation;

  // Reports: the period (0 this month, 1 last month, 2 this year) and the job being written.
  int m_reportPeriod = 0;
  std::shared_ptr<ExportJob> m_export;
  std::thread m_exportThread;

  // Erasure: the roster search, the person picked and how many times it was confirmed.
  std::string m_eraseQuery;
  std::string m_eraseSearched;
  std::vector<core::Employee> m_eraseMatches;
  std::optional<core::Employee> m_erasing;
  int m_eraseConfirmations = 0;
};

}  // namespace wof::ui
