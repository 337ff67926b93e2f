// The kiosk's admin mode. Layer: ui.
#define IMGUI_DEFINE_MATH_OPERATORS  // ImVec2 arithmetic from imgui_internal.h
#include "ui/screens/admin_screen.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>

#include "core/admin/admin_actions.hpp"
#include "core/admin/admin_pin.hpp"
#include "core/util/clock.hpp"
#include "core/config/data_dir.hpp"
#include "core/sync/sync.hpp"
#include "core/sync/sync_service.hpp"
#include "core/util/text.hpp"
#include "ui/widgets/text_layout.hpp"
#include "ui/widgets/widgets.hpp"

namespace wof::ui {

namespace {

constexpr float kMargin = 56;
constexpr float kTop = 36;
constexpr float kButtonHeight = 84;
constexpr float kTabsWidth = 380;
constexpr float kTabGap = 14;
constexpr float kNoticeHeight = 64;  // the band for the last action's outcome, always reserved
constexpr int kSearchResults = 24;
constexpr std::size_t kOnWallShown = 200;  // recent stories listed for hiding after the fact
constexpr std::size_t kMaxReasonChars = 200;
constexpr std::size_t kMaxCitationChars = 300;

// The tabs' top, in design pixels: the UI test taps them there.
constexpr float kTabsTop = kTop + kButtonHeight + 36;

// "Dec 2026" for the month holding `t` in the company's calendar.
std::string monthLabel(const core::TimeZone& zone, core::TimeMs t) {
  const std::string day = formatDay(t, zone);  // "1 Dec 2026"
  return day.substr(day.find(' ') + 1);
}

core::Period thisMonth(const core::TimeZone& zone, core::TimeMs now) { return zone.monthOf(now); }
core::Period lastMonth(const core::TimeZone& zone, core::TimeMs now) { return zone.monthOf(zone.monthOf(now).from - 1); }
core::Period thisYear(const core::TimeZone& zone, core::TimeMs now) {
  const int year = zone.date(now).year;
  return {*zone.parseDate(std::to_string(year) + "-01-01"), *zone.parseDate(std::to_string(year + 1) + "-01-01")};
}

// A row of equal toggle buttons; returns the index tapped, if any.
std::optional<int> toggles(const Theme& theme, ImVec2 topLeft, float width, const std::vector<std::string>& labels,
                           int selected) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const float gap = theme.px(14);
  const float each = (width - gap * (labels.size() - 1)) / labels.size();
  std::optional<int> tappedIndex;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const ImVec2 at = topLeft + ImVec2(i * (each + gap), 0);
    const bool on = static_cast<int>(i) == selected;
    if (button(drawList, theme, ImRect(at, at + ImVec2(each, theme.px(kButtonHeight))),
               (on ? "\u2713 " : "") + labels[i], on))
      tappedIndex = static_cast<int>(i);
  }
  return tappedIndex;
}

// Label and value lines, for the sync and kiosk tabs.
float drawFacts(const Theme& theme, ImVec2 at, float width, const std::vector<std::pair<std::string, std::string>>& facts) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const float labelWidth = std::min(theme.px(340), width * 0.4f);
  for (const auto& [label, value] : facts) {
    drawText(drawList, layoutText(fonts.body, label, labelWidth - theme.px(16), 1), at, theme.palette().textMuted);
    const TextBlock block = layoutText(fonts.bodyBold, value, width - labelWidth, 2);
    drawText(drawList, block, at + ImVec2(labelWidth, 0), theme.palette().text);
    at.y += std::max(block.height(), fonts.body->FontSize) + theme.px(22);
  }
  return at.y;
}

}  // namespace

// [SECTION] the report worker

struct AdminScreen::ExportJob {
  std::atomic<bool> done{false};
  core::ReportWrite result;
  std::filesystem::path file;
  std::string what;  // "xlsx November 2026", for the notice and the audit log
};

AdminScreen::AdminScreen(AdminContext context) : m_context(std::move(context)) {}

AdminScreen::~AdminScreen() {
  if (!m_exportThread.joinable()) return;
  // A share that hangs must not keep the kiosk from stopping: the job owns what it touches.
  if (m_export && m_export->done.load()) {
    m_exportThread.join();
  } else {
    m_exportThread.detach();
  }
}

std::filesystem::path AdminScreen::exportsDir() const {
  const core::Config& config = m_context.config;
  return (config.shareDir.empty() ? config.dataDir : config.shareDir) / "exports";
}

void AdminScreen::startExport(core::ReportFormat format, int periodChoice, const core::Strings& text) {
  if (busy()) return;
  collectExport(text);
  const core::TimeMs now = core::nowMs();
  core::ReportFilter filter;
  std::string name;
  std::string label;
  if (periodChoice == 2) {
    filter.period = thisYear(zone(), now);
    name = zone().formatMonth(now).substr(0, 4);
    label = name;
  } else {
    filter.period = periodChoice == 1 ? lastMonth(zone(), now) : thisMonth(zone(), now);
    name = zone().formatMonth(filter.period.from);
    label = monthLabel(zone(), filter.period.from);
  }
  auto job = std::make_shared<ExportJob>();
  job->file = exportsDir() / ("wall-of-fame-" + name + std::string(core::fileSuffix(format)));
  job->what = std::string(core::toText(format)) + " " + label;
  m_export = job;
  m_notice = text.format("admin.report_busy", {{"file", job->file.string()}});
  m_noticeIsProblem = false;
  const std::filesystem::path databaseFile = core::databaseFileIn(m_context.config.dataDir);
  const std::string kioskId = m_context.config.kioskId;
  const std::filesystem::path photosDir = m_context.photosDir;
  const core::TimeZone localZone = core::kioskTimeZone(m_context.config);
  // Its own connection (WAL lets the screen's connection carry on), and never an exception
  // out of the thread: every failure is shown on the screen.
  m_exportThread = std::thread([job, databaseFile, kioskId, photosDir, localZone, format, filter] {
    try {
      // The job audits on its own connection (the audit chain takes a write lock), so the entry
      // is there even when the session ends before the file is written.
      core::Store store(databaseFile, kioskId, localZone);
      std::error_code error;
      std::filesystem::create_directories(job->file.parent_path(), error);
      if (error) {
        job->result.error = "cannot create " + job->file.parent_path().string() + ": " + error.message();
      } else {
        job->result = core::writeReportFile(store, format, filter, photosDir, job->file);
      }
      if (job->result.error.empty()) {
        core::recordExport(store, "admin", job->what + " to " + job->file.string(), core::nowMs());
      } else {
        core::recordExportFailure(store, "admin", job->what + ": " + job->result.error, core::nowMs());
      }
    } catch (const std::exception& error) {
      job->result.error = error.what();
    }
    job->done.store(true);
  });
}

