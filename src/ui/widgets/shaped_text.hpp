// The lines ImGui's glyph atlas cannot draw as they are (Arabic, Hebrew, Indic, Thai, CJK and
// anything else the atlas lacks): measured, wrapped and rasterised by core::Shaper, kept as
// textures and drawn where the atlas's text would be. text_layout.cpp sends each line here or to
// the atlas, so the screens never choose. Layer: ui (GL thread only).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace wof::ui {

// Makes shaped text available while it lives (the Theme holds one, made with the GL context
// current): textures are released with it.
class ShapedTextScope {
 public:
  ShapedTextScope();
  ~ShapedTextScope();
  ShapedTextScope(const ShapedTextScope&) = delete;
  ShapedTextScope& operator=(const ShapedTextScope&) = delete;
};

// Changes whenever a scope begins or ends (fonts may be rebuilt): caches keyed by ImFont* start
// again.
unsigned shapedTextGeneration();

// The weight of an atlas font, for the shaped lines drawn in its place.
void registerFace(ImFont* font, bool bold);

// True when the atlas draws `text` in `font` as it is: every character is in the atlas and none
// needs shaping or reordering. Always true while no ShapedTextScope lives.
bool atlasDraws(ImFont* font, std::string_view text);

float shapedWidth(ImFont* font, float size, std::string_view line);
// `paragraph` broken into lines of at most `width` pixels (see core::Shaper::wrap).
const std::vector<std::string>& shapedWrap(ImFont* font, std::string_view paragraph, float width);
// Draws `line` with its top where the atlas's text would have its top. A line first seen in a
// frame that has already spent its rasterising budget is drawn from the next frame on.
void drawShaped(ImDrawList* drawList, ImFont* font, float size, ImVec2 topLeft, ImU32 colour, std::string_view line);

// True while a line drawn is not on screen yet: put off by the last frame's budget, or its
// raster still on the worker (a screenshot waits for it).
bool shapedTextPending();

// From now on, lines are rasterised on a worker thread, which calls `wake` (the UI loop's) after
// each; until its raster arrives a line is not drawn. Without it they are rasterised in their frame.
void rasteriseOffThread(void (*wake)());
// Takes the rasters the worker finished into textures (UI thread, once a loop iteration).
// Returns true when some arrived: the screen should be drawn again.
bool shapedTextUpdate();

struct ShapedTextStats {
  std::size_t textures = 0;
  std::size_t textureBytes = 0;
  std::size_t rasterised = 0;     // lines rasterised since the scope began
  double slowestFrameMs = 0;      // the most time one frame spent shaping and rasterising
  std::size_t deferred = 0;       // lines put off to a later frame by the budget
};
ShapedTextStats shapedTextStats();

}  // namespace wof::ui
