// Reads the kiosk's bench and test hooks from the environment (see kiosk_hooks.hpp). Layer: app.
#include "app/kiosk_hooks.hpp"

#include <cstdlib>

namespace wof::app {

ui::KioskHooks kioskHooksFromEnvironment() {
  ui::KioskHooks hooks;
  hooks.benchRedraw = std::getenv("WOF_BENCH_REDRAW") != nullptr;
  hooks.benchFrameLog = std::getenv("WOF_BENCH_FRAME_LOG") != nullptr;
  hooks.benchNoClip = std::getenv("WOF_BENCH_NO_CLIP") != nullptr;
  if (const char* settledFile = std::getenv("WOF_SETTLED_FILE")) hooks.settledFile = settledFile;
  return hooks;
}

}  // namespace wof::app
