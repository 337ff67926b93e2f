// The kiosk's entry point (see kiosk_app.hpp): setup (window, theme, photo cache, router), then
// the event loop or the screenshot tour; everything closes as runKiosk() returns. Layer: ui.
#include "ui/kiosk_app.hpp"

#include <algorithm>
#include <exception>
#include <string>

#include "core/storage/store.hpp"
#include "core/util/log.hpp"
#include "platform/window.hpp"
#include "ui/assets.hpp"
#include "ui/kiosk_loop.hpp"
#include "ui/photo_cache.hpp"
#include "ui/widgets/shaped_text.hpp"
#include "ui/router.hpp"
#include "ui/screenshot_tour.hpp"
#include "ui/theme.hpp"

namespace wof::ui {

namespace {

constexpr std::size_t kPhotoBudget = 96u << 20;

}  // namespace

int runKiosk(core::Store& store, const KioskOptions& options) {
  benchPhase(options.hooks, "run-kiosk");
  try {
    // Setup: window, theme (fonts), photo cache, router.
    const core::DisplaySettings& display = options.config.display;
    platform::Window window(platform::WindowOptions{
        .title = "Wall of Fame",
        .fullscreen = display.fullscreen,
        .monitor = display.monitor,
        .width = display.width,
        .height = display.height,
        .allowQuit = display.allowQuit,
    });
    benchPhase(options.hooks, "window");
    const float shortSide = static_cast<float>(std::min(window.framebufferWidth(), window.framebufferHeight()));
    const Theme theme(display.uiScale > 0 ? static_cast<float>(display.uiScale) : shortSide / 1080.0f,
                      options.config.dataDir / "font-atlas.bin");
    benchPhase(options.hooks, "fonts-built");
    // Decoded as large as the biggest avatar, with room for a centre crop of a 4:3 photo.
    PhotoCache photos(options.photosDir, static_cast<int>(theme.px(320) * 4 / 3), kPhotoBudget,
                      &platform::Window::wake);
    rasteriseOffThread(&platform::Window::wake);
    window.uploadFonts();
    benchPhase(options.hooks, "fonts-uploaded");
    const std::filesystem::path strings = stringsDirectory(options.stringsDir);
    core::logInfo("ui", "screen words from " + strings.string());
    Router router(store, options.config, theme, photos, strings, secondsNow(),
                  AdminContext{store, options.config, options.sync, options.photosDir, options.version},
                  options.hooks);
    benchPhase(options.hooks, "app");

    // Main loop (or the tour); cleanup is the destructors, in reverse order, as this returns.
    if (options.screenshotDir) return runTour(window, router, photos, *options.screenshotDir);
    return runLoop(window, router, photos, options);
  } catch (const std::exception& error) {
    core::logError("ui", std::string("cannot run the kiosk: ") + error.what());
    return 1;
  }
}

}  // namespace wof::ui
