// Shaped lines as textures: caches of widths, wrapped paragraphs and rasters. Layer: ui.
#include "ui/widgets/shaped_text.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <stop_token>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/shaping/shaper.hpp"
#include "core/util/log.hpp"
#include "core/util/text.hpp"
#include "platform/texture.hpp"

namespace wof::ui {

namespace {

// Texture memory for shaped lines: the lines of a few screens. Past it, the lines not drawn
// this frame go, least recently drawn first.
constexpr std::size_t kTextureBudget = 48u << 20;
// What one frame may spend rasterising new lines (a 60 Hz frame is 16.7 ms); the rest wait for
// the next frame, so a screen full of a script seen for the first time never stalls one frame.
constexpr double kFrameBudgetMs = 12.0;
// The measuring caches keep about this many recent entries (a roster scrolled end to end).
constexpr std::size_t kMaxMeasured = 10000;
// Lines named in the log for lacking glyphs, at most.
constexpr std::size_t kMaxWarned = 20;

struct Line {
  platform::gl::Texture texture;
  float penX = 0;
  float baseline = 0;
  int lastFrame = 0;
};

// Rasterises lines on a thread of its own, with a Shaper (and Pango font map) of its own: a line
// first seen costs its frame only its layout, and shows from the frame after its raster arrives.
class RasterWorker {
 public:
  explicit RasterWorker(void (*wake)()) : m_wake(wake), m_thread([this](std::stop_token stop) { work(stop); }) {}
  ~RasterWorker() {
    m_thread.request_stop();
    m_thread.join();
  }
  RasterWorker(const RasterWorker&) = delete;
  RasterWorker& operator=(const RasterWorker&) = delete;

  void request(std::string key, std::string line, core::TypeFace face) {
    {
      const std::lock_guard lock(m_mutex);
      m_requests.push_back({std::move(key), std::move(line), face});
    }
    m_ready.notify_one();
  }
  std::vector<std::pair<std::string, core::Raster>> take() {
    const std::lock_guard lock(m_mutex);
    return std::exchange(m_done, {});
  }

 private:
  struct Request {
    std::string key;
    std::string line;
    core::TypeFace face;
  };
  void work(std::stop_token stop) {
    core::Shaper shaper;
    while (true) {
      Request request;
      {
        std::unique_lock lock(m_mutex);
        if (!m_ready.wait(lock, stop, [&] { return !m_requests.empty(); })) return;
        request = std::move(m_requests.front());
        m_requests.pop_front();
      }
      core::Raster raster = shaper.render(request.line, request.face);
      {
        const std::lock_guard lock(m_mutex);
        m_done.emplace_back(std::move(request.key), std::move(raster));
      }
      m_wake();
    }
  }

  void (*m_wake)();
  std::mutex m_mutex;
  std::condition_variable_any m_ready;
  std::deque<Request> m_requests;
  std::vector<std::pair<std::string, core::Raster>> m_done;
  std::jthread m_thread;  // last: stopped and joined before the queues go
};

struct Cache {
  std::unique_ptr<core::Shaper> shaper;  // made on first use: a Latin-only wall never pays for it
  std::unordered_map<ImFont*, bool> bold;
  RecentCache<float> widths{kMaxMeasured};
  RecentCache<std::vector<std::string>> wraps{kMaxMeasured};
  std::unordered_map<std::string, Line> lines;
  std::unordered_set<std::string> warned;
  std::size_t bytes = 0;
  int frame = -1;
  double frameMs = 0;
  int deferredFrame = -1;
  int warmedFrame = -1;

  // Faces not yet used with every fallback font: the first line of a script at a size costs
  // Pango a font set and each font a few milliseconds; warmOne() pays that one face a frame.
  std::vector<core::TypeFace> cold;

  std::unordered_set<std::string> requested;  // sent to the worker, not back yet
  std::unique_ptr<RasterWorker> worker;        // none: lines are rasterised in their frame

