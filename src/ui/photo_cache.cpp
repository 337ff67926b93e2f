// Employee photos: worker-thread decode, UI-thread upload, LRU eviction within a byte budget.
// Layer: ui.
#include "ui/photo_cache.hpp"

#include <set>

#include "core/photos/thumbnail_cache.hpp"
#include "core/util/log.hpp"

namespace wof::ui {

PhotoCache::PhotoCache(std::filesystem::path photosDir, int maxSide, std::size_t byteBudget,
                       std::function<void()> onDecoded)
    : m_photosDir(std::move(photosDir)),
      m_maxSide(maxSide),
      m_byteBudget(byteBudget),
      m_onDecoded(std::move(onDecoded)),
      m_worker([this](std::stop_token stop) { work(stop); }) {}

PhotoCache::~PhotoCache() {
  m_worker.request_stop();  // wakes the condition variable wait below
  m_worker.join();
}

void PhotoCache::work(std::stop_token stop) {
  // Thumbnails sit beside the photos folder, in the data dir. Pruned once per start, off the UI
  // thread: an erased or replaced photo's thumbnail goes with it.
  const std::filesystem::path thumbnails = core::thumbnailsDirIn(m_photosDir.parent_path());
  core::pruneThumbnails(thumbnails, m_photosDir);
  std::set<std::string> reported;
  while (true) {
    std::string file;
    {
      std::unique_lock lock(m_mutex);
      if (!m_wake.wait(lock, stop, [&] { return !m_requests.empty(); })) return;
      file = std::move(m_requests.front());
      m_requests.pop_front();
    }
    Decoded result{file, std::nullopt, {}};
    std::string error;
    std::error_code ignored;
    result.modified = std::filesystem::last_write_time(m_photosDir / file, ignored);
    core::PhotoResult photo = core::loadPhotoThumbnail(m_photosDir, file, m_maxSide, thumbnails);
    result.image = std::move(photo.image);
    error = photo.error;
    // Failures are retried after each refresh of the wall; say so once per file, not each time.
    if (!result.image && reported.insert(file).second) {
      core::logWarning("photos", "photo not shown: " + error + " file=" + file);
    }
    {
      std::lock_guard lock(m_mutex);
      m_decoded.push_back(std::move(result));
    }
    if (m_onDecoded) m_onDecoded();
  }
}

const platform::gl::Texture* PhotoCache::get(const std::string& photoFile) {
  if (photoFile.empty()) return nullptr;
  auto found = m_index.find(photoFile);
  if (found == m_index.end()) {
    m_entries.push_front(Entry{photoFile, std::nullopt, false, {}, m_frame});
    m_index.emplace(photoFile, m_entries.begin());
    {
      std::lock_guard lock(m_mutex);
      m_requests.push_back(photoFile);
      ++m_inFlight;
    }
    m_wake.notify_one();
    return nullptr;
  }
  m_entries.splice(m_entries.begin(), m_entries, found->second);
  Entry& entry = *found->second;
  entry.lastUsedFrame = m_frame;
  return entry.texture ? &*entry.texture : nullptr;
}

bool PhotoCache::update() {
  std::vector<Decoded> decoded;
  {
    std::lock_guard lock(m_mutex);
    decoded.swap(m_decoded);
    m_inFlight -= static_cast<int>(decoded.size());
  }
  bool shown = false;
  for (Decoded& result : decoded) {
    auto found = m_index.find(result.file);
    if (found == m_index.end()) continue;  // evicted or forgotten while it decoded
    Entry& entry = *found->second;
    if (result.image) {
      entry.texture = platform::gl::uploadTexture(*result.image);
      entry.modified = result.modified;
      m_bytes += entry.texture->bytes();
      shown = true;
    } else {
      entry.failed = true;
      entry.modified = result.modified;  // tried again once the file changes or appears
    }
  }
  return shown;
}

void PhotoCache::endFrame() {
  while (m_bytes > m_byteBudget && !m_entries.empty() && m_entries.back().lastUsedFrame < m_frame) {
    Entry& victim = m_entries.back();
    if (victim.texture) m_bytes -= victim.texture->bytes();
    m_index.erase(victim.file);
    m_entries.pop_back();
  }
  ++m_frame;
}

bool PhotoCache::idle() {
  std::lock_guard lock(m_mutex);
  return m_inFlight == 0;
}

bool PhotoCache::refresh() {
  bool dropped = false;
  for (auto it = m_entries.begin(); it != m_entries.end();) {
    std::error_code error;
    // A missing file reads as the earliest time, as the worker recorded it.
    const bool stale = (it->failed || it->texture) &&
                       std::filesystem::last_write_time(m_photosDir / it->file, error) != it->modified;
    if (!stale) {
      ++it;
      continue;
    }
    if (it->texture) m_bytes -= it->texture->bytes();
    m_index.erase(it->file);
    it = m_entries.erase(it);
    dropped = true;
  }
  return dropped;
}

}  // namespace wof::ui
