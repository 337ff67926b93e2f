// Sync through the shared folder. Layer: core/sync. See sync.hpp and DESIGN.md "The shared folder".
#include "core/sync/sync.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <map>
#include <queue>
#include <random>
#include <set>
#include <nlohmann/json.hpp>
#include <system_error>
#include <thread>

#include "core/util/clock.hpp"
#include "core/config/config.hpp"
#include "core/config/fleet.hpp"
#include "core/photos/photo.hpp"
#include "core/roster/roster_import.hpp"
#include "core/sync/compaction.hpp"

namespace wof::core {

namespace fs = std::filesystem;

namespace {

using nlohmann::json;

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

// [SECTION] share errors

// What an errno on the share means for IT, in words that say what to check.
std::string shareFault(int code) {
  switch (code) {
    case EACCES:
    case EPERM:
      return "permission denied: this kiosk's account may not create files there (on a Windows or Samba "
             "server: give every kiosk account modify rights on the whole share; see the README)";
    case ENOSPC:
    case EDQUOT: return "the share is full (or this account's quota is used up)";
    case EROFS: return "the share is read-only";
    case ENOENT: return "not reachable: missing (the share is not mounted, or share_dir names the wrong folder)";
    case EIO:
    case ENOTCONN:
    case ETIMEDOUT:
    case EHOSTDOWN:
    case EHOSTUNREACH:
    case ECONNREFUSED:
    case ECONNRESET:
    case ECONNABORTED:
    case ENETDOWN:
    case ENETUNREACH:
    case ESTALE:
    case ENXIO:
    case ENODEV:
      return std::string("share not reachable: the file server or the network is down (") + std::strerror(code) + ")";
    default: return std::strerror(code);
  }
}

// The same for a std::error_code from std::filesystem.
std::string shareFault(const std::error_code& error) {
  return error.category() == std::generic_category() || error.category() == std::system_category()
             ? shareFault(error.value())
             : error.message();
}

std::int64_t nanoseconds(const struct timespec& time) {
  return static_cast<std::int64_t>(time.tv_sec) * 1'000'000'000 + time.tv_nsec;
}

// Size and modification time as the share reports them: a file replaced under its name almost
// always changes one of them.
ImportedFile statFile(const fs::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) return {};
  return {static_cast<std::int64_t>(info.st_size), nanoseconds(info.st_mtim), {}};
}

// [SECTION] what a sync may skip: folders unchanged since it last looked at all of them

// A folder's modification and change times as the share reports them (-1: not there). Adding,
// removing or renaming a file in it sets both; the change time cannot be set back, so a tool that
// restores the modification time (a replication engine copying it) still changes it.
struct FolderTime {
  std::int64_t mtimeNs = -1;
  std::int64_t ctimeNs = -1;
  bool operator==(const FolderTime&) const = default;
};

FolderTime folderTime(const fs::path& folder) {
  struct stat info {};
  if (::stat(folder.c_str(), &info) != 0) return {};
  return {nanoseconds(info.st_mtim), nanoseconds(info.st_ctim)};
}

// Which folders of the share one sync lists (see README.md "The shared folder", What a sync reads).
struct ShareLook {
  // List every folder whatever its time: a sync with no record yet, and every kLookAtAllEvery as
  // a safety net for file systems that do not keep folder times honestly.
  bool everything = true;
  // A time on the share's own clock taken before anything is listed (the modification time of
  // the heartbeat this kiosk's previous sync wrote): a folder time at least kSettledNs older was
  // final when the listing began, so it may be recorded. -1: nothing is recorded.
  std::int64_t settledBeforeNs = -1;
  std::map<std::string, FolderTime> folders;  // journal/<kiosk> -> its time after its last whole look
  bool ownUnsettled = false;                   // recovery found an unreadable own segment
};

// Coarse time stamps (FAT: 2 s, many SMB servers: 1 s, Linux: a clock tick) give a folder changed
// twice within one step the same time: a time is recorded only once it is this much older than
// the moment its listing began ("racy git").
constexpr std::int64_t kSettledNs = 2'000'000'000;
constexpr TimeMs kLookAtAllEveryMs = 6LL * 3600 * 1000;
constexpr std::string_view kFolderTimesKey = "journal_folder_times";
constexpr std::string_view kRosterTimesKey = "roster_times";
constexpr std::string_view kLookedAtAllKey = "share_looked_at_all";

bool settled(const ShareLook& look, std::int64_t mtimeNs) {
  return look.settledBeforeNs >= 0 && mtimeNs >= 0 && mtimeNs <= look.settledBeforeNs - kSettledNs;
}

std::optional<std::int64_t> parseInteger(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return value;
}

ShareLook lookFor(Store& store, const fs::path& shareDir, TimeMs now) {
  ShareLook look;
  const std::optional<std::int64_t> lookedAtAll = parseInteger(store.meta(kLookedAtAllKey));
  look.everything = !lookedAtAll || now < *lookedAtAll || now - *lookedAtAll >= kLookAtAllEveryMs;
  look.settledBeforeNs = folderTime(shareDir / "status" / (store.kioskId() + ".json")).mtimeNs;
  const json recorded = json::parse(store.meta(kFolderTimesKey).value_or("{}"), nullptr, false);
  if (recorded.is_object())
    for (const auto& [kiosk, time] : recorded.items())
      if (time.is_array() && time.size() == 2 && time[0].is_number_integer() && time[1].is_number_integer())
        look.folders[kiosk] = {time[0].get<std::int64_t>(), time[1].get<std::int64_t>()};
  return look;
}

// Whether journal/<kiosk> is as it was after its last whole look.
bool unchangedSinceLook(const ShareLook& look, const std::string& kiosk, const FolderTime& now) {
  if (look.everything || now.mtimeNs < 0) return false;
  const auto recorded = look.folders.find(kiosk);
  return recorded != look.folders.end() && recorded->second == now;
}

// Why the share's root cannot be used, empty when it can. A share that a kiosk has synced with
// before and that now holds no journal/ folder is the empty mount point of a share that is not
// mounted: publishing there would hide events under the mount once it comes back.
std::string shareRootProblem(const fs::path& shareDir, bool syncedBefore) {
  struct stat info {};
  if (::stat(shareDir.c_str(), &info) != 0) return shareDir.string() + ": " + shareFault(errno);
  if (!S_ISDIR(info.st_mode)) return shareDir.string() + ": not a folder";
  std::error_code error;
  const bool hasJournal = fs::exists(shareDir / "journal", error);
  if (error) return (shareDir / "journal").string() + ": " + shareFault(error);
  if (syncedBefore && !hasJournal && !fs::exists(shareDir / "roster", error))
    return shareDir.string() + ": holds no journal/ or roster/ although this kiosk has synced with it before: the "
                               "share is not mounted there (check the mount, e.g. `findmnt " + shareDir.string() + "`)";
  return "";
}

// [SECTION] alerts: what IT must hear about, kept in the store until it stops happening

constexpr std::size_t kMaxAlerts = 10;

void raiseAlert(SyncReport& report, std::string text) {
  if (std::find(report.alerts.begin(), report.alerts.end(), text) == report.alerts.end())
    report.alerts.push_back(std::move(text));
}

// Alerts of this sync replace older ones of the same text; the newest kMaxAlerts stay.
void rememberAlerts(Store& store, const SyncReport& report, TimeMs now) {
  if (report.alerts.empty()) return;  // most syncs: not even a read
  std::vector<SyncAlert> alerts = syncAlerts(store);
  for (const std::string& text : report.alerts) {
    std::erase_if(alerts, [&](const SyncAlert& alert) { return alert.text == text; });
    alerts.push_back({now, text});
  }
  if (alerts.size() > kMaxAlerts) alerts.erase(alerts.begin(), alerts.end() - kMaxAlerts);
  json list = json::array();
  for (const SyncAlert& alert : alerts) list.push_back({{"at", alert.at}, {"text", alert.text}});
  store.setMeta("sync_alerts", list.dump());
}

// [SECTION] claim: one install per kiosk id

struct Claim {
  std::string install;                // the install id that owns the kiosk id
  std::vector<std::string> replaces;  // tags of earlier installs of this kiosk (rebuilt from the share)
};

std::string encodeClaim(const std::string& kiosk, const Claim& claim) {
  return json{{"kiosk", kiosk}, {"install", claim.install}, {"replaces", claim.replaces}}.dump() + "\n";
}

std::optional<Claim> readClaim(const fs::path& claimFile, std::string& problem) {
  const FileBytes bytes = readRegularFile(claimFile, 64 * 1024);
  if (!bytes.bytes) {
    problem = claimFile.string() + " " + bytes.error + "; not publishing until it is readable";
    return std::nullopt;
  }
  const json value = json::parse(asText(*bytes.bytes), nullptr, false);
  if (value.is_discarded() || !value.is_object() || !value.contains("install") || !value["install"].is_string()) {
    problem = claimFile.string() + " is not a valid claim file; not publishing until it is (delete it to let this "
              "kiosk claim its id again)";
    return std::nullopt;
  }
  Claim claim{value["install"].get<std::string>(), {}};
  if (value.contains("replaces") && value["replaces"].is_array())
    for (const json& tag : value["replaces"])
      if (tag.is_string()) claim.replaces.push_back(tag.get<std::string>());
  return claim;
}

// Returns an empty string when this install owns (or has just claimed) the kiosk id; fills
// `replaced` with the tags of earlier installs of this kiosk the claim names.
std::string checkClaim(Store& store, const fs::path& kioskFolder, std::vector<std::string>& replaced,
                       SyncReport& report) {
  const fs::path claimFile = kioskFolder / kClaimFileName;
  const std::string mine = store.installId();
  std::error_code error;
  if (!fs::exists(fs::symlink_status(claimFile, error))) {
    // Segments already there are an earlier install's (IT removed its claim to take the id over).
    Claim claim{mine, {}};
    for (fs::directory_iterator it(kioskFolder, error), end; !error && it != end; it.increment(error)) {
      JournalEntry entry = classifyJournalName(it->path().filename().string());
      if (entry.kind == JournalEntryKind::Segment && !entry.install.empty() &&
          std::find(claim.replaces.begin(), claim.replaces.end(), entry.install) == claim.replaces.end())
        claim.replaces.push_back(std::move(entry.install));
    }
    // Another new install may claim the id at the same instant (a cloned disk image): the durable
    // writer creates the name exclusively (a hard link, or a lock folder where links do not
    // exist), so only one can win, and the loser reads the winner's claim below.
    std::string problem = writeFileDurably(claimFile, encodeClaim(store.kioskId(), claim));
    if (problem.empty()) return "";
    // Lost the race: the winner's claim lands in a moment (where links do not exist, it holds the
    // name's lock folder meanwhile).
    for (int attempt = 0; attempt < 30 && !fs::exists(fs::symlink_status(claimFile, error)); ++attempt)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (!fs::exists(fs::symlink_status(claimFile, error))) return problem;
  }
  std::string problem;
  const std::optional<Claim> claim = readClaim(claimFile, problem);
  if (!claim) return problem;
  replaced = claim->replaces;
  if (claim->install == mine) return "";
  std::string refused = "kiosk id '" + store.kioskId() + "' is already used by another installation (" +
                        claimFile.string() + " names install " + claim->install + ", this one is " + mine +
                        "). Was this disk cloned? Give this kiosk its own kiosk_id in kiosk.toml; its events stay "
                        "queued here until then. If this really is the same kiosk with a lost database, run "
                        "`wall-of-fame sync --rebuild-from-share` on a new database instead.";
  raiseAlert(report, refused);
  return refused;
}

// [SECTION] publishing

// A file this install may clean up in its own journal folder: its own temporaries (their names
// carry the target's name, and so this install's tag), and anyone's older than a day (a writer
// that died long ago; a live one finishes within seconds).
bool isStaleOwnTemporary(const fs::directory_entry& entry, const std::string& tag) {
  const std::string name = entry.path().filename().string();
  if (name.find(tag) != std::string::npos) return true;
  std::error_code error;
  const auto written = entry.last_write_time(error);
  if (error) return false;
  return fs::file_time_type::clock::now() - written > std::chrono::hours(24);
}

// Own segments newer than what the store knows were put in place just before a crash: mark
// their events published instead of writing them again. Removes this install's leftovers: half-
// written temporaries and lock folders a crash left. False when an own segment was unreadable.
bool recoverOwnSegments(Store& store, const fs::path& kioskFolder, const std::string& tag, std::int64_t& lastSegment,
                        SyncReport& report) {
  bool clean = true;
  std::map<std::int64_t, std::pair<fs::path, std::string>> newer;
  std::error_code error;
  for (fs::directory_iterator it(kioskFolder, error), end; !error && it != end; it.increment(error)) {
    JournalEntry entry = classifyJournalName(it->path().filename().string());
    if (entry.kind == JournalEntryKind::OwnTemp) {
      // Under the sync lock nobody else of this install writes here.
      std::error_code ignored;
      if (isStaleOwnTemporary(*it, tag)) fs::remove(it->path(), ignored);
    } else if (entry.kind == JournalEntryKind::Segment && entry.segment > lastSegment &&
               (entry.install == tag || entry.install.empty())) {
      newer.emplace(entry.segment, std::pair{it->path(), std::move(entry.install)});
    }
  }
  for (const auto& [segment, found] : newer) {
    const auto& [file, install] = found;
    const FileBytes bytes = readRegularFile(file, kMaxSegmentBytes);
    const SegmentParse parsed = bytes.bytes ? parseSegment(asText(*bytes.bytes), store.kioskId(), segment, install)
                                            : SegmentParse{{}, {}, {}, bytes.error};
    const std::string shown = "journal/" + store.kioskId() + "/" + file.filename().string();
    if (!parsed.ok() || parsed.events.empty()) {
      report.skipped.push_back({shown, "this kiosk's own segment is unreadable (" + parsed.error +
                                           "); numbering continues after it"});
      lastSegment = segment;
      clean = false;
      continue;
    }
    // Ours only if the outbox holds the very same events; otherwise it is left from an earlier
    // install under this id (first-format names): keep numbering after it.
    if (store.outboxEventId(parsed.events.back().seq) == parsed.events.back().id &&
        store.outboxEventId(parsed.events.front().seq) == parsed.events.front().id)
      store.markPublished(parsed.events.back().seq, segment, nowMs());
    lastSegment = segment;
  }
  return clean;
}

void publish(Store& store, const fs::path& shareDir, TimeMs now, SyncReport& report, ShareLook& look, bool compact) {
  const fs::path kioskFolder = shareDir / "journal" / store.kioskId();
  std::error_code error;
  fs::create_directories(kioskFolder, error);
  if (error) {
    report.publishProblem = kioskFolder.string() + ": cannot create: " + shareFault(error) + "; events stay queued";
    return;
  }
  std::vector<std::string> replaced;
  if (std::string refused = checkClaim(store, kioskFolder, replaced, report); !refused.empty()) {
    report.publishProblem = std::move(refused);
    return;
  }
  const std::string tag = installTag(store.installId());
  std::int64_t lastSegment = store.lastPublishedSegment();
  // A crash between sealing a segment and marking its events published changed the folder: as it
  // was after its last whole look (a sync that recovered and then published), there is nothing to
  // recover.
  if (!unchangedSinceLook(look, store.kioskId(), folderTime(kioskFolder)))
    look.ownUnsettled = !recoverOwnSegments(store, kioskFolder, tag, lastSegment, report);
  // Old months into packs before this sync's events are numbered: a pack then takes a number after
  // every segment it holds and before the month's new ones (see compaction.hpp).
  if (compact) {
    compactOwnJournal(store, shareDir, now, report, {}, lastSegment);
    lastSegment = std::max(lastSegment, store.lastPublishedSegment());
  }
  while (true) {
    const std::vector<OutboxEvent> pending = store.pendingEvents(kMaxEventsPerSegment);
    if (pending.empty()) break;
    std::vector<JournalEvent> events;
    events.reserve(pending.size());
    for (const OutboxEvent& event : pending)
      events.push_back({event.eventId, store.kioskId(), event.seq, event.hlc, event.type, event.payload});
    const std::int64_t segment = lastSegment + 1;
    // The name holds this install's tag: no other install can write it, whatever the share.
    const std::string problem = writeFileDurably(kioskFolder / segmentFileName(segment, tag),
                                                 encodeSegment(store.kioskId(), segment, events, tag));
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

}  // namespace

void publishPendingEvents(Store& store, const fs::path& shareDir, TimeMs now, SyncReport& report) {
  ShareLook everything;
  publish(store, shareDir, now, report, everything, false);
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
  // Every earlier install of this kiosk: the old claim's and its predecessors, and every tag
  // found. Their files that arrive later (a replicated share still catching up) are imported by
  // sync like any other kiosk's; this install publishes under its own tag, so nothing collides.
  Claim claim{store.installId(), {}};
  std::string ignored;
  if (const std::optional<Claim> old = readClaim(folder / kClaimFileName, ignored)) {
    claim.replaces = old->replaces;
    claim.replaces.push_back(installTag(old->install));
  }
  std::map<std::pair<std::int64_t, std::string>, fs::path> segments;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    JournalEntry entry = classifyJournalName(it->path().filename().string());
    if (entry.kind != JournalEntryKind::Segment) continue;
    if (!entry.install.empty()) claim.replaces.push_back(entry.install);
    segments.emplace(std::pair{entry.segment, std::move(entry.install)}, it->path());
  }
  std::sort(claim.replaces.begin(), claim.replaces.end());
  claim.replaces.erase(std::unique(claim.replaces.begin(), claim.replaces.end()), claim.replaces.end());
  std::erase(claim.replaces, installTag(store.installId()));
  for (const auto& [key, file] : segments) {
    const auto& [segment, install] = key;
    const std::string shown = "journal/" + store.kioskId() + "/" + file.filename().string();
    const FileBytes bytes = readRegularFile(file, kMaxSegmentBytes);
    SegmentParse parsed = bytes.bytes ? parseSegment(asText(*bytes.bytes), store.kioskId(), segment, install)
                                      : SegmentParse{{}, {}, {}, bytes.error};
    if (!parsed.ok()) {
      report.skipped.push_back({shown, parsed.error});
      continue;
    }
    ImportedFile seen = statFile(file);
    seen.checksum = parsed.checksum;
    if (parsed.covers) {
      seen.coversFirst = parsed.covers->first;
      seen.coversLast = parsed.covers->last;
    }
    const SegmentToApply restored{store.kioskId(), file.filename().string(), std::move(parsed.events), seen};
    const SegmentApply applied = store.restoreOwnSegment(segment, restored, now);
    if (!applied.error.empty()) {
      report.skipped.push_back({shown, applied.error});
      continue;
    }
    report.restoredEvents += applied.applied;
    ++report.restoredSegments;
  }
  // First-format names carry no tag: their late arrivals are imported too (see importJournals).
  store.setMeta("rebuilt_from_share", std::to_string(now));
  if (const std::string problem = writeFileDurably(folder / kClaimFileName, encodeClaim(store.kioskId(), claim), true);
      !problem.empty())
    report.skipped.push_back({"journal/" + store.kioskId() + "/" + std::string(kClaimFileName),
                              "could not take the kiosk id back: " + problem});
  return report;
}

// [SECTION] importing

namespace {

constexpr std::string_view kAnyInstall = "*";

// Events per import transaction: a few hundred milliseconds of work at most, so the kiosk's own
// writes (a nomination, an applause) never wait long for the lock, and 16 segments of 1,000 events
// share one commit.
constexpr std::size_t kImportBatchEvents = 16'000;

// One kiosk folder's segments to read: new names, and names already imported whose file changed.
struct FolderPlan {
  struct File {
    fs::path path;
    JournalEntry entry;
    ImportedFile seen;
    bool changed = false;         // imported before, different now
    std::string importedChecksum;  // when changed: what was imported
  };
  std::string kiosk;
  std::vector<File> files;  // in segment order
  std::size_t next = 0;     // the first not read yet
  std::vector<std::pair<std::string, ImportedFile>> refreshed;  // same file, first fingerprint
};

// Records the times of the folders this sync looked at whole, settled and with nothing left to
// retry, and keeps those of the folders it skipped; the others are listed again next time.
void rememberFolderTimes(Store& store, const ShareLook& look, const std::map<std::string, FolderTime>& times) {
  if (times == look.folders) return;  // most syncs: not even a write
  json recorded = json::object();
  for (const auto& [kiosk, time] : times) recorded[kiosk] = {time.mtimeNs, time.ctimeNs};
  store.setMeta(kFolderTimesKey, recorded.dump());
}

// False when journal/ itself could not be listed.
bool importWithLook(Store& store, const fs::path& shareDir, TimeMs now, SyncReport& report, const ShareLook& look) {
  const fs::path journal = shareDir / "journal";
  std::error_code error;
  if (!fs::is_directory(journal, error)) return !error;  // nobody has published yet
  std::vector<fs::directory_entry> folders;
  for (fs::directory_iterator it(journal, error), end; !error && it != end; it.increment(error))
    folders.push_back(*it);
  if (error) {
    report.skipped.push_back({"journal", "cannot list: " + shareFault(error)});
    return false;
  }
  std::sort(folders.begin(), folders.end());
  const std::string myTag = installTag(store.installId());
  const bool rebuilt = store.meta("rebuilt_from_share").has_value();
  // Segments are read and checked first, outside any transaction (a slow share never holds the
  // database's write lock), then applied a batch at a time in one transaction.
  std::vector<SegmentToApply> batch;
  std::vector<std::string> names;
  std::size_t batchEvents = 0;
  std::map<std::string, FolderTime> times;  // what is recorded after this sync
  std::set<std::string> retried;            // folders with a file to read again next time
  if (look.ownUnsettled) retried.insert(store.kioskId());
  auto flush = [&] {
    if (batch.empty()) return;
    std::vector<SegmentApply> outcomes = store.applySegments(batch, now);
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      SegmentApply& applied = outcomes[i];
      if (!applied.error.empty()) {
        report.skipped.push_back({names[i], applied.error + " (retried on the next sync)"});
        retried.insert(batch[i].kioskId);
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
  // Every folder is listed first, then the files are read across folders in the order they were
  // written (their times), each folder's in segment order: a batch then holds the whole fleet's
  // events of a stretch of time, which land next to each other in every table keyed by time or
  // by UUIDv7, so a commit writes few pages. Folder by folder, every batch of a new kiosk's import
  // touched the whole database so far: 3 years of 20 kiosks imported in 8.6 s, against 1.5 s for
  // the sqlite3 CLI (P17). Events merge the same in any order (the convergence specs).
  std::vector<FolderPlan> plans;
  for (const fs::directory_entry& folder : folders) {
    const std::string kiosk = folder.path().filename().string();
    const std::string shown = "journal/" + kiosk;
    const bool own = kiosk == store.kioskId();
    const JournalEntry kind = classifyJournalName(kiosk);
    if (kind.kind != JournalEntryKind::Unknown && kind.kind != JournalEntryKind::Segment) {
      report.skipped.push_back({shown, std::string(describeSkip(kind.kind))});
      continue;
    }
    if (!isValidKioskId(kiosk)) {
      report.skipped.push_back({shown, "not a valid kiosk id (1 to 40 of a-z, 0-9, '-')"});
      continue;
    }
    // The type the listing gave (no call on the share where it gives one).
    std::error_code statusError;
    const bool symlink = folder.is_symlink(statusError);
    if (symlink || !folder.is_directory(statusError)) {
      report.skipped.push_back({shown, symlink ? "a symbolic link, not a folder (refused)" : "not a folder"});
      continue;
    }
    // Taken before the listing: whatever is added while it runs changes the folder after this.
    const FolderTime time = folderTime(folder.path());
    if (unchangedSinceLook(look, kiosk, time)) {
      times[kiosk] = time;
      continue;
    }
    ++report.listedFolders;
    if (settled(look, time.mtimeNs)) times[kiosk] = time;  // unless a file is to be retried
    // In this kiosk's own folder: only what earlier installs of this kiosk id wrote (a rebuilt
    // kiosk's history still arriving) and what another install claiming the same id wrote.
    std::vector<std::string> replaced;
    if (own) {
      std::string ignored;
      if (const std::optional<Claim> claim = readClaim(folder.path() / kClaimFileName, ignored)) {
        replaced = claim->replaces;
        // This install lost the id: the refusal to publish already says so.
        if (claim->install != store.installId()) replaced.emplace_back(kAnyInstall);
      }
    }
    const std::map<std::string, ImportedFile> done = store.importedFiles(kiosk);
    // What the packs already applied hold, by install: those segments are not even looked at.
    std::map<std::string, std::vector<SegmentRange>> packed;
    for (const auto& [name, seen] : done)
      if (seen.coversLast > 0) packed[classifyJournalName(name).install].push_back({seen.coversFirst, seen.coversLast});
    const auto inPack = [&packed](const JournalEntry& entry) {
      const auto ranges = packed.find(entry.install);
      return ranges != packed.end() && std::any_of(ranges->second.begin(), ranges->second.end(),
                                                   [&](const SegmentRange& range) { return range.contains(entry.segment); });
    };
    FolderPlan plan;
    plan.kiosk = kiosk;
    for (fs::directory_iterator it(folder.path(), error), end; !error && it != end; it.increment(error)) {
      const std::string name = it->path().filename().string();
      JournalEntry entry = classifyJournalName(name);
      if (entry.kind == JournalEntryKind::Claim) continue;
      const bool conflictCopy = entry.kind == JournalEntryKind::Conflict && entry.segment > 0;
      if (entry.kind != JournalEntryKind::Segment && !conflictCopy) {
        if (!own) report.skipped.push_back({shown + "/" + name, std::string(describeSkip(entry.kind))});
        continue;
      }
      if (own && (entry.install == myTag || (entry.install.empty() && !rebuilt))) continue;
      const auto before = done.find(name);
      if (before == done.end() && !conflictCopy && inPack(entry)) continue;
      const ImportedFile seen = statFile(it->path());
      if (before == done.end()) {
        if (own && !entry.install.empty() &&
            std::find(replaced.begin(), replaced.end(), entry.install) == replaced.end() &&
            std::find(replaced.begin(), replaced.end(), kAnyInstall) == replaced.end())
          raiseAlert(report, "kiosk id '" + kiosk + "' is also used by another installation: " + shown + "/" + name +
                                 " was written by install " + entry.install + ", this one is " + myTag +
                                 ". Its events are imported and nothing is lost, but give one of the two kiosks "
                                 "its own kiosk_id in kiosk.toml.");
        if (conflictCopy)
          raiseAlert(report, shown + "/" + name + ": the share's replication kept two different files under one "
                                 "segment name; both are imported (events count once), but two installs are writing "
                                 "as kiosk '" + kiosk + "'.");
        plan.files.push_back({it->path(), std::move(entry), seen, false, {}});
      } else if (before->second.size < 0) {
        plan.refreshed.emplace_back(name, seen);  // imported before sizes were kept
      } else if (seen.size >= 0 && (seen.size != before->second.size || seen.mtimeNs != before->second.mtimeNs)) {
        plan.files.push_back({it->path(), std::move(entry), seen, true, before->second.checksum});
      }
    }
    if (error) {
      report.skipped.push_back({shown, "cannot list: " + shareFault(error)});
      retried.insert(kiosk);
    }
    if (!plan.refreshed.empty()) store.noteImportedFiles(kiosk, plan.refreshed);
    std::sort(plan.files.begin(), plan.files.end(),
              [](const FolderPlan::File& a, const FolderPlan::File& b) { return a.entry.segment < b.entry.segment; });
    if (!plan.files.empty()) plans.push_back(std::move(plan));
  }
  // The folder whose next file was written first, then the next: a merge of the folders' lists.
  using Next = std::pair<std::int64_t, std::size_t>;  // (file time, plan)
  std::priority_queue<Next, std::vector<Next>, std::greater<>> order;
  for (std::size_t i = 0; i < plans.size(); ++i) order.emplace(plans[i].files.front().seen.mtimeNs, i);
  while (!order.empty()) {
    const std::size_t index = order.top().second;
    order.pop();
    FolderPlan& plan = plans[index];
    FolderPlan::File& file = plan.files[plan.next++];
    if (plan.next < plan.files.size()) order.emplace(plan.files[plan.next].seen.mtimeNs, index);
    const std::string& kiosk = plan.kiosk;
    const std::string name = "journal/" + kiosk + "/" + file.path.filename().string();
    const FileBytes bytes = readRegularFile(file.path, kMaxSegmentBytes);
    if (!bytes.bytes) {
      retried.insert(kiosk);
      // Removed since the listing: its kiosk packed it, and the pack is read on the next sync.
      struct stat gone {};
      if (::lstat(file.path.c_str(), &gone) != 0 && errno == ENOENT) continue;
      report.skipped.push_back({name, bytes.error + " (retried on the next sync)"});
      continue;
    }
    SegmentParse parsed = parseSegment(asText(*bytes.bytes), kiosk, file.entry.segment, file.entry.install);
    if (!parsed.ok()) {
      report.skipped.push_back({name, parsed.error + " (retried on the next sync)"});
      retried.insert(kiosk);
      continue;
    }
    file.seen.size = static_cast<std::int64_t>(bytes.bytes->size());
    file.seen.checksum = parsed.checksum;
    if (parsed.covers) {
      file.seen.coversFirst = parsed.covers->first;
      file.seen.coversLast = parsed.covers->last;
    }
    if (file.changed) {
      if (file.importedChecksum == parsed.checksum) {
        store.noteImportedFiles(kiosk, {{file.path.filename().string(), file.seen}});  // touched, same content
        continue;
      }
      raiseAlert(report, name + " changed after it was imported (a sealed segment must never change: two "
                                "installs wrote under kiosk id '" + kiosk + "', or the file was restored or "
                                "edited); the events in it that were not seen before are imported now");
    }
    batchEvents += parsed.events.size();
    batch.push_back({kiosk, file.path.filename().string(), std::move(parsed.events), file.seen});
    names.push_back(name);
    if (batchEvents >= kImportBatchEvents) flush();
  }
  flush();
  for (const std::string& kiosk : retried) times.erase(kiosk);
  rememberFolderTimes(store, look, times);
  return true;
}

}  // namespace

void importJournals(Store& store, const fs::path& shareDir, TimeMs now, SyncReport& report) {
  importWithLook(store, shareDir, now, report, ShareLook{});
}

void importChangedJournals(Store& store, const fs::path& shareDir, TimeMs now, SyncReport& report) {
  const ShareLook look = lookFor(store, shareDir, now);
  if (importWithLook(store, shareDir, now, report, look) && look.everything)
    store.setMeta(kLookedAtAllKey, std::to_string(now));
}

// [SECTION] roster, photos and fleet.toml

namespace {

// Content hash of the roster plus name/size/time of each photo and fleet.toml's [roster] table:
// cheap to compute, and it changes whenever HR drops in a new export or a new photo, or maps the
// export's columns anew (a roster refused for its header is read again).
std::string rosterSignature(const fs::path& photos, const std::vector<std::uint8_t>& csvBytes,
                            const RosterHeaders& headers) {
  std::string listing = std::to_string(fnv1a64(asText(csvBytes)));
  for (const auto& [column, header] : headers) listing += "|" + column + "=" + header;
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

void refreshRoster(Store& store, const SyncOptions& options, const ShareLook& look, SyncReport& report) {
  const fs::path csv = options.shareDir / "roster" / "employees.csv";
  const fs::path photos = options.shareDir / "roster" / "photos";
  struct stat csvInfo {};
  if (::lstat(csv.c_str(), &csvInfo) != 0) return;
  // A new export and a new, removed or renamed photo change these; a photo overwritten in place
  // under its name does not change its folder, and is found by the periodic look at everything.
  const FolderTime photosTime = folderTime(photos);
  // fleet.toml's [roster] too: a new mapping reads an unchanged file again.
  const RosterHeaders headers = fleetRosterHeaders(store);
  std::string mapping;
  for (const auto& [column, header] : headers) mapping += "|" + column + "=" + header;
  const std::string times = mapping + std::to_string(csvInfo.st_size) + ":" + std::to_string(nanoseconds(csvInfo.st_mtim)) + ":" +
                            std::to_string(nanoseconds(csvInfo.st_ctim)) + ":" + std::to_string(photosTime.mtimeNs) +
                            ":" + std::to_string(photosTime.ctimeNs);
  if (!look.everything && store.meta(kRosterTimesKey) == times) return;
  report.rosterLooked = true;
  const auto remember = [&] {
    if (settled(look, nanoseconds(csvInfo.st_mtim)) && (photosTime.mtimeNs < 0 || settled(look, photosTime.mtimeNs)))
      store.setMeta(kRosterTimesKey, times);
  };
  const FileBytes bytes = readRegularFile(csv, kMaxRosterBytes);
  if (!bytes.bytes) {
    report.rosterMessages.push_back("roster/employees.csv " + bytes.error + "; the current roster stays");
    return;
  }
  const std::string signature = rosterSignature(photos, *bytes.bytes, headers);
  if (store.meta("roster_signature") == signature) {
    remember();
    return;
  }
  const RosterFileImport result = importRosterFile(store, csv, photos, options.photosDir);
  if (!result.accepted) {
    report.rosterMessages.push_back("roster/employees.csv rejected; the current roster stays:\n" +
                                    describeProblems(result.problems, "roster/employees.csv") +
                                    (result.readAs.empty() ? "" : "(read as " + result.readAs + ")\n"));
    return;
  }
  store.setMeta("roster_signature", signature);
  remember();
  const RosterImportSummary& s = result.summary;
  report.rosterMessages.push_back("roster imported: " + std::to_string(s.added) + " added, " +
                                  std::to_string(s.updated) + " updated, " + std::to_string(s.deactivated) +
                                  " now inactive; photos: " + std::to_string(result.photosCopied) +
                                  " copied; read as " + result.readAs);
  for (const std::string& problem : result.photoProblems) report.rosterMessages.push_back("photo skipped: " + problem);
}

void refreshFleet(Store& store, const SyncOptions& options, SyncReport& report) {
  const fs::path file = options.shareDir / "fleet.toml";
  std::error_code error;
  if (!fs::exists(fs::symlink_status(file, error))) return;
  const FileBytes bytes = readRegularFile(file, kMaxFleetTomlBytes);
  if (!bytes.bytes) {
    report.fleetMessages.push_back("fleet.toml " + bytes.error + "; the current settings stay");
    return;
  }
  const std::string_view text = asText(*bytes.bytes);
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
  // A write that a hung server or a killed process left half-done: under the sync lock this
  // kiosk is the only writer of its heartbeat, so every temporary of that name is its own.
  const std::string leftover = std::string(kOwnTempPrefix) + store.kioskId() + ".json-";
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    std::error_code ignored;
    if (it->path().filename().string().starts_with(leftover)) fs::remove(it->path(), ignored);
  }
  error.clear();
  fs::create_directories(folder, error);
  const std::string problem =
      error ? folder.string() + ": " + shareFault(error)
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
    report.pendingEvents = store.pendingEventCount();
    return report;
  }
  if (options.shareDir.empty()) {
    report.shareProblem = "no share_dir configured (stand-alone kiosk)";
  } else if (std::string problem = shareRootProblem(options.shareDir, lastSuccessfulSync(store).has_value());
             !problem.empty()) {
    report.shareProblem = problem + "; events stay queued";
  } else {
    report.shareReachable = true;
  }
  if (report.shareReachable) {
    ShareLook look = lookFor(store, options.shareDir, now);
    publish(store, options.shareDir, now, report, look, options.compact);
    // fleet.toml before the roster: its [roster] table says how to read the roster's columns.
    if (options.refreshFleet) refreshFleet(store, options, report);
    // The roster before the journals: an erasure then finds the person it erases, on a new kiosk
    // too (and carries their department and site for a roster that no longer lists them).
    if (options.refreshRoster) refreshRoster(store, options, look, report);
    if (importWithLook(store, options.shareDir, now, report, look) && look.everything)
      store.setMeta(kLookedAtAllKey, std::to_string(now));
    for (const std::string& photo : report.erasedPhotos) {
      std::error_code ignored;
      if (!options.photosDir.empty() && isPlainFileName(photo)) fs::remove(options.photosDir / photo, ignored);
    }
  }
  report.pendingEvents = store.pendingEventCount();
  if (report.completed()) store.setMeta("last_sync", std::to_string(now));
  rememberAlerts(store, report, now);
  if (report.shareReachable) writeHeartbeat(store, options, now, report);
  return report;
}

ShareProbe probeShare(const fs::path& shareDir, std::string_view kioskId, bool syncedBefore) {
  if (shareDir.empty()) return {true, "not configured (stand-alone kiosk)"};
  if (std::string problem = shareRootProblem(shareDir, syncedBefore); !problem.empty()) return {false, problem};
  // What sync does, in this kiosk's own journal folder: create, write, flush, remove.
  const fs::path folder = shareDir / "journal" / std::string(kioskId);
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) return {false, folder.string() + ": cannot create: " + shareFault(error)};
  const fs::path probe = folder / (std::string(kOwnTempPrefix) + "probe-" + std::to_string(::getpid()) + "-" +
                                   std::to_string(std::random_device{}()));
  const auto failed = [&](const char* step) {
    const int code = errno;
    ::unlink(probe.c_str());
    return ShareProbe{false, folder.string() + ": cannot " + step + " a file: " + shareFault(code)};
  };
  UniqueFd fd(::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (!fd) return failed("create");
  constexpr std::string_view kBytes = "wall-of-fame write probe\n";
  if (::write(fd.get(), kBytes.data(), kBytes.size()) != static_cast<ssize_t>(kBytes.size())) return failed("write");
  if (::fsync(fd.get()) != 0) return failed("flush");
  if (fd.close() != 0) return failed("close");
  if (::unlink(probe.c_str()) != 0 && errno != ENOENT) return failed("remove");
  return {true, shareDir.string() + ": reachable and writable (a file was created, written, flushed and removed in "
                                    "journal/" + std::string(kioskId) + "/)"};
}

std::vector<SyncAlert> syncAlerts(Store& store) {
  std::vector<SyncAlert> alerts;
  const std::optional<std::string> stored = store.meta("sync_alerts");
  if (!stored) return alerts;
  const json list = json::parse(*stored, nullptr, false);
  if (!list.is_array()) return alerts;
  for (const json& alert : list)
    if (alert.is_object() && alert.value("at", json()).is_number_integer() && alert.value("text", json()).is_string())
      alerts.push_back({alert["at"].get<TimeMs>(), alert["text"].get<std::string>()});
  return alerts;
}

std::optional<TimeMs> lastSuccessfulSync(Store& store) {
  const std::optional<std::string> value = store.meta("last_sync");
  if (!value) return std::nullopt;
  return std::stoll(*value);
}

std::vector<std::string> describeSyncReport(const SyncReport& report) {
  std::vector<std::string> lines;
  for (const std::string& alert : report.alerts) lines.push_back("WARNING: " + alert);
  if (!report.shareProblem.empty()) lines.push_back("share: " + report.shareProblem);
  if (!report.publishProblem.empty()) lines.push_back("not published: " + report.publishProblem);
  lines.push_back("published " + std::to_string(report.publishedEvents) + " events in " +
                  std::to_string(report.publishedSegments) + " segments");
  lines.push_back("imported " + std::to_string(report.importedEvents) + " events from " +
                  std::to_string(report.importedSegments) + " segments (" + std::to_string(report.duplicateEvents) +
                  " already known" +
                  (report.unknownEvents ? ", " + std::to_string(report.unknownEvents) + " of unknown types kept for a newer version" : "") +
                  ")");
  if (report.packsWritten || report.segmentsRemoved)
    lines.push_back("packed " + std::to_string(report.segmentsPacked) + " of this kiosk's segments into " +
                    std::to_string(report.packsWritten) + " packs; removed " + std::to_string(report.segmentsRemoved) +
                    " segments that packs hold");
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
  fleet.shareProblem = shareRootProblem(shareDir, false);
  if (!fleet.shareProblem.empty()) return fleet;
  const fs::path folder = shareDir / "status";
  std::error_code error;
  if (!fs::is_directory(folder, error)) return fleet;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    const std::string shown = "status/" + name;
    if (name.starts_with(kOwnTempPrefix)) {
      // A heartbeat being written, or one a hung server or a killed kiosk left half-done: the
      // kiosk it belongs to removes it on its next sync. Only an old one is worth a line.
      std::error_code timeError;
      const auto written = it->last_write_time(timeError);
      if (!timeError && fs::file_time_type::clock::now() - written > std::chrono::hours(1))
        fleet.problems.push_back({shown, "an unfinished heartbeat write, more than an hour old; its kiosk removes it "
                                         "on its next sync (a kiosk that never syncs again leaves it)"});
      continue;
    }
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

// [SECTION] silence

FleetMonitoring fleetMonitoring(Store& store) {
  FleetMonitoring monitoring;
  // Written by applyFleetSettings from a validated fleet.toml; anything else keeps the default.
  if (const std::optional<std::string> minutes = store.meta("fleet.silent_after_min")) {
    int value = 0;
    const auto [end, error] = std::from_chars(minutes->data(), minutes->data() + minutes->size(), value);
    if (error == std::errc() && end == minutes->data() + minutes->size() && value >= kMinSilentAfterMin &&
        value <= kMaxSilentAfterMin)
      monitoring.silentAfterMin = value;
  }
  monitoring.showSilenceMarker = store.meta("fleet.show_silence_marker") == "1";
  return monitoring;
}

FleetMonitoring fleetMonitoringOnShare(const fs::path& shareDir, std::vector<std::string>& problems) {
  FleetMonitoring monitoring;
  const fs::path file = shareDir / "fleet.toml";
  std::error_code error;
  if (!fs::exists(fs::symlink_status(file, error))) return monitoring;
  const FileBytes bytes = readRegularFile(file, kMaxFleetTomlBytes);
  if (!bytes.bytes) {
    problems.push_back(file.string() + ": " + bytes.error);
    return monitoring;
  }
  const FleetParse parsed = parseFleetToml(asText(*bytes.bytes), file.string());
  if (!parsed.settings) {
    for (const std::string& problem : parsed.errors) problems.push_back(problem + " (every kiosk ignores the file)");
    return monitoring;
  }
  monitoring.silentAfterMin = parsed.settings->silentAfterMin.value_or(monitoring.silentAfterMin);
  monitoring.showSilenceMarker = parsed.settings->showSilenceMarker.value_or(monitoring.showSilenceMarker);
  return monitoring;
}

bool isSilent(TimeMs heardAt, TimeMs now, int silentAfterMin) {
  return now - heardAt > static_cast<TimeMs>(silentAfterMin) * 60 * 1000;
}

Silence findSilence(const std::optional<FleetStatus>& fleet, std::string_view ownKioskId,
                    std::optional<TimeMs> lastSync, TimeMs runningSince, TimeMs now, int silentAfterMin) {
  Silence silence;
  silence.share = isSilent(lastSync.value_or(runningSince), now, silentAfterMin);
  if (fleet)
    for (const Heartbeat& kiosk : fleet->kiosks)
      if (kiosk.kioskId != ownKioskId && isSilent(kiosk.writtenAt, now, silentAfterMin))
        silence.kiosks.push_back(kiosk.kioskId);
  return silence;
}

}  // namespace wof::core
