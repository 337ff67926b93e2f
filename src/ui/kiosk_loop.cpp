// The kiosk's event loop (see kiosk_loop.hpp): wait-poll, decide whether a frame is needed, draw
// it through the router, present; dark hours and systemd's watchdog around that. Layer: ui.
//
// Index of this file:
// [SECTION] clocks and bench output
// [SECTION] one frame: the screen boundary
// [SECTION] dark hours: the screen off outside its schedule
// [SECTION] the loop: setup / main loop (wait-poll, tick, new frame, render, present) / cleanup
//
// Typical call flow (one wake of the main loop):
//   feed the watchdog -> [dark: sleep until lit] -> wait-poll (input, photo, timer) -> screen off?
//   -> PhotoCache::update -> Router::tick (why a frame?) -> no reason: sleep again
//   -> Window::beginFrame -> drawFrame -> Router::frame -> Window::endFrame -> PhotoCache::endFrame
//   -> [screenshot: write the PNG, exit] -> Window::present -> READY=1 -> settled file
#define IMGUI_DEFINE_MATH_OPERATORS  // ImVec2 arithmetic from imgui_internal.h
#include "ui/kiosk_loop.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <exception>
#include <optional>
#include <string>

#include <imgui.h>

#include "core/config/screen_schedule.hpp"
#include "core/photos/photo.hpp"
#include "core/util/clock.hpp"
#include "core/util/files.hpp"
#include "core/util/log.hpp"
#include "core/util/watchdog.hpp"
#include "platform/systemd_notify.hpp"
#include "platform/window.hpp"
#include "ui/kiosk_app.hpp"
#include "ui/photo_cache.hpp"
#include "ui/router.hpp"
#include "ui/widgets/shaped_text.hpp"

