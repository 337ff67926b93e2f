// The background sync thread. Layer: core/sync.
#include "core/sync/sync_service.hpp"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <set>

#include "core/util/clock.hpp"

namespace wof::core {

// Everything the thread touches lives here, shared with the thread, so a thread left behind by
// stop() never reads freed memory.
struct SyncService::Shared {
  std::filesystem::path databaseFile;
  std::string kioskId;
  SyncOptions options;
  std::chrono::milliseconds interval;
  Log log;
  Clock clock;

  mutable std::mutex mutex;
  std::condition_variable wake;
  bool stopRequested = false;
  bool nowRequested = false;
  bool finished = false;
  std::uint64_t attempts = 0;
  SyncServiceState state;
  std::set<std::string> reported;  // problems already logged: each is logged once

  void say(const std::string& line) const {
    if (log) log(line);
  }

  // Logs what is new: counts when something moved, each skipped file or problem once.
  void logReport(const SyncReport& report) {
    if (report.publishedEvents || report.importedEvents)
      say("sync: published " + std::to_string(report.publishedEvents) + ", imported " +
          std::to_string(report.importedEvents) + ", pending " + std::to_string(report.pendingEvents));
    std::vector<std::string> problems;
    if (!report.shareProblem.empty()) problems.push_back("share: " + report.shareProblem);
    if (!report.publishProblem.empty()) problems.push_back("not published: " + report.publishProblem);
    for (const SyncSkip& skip : report.skipped) problems.push_back("skipped " + skip.file + ": " + skip.reason);
    for (const std::string& message : report.rosterMessages) problems.push_back(message);
    for (const std::string& message : report.fleetMessages) problems.push_back(message);
    for (const std::string& problem : problems)
      if (reported.insert(problem).second) say("sync: " + problem);
  }

  void run() {
    std::optional<Store> store;
    std::unique_lock lock(mutex);
    while (!stopRequested) {
      nowRequested = false;
      state.running = true;
      lock.unlock();
      std::optional<SyncReport> report;
      std::optional<FleetStatus> fleet;
      std::string error;
      try {
        if (!store) store.emplace(databaseFile, kioskId);
        report = syncWithShare(*store, options, clock ? clock() : nowMs());
        logReport(*report);
        if (report->shareReachable) fleet = readFleetStatus(options.shareDir);
      } catch (const std::exception& failure) {
        error = failure.what();
        store.reset();  // reopen on the next attempt
        if (reported.insert("error: " + error).second) say("sync failed: " + error);
      }
      lock.lock();
      state.running = false;
      state.lastAttemptAt = clock ? clock() : nowMs();
      if (report) state.lastReport = std::move(report);
      if (fleet) state.fleet = std::move(fleet);
      state.lastError = error;
      ++attempts;
      wake.notify_all();
      wake.wait_for(lock, interval, [this] { return stopRequested || nowRequested; });
    }
    finished = true;
    wake.notify_all();
  }
};

SyncService::SyncService(std::filesystem::path databaseFile, std::string kioskId, SyncOptions options,
                         std::chrono::milliseconds interval, Log log, Clock clock)
    : m_shared(std::make_shared<Shared>()) {
  m_shared->databaseFile = std::move(databaseFile);
  m_shared->kioskId = std::move(kioskId);
  m_shared->options = std::move(options);
  m_shared->interval = interval;
  m_shared->log = std::move(log);
  m_shared->clock = std::move(clock);
}

SyncService::~SyncService() { stop(); }

void SyncService::start() {
  if (m_thread.joinable()) return;
  std::shared_ptr<Shared> shared = m_shared;
  m_thread = std::thread([shared] { shared->run(); });
}

void SyncService::requestNow() {
  {
    std::lock_guard lock(m_shared->mutex);
    m_shared->nowRequested = true;
  }
  m_shared->wake.notify_all();
}

bool SyncService::stop(std::chrono::milliseconds patience) {
  if (!m_thread.joinable()) return true;
  std::unique_lock lock(m_shared->mutex);
  m_shared->stopRequested = true;
  m_shared->wake.notify_all();
  const bool done = m_shared->wake.wait_for(lock, patience, [this] { return m_shared->finished; });
  lock.unlock();
  if (done) {
    m_thread.join();
    return true;
  }
  m_shared->say("sync: the share did not answer within " + std::to_string(patience.count()) +
                " ms; leaving the sync thread to finish on its own");
  m_thread.detach();
  return false;
}

SyncServiceState SyncService::state() const {
  std::lock_guard lock(m_shared->mutex);
  return m_shared->state;
}

std::uint64_t SyncService::attempts() const {
  std::lock_guard lock(m_shared->mutex);
  return m_shared->attempts;
}

}  // namespace wof::core
