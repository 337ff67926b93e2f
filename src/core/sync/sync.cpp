// Sync through the shared folder. Layer: core/sync. See sync.hpp and DESIGN.md "The shared folder".
#include "core/sync/sync.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>
#include <system_error>

#include "core/util/clock.hpp"
#include "core/config/config.hpp"
#include "core/config/fleet.hpp"
#include "core/photos/photo.hpp"
#include "core/roster/roster_import.hpp"

namespace wof::core {

namespace fs = std::filesystem;

namespace {

using nlohmann::json;

std::string asText(const std::vector<std::uint8_t>& bytes) { return std::string(bytes.begin(), bytes.end()); }

// Only one sync per data dir at a time: the kiosk's background thread and a `sync` typed by IT
// would otherwise both pick the next segment number. flock is local (data_dir), never on the share.
class SyncLock {
 public:
  explicit SyncLock(const fs::path& dataDir) {
    if (dataDir.empty()) return;
    const fs::path file = dataDir / "sync.lock";
    m_fd.reset(::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
    if (!m_fd)
      m_problem = file.string() + ": cannot open the sync lock: " + std::strerror(errno);
    else if (::flock(m_fd.get(), LOCK_EX | LOCK_NB) != 0)
      m_problem = "another sync of this kiosk is running; try again in a moment";
  }
  // Empty when this process holds the lock.
  const std::string& problem() const { return m_problem; }

 private:
  UniqueFd m_fd;  // closing it releases the lock
  std::string m_problem;
};

// A photo name from the database, safe to delete inside photosDir: a plain file name.
bool isPlainFileName(const std::string& name) {
  return !name.empty() && name.front() != '.' && name.find('/') == std::string::npos;
}

// [SECTION] claim: one install per kiosk id

// Returns an empty string when this install owns (or has just claimed) the kiosk id.
std::string checkClaim(Store& store, const fs::path& kioskFolder) {
  const fs::path claimFile = kioskFolder / kClaimFileName;
  const std::string mine = store.installId();
  std::error_code error;
  if (!fs::exists(fs::symlink_status(claimFile, error))) {
    const json claim = {{"kiosk", store.kioskId()}, {"install", mine}};
    // Another new install may claim the id at the same instant: only one write can win, and the
    // loser reads the winner's claim below.
    std::string problem = writeFileDurably(claimFile, claim.dump() + "\n");
    if (problem.empty()) return "";
    if (!fs::exists(fs::symlink_status(claimFile, error))) return problem;
  }
  const FileBytes bytes = readRegularFile(claimFile, 4096);
  if (!bytes.bytes) return claimFile.string() + " " + bytes.error + "; not publishing until it is readable";
  const json claim = json::parse(asText(*bytes.bytes), nullptr, false);
  if (claim.is_discarded() || !claim.is_object() || !claim.contains("install") || !claim["install"].is_string())
    return claimFile.string() + " is not a valid claim file; not publishing until it is";
  const std::string owner = claim["install"].get<std::string>();
  if (owner == mine) return "";
  return "kiosk id '" + store.kioskId() + "' is already used by another installation (" + claimFile.string() +
         " names install " + owner + ", this one is " + mine +
         "). Was this disk cloned? Give this kiosk its own kiosk_id in kiosk.toml. If this really is the same "
         "kiosk with a rebuilt database, delete that file to take the id over.";
}

// [SECTION] publishing

// Own segments newer than what the store knows were renamed into place just before a crash:
// mark their events published instead of writing them again.
void recoverOwnSegments(Store& store, const fs::path& kioskFolder, std::int64_t& lastSegment, SyncReport& report) {
  std::map<std::int64_t, fs::path> newer;
  std::error_code error;
  for (fs::directory_iterator it(kioskFolder, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    const JournalEntry entry = classifyJournalName(name);
    if (entry.kind == JournalEntryKind::OwnTemp) {
      // A publish that died before its rename; under the sync lock nobody else writes here.
      std::error_code ignored;
      fs::remove(it->path(), ignored);
    } else if (entry.kind == JournalEntryKind::Segment && entry.segment > lastSegment) {
      newer.emplace(entry.segment, it->path());
    }
  }
  for (const auto& [segment, file] : newer) {
    const FileBytes bytes = readRegularFile(file, kMaxSegmentBytes);
    const SegmentParse parsed =
        bytes.bytes ? parseSegment(asText(*bytes.bytes), store.kioskId(), segment) : SegmentParse{{}, bytes.error};
    const std::string shown = "journal/" + store.kioskId() + "/" + file.filename().string();
    if (!parsed.ok() || parsed.events.empty()) {
      report.skipped.push_back({shown, "this kiosk's own segment is unreadable (" + parsed.error +
                                           "); numbering continues after it"});
      lastSegment = segment;
      continue;
    }
    // Ours only if the outbox holds the very same events; otherwise it is left from an earlier
    // install under this id (its claim file was removed to take the id over): keep numbering after it.
    if (store.outboxEventId(parsed.events.back().seq) != parsed.events.back().id ||
        store.outboxEventId(parsed.events.front().seq) != parsed.events.front().id) {
      lastSegment = segment;
      continue;
    }
    store.markPublished(parsed.events.back().seq, segment, nowMs());
    lastSegment = segment;
  }
}

}  // namespace

void publishPendingEvents(Store& store, const fs::path& shareDir, TimeMs now, SyncReport& report) {
  const fs::path kioskFolder = shareDir / "journal" / store.kioskId();
  std::error_code error;
  fs::create_directories(kioskFolder, error);
  if (error) {
    report.publishProblem = kioskFolder.string() + ": cannot create: " + error.message() + "; events stay queued";
    return;
  }
  if (std::string refused = checkClaim(store, kioskFolder); !refused.empty()) {
    report.publishProblem = std::move(refused);
    return;
  }
  std::int64_t lastSegment = store.lastPublishedSegment();
  recoverOwnSegments(store, kioskFolder, lastSegment, report);
  while (true) {
    const std::vector<OutboxEvent> pending = store.pendingEvents(kMaxEventsPerSegment);
    if (pending.empty()) break;
    std::vector<JournalEvent> events;
    events.reserve(pending.size());
    for (const OutboxEvent& event : pending)
      events.push_back({event.eventId, store.kioskId(), event.seq, event.hlc, event.type, event.payload});
    const std::int64_t segment = lastSegment + 1;
    const std::string problem =
        writeFileDurably(kioskFolder / segmentFileName(segment), encodeSegment(store.kioskId(), segment, events));
    if (!problem.empty()) {
      report.publishProblem = problem + "; events stay queued and are published on a later sync";
      return;
    }
    // Only now, with the segment sealed on the share, are the events published.
    store.markPublished(pending.back().seq, segment, now);
    lastSegment = segment;
    report.publishedEvents += static_cast<int>(pending.size());
    ++report.publishedSegments;
  }
}

// [SECTION] rebuilding a lost database

RebuildReport rebuildFromShare(Store& store, const fs::path& shareDir, TimeMs now) {
  RebuildReport report;
  const fs::path folder = shareDir / "journal" / store.kioskId();
  std::error_code error;
  if (!fs::is_directory(folder, error)) {
    report.problem = folder.string() + ": not found; this kiosk id has published nothing on this share";
    return report;
  }
  if (store.outboxSize() > 0) {
    report.problem = "this database already holds events of its own; rebuild only into a new, empty database";
    return report;
  }
  std::map<std::int64_t, fs::path> segments;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    const JournalEntry entry = classifyJournalName(it->path().filename().string());
    if (entry.kind == JournalEntryKind::Segment) segments.emplace(entry.segment, it->path());
  }
  for (const auto& [segment, file] : segments) {
    const std::string shown = "journal/" + store.kioskId() + "/" + file.filename().string();
    const FileBytes bytes = readRegularFile(file, kMaxSegmentBytes);
    const SegmentParse parsed =
        bytes.bytes ? parseSegment(asText(*bytes.bytes), store.kioskId(), segment) : SegmentParse{{}, bytes.error};
    if (!parsed.ok()) {
      report.skipped.push_back({shown, parsed.error});
      continue;
    }
    const SegmentApply applied = store.restoreOwnSegment(segment, parsed.events, now);
    if (!applied.error.empty()) {
      report.skipped.push_back({shown, applied.error});
      continue;
    }
    report.restoredEvents += applied.applied;
    ++report.restoredSegments;
  }
  const json claim = {{"kiosk", store.kioskId()}, {"install", store.installId()}};
  if (const std::string problem = writeFileDurably(folder / kClaimFileName, claim.dump() + "\n", true); !problem.empty())
    report.skipped.push_back({"journal/" + store.kioskId() + "/" + std::string(kClaimFileName),
                              "could not take the kiosk id back: " + problem});
  return report;
}

// [SECTION] importing

// Events per import transaction: a few hundred milliseconds of work at most, so the kiosk's own
// writes (a nomination, an applause) never wait long for the lock, and 16 segments of 1,000 events
// share one commit.
constexpr std::size_t kImportBatchEvents = 16'000;

void importJournals(Store& store, const fs::path& shareDir, TimeMs now, SyncReport& report) {
  const fs::path journal = shareDir / "journal";
  std::error_code error;
  if (!fs::is_directory(journal, error)) return;  // nobody has published yet
  std::vector<fs::directory_entry> folders;
  for (fs::directory_iterator it(journal, error), end; !error && it != end; it.increment(error))
    folders.push_back(*it);
  if (error) {
    report.skipped.push_back({"journal", "cannot list: " + error.message()});
    return;
  }
  std::sort(folders.begin(), folders.end());
  // Segments are read and checked first, outside any transaction (a slow share never holds the
  // database's write lock), then applied a batch at a time in one transaction.
  std::vector<SegmentToApply> batch;
  std::vector<std::string> names;
  std::size_t batchEvents = 0;
  auto flush = [&] {
    if (batch.empty()) return;
    std::vector<SegmentApply> outcomes = store.applySegments(batch, now);
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      SegmentApply& applied = outcomes[i];
      if (!applied.error.empty()) {
        report.skipped.push_back({names[i], applied.error + " (retried on the next sync)"});
        continue;
      }
      ++report.importedSegments;
      report.importedEvents += applied.applied;
      report.duplicateEvents += applied.duplicates;
      report.unknownEvents += applied.unknownTypes;
      for (std::string& photo : applied.erasedPhotos) report.erasedPhotos.push_back(std::move(photo));
    }
    batch.clear();
    names.clear();
    batchEvents = 0;
  };
  for (const fs::directory_entry& folder : folders) {
    const std::string kiosk = folder.path().filename().string();
    const std::string shown = "journal/" + kiosk;
    if (kiosk == store.kioskId()) continue;
    const JournalEntry kind = classifyJournalName(kiosk);
    if (kind.kind != JournalEntryKind::Unknown && kind.kind != JournalEntryKind::Segment) {
      report.skipped.push_back({shown, std::string(describeSkip(kind.kind))});
      continue;
    }
    if (!isValidKioskId(kiosk)) {
      report.skipped.push_back({shown, "not a valid kiosk id (1 to 40 of a-z, 0-9, '-')"});
      continue;
    }
    std::error_code statusError;
    const fs::file_status status = fs::symlink_status(folder.path(), statusError);
    if (!fs::is_directory(status)) {
      report.skipped.push_back({shown, fs::is_symlink(status) ? "a symbolic link, not a folder (refused)"
                                                                : "not a folder"});
      continue;
    }
    const std::vector<std::int64_t> done = store.importedSegments(kiosk);
    std::map<std::int64_t, fs::path> todo;
    for (fs::directory_iterator it(folder.path(), error), end; !error && it != end; it.increment(error)) {
      const std::string name = it->path().filename().string();
      const JournalEntry entry = classifyJournalName(name);
      if (entry.kind == JournalEntryKind::Claim) continue;
      if (entry.kind != JournalEntryKind::Segment) {
        report.skipped.push_back({shown + "/" + name, std::string(describeSkip(entry.kind))});
        continue;
      }
      if (!std::binary_search(done.begin(), done.end(), entry.segment)) todo.emplace(entry.segment, it->path());
    }
    if (error) report.skipped.push_back({shown, "cannot list: " + error.message()});
    for (const auto& [segment, file] : todo) {
      const std::string name = shown + "/" + file.filename().string();
      const FileBytes bytes = readRegularFile(file, kMaxSegmentBytes);
      if (!bytes.bytes) {
        report.skipped.push_back({name, bytes.error + " (retried on the next sync)"});
        continue;
      }
      SegmentParse parsed = parseSegment(asText(*bytes.bytes), kiosk, segment);
      if (!parsed.ok()) {
        report.skipped.push_back({name, parsed.error + " (retried on the next sync)"});
        continue;
      }
      batchEvents += parsed.events.size();
      batch.push_back({kiosk, segment, std::move(parsed.events)});
      names.push_back(name);
      if (batchEvents >= kImportBatchEvents) flush();
    }
  }
  flush();
}

// [SECTION] roster, photos and fleet.toml

namespace {

// Content hash of the roster plus name/size/time of each photo: cheap to compute, and it changes
// whenever HR drops in a new export or a new photo.
std::string rosterSignature(const fs::path& photos, const std::vector<std::uint8_t>& csvBytes) {
  std::string listing = std::to_string(fnv1a64(asText(csvBytes)));
  std::error_code error;
  std::vector<std::string> entries;
  for (fs::directory_iterator it(photos, error), end; !error && it != end; it.increment(error)) {
    std::error_code ignored;
    entries.push_back(it->path().filename().string() + ":" + std::to_string(it->file_size(ignored)) + ":" +
                      std::to_string(it->last_write_time(ignored).time_since_epoch().count()));
  }
  std::sort(entries.begin(), entries.end());
  for (const std::string& entry : entries) listing += "|" + entry;
  return std::to_string(fnv1a64(listing));
}

void refreshRoster(Store& store, const SyncOptions& options, SyncReport& report) {
  const fs::path csv = options.shareDir / "roster" / "employees.csv";
  const fs::path photos = options.shareDir / "roster" / "photos";
  std::error_code error;
  if (!fs::exists(fs::symlink_status(csv, error))) return;
  const FileBytes bytes = readRegularFile(csv, kMaxRosterBytes);
  if (!bytes.bytes) {
    report.rosterMessages.push_back("roster/employees.csv " + bytes.error + "; the current roster stays");
    return;
  }
  const std::string signature = rosterSignature(photos, *bytes.bytes);
  if (store.meta("roster_signature") == signature) return;
  const RosterFileImport result = importRosterFile(store, csv, photos, options.photosDir);
  if (!result.accepted) {
    report.rosterMessages.push_back("roster/employees.csv rejected; the current roster stays:\n" +
                                    describeProblems(result.problems, "roster/employees.csv"));
    return;
  }
  store.setMeta("roster_signature", signature);
  const RosterImportSummary& s = result.summary;
  report.rosterMessages.push_back("roster imported: " + std::to_string(s.added) + " added, " +
                                  std::to_string(s.updated) + " updated, " + std::to_string(s.deactivated) +
                                  " now inactive; photos: " + std::to_string(result.photosCopied) + " copied");
  for (const std::string& problem : result.photoProblems) report.rosterMessages.push_back("photo skipped: " + problem);
}

void refreshFleet(Store& store, const SyncOptions& options, SyncReport& report) {
  const fs::path file = options.shareDir / "fleet.toml";
  std::error_code error;
  if (!fs::exists(fs::symlink_status(file, error))) return;
  const FileBytes bytes = readRegularFile(file, 1024 * 1024);
  if (!bytes.bytes) {
    report.fleetMessages.push_back("fleet.toml " + bytes.error + "; the current settings stay");
    return;
  }
  const std::string text = asText(*bytes.bytes);
  const std::string signature = std::to_string(fnv1a64(text));
  if (store.meta("fleet_signature") == signature) return;
  const FleetParse parsed = parseFleetToml(text, "fleet.toml");
  if (!parsed.settings) {
    std::string message = "fleet.toml ignored; the current settings stay:";
    for (const std::string& problem : parsed.errors) message += "\n  " + problem;
    report.fleetMessages.push_back(message);
    return;
  }
  applyFleetSettings(store, *parsed.settings);
  store.setMeta("fleet_signature", signature);
  report.fleetMessages.push_back("fleet.toml applied");
  for (const std::string& warning : parsed.warnings) report.fleetMessages.push_back(warning);
}

// [SECTION] heartbeat

void writeHeartbeat(Store& store, const SyncOptions& options, TimeMs now, SyncReport& report) {
  Heartbeat heartbeat;
  heartbeat.kioskId = store.kioskId();
  heartbeat.version = options.version;
  heartbeat.lastSync = lastSuccessfulSync(store);
  heartbeat.pendingEvents = report.pendingEvents;
  std::error_code error;
  if (!options.dataDir.empty()) {
    const fs::space_info space = fs::space(options.dataDir, error);
    if (!error) heartbeat.freeDiskBytes = static_cast<std::int64_t>(space.available);
  }
  heartbeat.writtenAt = now;
  if (options.screenState) heartbeat.screen = options.screenState();
  const fs::path folder = options.shareDir / "status";
  fs::create_directories(folder, error);
  const std::string problem =
      error ? folder.string() + ": " + error.message()
            : writeFileDurably(folder / (store.kioskId() + ".json"), encodeHeartbeat(heartbeat), true);
  if (!problem.empty()) report.skipped.push_back({"status/" + store.kioskId() + ".json", "heartbeat not written: " + problem});
}

}  // namespace

// [SECTION] one whole sync

SyncReport syncWithShare(Store& store, const SyncOptions& options, TimeMs now) {
  SyncReport report;
  SyncLock lock(options.dataDir);
  if (!lock.problem().empty()) {
    report.shareProblem = lock.problem();
    report.pendingEvents = store.counts().pendingEvents;
    return report;
  }
  std::error_code error;
  if (options.shareDir.empty()) {
    report.shareProblem = "no share_dir configured (stand-alone kiosk)";
  } else if (!fs::is_directory(options.shareDir, error)) {
    report.shareProblem = options.shareDir.string() + ": not reachable (missing or not mounted); events stay queued";
  } else {
    report.shareReachable = true;
  }
  if (report.shareReachable) {
    publishPendingEvents(store, options.shareDir, now, report);
    importJournals(store, options.shareDir, now, report);
    for (const std::string& photo : report.erasedPhotos) {
      std::error_code ignored;
      if (!options.photosDir.empty() && isPlainFileName(photo)) fs::remove(options.photosDir / photo, ignored);
    }
    if (options.refreshRoster) refreshRoster(store, options, report);
    if (options.refreshFleet) refreshFleet(store, options, report);
  }
  report.pendingEvents = store.counts().pendingEvents;
  if (report.completed()) store.setMeta("last_sync", std::to_string(now));
  if (report.shareReachable) writeHeartbeat(store, options, now, report);
  return report;
}

std::optional<TimeMs> lastSuccessfulSync(Store& store) {
  const std::optional<std::string> value = store.meta("last_sync");
  if (!value) return std::nullopt;
  return std::stoll(*value);
}

std::vector<std::string> describeSyncReport(const SyncReport& report) {
  std::vector<std::string> lines;
  if (!report.shareProblem.empty()) lines.push_back("share: " + report.shareProblem);
  if (!report.publishProblem.empty()) lines.push_back("not published: " + report.publishProblem);
  lines.push_back("published " + std::to_string(report.publishedEvents) + " events in " +
                  std::to_string(report.publishedSegments) + " segments");
  lines.push_back("imported " + std::to_string(report.importedEvents) + " events from " +
                  std::to_string(report.importedSegments) + " segments (" + std::to_string(report.duplicateEvents) +
                  " already known" +
                  (report.unknownEvents ? ", " + std::to_string(report.unknownEvents) + " of unknown types kept for a newer version" : "") +
                  ")");
  lines.push_back("skipped " + std::to_string(report.skipped.size()) + " files");
  for (const SyncSkip& skip : report.skipped) lines.push_back("  " + skip.file + ": " + skip.reason);
  for (const std::string& message : report.rosterMessages) lines.push_back(message);
  for (const std::string& message : report.fleetMessages) lines.push_back(message);
  lines.push_back("pending " + std::to_string(report.pendingEvents) + " events waiting to be published");
  return lines;
}

// [SECTION] fleet status

std::string encodeHeartbeat(const Heartbeat& heartbeat) {
  json value = {{"kiosk", heartbeat.kioskId},
                      {"version", heartbeat.version},
                      {"last_sync", heartbeat.lastSync ? json(formatIsoUtc(*heartbeat.lastSync)) : json(nullptr)},
                      {"last_sync_ms", heartbeat.lastSync ? json(*heartbeat.lastSync) : json(nullptr)},
                      {"pending_events", heartbeat.pendingEvents},
                      {"free_disk_bytes", heartbeat.freeDiskBytes},
                      {"written_at", formatIsoUtc(heartbeat.writtenAt)},
                      {"written_at_ms", heartbeat.writtenAt}};
  if (!heartbeat.screen.empty()) value["screen"] = heartbeat.screen;
  return value.dump(2) + "\n";
}

FleetStatus readFleetStatus(const fs::path& shareDir) {
  FleetStatus fleet;
  const fs::path folder = shareDir / "status";
  std::error_code error;
  if (!fs::is_directory(folder, error)) return fleet;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    const std::string shown = "status/" + name;
    const std::string kiosk = name.size() > 5 && name.ends_with(".json") ? name.substr(0, name.size() - 5) : "";
    if (!isValidKioskId(kiosk)) {
      fleet.problems.push_back({shown, "not a heartbeat (<kiosk-id>.json)"});
      continue;
    }
    const FileBytes bytes = readRegularFile(it->path(), kMaxHeartbeatBytes);
    if (!bytes.bytes) {
      fleet.problems.push_back({shown, bytes.error});
      continue;
    }
    const json value = json::parse(asText(*bytes.bytes), nullptr, false);
    if (value.is_discarded() || !value.is_object() || value.value("kiosk", "") != kiosk) {
      fleet.problems.push_back({shown, "not a valid heartbeat for kiosk '" + kiosk + "'"});
      continue;
    }
    Heartbeat heartbeat;
    heartbeat.kioskId = kiosk;
    if (value.contains("version") && value["version"].is_string()) heartbeat.version = value["version"];
    if (value.contains("last_sync_ms") && value["last_sync_ms"].is_number_integer())
      heartbeat.lastSync = value["last_sync_ms"].get<TimeMs>();
    if (value.contains("pending_events") && value["pending_events"].is_number_integer())
      heartbeat.pendingEvents = value["pending_events"];
    if (value.contains("free_disk_bytes") && value["free_disk_bytes"].is_number_integer())
      heartbeat.freeDiskBytes = value["free_disk_bytes"];
    if (value.contains("written_at_ms") && value["written_at_ms"].is_number_integer())
      heartbeat.writtenAt = value["written_at_ms"];
    if (value.contains("screen") && value["screen"].is_string()) heartbeat.screen = value["screen"];
    fleet.kiosks.push_back(std::move(heartbeat));
  }
  std::sort(fleet.kiosks.begin(), fleet.kiosks.end(),
            [](const Heartbeat& a, const Heartbeat& b) { return a.kioskId < b.kioskId; });
  return fleet;
}

}  // namespace wof::core