namespace wof::ui {

namespace {

// Texture memory for text: the glyph atlas (RGBA) and the shaped lines' textures.
std::size_t textTextureBytes() {
  const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  return static_cast<std::size_t>(atlas.TexWidth) * atlas.TexHeight * 4 + shapedTextureBytes();
}

constexpr double kFrameSeconds = 1.0 / 60;  // animation pace where there is no vsync (Xvfb)
constexpr int kRedrawsAfterInput = 3;  // ImGui settles a press or release over a couple of frames
constexpr double kDarkRecheckSeconds = 300;  // longest sleep while dark, in case the clock was set

// [SECTION] clocks and bench output

// UI tests set hooks.settledFile: once the frames that follow input are drawn and shown, the kiosk
// writes there the monotonic time (ns) of its latest event poll. A test that sent a tap before
// that time knows the answer is on screen, however slow the renderer. Unset on a real kiosk.
void reportSettled(const char* file, std::chrono::steady_clock::time_point polledAt) {
  const long long ns = std::chrono::duration_cast<std::chrono::nanoseconds>(polledAt.time_since_epoch()).count();
  core::writeFileDurably(file, std::to_string(ns) + "\n", core::DurableOptions{.replace = true, .flush = false});
}

long long monotonicNs() {
  return static_cast<long long>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
}

double threadCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// Seconds from now until `at` (wall clock), at most `cap`: a long sleep still notices the clock
// being set (NTP at boot) within `cap`.
double secondsUntil(std::optional<core::TimeMs> at, double cap) {
  if (!at) return cap;
  return std::clamp(static_cast<double>(*at - core::nowMs()) / 1000.0, 0.0, cap);
}

void beginFullScreenWindow(const char* name, ImGuiWindowFlags extraFlags) {
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
  ImGui::Begin(name, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoScrollWithMouse | extraFlags);
}

// What the main loop carries from one wake to the next.
struct LoopState {
  int redraws = kRedrawsAfterInput;  // frames still owed to the last input
  int frames = 0;
  double lastFrame = 0;
  bool ready = false;  // READY=1 sent (after the first frame or black screen)
  bool dark = false;
};

void signalReady(LoopState& state) {
  if (state.ready) return;
  state.ready = true;
  platform::notifySystemd("READY=1");
}

void feedWatchdog(core::WatchdogTimer& watchdog) {
  if (!watchdog.due(secondsNow())) return;
  platform::notifySystemd("WATCHDOG=1");
  watchdog.pinged(secondsNow());
}

// [SECTION] dark hours: the screen off outside its schedule

// Lit -> dark: nothing half-typed survives the dark, and it wakes on the wall.
void goDark(platform::Window& window, Router& router, LoopState& state, const KioskOptions& options, double now) {
  try {
    router.goHome(now);
  } catch (const std::exception& error) {
    router.fail(error.what(), now);
  }
  window.discardInput();
  window.showBlack();
  state.dark = true;
  signalReady(state);
  core::logInfo("ui", "screen off (schedule)");
  platform::notifySystemd("STATUS=Screen off (schedule)");
  if (options.onScreenChange) options.onScreenChange(false);
}

// While dark, no frames at all: sleeps until the schedule lights the screen, a touch, or the next
// ping, and lights the screen again when it is time.
void waitWhileDark(platform::Window& window, core::ScreenTimer& screen, core::WatchdogTimer& watchdog,
                   LoopState& state, const KioskOptions& options) {
  const double wait = secondsUntil(screen.nextChange(core::nowMs()), kDarkRecheckSeconds);
  const bool event = window.waitForEvents(watchdog.capWait(wait, secondsNow()));
  if (window.takeTouch()) {
    screen.touched(core::nowMs());
    window.discardInput();  // the touch that wakes the screen does nothing else
  }
  if (!screen.lit(core::nowMs())) {
    if (event) window.showBlack();  // exposed or resized: paint it black again
    return;
  }
  state.dark = false;
  state.redraws = kRedrawsAfterInput;
  core::logInfo("ui", "screen on");
  platform::notifySystemd("STATUS=Showing the wall");
  if (options.onScreenChange) options.onScreenChange(true);
}

}  // namespace

double secondsNow() {
  static const auto start = std::chrono::steady_clock::now();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void benchPhase(const KioskHooks& hooks, const char* name) {
  if (hooks.benchFrameLog) std::fprintf(stderr, "wof-phase %s %lld\n", name, monotonicNs());
}

// [SECTION] one frame: the screen boundary

void drawFrame(Router& router, double now, bool input) {
  // No background: the window clears to the same colour, and a second full-screen fill costs
  // real time on a software renderer.
  beginFullScreenWindow("wall", ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground);
  try {
    router.frame(now, input);
    ImGui::End();
  } catch (const std::exception& error) {
    ImGui::ErrorCheckEndFrameRecover(nullptr);  // ends the half-drawn window
    router.fail(error.what(), now);
    ImGui::SetNextWindowFocus();  // a fresh window, drawn over whatever was half drawn
    beginFullScreenWindow("out-of-order", 0);
    router.drawOutOfOrder();
    ImGui::End();
  }
}

// [SECTION] the loop: setup / main loop (wait-poll, tick, new frame, render, present) / cleanup

int runLoop(platform::Window& window, Router& router, PhotoCache& photos, const KioskOptions& options) {
  // Setup
  const KioskHooks& hooks = options.hooks;
  const bool capturing = options.screenshot.has_value();
  const double captureDeadline = secondsNow() + kScreenshotPhotoWait;
  LoopState state;
  // Screenshots ignore the schedule: they are for looking at the screens, day or night.
  core::ScreenTimer screen(capturing ? core::ScreenSchedule() : options.config.schedule.hours,
                           core::TimeMs{options.config.schedule.wakeMinutes} * 60'000);
  core::WatchdogTimer watchdog(platform::systemdWatchdogTimeout(), secondsNow());
  if (watchdog.enabled()) core::logInfo("ui", "systemd watchdog armed, ping_every_s=" + std::to_string(watchdog.interval()));
  const char* settledFile = hooks.settledFile.empty() ? nullptr : hooks.settledFile.c_str();

  // Main loop
  while (!window.closeRequested() && !router.quitRequested()) {
    feedWatchdog(watchdog);
    double now = secondsNow();
    if (state.dark) {
      waitWhileDark(window, screen, watchdog, state, options);
      continue;
    }

    // Wait-poll: sleep until input, or until the router, the frame pace or the schedule wants us.
    double wait = 0;
    if (!capturing && state.redraws == 0) {
      const double change = router.secondsUntilWake(now);
      wait = change > 0 ? change : state.lastFrame + kFrameSeconds - now;
      if (wait > 0) wait = std::min(wait, secondsUntil(screen.nextChange(core::nowMs()), kDarkRecheckSeconds));
    }
    if (hooks.benchRedraw) {  // every frame at 60 fps like a stock ImGui loop (the idle-CPU anchor)
      state.redraws = 1;
      wait = std::max(0.0, state.lastFrame + kFrameSeconds - now);
    }
    const auto polledAt = std::chrono::steady_clock::now();
    const bool input = window.waitForEvents(watchdog.capWait(wait, now));
    if (input) state.redraws = kRedrawsAfterInput;
    if (window.takeTouch()) screen.touched(core::nowMs());
    now = secondsNow();
    if (!screen.lit(core::nowMs())) {
      goDark(window, router, state, options, now);
      continue;
    }

    // Tick: a frame only for a reason: input (and the frames ImGui needs to settle it), a photo
    // that arrived, or what tick() says time changed on screen. Timers alone (the watchdog, the
    // schedule, the wall's reload finding nothing new) wake the loop but draw nothing.
    const bool photoArrived = photos.update();
    const bool textArrived = shapedTextUpdate();
    const char* timed = nullptr;
    try {
      timed = router.tick(now, input);
      if (state.frames == 0) benchPhase(hooks, "first-tick");
    } catch (const std::exception& error) {
      router.fail(error.what(), now);
      timed = "failure";
    }
    const char* reason = input              ? "input"
                         : photoArrived     ? "photo"
                         : textArrived      ? "text"
                         : state.redraws > 0 ? "settle"
                         : timed            ? timed
                         : capturing        ? "screenshot"
                         : hooks.benchRedraw ? "bench"
                                            : nullptr;
    if (!reason) continue;

    // New frame and render
    const double cpuBefore = hooks.benchFrameLog ? threadCpuSeconds() : 0;
    window.beginFrame();
    drawFrame(router, now, input);
    if (hooks.benchFrameLog)
      std::fprintf(stderr, "wof-frame %d %lld %.9f %s %zu %zu %.3f\n", state.frames, monotonicNs(),
                   threadCpuSeconds() - cpuBefore, reason, photos.textureBytes(), textTextureBytes(),
                   shapedTextFrameMs());
    window.endFrame();
    photos.endFrame();
    state.lastFrame = now;
    state.redraws = std::max(0, state.redraws - 1);
    ++state.frames;
    // A screenshot waits for the photos and for the screen to settle (never mid-slide).
    const bool settled = (photos.idle() && router.settled(now) && !shapedTextPending()) || now > captureDeadline;
    if (capturing && state.frames >= options.screenshotAfterFrames && settled) {
      if (!core::writeImage(*options.screenshot, window.readPixels())) {
        core::logError("ui", "cannot write the screenshot " + options.screenshot->string());
        return 1;
      }
      return 0;
    }

    // Present
    window.present();
    // The swap's monotonic time, comparable with another process's (bench/run's tap latency).
    if (hooks.benchFrameLog) std::fprintf(stderr, "wof-swap %d %lld\n", state.frames - 1, monotonicNs());
    signalReady(state);
    // A line whose raster is still on the worker is not on screen yet: not settled.
    if (settledFile && state.redraws == 0 && !shapedTextPending()) reportSettled(settledFile, polledAt);
  }

  // Cleanup: the window, photo cache and router belong to runKiosk(), which closes them.
  return 0;
}

}  // namespace wof::ui
