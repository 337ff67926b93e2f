// The kiosk's event loop: sleeps until input, a photo or a timer, draws a frame only when the
// screen would change, goes dark outside the screen schedule and feeds systemd's watchdog.
// Layer: ui (uses platform for the window). runKiosk() calls runLoop(); the tour shares drawFrame().
#pragma once

namespace wof::platform {
class Window;
}

namespace wof::ui {

class PhotoCache;
class Router;
struct KioskHooks;
struct KioskOptions;

inline constexpr double kScreenshotPhotoWait = 20;  // seconds a screenshot waits for photos at most

// Seconds on the monotonic clock since the kiosk's first call: the time the router and screens see.
double secondsNow();

// hooks.benchFrameLog only: prints the monotonic time a start-up step ends ("wof-phase NAME NS").
void benchPhase(const KioskHooks& hooks, const char* name);

// One frame's ImGui content: the router's screen in a full-screen window. The screen boundary: an
// exception while drawing becomes the "out of order" screen, never a crash.
void drawFrame(Router& router, double now, bool input);

// Runs until the window is closed or admin mode quits; with options.screenshot, until that PNG is
// written. Returns the process exit code (1: the screenshot could not be written).
int runLoop(platform::Window& window, Router& router, PhotoCache& photos, const KioskOptions& options);

}  // namespace wof::ui
