// The kiosk's bench and test hooks as the environment sets them (WOF_BENCH_*, WOF_SETTLED_FILE):
// the one place they are read. Layer: app; the kiosk command puts them in KioskOptions::hooks.
#pragma once

#include "ui/kiosk_hooks.hpp"

namespace wof::app {

// WOF_BENCH_REDRAW, WOF_BENCH_FRAME_LOG, WOF_BENCH_NO_CLIP: on when set (to anything);
// WOF_SETTLED_FILE: the file's path. See ui/kiosk_hooks.hpp for what each does.
ui::KioskHooks kioskHooksFromEnvironment();

}  // namespace wof::app