  core::Shaper& get() {
    if (!shaper) {
      shaper = std::make_unique<core::Shaper>();
      for (const auto& [font, isBold] : bold) cold.push_back(core::TypeFace{font->FontSize, isBold});
    }
    return *shaper;
  }
};
Cache* g_cache = nullptr;
unsigned g_generation = 0;
Cache* g_outer = nullptr;  // a scope made while another lived (tests), restored when it ends

core::TypeFace faceOf(ImFont* font, float size) {
  const auto it = g_cache->bold.find(font);
  return core::TypeFace{size, it != g_cache->bold.end() && it->second};
}

// The face in a few bytes, then the text: one key per line as drawn. Built in one buffer kept
// between calls, so that a lookup of what is already cached allocates nothing (every frame).
const std::string& keyOf(core::TypeFace face, std::string_view text, float width = 0) {
  static std::string key;
  key.assign(sizeof face.pixels + sizeof width + 1, '\0');
  std::memcpy(key.data(), &face.pixels, sizeof face.pixels);
  std::memcpy(key.data() + sizeof face.pixels, &width, sizeof width);
  key.back() = face.bold ? 'b' : 'r';
  key += text;
  return key;
}

// Times shaping work against the frame it happens in.
class FrameTimer {
 public:
  FrameTimer() : m_start(std::chrono::steady_clock::now()) {
    const int frame = ImGui::GetFrameCount();
    if (frame != g_cache->frame) {
      g_cache->frame = frame;
      g_cache->frameMs = 0;
    }
  }
  ~FrameTimer() {
    g_cache->frameMs += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_start).count();
  }
  FrameTimer(const FrameTimer&) = delete;
  FrameTimer& operator=(const FrameTimer&) = delete;

 private:
  std::chrono::steady_clock::time_point m_start;
};

// One character from each of core::kTextFamilies: measuring it loads every font at a size.
constexpr std::string_view kWarmSample = "A\u0905\u0E01\u5B57";

// Warms one cold face when this frame has time to spare.
void warmOne() {
  const int frame = ImGui::GetFrameCount();
  if (!g_cache->shaper || g_cache->cold.empty() || g_cache->warmedFrame == frame) return;
  if (g_cache->frame == frame && g_cache->frameMs > 1.0) return;
  g_cache->warmedFrame = frame;
  const core::TypeFace face = g_cache->cold.back();
  g_cache->cold.pop_back();
  const FrameTimer timer;
  g_cache->shaper->width(kWarmSample, face);
}

void evictOverBudget() {
  if (g_cache->bytes <= kTextureBudget) return;
  std::vector<std::pair<int, const std::string*>> byAge;
  for (const auto& [key, line] : g_cache->lines) {
    if (line.lastFrame != g_cache->frame) byAge.emplace_back(line.lastFrame, &key);
  }
  std::sort(byAge.begin(), byAge.end());
  for (const auto& [frame, key] : byAge) {
    if (g_cache->bytes <= kTextureBudget) break;
    const auto it = g_cache->lines.find(*key);
    g_cache->bytes -= it->second.texture.bytes();
    g_cache->lines.erase(it);
  }
}

void warnMissing(std::string_view line, int missing);

// Uploads a raster and keeps it under `key`.
std::unordered_map<std::string, Line>::iterator keep(std::string key, std::string_view line, const core::Raster& raster) {
  if (raster.missingGlyphs > 0) warnMissing(line, raster.missingGlyphs);
  Line shaped{platform::gl::uploadCoverage(raster.width, raster.height, raster.coverage.data()), raster.penX,
              raster.baseline, ImGui::GetFrameCount()};
  g_cache->bytes += shaped.texture.bytes();
  const auto it = g_cache->lines.insert_or_assign(std::move(key), std::move(shaped)).first;
  evictOverBudget();
  return it;
}

void warnMissing(std::string_view line, int missing) {
  if (g_cache->warned.size() >= kMaxWarned || !g_cache->warned.emplace(line).second) return;
  core::logWarning("text", "\"" + std::string(line) + "\" has " + std::to_string(missing) +
                               " character(s) no installed font has; they show as boxes (install " +
                               core::kFontPackages + ", or the Noto package for that script)");
}

}  // namespace

ShapedTextScope::ShapedTextScope() {
  ++g_generation;
  g_outer = g_cache;
  g_cache = new Cache();
}
ShapedTextScope::~ShapedTextScope() {
  delete g_cache;
  g_cache = std::exchange(g_outer, nullptr);
  ++g_generation;
}

unsigned shapedTextGeneration() { return g_generation; }

void registerFace(ImFont* font, bool bold) {
  if (g_cache != nullptr) g_cache->bold[font] = bold;
}