void AdminScreen::collectExport(const core::Strings& text) {
  if (!m_export || !m_export->done.load()) return;
  if (m_exportThread.joinable()) m_exportThread.join();
  const ExportJob& job = *m_export;
  if (job.result.error.empty()) {
    m_notice = text.format("admin.report_done", {{"file", job.file.string()},
                                                  {"count", std::to_string(job.result.nominations)}});
    m_noticeIsProblem = false;
  } else {
    m_notice = job.result.error;
    m_noticeIsProblem = true;
  }
  m_export.reset();
}

bool AdminScreen::busy() const { return m_export && !m_export->done.load(); }

// [SECTION] session

void AdminScreen::open() {
  m_unlocked = false;
  m_waitForRelease = true;
  m_pin.clear();
  m_pinWrong = false;
}

void AdminScreen::close(std::string_view why) {
  if (m_unlocked) m_context.store.audit("admin", "admin-logout", why, core::nowMs());
  m_unlocked = false;
  m_pin.clear();
  std::fill(m_reason.begin(), m_reason.end(), '\0');
  std::fill(m_citation.begin(), m_citation.end(), '\0');
  m_reason.clear();
  m_citation.clear();
  m_eraseQuery.clear();
  m_eraseSearched.clear();
  m_eraseMatches.clear();
  m_erasing.reset();
  m_hiding.reset();
  m_candidate.reset();
  m_notice.clear();
  m_keyboard.reset();
  m_tab = Tab::Moderation;
}

double AdminScreen::secondsUntilChange(double now) const {
  (void)now;
  if (busy()) return 0.25;  // look for the finished report
  if (!m_unlocked) return 1.0;  // a back-off countdown ticks on the PIN pad
  if (m_unlocked && m_tab == Tab::Sync) return 1.0;      // sync status moves by itself
  if (m_scroll.animating()) return 0;
  return 3600;
}

void AdminScreen::show(Tab tab) {
  m_tab = tab;
  m_scroll.reset();
  m_keyboard.reset();
  m_hiding.reset();
  m_erasing.reset();
  m_eraseConfirmations = 0;
  m_candidate.reset();
  if (tab == Tab::Moderation) reloadQueue();
  if (tab == Tab::Winners) reloadWinners();
}

void AdminScreen::reloadQueue() {
  // Pending stories first, oldest first (a queue); then what is on the wall now, newest first,
  // so a story can be hidden after the fact (moderation = auto shows stories at once).
  m_queue.clear();
  std::vector<core::ReportRow> onWall;
  const core::TimeMs wallFrom = zone().lastDays(core::nowMs(), m_context.config.wallDays).from;
  for (core::ReportRow& row : m_context.store.reportRows({}, false)) {
    if (row.status == core::NominationStatus::Pending) {
      m_queue.push_back(std::move(row));
    } else if (row.createdAt >= wallFrom) {
      onWall.push_back(std::move(row));
    }
  }
  m_pending = m_queue.size();
  std::reverse(onWall.begin(), onWall.end());
  if (onWall.size() > kOnWallShown) onWall.resize(kOnWallShown);
  for (core::ReportRow& row : onWall) m_queue.push_back(std::move(row));
}

void AdminScreen::reloadWinners() {
  const core::TimeMs now = core::nowMs();
  const core::Period period = m_winnerMonth == 1 ? lastMonth(zone(), now) : thisMonth(zone(), now);
  m_candidates = m_context.store.candidatesFor(period);
  m_candidatePhotos.clear();
  for (const core::PeriodCandidate& person : m_candidates) {
    const std::optional<core::Employee> employee = m_context.store.employee(person.employeeId);
    m_candidatePhotos.push_back(employee ? employee->photoFile : std::string());
  }
  m_winners = m_context.store.winnersForHr(zone().formatMonth(period.from));
}

// [SECTION] frame

AdminIntent AdminScreen::draw(const core::Strings& text, const Theme& theme, PhotoCache& photos, double now) {
  AdminIntent intent;
  collectExport(text);
  // The finger that opened admin mode is still down (or just came up): it taps nothing.
  const ImGuiIO& io = ImGui::GetIO();
  if (m_waitForRelease && !io.MouseDown[0] && !ImGui::IsMouseReleased(0)) m_waitForRelease = false;
  std::optional<IgnoreTaps> ignore;
  if (m_waitForRelease) ignore.emplace();
  if (!m_unlocked) {
    drawPin(text, theme, intent);
  } else {
    drawHome(text, theme, photos, now, intent);
  }
  return intent;
}

