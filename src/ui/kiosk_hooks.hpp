// Test and benchmark hooks for the kiosk loop and router: off on a real kiosk. The app sets them
// (app/kiosk_hooks.cpp reads them from the environment); src/ui reads only this struct.
// Layer: ui.
#pragma once

#include <string>

namespace wof::ui {

struct KioskHooks {
  // WOF_BENCH_REDRAW (bench/run): draw every frame at 60 fps like a stock ImGui loop, the idle-CPU
  // anchor, instead of only when something changed.
  bool benchRedraw = false;
  // WOF_BENCH_FRAME_LOG (bench/run): print to stderr the monotonic time each start-up step ends
  // ("wof-phase", P4) and, for each frame, when its drawing ended, its CPU time, why it was drawn
  // the photo cache's texture bytes, the text's (atlas and shaped lines) and the milliseconds
  // spent shaping text in it ("wof-frame"), then when its swap returned ("wof-swap").
  bool benchFrameLog = false;
  // WOF_BENCH_NO_CLIP (bench/run's P2 anchor): the wall draws its off-screen cards too.
  bool benchNoClip = false;
  // WOF_SETTLED_FILE (UI tests): once the frames that follow input are drawn and shown, write here
  // the monotonic time (ns) of the latest event poll. Empty: not written.
  std::string settledFile;
};

}  // namespace wof::ui
