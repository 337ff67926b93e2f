// The kiosk's background sync: a thread that runs syncWithShare every sync_interval_s and at once
// on requestNow(). Layer: core/sync. It opens its own Store (its own SQLite connection; WAL lets
// the UI's connection read and write meanwhile), so share I/O never runs on the caller's thread,
// even when a network mount hangs.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "core/sync/sync.hpp"

namespace wof::core {

struct SyncServiceState {
  bool running = false;                 // a sync is in progress now
  std::optional<TimeMs> lastAttemptAt;  // when the last sync finished
  std::optional<SyncReport> lastReport;
  std::string lastError;                // an unexpected failure (SQLite, I/O) of the last attempt
  // Every kiosk's heartbeat as read after the last sync that reached the share (the admin screen
  // and the wall's silence marker read it here, never from the share).
  std::optional<FleetStatus> fleet;
};

class SyncService {
 public:
  using Log = std::function<void(const std::string&)>;
  using Clock = std::function<TimeMs()>;

  SyncService(std::filesystem::path databaseFile, std::string kioskId, SyncOptions options,
              std::chrono::milliseconds interval, Log log, Clock clock = nullptr);
  ~SyncService();  // stop()
  SyncService(const SyncService&) = delete;
  SyncService& operator=(const SyncService&) = delete;

  // Starts the thread; the first sync runs at once.
  void start();
  // Asks for a sync as soon as the thread is free; returns immediately.
  void requestNow();
  // Asks the thread to finish and joins it. If it is stuck in share I/O (a hung mount) for longer
  // than `patience`, it is left to finish on its own (it owns everything it touches) and stop()
  // returns false.
  bool stop(std::chrono::milliseconds patience = std::chrono::seconds(10));
  SyncServiceState state() const;
  // Completed sync attempts so far.
  std::uint64_t attempts() const;

 private:
  struct Shared;
  std::shared_ptr<Shared> m_shared;
  std::thread m_thread;
};

}  // namespace wof::core