void AdminScreen::drawPin(const core::Strings& text, const Theme& theme, AdminIntent& intent) {
  core::AdminPinGuard guard(m_context.store);
  const core::TimeMs now = core::nowMs();
  const bool configured = !m_context.config.adminPinHash.empty();
  const core::PinGate gate = guard.gate(now);
  std::string message = text(m_pinWrong ? "admin.pin_wrong" : "admin.pin_prompt");
  bool problem = m_pinWrong;
  if (!configured) {
    message = text.format("admin.pin_not_set", {{"file", m_context.config.file.string()}});
    problem = true;
  } else if (gate.kind != core::PinGateKind::MayTry) {
    const core::TimeMs left = std::max<core::TimeMs>(0, gate.until - now);
    message = gate.kind == core::PinGateKind::Locked
                  ? text.format("admin.pin_locked", {{"minutes", std::to_string((left + 59'999) / 60'000)}})
                  : text.format("admin.pin_wait", {{"seconds", std::to_string((left + 999) / 1000)}});
    problem = true;
  }
  const PinPadIntent pad = m_pin.draw(
      PinPadView{message, problem, gate.kind == core::PinGateKind::MayTry, configured, text}, theme);
  if (pad.cancel) {
    m_pin.clear();
    intent.leave = true;
    return;
  }
  if (!pad.submit) return;
  // Every outcome (success, failure, lockout, refused) is audited by the guard.
  const core::PinCheck check = guard.check(m_pin.pin(), m_context.config.adminPinHash, core::nowMs());
  m_pin.clear();
  m_pinWrong = check.result != core::PinCheckResult::Accepted;
  if (check.result == core::PinCheckResult::Accepted) {
    m_unlocked = true;
    show(Tab::Moderation);
  }
}

void AdminScreen::drawHome(const core::Strings& text, const Theme& theme, PhotoCache& photos, double now,
                           AdminIntent& intent) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const ImRect page(ImVec2(theme.px(kMargin), theme.px(kTop)), display - ImVec2(theme.px(kMargin), theme.px(kTop)));

  // Top bar: the title, and the way back to the wall.
  const std::string done = text("admin.done");
  const float doneWidth = textWidth(fonts.bodyBold, done) + theme.px(72);
  const ImRect doneRect(ImVec2(page.Max.x - doneWidth, page.Min.y), ImVec2(page.Max.x, page.Min.y + theme.px(kButtonHeight)));
  if (button(drawList, theme, doneRect, done, false)) {
    intent.leave = true;
    return;
  }
  drawText(drawList, layoutText(fonts.heading, text("admin.title"), doneRect.Min.x - page.Min.x - theme.px(24), 1),
           ImVec2(page.Min.x, page.Min.y + (theme.px(kButtonHeight) - fonts.heading->FontSize) * 0.5f), palette.text);

  // Tabs down the left; on a narrow (portrait) screen, two rows of three across the top.
  static constexpr const char* kTabKeys[] = {"admin.tab_moderation", "admin.tab_winners", "admin.tab_reports",
                                             "admin.tab_erase",      "admin.tab_sync",    "admin.tab_kiosk"};
  const bool narrow = page.GetWidth() < theme.px(1300);
  const float tabGap = theme.px(kTabGap);
  const float tabsWidth = narrow ? (page.GetWidth() - 2 * tabGap) / 3 : theme.px(kTabsWidth);
  for (int i = 0; i < 6; ++i) {
    const Tab tab = static_cast<Tab>(i);
    const int column = narrow ? i % 3 : 0;
    const int row = narrow ? i / 3 : i;
    const ImVec2 at(page.Min.x + column * (tabsWidth + tabGap), theme.px(kTabsTop) + row * (theme.px(kButtonHeight) + tabGap));
    std::string label = text(kTabKeys[i]);
    if (tab == Tab::Moderation && m_pending > 0) label += " (" + std::to_string(m_pending) + ")";
    if (button(drawList, theme, ImRect(at, at + ImVec2(tabsWidth, theme.px(kButtonHeight))), label, tab == m_tab) &&
        tab != m_tab) {
      m_notice.clear();
      show(tab);
    }
  }

  const ImRect content = narrow ? ImRect(ImVec2(page.Min.x, theme.px(kTabsTop + 2 * (kButtonHeight + kTabGap) + 12)), page.Max)
                                : ImRect(ImVec2(page.Min.x + tabsWidth + theme.px(40), theme.px(kTabsTop)), page.Max);
  if (!m_notice.empty()) {
    drawText(drawList, layoutText(fonts.bodyBold, m_notice, content.GetWidth(), 1), content.Min,
             m_noticeIsProblem ? palette.accent : palette.count);
  }
  const ImRect area(content.Min + ImVec2(0, theme.px(kNoticeHeight)), content.Max);
  switch (m_tab) {
    case Tab::Moderation:
      if (m_hiding) {
        drawHide(text, theme, area);
      } else {
        drawModeration(text, theme, area, now);
      }
      break;
    case Tab::Winners:
      drawWinners(text, theme, photos, area, now);
      break;
    case Tab::Reports:
      drawReports(text, theme, area);
      break;
    case Tab::Erase:
      drawErase(text, theme, photos, area, now);
      break;
    case Tab::Sync:
      drawSync(text, theme, area);
      break;
    case Tab::Kiosk:
      drawKiosk(text, theme, area, intent);
      break;
  }
}

// [SECTION] moderation

