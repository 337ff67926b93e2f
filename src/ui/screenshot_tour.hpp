// The screenshot tour (kiosk --screenshot-dir): every screen rendered from the data, its text
// checked against its box, and saved as a PNG. Layer: ui.
#pragma once

#include <filesystem>

namespace wof::platform {
class Window;
}

namespace wof::ui {

class PhotoCache;
class Router;

// Renders each stop of the tour until it settles (photos loaded, nothing sliding), checks its
// text and saves it. Returns 0, 3 when some text left its box, or 1 when a PNG cannot be written.
int runTour(platform::Window& window, Router& router, PhotoCache& photos, const std::filesystem::path& dir);

}  // namespace wof::ui
