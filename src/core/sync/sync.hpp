// Sync through the shared folder: publish this kiosk's events as sealed journal segments, import
// every other kiosk's, refresh roster/photos/fleet.toml, write this kiosk's heartbeat.
// Layer: core/sync. Nothing here throws for a missing, read-only, full or garbage-holding share:
// every such problem lands in SyncReport, names the file, and the events stay queued locally.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/config/fleet.hpp"
#include "core/storage/store.hpp"
#include "core/sync/journal.hpp"

namespace wof::core {

// Events per segment: a long offline spell publishes as several segments, each small enough to
// copy quickly over a slow link.
inline constexpr int kMaxEventsPerSegment = 1000;
inline constexpr std::uintmax_t kMaxHeartbeatBytes = 64u * 1024u;
inline constexpr std::size_t kMaxFleetTomlBytes = 1024 * 1024;

struct SyncOptions {
  std::filesystem::path shareDir;
  std::filesystem::path dataDir;    // for the sync lock and the free-disk figure
  std::filesystem::path photosDir;  // <data_dir>/photos
  std::string version;              // written into the heartbeat
  bool refreshRoster = true;        // roster/employees.csv + photos when they changed
  bool refreshFleet = true;         // fleet.toml when it changed
  bool compact = true;              // this kiosk's old segments into monthly packs (compaction.hpp)
  // What the heartbeat says about the screen (kScreenOn, kScreenScheduledOff); unset: nothing,
  // read as on. Called on the sync thread.
  std::function<std::string()> screenState;
};

struct SyncSkip {
  std::string file;    // relative to the share, e.g. "journal/lobby-2/7.jsonl"
  std::string reason;  // "checksum mismatch: ... (retried on the next sync)"
};

struct SyncReport {
  bool shareReachable = false;
  std::string shareProblem;     // why the share could not be used, empty when it could
  std::string publishProblem;   // why publishing stopped (read-only, full, owned by another install)
  int publishedEvents = 0;
  int publishedSegments = 0;
  int importedEvents = 0;       // new here
  int importedSegments = 0;
  int duplicateEvents = 0;      // replays and copies, ignored
  int packsWritten = 0;         // this kiosk's old segments packed (see compaction.hpp)
  int segmentsPacked = 0;
  int segmentsRemoved = 0;      // this kiosk's segments its packs hold, removed from the share
  int unknownEvents = 0;        // from a newer program version, kept for later
  // Kiosk folders of journal/ listed; the others had not changed since they were last listed
  // whole (see README.md "The shared folder", What a sync reads).
  int listedFolders = 0;
  bool rosterLooked = false;    // roster/employees.csv read (it or the photos folder had changed)
  std::vector<SyncSkip> skipped;
  // What IT must act on, loudly: a kiosk id used by two installs, a sealed segment that changed
  // under its name. Kept in the store (syncAlerts) for `status` and the admin screen.
  std::vector<std::string> alerts;
  std::vector<std::string> erasedPhotos;  // photos deleted after an erasure
  std::vector<std::string> rosterMessages;  // roster and photo refresh, one line each
  std::vector<std::string> fleetMessages;   // fleet.toml applied / rejected, one line each
  std::int64_t pendingEvents = 0;  // still waiting to be published
  bool completed() const { return shareReachable && publishProblem.empty(); }
};

// Publishes pending outbox events to <share>/journal/<kiosk-id>/<n>-<install tag>.jsonl. Refuses
// (and says why) when another install owns this kiosk id. Finishes a publish a crash interrupted.
void publishPendingEvents(Store& store, const std::filesystem::path& shareDir, TimeMs now, SyncReport& report);

// Applies every segment not yet applied here: other kiosks', and in this kiosk's own folder those
// of earlier installs (a rebuilt kiosk's history arriving late) and of another install using
// the same kiosk id (an alert). A segment whose size or time changed under a name already
// imported is read again: an alert when its content changed, and its unseen events applied.
// Lists every folder, whatever its times.
void importJournals(Store& store, const std::filesystem::path& shareDir, TimeMs now, SyncReport& report);

// importJournals as syncWithShare runs it: a kiosk folder whose times are those recorded after
// its last whole look is not listed (README.md "The shared folder", What a sync reads), except
// every six hours, when every folder is.
void importChangedJournals(Store& store, const std::filesystem::path& shareDir, TimeMs now, SyncReport& report);

// A kiosk whose database was lost: restores everything it had published from its own journal
// folder into `store` (which must hold no events yet) and takes the kiosk id back (its claim file
// is rewritten for this install). Refuses, with the reason, when the store already has events.
struct RebuildReport {
  int restoredEvents = 0;
  int restoredSegments = 0;
  std::vector<SyncSkip> skipped;
  std::string problem;  // non-empty: nothing was restored
};
RebuildReport rebuildFromShare(Store& store, const std::filesystem::path& shareDir, TimeMs now);

// One whole sync: publish, import, roster, fleet.toml, heartbeat. Records the last successful
// sync in the store. Only one sync per data dir runs at a time (a lock file in data_dir).
SyncReport syncWithShare(Store& store, const SyncOptions& options, TimeMs now);

// Human-readable lines for the CLI and the log.
std::vector<std::string> describeSyncReport(const SyncReport& report);

// [SECTION] heartbeats

struct Heartbeat {
  std::string kioskId;
  std::string version;
  std::optional<TimeMs> lastSync;
  std::int64_t pendingEvents = 0;
  std::int64_t freeDiskBytes = -1;
  TimeMs writtenAt = 0;
  std::string screen;  // "on", "scheduled-off" (dark outside its hours on purpose), "" unknown
};
struct FleetStatus {
  std::vector<Heartbeat> kiosks;  // by kiosk id
  std::vector<SyncSkip> problems;
  std::string shareProblem;  // why the share could not be read at all; empty when it could
};
std::string encodeHeartbeat(const Heartbeat& heartbeat);
FleetStatus readFleetStatus(const std::filesystem::path& shareDir);

// [SECTION] silence: kiosks, and this kiosk's share, that stopped reporting

// fleet.toml's monitoring keys as this kiosk last applied them; the defaults before any.
struct FleetMonitoring {
  int silentAfterMin = kDefaultSilentAfterMin;
  bool showSilenceMarker = false;
};
FleetMonitoring fleetMonitoring(Store& store);
// The same keys read from <share>/fleet.toml itself (status --fleet); a file that cannot be read
// or fails validation leaves the defaults and adds a line to `problems`.
FleetMonitoring fleetMonitoringOnShare(const std::filesystem::path& shareDir, std::vector<std::string>& problems);

// Whether something last heard of at `heardAt` has been silent for more than silentAfterMin.
bool isSilent(TimeMs heardAt, TimeMs now, int silentAfterMin);

struct Silence {
  std::vector<std::string> kiosks;  // other kiosks whose heartbeat is too old, by id
  // This kiosk has not completed a sync for too long (never: not since `runningSince`).
  bool share = false;
  bool any() const { return share || !kiosks.empty(); }
};
// `fleet`: the heartbeats as the last sync that reached the share read them (none: not known).
Silence findSilence(const std::optional<FleetStatus>& fleet, std::string_view ownKioskId,
                    std::optional<TimeMs> lastSync, TimeMs runningSince, TimeMs now, int silentAfterMin);

// Whether sync can publish, checked the way sync writes: create, write, fsync and remove a file
// in this kiosk's own journal folder. The message names the folder and the failure: not
// mounted, server not reachable, permission denied, full, read-only.
struct ShareProbe {
  bool ok = false;
  std::string message;
};
ShareProbe probeShare(const std::filesystem::path& shareDir, std::string_view kioskId, bool syncedBefore);

struct SyncAlert {
  TimeMs at = 0;  // when a sync last saw it
  std::string text;
};
// The newest alerts syncs have raised, oldest first.
std::vector<SyncAlert> syncAlerts(Store& store);

// Last successful sync recorded in the store, if any.
std::optional<TimeMs> lastSuccessfulSync(Store& store);

}  // namespace wof::core