void AdminScreen::drawModeration(const core::Strings& text, const Theme& theme, const ImRect& area, double now) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();
  const core::NominationPolicy policy =
      m_context.store.nominationPolicy({m_context.config.moderation, m_context.config.dailyCap});
  const std::string summary =
      text.format(policy.moderation == core::ModerationPolicy::Hr ? "admin.queue_hr" : "admin.queue_auto",
                  {{"count", std::to_string(m_pending)}, {"shown", std::to_string(m_queue.size() - m_pending)}});
  const TextBlock summaryText = layoutText(fonts.body, summary, area.GetWidth(), 3);
  drawText(drawList, summaryText, area.Min, palette.textMuted);
  const ImRect viewport(area.Min + ImVec2(0, summaryText.height() + theme.px(22)), area.Max);
  if (m_queue.empty()) {
    drawText(drawList, layoutText(fonts.lead, text("admin.queue_empty"), viewport.GetWidth(), 2),
             viewport.Min + ImVec2(0, theme.px(16)), palette.text);
    return;
  }
  const float cardHeight = theme.px(230);
  const float gap = theme.px(20);
  m_scroll.update(viewport, m_queue.size() * (cardHeight + gap), now, theme.px(120));
  const bool inView = viewport.Contains(ImGui::GetIO().MouseClickedPos[0]);
  std::optional<std::size_t> approve, hide;
  drawList->PushClipRect(viewport.Min, viewport.Max, true);
  for (std::size_t i = 0; i < m_queue.size(); ++i) {
    const core::ReportRow& row = m_queue[i];
    const ImVec2 at = viewport.Min + ImVec2(0, i * (cardHeight + gap) - m_scroll.offset());
    const ImRect card(at, at + ImVec2(viewport.GetWidth(), cardHeight));
    if (card.Max.y < viewport.Min.y || card.Min.y > viewport.Max.y) continue;
    drawCard(drawList, theme, card, palette.surface);
    const float pad = theme.px(28);
    const float buttonsWidth = theme.px(240);
    const ImRect approveRect(ImVec2(card.Max.x - pad - buttonsWidth, card.Min.y + pad),
                             ImVec2(card.Max.x - pad, card.Min.y + pad + theme.px(kButtonHeight)));
    const ImRect hideRect(approveRect.Min + ImVec2(0, theme.px(kButtonHeight + 16)),
                          approveRect.Max + ImVec2(0, theme.px(kButtonHeight + 16)));
    if (row.status == core::NominationStatus::Pending) {
      if (button(drawList, theme, approveRect, text("admin.approve"), true) && inView) approve = i;
    } else {
      const std::string shown = text("admin.on_wall");
      const float shownWidth = std::min(buttonsWidth, textWidth(fonts.small, shown) + theme.px(40));
      drawPill(drawList, theme, fonts.small, shown,
               ImVec2(approveRect.GetCenter().x - shownWidth * 0.5f,
                      approveRect.GetCenter().y - pillHeight(theme, fonts.small) * 0.5f),
               buttonsWidth, palette.count, palette.onCount);
    }
    if (button(drawList, theme, hideRect, text("admin.hide"), false) && inView) hide = i;

    const float left = card.Min.x + pad;
    const float width = approveRect.Min.x - theme.px(28) - left;
    float y = card.Min.y + pad;
    const TextBlock name = layoutText(fonts.bodyBold, row.nomineeName, width * 0.6f, 1);
    drawText(drawList, name, ImVec2(left, y), palette.text);
    drawPill(drawList, theme, fonts.small, row.behaviourTitle,
             ImVec2(left + name.width() + theme.px(16), y + (fonts.bodyBold->FontSize - pillHeight(theme, fonts.small)) * 0.5f),
             width - name.width() - theme.px(16), palette.badge, palette.onBadge);
    y += fonts.bodyBold->FontSize + theme.px(16);
    const TextBlock story = layoutText(fonts.body, "\u201C" + std::string(core::trim(row.story)) + "\u201D", width, 3);
    drawText(drawList, story, ImVec2(left, y), palette.text);
    const std::string from = text.format(
        "admin.queue_from",
        {{"name", row.nominatorName.empty() ? text("admin.anonymous") : row.nominatorName},
         {"date", formatDay(row.createdAt, zone())},
         {"where", departmentAndSite(row.department, row.site)}});
    drawText(drawList, layoutText(fonts.small, from, width, 1),
             ImVec2(left, card.Max.y - pad - fonts.small->FontSize), palette.textMuted);
  }
  drawList->PopClipRect();
  drawScrollFades(drawList, theme, viewport, m_scroll);

  const core::TimeMs stamp = core::nowMs();
  if (approve) {
    const core::ReportRow& row = m_queue[*approve];
    core::approveNomination(m_context.store, "admin", row.nominationId, stamp);
    m_notice = text.format("admin.approved", {{"name", row.nomineeName}});
    m_noticeIsProblem = false;
    reloadQueue();
  } else if (hide) {
    m_hiding = m_queue[*hide];
    m_reason.clear();
    m_keyboard.reset();
  }
}

void AdminScreen::drawHide(const core::Strings& text, const Theme& theme, const ImRect& area) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();
  const core::ReportRow& row = *m_hiding;
  float y = area.Min.y;
  const TextBlock title =
      layoutText(fonts.bodyBold, text.format("admin.hide_title", {{"name", row.nomineeName}}), area.GetWidth(), 1);
  drawText(drawList, title, ImVec2(area.Min.x, y), palette.text);
  y += title.height() + theme.px(10);
  const TextBlock story =
      layoutText(fonts.body, "\u201C" + std::string(core::trim(row.story)) + "\u201D", area.GetWidth(), 2);
  drawText(drawList, story, ImVec2(area.Min.x, y), palette.textMuted);
  y = area.Min.y + title.height() + theme.px(10) + fonts.body->FontSize * 2.6f + theme.px(12);

  // A few common reasons, one tap each; anything else is typed.
  static constexpr const char* kReasons[] = {"admin.reason_customer", "admin.reason_words", "admin.reason_duplicate",
                                             "admin.reason_private"};
  const float gap = theme.px(14);
  const float chipWidth = (area.GetWidth() - 3 * gap) / 4;
  for (int i = 0; i < 4; ++i) {
    const ImVec2 at(area.Min.x + i * (chipWidth + gap), y);
    const std::string reason = text(kReasons[i]);
    if (button(drawList, theme, ImRect(at, at + ImVec2(chipWidth, theme.px(kButtonHeight))), reason, m_reason == reason))
      m_reason = reason;
  }
  y += theme.px(kButtonHeight) + theme.px(20);

  const float keyboardHeight = OnScreenKeyboard::preferredHeight(theme);
  const float keyboardWidth = std::min(area.GetWidth(), theme.px(1500));
  const ImRect keys(ImVec2(area.GetCenter().x - keyboardWidth * 0.5f, area.Max.y - keyboardHeight),
                    ImVec2(area.GetCenter().x + keyboardWidth * 0.5f, area.Max.y));
  m_keyboard.draw(theme, keys, m_reason, kMaxReasonChars);
  const float actionsWidth = theme.px(2 * 260 + 14);
  const ImRect field(ImVec2(area.Min.x, y), ImVec2(area.Max.x - actionsWidth - theme.px(20), y + theme.px(96)));
  drawField(theme, field, m_reason, text("admin.reason_hint"));
  const float buttonsY = y + theme.px(6);
  const ImRect cancel(ImVec2(area.Max.x - actionsWidth, buttonsY),
                      ImVec2(area.Max.x - actionsWidth + theme.px(260), buttonsY + theme.px(kButtonHeight)));
  const ImRect confirm(ImVec2(area.Max.x - theme.px(260), buttonsY), ImVec2(area.Max.x, buttonsY + theme.px(kButtonHeight)));
  if (button(drawList, theme, cancel, text("admin.cancel"), false)) {
    m_hiding.reset();
    return;
  }
  const std::string reason(core::trim(m_reason));
  if (button(drawList, theme, confirm, text("admin.hide_confirm"), true, !reason.empty())) {
    const core::TimeMs stamp = core::nowMs();
    core::hideNomination(m_context.store, "admin", row.nominationId, reason, stamp);
    m_notice = text.format("admin.hidden", {{"name", row.nomineeName}});
    m_noticeIsProblem = false;
    m_hiding.reset();
    m_reason.clear();
    reloadQueue();
  }
}

