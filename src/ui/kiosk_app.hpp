// The kiosk's entry point: opens the window, builds the theme and photo cache and the router, then
// runs the event loop (kiosk_loop.hpp) or the screenshot tour (screenshot_tour.hpp).
// Layer: ui (uses platform for the window). The app layer calls runKiosk() once.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "core/config/config.hpp"
#include "ui/kiosk_hooks.hpp"

namespace wof::core {
class Store;
class SyncService;
}  // namespace wof::core

namespace wof::ui {

struct KioskOptions {
  core::Config config;                              // display + idle settings, wallDays, language
  std::filesystem::path photosDir;                  // Employee/WallStory::photoFile is relative to this
  std::filesystem::path stringsDir;                 // <language>.toml files; empty: found beside the program
  std::optional<std::filesystem::path> screenshot;  // when set: render, save PNG here, exit 0
  int screenshotAfterFrames = 30;  // frames to render first; also waits (up to 20 s) for photos to load
  // When set: render every screen (wall, filtered wall, person, hall of fame, each wizard step,
  // "Still there?", thank-you) into <dir>/<screen>.png, check that no text leaves its box, and
  // exit: 0, or 3 with each overflow named on stderr.
  std::optional<std::filesystem::path> screenshotDir;
  core::SyncService* sync = nullptr;  // the background sync, for the admin screen's status and "Sync now"
  std::string version;                // shown on the admin screen
  // Called when the screen goes dark outside its [schedule] hours (false) and lights again (true).
  std::function<void(bool lit)> onScreenChange;
  KioskHooks hooks;  // bench and test hooks, all off on a real kiosk (the app reads the environment)
};

// Runs until a windowed kiosk is closed or admin mode quits it (the only way out of a full-screen
// kiosk). Returns the process exit code: 0, 3 when the screenshot tour found text outside its box,
// or 1 when the window cannot open or the screenshot cannot be
// written (with a message on stderr). Errors while drawing show an "out of order" screen instead.
int runKiosk(core::Store& store, const KioskOptions& options);

}  // namespace wof::ui
