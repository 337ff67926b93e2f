// The lines ImGui's glyph atlas cannot draw as they are (Arabic, Hebrew, Indic, Thai, CJK and
// anything else the atlas lacks): measured, wrapped and rasterised by core::Shaper, kept as
// textures and drawn where the atlas's text would be. text_layout.cpp sends each line here or to
// the atlas, so the screens never choose. Layer: ui (GL thread only).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <imgui.h>

namespace wof::ui {

// Forgets what was not used lately without ever forgetting everything at once (which would make
// the next frame lay out every line on screen again): entries live in a young map; when it is
// full it becomes the old map (the previous old map goes), and a hit in the old map moves the
// entry back. A pointer from find() or a reference from insert() is valid until the next call.
template <typename Value>
class RecentCache {
 public:
  explicit RecentCache(std::size_t limit) : m_limit(limit) {}
  Value* find(const std::string& key) {
    if (const auto it = m_young.find(key); it != m_young.end()) return &it->second;
    const auto it = m_old.find(key);
    if (it == m_old.end()) return nullptr;
    auto node = m_old.extract(it);
    age();
    return &m_young.insert(std::move(node)).position->second;
  }
  Value& insert(std::string key, Value value) {
    age();
    return m_young.insert_or_assign(std::move(key), std::move(value)).first->second;
  }
  void clear() {
    m_young.clear();
    m_old.clear();
  }

 private:
  void age() {
    if (m_young.size() < m_limit) return;
    m_old = std::move(m_young);
    m_young.clear();
  }
  std::size_t m_limit;
  std::unordered_map<std::string, Value> m_young;
  std::unordered_map<std::string, Value> m_old;
};

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

// GPU memory held by shaped lines' textures.
std::size_t shapedTextureBytes();
// Milliseconds the UI thread spent shaping (measuring, wrapping, rasterising) in this frame.
double shapedTextFrameMs();

}  // namespace wof::ui