// [SECTION] winners

void AdminScreen::drawWinners(const core::Strings& text, const Theme& theme, PhotoCache& photos, const ImRect& area,
                              double now) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();
  const core::TimeMs stamp = core::nowMs();
  const core::Period months[] = {thisMonth(zone(), stamp), lastMonth(zone(), stamp)};
  const float togglesWidth = std::min(area.GetWidth(), theme.px(900));
  if (const auto picked = toggles(theme, area.Min, togglesWidth,
                                  {text.format("admin.this_month", {{"month", monthLabel(zone(), months[0].from)}}),
                                   text.format("admin.last_month", {{"month", monthLabel(zone(), months[1].from)}})},
                                  m_winnerMonth);
      picked && *picked != m_winnerMonth) {
    m_winnerMonth = *picked;
    m_candidate.reset();
    m_scroll.reset();
    reloadWinners();
  }
  const core::Period period = months[m_winnerMonth];
  float y = area.Min.y + theme.px(kButtonHeight + 20);
  std::string champions;
  for (const core::Winner& winner : m_winners)
    champions += (champions.empty() ? "" : ", ") + (winner.displayName.empty() ? winner.employeeId : winner.displayName);
  drawText(drawList,
           layoutText(fonts.body,
                      champions.empty() ? text("admin.no_champions")
                                        : text.format("admin.champions", {{"names", champions}}),
                      area.GetWidth(), 1),
           ImVec2(area.Min.x, y), palette.textMuted);
  y += fonts.body->FontSize + theme.px(24);

  // The period's people, most nominated first.
  const float listWidth = std::min(theme.px(520), area.GetWidth() * 0.42f);
  const ImRect viewport(ImVec2(area.Min.x, y), ImVec2(area.Min.x + listWidth, area.Max.y));
  if (m_candidates.empty()) {
    drawText(drawList, layoutText(fonts.lead, text("admin.no_candidates"), area.GetWidth(), 2), viewport.Min,
             palette.text);
    return;
  }
  const float rowHeight = theme.px(104);
  const float gap = theme.px(12);
  m_scroll.update(viewport, m_candidates.size() * (rowHeight + gap), now, theme.px(120));
  const bool inView = viewport.Contains(ImGui::GetIO().MouseClickedPos[0]);
  drawList->PushClipRect(viewport.Min, viewport.Max, true);
  for (std::size_t i = 0; i < m_candidates.size(); ++i) {
    const core::PeriodCandidate& person = m_candidates[i];
    const ImVec2 at = viewport.Min + ImVec2(0, i * (rowHeight + gap) - m_scroll.offset());
    const ImRect rect(at, at + ImVec2(listWidth, rowHeight));
    if (rect.Max.y < viewport.Min.y || rect.Min.y > viewport.Max.y) continue;
    const bool selected = m_candidate == i;
    drawCard(drawList, theme, rect, inView && pressing(theme, rect) ? palette.surfacePressed : palette.surface);
    if (selected) drawList->AddRect(rect.Min, rect.Max, palette.accent, theme.px(28), 0, theme.px(4));
    const float pad = theme.px(16);
    const float avatar = rowHeight - 2 * pad;
    drawAvatar(drawList, theme, photos, i < m_candidatePhotos.size() ? m_candidatePhotos[i] : std::string(),
               person.employeeId, person.displayName,
               ImVec2(rect.Min.x + pad + avatar * 0.5f, rect.GetCenter().y), avatar);
    const bool champion = std::any_of(m_winners.begin(), m_winners.end(),
                                      [&](const core::Winner& w) { return w.employeeId == person.employeeId; });
    const float textX = rect.Min.x + pad + avatar + theme.px(18);
    const std::string count = std::to_string(person.nominations.size());
    const float countWidth = textWidth(fonts.heading, count);
    const float width = rect.Max.x - pad - countWidth - theme.px(16) - textX;
    drawText(drawList, layoutText(fonts.bodyBold, (champion ? "\u2605 " : "") + person.displayName, width, 1),
             ImVec2(textX, rect.Min.y + theme.px(18)), palette.text);
    drawText(drawList, layoutText(fonts.small, departmentAndSite(person.department, person.site), width, 1),
             ImVec2(textX, rect.Min.y + theme.px(18) + fonts.bodyBold->FontSize + theme.px(8)), palette.textMuted);
    drawList->AddText(fonts.heading, fonts.heading->FontSize,
                      ImVec2(rect.Max.x - pad - countWidth, rect.GetCenter().y - fonts.heading->FontSize * 0.5f),
                      palette.accent, count.c_str());
    if (inView && tapped(theme, rect)) {
      m_candidate = i;
      m_winnerStory.clear();
      for (const core::Nomination& nomination : person.nominations) {
        if (nomination.status == core::NominationStatus::Approved) {
          m_winnerStory = nomination.id;
          break;
        }
      }
      m_citation.clear();
      m_keyboard.reset();
    }
  }
  drawList->PopClipRect();
  drawScrollFades(drawList, theme, viewport, m_scroll);

  // The person picked: their stories (one is the citation's), the citation, and the decision.
  const ImRect panel(ImVec2(viewport.Max.x + theme.px(32), y), area.Max);
  if (!m_candidate || *m_candidate >= m_candidates.size()) {
    drawText(drawList, layoutText(fonts.lead, text("admin.pick_person"), panel.GetWidth(), 3), panel.Min,
             palette.textMuted);
    return;
  }
  const core::PeriodCandidate& person = m_candidates[*m_candidate];
  const float keyboardHeight = OnScreenKeyboard::preferredHeight(theme);
  const ImRect keys(ImVec2(panel.Min.x, panel.Max.y - keyboardHeight), panel.Max);
  m_keyboard.draw(theme, keys, m_citation, kMaxCitationChars);
  const float decideY = keys.Min.y - theme.px(20) - theme.px(96);
  const float decideWidth = theme.px(380);
  drawField(theme, ImRect(ImVec2(panel.Min.x, decideY), ImVec2(panel.Max.x - decideWidth - theme.px(16), decideY + theme.px(96))),
            m_citation, text("admin.citation_hint"));
  const ImRect decide(ImVec2(panel.Max.x - decideWidth, decideY + theme.px(6)),
                      ImVec2(panel.Max.x, decideY + theme.px(6 + kButtonHeight)));
  if (button(drawList, theme, decide, text("admin.make_champion"), true, !m_winnerStory.empty())) {
    const core::WinnerOutcome outcome =
        core::selectWinner(m_context.store, "admin", m_winnerStory, zone().formatMonth(period.from),
                           core::trim(m_citation), stamp);
    if (outcome.winner) {
      m_notice = text.format("admin.champion_made", {{"name", person.displayName}, {"month", monthLabel(zone(), period.from)}});
      m_noticeIsProblem = false;
      m_citation.clear();
      reloadWinners();
    } else {
      m_notice = outcome.error;
      m_noticeIsProblem = true;
    }
    return;
  }

  // The stories, one line each: approved ones can carry the title, pending ones need approving.
  const float storyHeight = theme.px(64);
  float storyY = panel.Min.y;
  for (const core::Nomination& nomination : person.nominations) {
    if (storyY + storyHeight > decideY - theme.px(12)) break;
    const ImRect rect(ImVec2(panel.Min.x, storyY), ImVec2(panel.Max.x, storyY + storyHeight));
    const bool approved = nomination.status == core::NominationStatus::Approved;
    const bool chosen = nomination.id == m_winnerStory;
    drawList->AddRectFilled(rect.Min, rect.Max, chosen ? palette.surface : palette.background, theme.px(16));
    drawList->AddRect(rect.Min, rect.Max, chosen ? palette.accent : palette.divider, theme.px(16), 0,
                      theme.px(chosen ? 3 : 1.5f));
    const std::string line = (approved ? "" : text("admin.pending_first") + " ") + "\u201C" +
                             std::string(core::trim(nomination.story)) + "\u201D";
    drawText(drawList, layoutText(fonts.body, line, rect.GetWidth() - theme.px(40), 1),
             ImVec2(rect.Min.x + theme.px(20), rect.GetCenter().y - fonts.body->FontSize * 0.5f),
             approved ? palette.text : palette.textMuted);
    if (approved && tapped(theme, rect)) m_winnerStory = nomination.id;
    storyY += storyHeight + theme.px(10);
  }
}

