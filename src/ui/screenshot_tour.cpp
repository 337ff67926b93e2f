// The screenshot tour (see screenshot_tour.hpp): the router shows each stop, this draws it until
// it settles, audits its text and writes the PNG. Layer: ui.
#include "ui/screenshot_tour.hpp"

#include <cstdio>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

#include <imgui.h>

#include "core/photos/photo.hpp"
#include "platform/window.hpp"
#include "ui/kiosk_loop.hpp"
#include "ui/photo_cache.hpp"
#include "ui/router.hpp"
#include "ui/widgets/shaped_text.hpp"
#include "ui/widgets/text_layout.hpp"

namespace wof::ui {

// Renders each stop of the tour until it settles (photos loaded, nothing sliding), checks its
// text and saves it. Returns 0, 3 when some text left its box, or 1 when a PNG cannot be written.
int runTour(platform::Window& window, Router& router, PhotoCache& photos, const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  const ImVec2 size(static_cast<float>(window.framebufferWidth()), static_cast<float>(window.framebufferHeight()));
  std::vector<std::string> problems;
  std::size_t lines = 0;
  int screens = 0;
  for (std::size_t stop = 0; stop < std::size(Router::kTourStops); ++stop) {
    const std::string name = Router::kTourStops[stop];
    const double start = secondsNow();
    if (!router.showTourStop(stop, start)) {
      std::fprintf(stderr, "wall-of-fame: no %s screen on this data (no stories)\n", name.c_str());
      continue;
    }
    for (int frame = 1;; ++frame) {
      window.waitForEvents(0);
      photos.update();
      shapedTextUpdate();
      const double now = secondsNow();
      startTextAudit();
      window.beginFrame();
      drawFrame(router, now, false);
      window.endFrame();
      photos.endFrame();
      const bool settled =
          (photos.idle() && router.settled(now) && !shapedTextPending()) || now > start + kScreenshotPhotoWait;
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

}  // namespace wof::ui