bool atlasDraws(ImFont* font, std::string_view text) {
  if (g_cache == nullptr) return true;
  // One pass, every frame for every line: ASCII is always in the atlas.
  for (std::size_t at = 0; at < text.size();) {
    if (static_cast<unsigned char>(text[at]) < 0x80) {
      ++at;
      continue;
    }
    const char32_t cp = core::decodeUtf8(text, at);
    if (core::needsShaping(cp) || font->FindGlyphNoFallback(static_cast<ImWchar>(cp)) == nullptr) return false;
  }
  return true;
}

// Lines are shaped at their font's own size and scaled to the size asked for (an avatar's
// initials): a handful of sizes keep Pango's font sets and the caches few.
float shapedWidth(ImFont* font, float size, std::string_view line) {
  const float scale = size / font->FontSize;
  const core::TypeFace face = faceOf(font, font->FontSize);
  const std::string& key = keyOf(face, line);
  if (const float* known = g_cache->widths.find(key)) return *known * scale;
  const FrameTimer timer;
  std::string stored = key;
  const float width = g_cache->get().width(line, face);
  g_cache->widths.insert(std::move(stored), width);
  return width * scale;
}

const std::vector<std::string>& shapedWrap(ImFont* font, std::string_view paragraph, float width) {
  const core::TypeFace face = faceOf(font, font->FontSize);
  const std::string& key = keyOf(face, paragraph, width);
  if (const std::vector<std::string>* known = g_cache->wraps.find(key)) return *known;
  const FrameTimer timer;
  std::string stored = key;
  return g_cache->wraps.insert(std::move(stored), g_cache->get().wrap(paragraph, face, width));
}

void drawShaped(ImDrawList* drawList, ImFont* font, float size, ImVec2 topLeft, ImU32 colour, std::string_view line) {
  warmOne();
  const float scale = size / font->FontSize;
  const core::TypeFace face = faceOf(font, font->FontSize);
  auto it = g_cache->lines.find(keyOf(face, line));
  if (it == g_cache->lines.end() && g_cache->worker) {
    const std::string& key = keyOf(face, line);
    if (g_cache->requested.insert(key).second) g_cache->worker->request(key, std::string(line), face);
    return;
  }
  if (it == g_cache->lines.end()) {
    const FrameTimer timer;
    if (g_cache->frame == ImGui::GetFrameCount() && g_cache->frameMs > kFrameBudgetMs) {
      g_cache->deferredFrame = g_cache->frame;
      return;
    }
    it = keep(keyOf(face, line), line, g_cache->get().render(line, face));
  }
  Line& shaped = it->second;
  shaped.lastFrame = ImGui::GetFrameCount();
  // The atlas puts the baseline at the font's ascent below the top; whole pixels keep it crisp.
  const float baselineY = topLeft.y + font->Ascent * scale;
  const ImVec2 min(std::round(topLeft.x - shaped.penX * scale), std::round(baselineY - shaped.baseline * scale));
  const ImVec2 max(min.x + static_cast<float>(shaped.texture.width()) * scale,
                   min.y + static_cast<float>(shaped.texture.height()) * scale);
  drawList->AddImage(shaped.texture.imguiId(), min, max, ImVec2(0, 0), ImVec2(1, 1), colour);
}

bool shapedTextPending() {
  return g_cache != nullptr &&
         (!g_cache->requested.empty() || g_cache->deferredFrame == ImGui::GetFrameCount() - 1);
}

void rasteriseOffThread(void (*wake)()) {
  if (g_cache != nullptr && !g_cache->worker) g_cache->worker = std::make_unique<RasterWorker>(wake);
}

bool shapedTextUpdate() {
  if (g_cache == nullptr || !g_cache->worker) return false;
  auto done = g_cache->worker->take();
  for (auto& [key, raster] : done) {
    g_cache->requested.erase(key);
    // The text is the key past the face's bytes (see keyOf).
    const std::string_view line = std::string_view(key).substr(sizeof(float) * 2 + 1);
    keep(key, line, raster);
  }
  return !done.empty();
}

std::size_t shapedTextureBytes() { return g_cache == nullptr ? 0 : g_cache->bytes; }

double shapedTextFrameMs() {
  return g_cache != nullptr && g_cache->frame == ImGui::GetFrameCount() ? g_cache->frameMs : 0.0;
}

}  // namespace wof::ui