// [SECTION] reports

void AdminScreen::drawReports(const core::Strings& text, const Theme& theme, const ImRect& area) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();
  const core::TimeMs stamp = core::nowMs();
  const float width = std::min(area.GetWidth(), theme.px(1300));
  // Fixed offsets, not text heights: the UI test taps these buttons.
  drawText(drawList, layoutText(fonts.bodyBold, text("admin.report_period"), width, 1), area.Min, palette.text);
  float y = area.Min.y + theme.px(50);
  if (const auto picked = toggles(theme, ImVec2(area.Min.x, y), width,
                                  {text.format("admin.this_month", {{"month", monthLabel(zone(), thisMonth(zone(), stamp).from)}}),
                                   text.format("admin.last_month", {{"month", monthLabel(zone(), lastMonth(zone(), stamp).from)}}),
                                   text.format("admin.this_year", {{"year", zone().formatMonth(stamp).substr(0, 4)}})},
                                  m_reportPeriod))
    m_reportPeriod = *picked;
  y += theme.px(kButtonHeight + 30);
  drawText(drawList, layoutText(fonts.bodyBold, text("admin.report_format"), width, 1), ImVec2(area.Min.x, y),
           palette.text);
  y += theme.px(50);

  struct Choice {
    core::ReportFormat format;
    const char* label;
    const char* help;
  };
  static constexpr Choice kChoices[] = {
      {core::ReportFormat::Pdf, "admin.report_pdf", "admin.report_pdf_help"},
      {core::ReportFormat::Xlsx, "admin.report_xlsx", "admin.report_xlsx_help"},
      {core::ReportFormat::SummaryCsv, "admin.report_summary", "admin.report_summary_help"},
      {core::ReportFormat::Csv, "admin.report_csv", "admin.report_csv_help"},
  };
  const bool working = busy();
  const float buttonWidth = theme.px(360);
  for (const Choice& choice : kChoices) {
    const ImRect rect(ImVec2(area.Min.x, y), ImVec2(area.Min.x + buttonWidth, y + theme.px(kButtonHeight)));
    if (button(drawList, theme, rect, text(choice.label), false, !working))
      startExport(choice.format, m_reportPeriod, text);
    drawText(drawList, layoutText(fonts.body, text(choice.help), area.Max.x - rect.Max.x - theme.px(28), 2),
             ImVec2(rect.Max.x + theme.px(28), rect.GetCenter().y - fonts.body->FontSize * 0.65f), palette.textMuted);
    y += theme.px(kButtonHeight + 18);
  }
  y += theme.px(16);
  drawText(drawList,
           layoutText(fonts.body, text.format("admin.report_folder", {{"folder", exportsDir().string()}}),
                      area.GetWidth(), 2),
           ImVec2(area.Min.x, y), palette.textMuted);
  if (working) {
    const float pulse = 0.5f + 0.5f * std::sin(static_cast<float>(ImGui::GetTime()) * 4.0f);
    drawList->AddCircleFilled(ImVec2(area.Min.x + theme.px(12), y + theme.px(90)), theme.px(10),
                              ImGui::GetColorU32(ImVec4(0.8f, 0.35f, 0.2f, 0.4f + 0.6f * pulse)));
    drawText(drawList, layoutText(fonts.bodyBold, text("admin.report_working"), area.GetWidth(), 1),
             ImVec2(area.Min.x + theme.px(36), y + theme.px(90) - fonts.bodyBold->FontSize * 0.5f), palette.text);
  }
}

// [SECTION] erasure

