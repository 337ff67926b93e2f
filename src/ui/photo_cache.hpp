// Employee photos for the wall: decoded on a worker thread, uploaded on the UI thread, kept as
// GL textures in a least-recently-used cache with a memory budget.
// Layer: ui. get() never blocks; it returns nothing while a photo loads or when it can't be shown,
// and the caller draws an initials avatar instead.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/photos/photo.hpp"
#include "platform/texture.hpp"

namespace wof::ui {

class PhotoCache {
 public:
  // `maxSide`: photos are decoded no larger than this (the biggest size the wall draws).
  // `onDecoded` runs on the worker after each decode, to wake the UI loop.
  PhotoCache(std::filesystem::path photosDir, int maxSide, std::size_t byteBudget, std::function<void()> onDecoded);
  ~PhotoCache();  // stops and joins the worker
  PhotoCache(const PhotoCache&) = delete;
  PhotoCache& operator=(const PhotoCache&) = delete;

  // The texture for `photoFile` (relative to photosDir), or nullptr while it loads, when it is
  // missing or bad, or when the name is empty. Queues the decode on first sight.
  const platform::gl::Texture* get(const std::string& photoFile);
  // UI thread, before a frame: uploads finished decodes. Returns true when one was uploaded (the
  // frame should be redrawn).
  bool update();
  // UI thread, after a frame: evicts the least recently used photos the frame did not draw until
  // the cache is within its budget.
  void endFrame();
  // Nothing waiting to decode or upload.
  bool idle();
  // Bytes of the textures held now: within the budget after endFrame(), a frame's uploads above
  // it before (what bench/run reports while flinging).
  std::size_t textureBytes() const { return m_bytes; }
  // After the roster may have changed: photos whose file changed, appeared or went away since
  // they were loaded (or failed to load) are loaded again. Returns true when one was dropped for
  // that, so what is on screen is out of date.
  bool refresh();

 private:
  struct Entry {
    std::string file;
    std::optional<platform::gl::Texture> texture;  // empty: loading or failed
    bool failed = false;
    std::filesystem::file_time_type modified;  // of the file the texture (or failure) came from
    std::uint64_t lastUsedFrame = 0;
  };
  struct Decoded {
    std::string file;
    std::optional<core::Rgba> image;
    std::filesystem::file_time_type modified;
  };

  void work(std::stop_token stop);

  std::filesystem::path m_photosDir;
  int m_maxSide;
  std::size_t m_byteBudget;
  std::size_t m_bytes = 0;
  std::uint64_t m_frame = 0;
  std::function<void()> m_onDecoded;
  std::list<Entry> m_entries;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> m_index;

  std::mutex m_mutex;  // guards the two queues below
  std::condition_variable_any m_wake;
  std::deque<std::string> m_requests;
  std::vector<Decoded> m_decoded;
  int m_inFlight = 0;
  std::jthread m_worker;  // last: it starts after, and stops before, everything above
};

}  // namespace wof::ui