void AdminScreen::drawErase(const core::Strings& text, const Theme& theme, PhotoCache& photos, const ImRect& area,
                            double now) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();
  if (m_erasing) {
    // Twice asked, because it cannot be undone and every kiosk repeats it.
    const core::Employee& person = *m_erasing;
    const float width = std::min(area.GetWidth(), theme.px(1100));
    float y = area.Min.y;
    const TextBlock title = layoutText(
        fonts.heading, text.format("admin.erase_title", {{"name", person.displayName}, {"id", person.id}}), width, 2);
    drawText(drawList, title, ImVec2(area.Min.x, y), palette.text);
    y += title.height() + theme.px(20);
    const TextBlock body =
        layoutText(fonts.lead, text(m_eraseConfirmations == 0 ? "admin.erase_explain" : "admin.erase_sure"), width, 5);
    drawText(drawList, body, ImVec2(area.Min.x, y), m_eraseConfirmations == 0 ? palette.textMuted : palette.accent);
    y += body.height() + theme.px(40);
    const ImRect cancel(ImVec2(area.Min.x, y), ImVec2(area.Min.x + theme.px(300), y + theme.px(kButtonHeight)));
    const ImRect go(ImVec2(cancel.Max.x + theme.px(20), y),
                    ImVec2(cancel.Max.x + theme.px(20 + 480), y + theme.px(kButtonHeight)));
    if (button(drawList, theme, cancel, text("admin.cancel"), false)) {
      m_erasing.reset();
      m_eraseConfirmations = 0;
      return;
    }
    if (!button(drawList, theme, go, text(m_eraseConfirmations == 0 ? "admin.erase_go" : "admin.erase_final"), true))
      return;
    if (++m_eraseConfirmations < 2) return;
    const core::TimeMs stamp = core::nowMs();
    const core::EraseOutcome outcome = core::eraseEmployee(m_context.store, "admin", person.id, stamp);
    if (outcome.found) {
      // Only a plain file name inside the photos folder is ever deleted.
      core::deleteErasedPhoto(m_context.photosDir, outcome.photoFile);
      m_notice = text.format("admin.erased", {{"id", person.id}});
      m_noticeIsProblem = false;
      photos.refresh();
    } else {
      m_notice = text.format("admin.erase_missing", {{"id", person.id}});
      m_noticeIsProblem = true;
    }
    m_erasing.reset();
    m_eraseConfirmations = 0;
    m_eraseQuery.clear();
    return;
  }

  const float keyboardHeight = OnScreenKeyboard::preferredHeight(theme);
  const float keyboardWidth = std::min(area.GetWidth(), theme.px(1500));
  const ImRect keys(ImVec2(area.GetCenter().x - keyboardWidth * 0.5f, area.Max.y - keyboardHeight),
                    ImVec2(area.GetCenter().x + keyboardWidth * 0.5f, area.Max.y));
  if (m_keyboard.draw(theme, keys, m_eraseQuery, 60)) m_scroll.reset();
  const ImRect field(area.Min, ImVec2(area.Max.x, area.Min.y + theme.px(96)));
  drawField(theme, field, m_eraseQuery, text("admin.erase_search"));
  if (m_eraseQuery != m_eraseSearched) {
    m_eraseSearched = m_eraseQuery;
    m_eraseMatches = core::trim(m_eraseQuery).empty() ? std::vector<core::Employee>{}
                                                       : m_context.store.searchEmployees(m_eraseQuery, kSearchResults);
  }
  const ImRect viewport(ImVec2(area.Min.x, field.Max.y + theme.px(20)), ImVec2(area.Max.x, keys.Min.y - theme.px(20)));
  if (m_eraseMatches.empty()) {
    drawText(drawList, layoutText(fonts.body, text("admin.erase_help"), viewport.GetWidth(), 3), viewport.Min,
             palette.textMuted);
    return;
  }
  const float rowHeight = theme.px(88);
  const float gap = theme.px(12);
  const int columns = viewport.GetWidth() >= theme.px(900) ? 2 : 1;
  const float rowWidth = (viewport.GetWidth() - (columns - 1) * gap) / columns;
  const int rows = (static_cast<int>(m_eraseMatches.size()) + columns - 1) / columns;
  m_scroll.update(viewport, rows * (rowHeight + gap), now, theme.px(100));
  const bool inView = viewport.Contains(ImGui::GetIO().MouseClickedPos[0]);
  drawList->PushClipRect(viewport.Min, viewport.Max, true);
  for (std::size_t i = 0; i < m_eraseMatches.size(); ++i) {
    const core::Employee& person = m_eraseMatches[i];
    const ImVec2 at = viewport.Min + ImVec2((i % columns) * (rowWidth + gap), (i / columns) * (rowHeight + gap) - m_scroll.offset());
    const ImRect rect(at, at + ImVec2(rowWidth, rowHeight));
    if (rect.Max.y < viewport.Min.y || rect.Min.y > viewport.Max.y) continue;
    drawCard(drawList, theme, rect, inView && pressing(theme, rect) ? palette.surfacePressed : palette.surface);
    const float pad = theme.px(14);
    const float avatar = rowHeight - 2 * pad;
    drawAvatar(drawList, theme, photos, person.photoFile, person.id, person.displayName,
               ImVec2(rect.Min.x + pad + avatar * 0.5f, rect.GetCenter().y), avatar);
    const float textX = rect.Min.x + pad + avatar + theme.px(16);
    const float width = rect.Max.x - pad - textX;
    const float top = rect.GetCenter().y - (fonts.bodyBold->FontSize + theme.px(6) + fonts.small->FontSize) * 0.5f;
    drawText(drawList, layoutText(fonts.bodyBold, person.displayName + "  \u00B7  " + person.id, width, 1),
             ImVec2(textX, top), palette.text);
    drawText(drawList, layoutText(fonts.small, departmentAndSite(person.department, person.site), width, 1),
             ImVec2(textX, top + fonts.bodyBold->FontSize + theme.px(6)), palette.textMuted);
    if (inView && tapped(theme, rect)) {
      m_erasing = person;
      m_eraseConfirmations = 0;
    }
  }
  drawList->PopClipRect();
  drawScrollFades(drawList, theme, viewport, m_scroll);
}

// [SECTION] sync and kiosk

void AdminScreen::drawSync(const core::Strings& text, const Theme& theme, const ImRect& area) {
  const core::Config& config = m_context.config;
  std::vector<std::pair<std::string, std::string>> facts;
  if (config.shareDir.empty()) {
    drawText(ImGui::GetWindowDrawList(), layoutText(theme.fonts().lead, text("admin.sync_none"), area.GetWidth(), 3),
             area.Min, theme.palette().text);
    return;
  }
  const std::optional<core::TimeMs> last = core::lastSuccessfulSync(m_context.store);
  facts.emplace_back(text("admin.sync_share"), config.shareDir.string());
  facts.emplace_back(text("admin.sync_last"), last ? formatDay(*last, zone()) + " " + zone().formatTime(*last) : text("admin.never"));
  facts.emplace_back(text("admin.sync_pending"), std::to_string(m_context.store.counts().pendingEvents));
  facts.emplace_back(text("admin.sync_every"), std::to_string(config.syncIntervalS) + " s");
  // What IT must act on (a kiosk id used twice, a segment changed under its name), newest first.
  const std::vector<core::SyncAlert> alerts = core::syncAlerts(m_context.store);
  for (auto alert = alerts.rbegin(); alert != alerts.rend() && alert - alerts.rbegin() < 2; ++alert)
    facts.emplace_back(text("admin.sync_warning"), formatDay(alert->at, zone()) + " " + zone().formatTime(alert->at) + ": " + alert->text);
  if (m_context.sync) {
    // Share health as the sync thread last saw it: the screen never touches the share itself.
    const core::SyncServiceState state = m_context.sync->state();
    std::string health = text("admin.sync_not_yet");
    if (state.running) {
      health = text("admin.sync_running");
    } else if (!state.lastError.empty()) {
      health = state.lastError;
    } else if (state.lastReport) {
      const core::SyncReport& report = *state.lastReport;
      if (!report.shareReachable) {
        health = report.shareProblem;
      } else if (!report.publishProblem.empty()) {
        health = report.publishProblem;
      } else {
        health = text.format("admin.sync_ok", {{"published", std::to_string(report.publishedEvents)},
                                                {"imported", std::to_string(report.importedEvents)},
                                                {"skipped", std::to_string(report.skipped.size())}});
      }
    }
    facts.emplace_back(text("admin.sync_health"), health);
    // Other kiosks, from the heartbeats the sync thread last read: those silent for too long by name.
    const core::FleetMonitoring monitoring = core::fleetMonitoring(m_context.store);
    const std::string minutes = std::to_string(monitoring.silentAfterMin);
    std::string fleet = text("admin.sync_fleet_unknown");
    if (state.fleet) {
      const core::Silence silence =
          core::findSilence(state.fleet, config.kioskId, last, 0, core::nowMs(), monitoring.silentAfterMin);
      std::string silent;
      for (const std::string& kiosk : silence.kiosks) silent += (silent.empty() ? "" : ", ") + kiosk;
      const std::size_t others = std::count_if(state.fleet->kiosks.begin(), state.fleet->kiosks.end(),
                                               [&](const core::Heartbeat& kiosk) { return kiosk.kioskId != config.kioskId; });
      fleet = silent.empty()
                  ? text.format("admin.sync_fleet_ok", {{"count", std::to_string(others)}, {"minutes", minutes}})
                  : text.format("admin.sync_fleet_silent", {{"kiosks", silent}, {"minutes", minutes}});
    }
    facts.emplace_back(text("admin.sync_fleet"), fleet);
    const float y = drawFacts(theme, area.Min, area.GetWidth(), facts);
    const ImRect now(ImVec2(area.Min.x, y + theme.px(20)),
                     ImVec2(area.Min.x + theme.px(360), y + theme.px(20 + kButtonHeight)));
    if (button(ImGui::GetWindowDrawList(), theme, now, text("admin.sync_now"), true, !state.running)) {
      m_context.sync->requestNow();
      m_context.store.audit("admin", "sync-now", "", core::nowMs());
      m_notice = text("admin.sync_requested");
      m_noticeIsProblem = false;
    }
    return;
  }
  drawFacts(theme, area.Min, area.GetWidth(), facts);
}

void AdminScreen::drawKiosk(const core::Strings& text, const Theme& theme, const ImRect& area, AdminIntent& intent) {
  const core::Config& config = m_context.config;
  const core::StoreCounts counts = m_context.store.counts();
  const std::vector<std::pair<std::string, std::string>> facts = {
      {text("admin.kiosk_id"), config.kioskId},
      {text("admin.kiosk_site"), config.site},
      {text("admin.kiosk_version"), m_context.version},
      {text("admin.kiosk_config"), config.file.string()},
      {text("admin.kiosk_data"), config.dataDir.string()},
      {text("admin.kiosk_share"), config.shareDir.empty() ? text("admin.kiosk_no_share") : config.shareDir.string()},
      {text("admin.kiosk_counts"),
       text.format("admin.kiosk_counts_value", {{"employees", std::to_string(counts.activeEmployees)},
                                                 {"nominations", std::to_string(counts.nominations)},
                                                 {"pending", std::to_string(counts.pending)}})},
  };
  drawFacts(theme, area.Min, area.GetWidth(), facts);
  // At the bottom, always in the same place (the UI test taps it).
  const ImRect quit(ImVec2(area.Min.x, area.Max.y - theme.px(kButtonHeight)),
                    ImVec2(area.Min.x + theme.px(420), area.Max.y));
  // Not while a report is being written: it would be cut off half-way.
  if (button(ImGui::GetWindowDrawList(), theme, quit, text("admin.quit"), true, !busy())) {
    m_context.store.audit("admin", "quit", "the kiosk was stopped from the admin screen", core::nowMs());
    intent.quit = true;
  }
  const ImFont* font = theme.fonts().body;
  drawText(ImGui::GetWindowDrawList(),
           layoutText(theme.fonts().body, text("admin.quit_help"), area.Max.x - quit.Max.x - theme.px(28), 2),
           ImVec2(quit.Max.x + theme.px(28), quit.GetCenter().y - font->FontSize * 0.65f), theme.palette().textMuted);
}

}  // namespace wof::ui
