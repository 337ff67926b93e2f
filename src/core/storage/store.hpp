// The kiosk's local database: roster, behaviours, nominations, applause, event outbox, audit log.
// Layer: core/store. The UI and CLI call these functions and get plain structs back; no SQL
// leaves this file's .cpp. Every change that other kiosks must learn about also appends an
// event to the outbox in the same transaction (the sync layer publishes them).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/storage/database.hpp"
#include "core/model/hlc.hpp"
#include "core/model/events.hpp"
#include "core/model/model.hpp"
#include "core/model/nomination_rules.hpp"

namespace wof::core {

struct RosterImportSummary {
  int added = 0;
  int updated = 0;
  int unchanged = 0;
  int deactivated = 0;  // were in the roster before, missing from this file
};

struct SubmitOutcome {
  std::optional<Nomination> nomination;   // set when it was committed
  std::optional<RuleViolation> violation; // set when a rule failed; nothing was written
};

struct OutboxEvent {
  std::int64_t seq = 0;  // this kiosk's sequence number, gapless from 1
  std::string eventId;   // UUIDv7
  std::uint64_t hlc = 0;
  std::string type;      // "nomination.created", "nomination.status", "applause", ...
  std::string payload;   // JSON object
  TimeMs createdAt = 0;
};

struct AuditEntry {
  TimeMs at = 0;
  std::string actor;
  std::string action;
  std::string detail;
};

struct StoreCounts {
  std::int64_t employees = 0;
  std::int64_t activeEmployees = 0;
  std::int64_t employeesWithPhoto = 0;
  std::int64_t nominations = 0;
  std::int64_t pending = 0;
  std::int64_t approved = 0;
  std::int64_t hidden = 0;
  std::int64_t pendingEvents = 0;  // outbox events not yet published
  std::int64_t schemaVersion = 0;
};

struct EraseOutcome {
  bool found = false;      // false: no such employee and no story mentions them; nothing written
  std::string photoFile;   // the photo the caller should delete from <data_dir>/photos, if any
};

// What applying one remote segment did.
struct SegmentApply {
  int applied = 0;     // events that were new here
  int duplicates = 0;  // already applied (replays, copies)
  int unknownTypes = 0;  // from a newer program version; skipped
  std::string error;   // non-empty: nothing from this segment was applied
  std::vector<std::string> erasedPhotos;  // photo files to delete after an erasure
};

// What a reader saw of a segment file it imported: a change to any of these under the same name
// is noticed (-1 and "" where unknown: rows from before names carried the install).
struct ImportedFile {
  std::int64_t size = -1;
  std::int64_t mtimeNs = -1;
  std::string checksum;
  // A pack: the numbers of its install's segments it holds (0, 0: a plain segment). Recording a
  // pack forgets the rows of the segments it holds; a reader then skips those files unread.
  std::int64_t coversFirst = 0;
  std::int64_t coversLast = 0;
};

struct SegmentToApply {
  std::string kioskId;
  std::string file;  // its name in journal/<kiosk-id>/
  std::vector<JournalEvent> events;
  ImportedFile seen;
};

inline constexpr TimeMs kMaxClockLeadMs = 7LL * 24 * 3600 * 1000;

// What a report covers: nominations created in `period` whose nominee is at `site` and in
// `department` (empty: any). Hidden nominations are never counted.
struct ReportFilter {
  Period period{0, INT64_MAX};
  std::string site;
  std::string department;
};

struct WinnerOutcome {
  std::optional<Winner> winner;  // set when it was committed
  std::string error;             // why not, naming what was wrong; nothing was written
};

// The audit action for a GDPR erasure. Its detail is the employee id and nothing else (no name,
// no story): audit() refuses anything that is not a bare id, so the log cannot keep what the
// erasure removed.
inline constexpr std::string_view kAuditActionErasure = "erase-employee";

struct NominationPolicy {
  ModerationPolicy moderation = ModerationPolicy::Auto;
  int dailyCap = 3;
};

class Store {
 public:
  // Opens or creates the database and brings its schema up to date. `localZone` is the calendar
  // while fleet.toml sets none (kiosk.toml's time_zone, else the system's: kioskTimeZone).
  Store(const std::filesystem::path& file, std::string kioskId, const TimeZone& localZone = TimeZone::utc());

  const std::string& kioskId() const { return m_kioskId; }
  Database& database() { return m_db; }

  // [SECTION] the company's calendar
  // The zone every calendar rule follows (months, days, the daily cap, champion months, report
  // periods, dates shown): fleet.toml's time_zone (meta kFleetTimeZoneKey, set by sync) where
  // set, else the constructor's `localZone`. Counts derived from the local calendar are rebuilt
  // when the zone in force changes.
  const TimeZone& timeZone() const { return m_db.timeZone(); }

  // [SECTION] roster
  // Replaces the roster in one transaction: new people are added, known ones updated, and anyone
  // missing from `employees` becomes inactive (kept for history). Photos are kept unless the
  // employee's photoFile is non-empty.
  RosterImportSummary replaceRoster(const std::vector<Employee>& employees);
  void setEmployeePhoto(std::string_view employeeId, std::string_view photoFile);
  std::optional<Employee> employee(std::string_view id);
  std::vector<Employee> employees(bool activeOnly);
  // Search-as-you-type over name, department, title and id: case- and accent-insensitive word
  // prefixes ("jos nu" finds "José Núñez"; every word of the query must start a word of theirs).
  // Active employees only, by name, the first `limit`.
  std::vector<Employee> searchEmployees(std::string_view query, int limit);

  // [SECTION] behaviours
  void setBehaviours(const std::vector<Behaviour>& behaviours);
  std::vector<Behaviour> behaviours();

  // [SECTION] nominations
  // Checks the rules and, if they pass, commits the nomination durably with its outbox event.
  SubmitOutcome submitNomination(const NominationDraft& draft, TimeMs now, const NominationPolicy& policy);
  // The policy in force: the fleet's (fleet.toml, applied by sync) where it sets one, else this
  // kiosk's own from kiosk.toml. HR decides moderation and the daily cap once for every kiosk.
  NominationPolicy nominationPolicy(const NominationPolicy& local);
  std::optional<Nomination> nomination(std::string_view id);
  // Approve or hide; returns false when no such nomination exists.
  bool setStatus(std::string_view nominationId, NominationStatus status, std::string_view reason, TimeMs now);
  // One more applause from this kiosk; returns the new total, or nullopt for an unknown story.
  std::optional<std::int64_t> applaud(std::string_view nominationId, TimeMs now);

  // [SECTION] wall and reports
  // Approved stories created in `period` that pass `filter`, newest first. People who declined
  // the wall are left out.
  std::vector<WallStory> wallStories(Period period, int limit, const WallFilter& filter = {});
  // People with approved stories in `period` that pass `filter`, most recognised first, then by
  // name; the count is of those stories; the first `limit` of them when limit > 0. With no filter,
  // a period of exactly one month of timeZone() reads the monthly counts.
  std::vector<RecognisedPerson> recognisedPeople(Period period, const WallFilter& filter = {}, int limit = 0);
  // One person's approved stories, newest first, `limit` at a time: the page after `after`, or the
  // newest when it is unset (empty when they declined the wall). Reads `limit` + 1 index entries,
  // however many stories the person has.
  StoryPage storiesFor(std::string_view employeeId, int limit, const std::optional<StoryCursor>& after = {});
  std::vector<LabelCount> countByBehaviour(Period period);
  std::vector<LabelCount> countByDepartment(Period period);
  std::vector<LabelCount> countByMonth(Period period);  // label "YYYY-MM", the company's month
  // Nominations in `filter`, oldest first, names resolved (an erased nominee reads "(erased)").
  // Reports leave hidden ones out; the raw CSV export keeps every status.
  std::vector<ReportRow> reportRows(const ReportFilter& filter, bool includeHidden = false);
  // The same rows one at a time, for exports of any size in little memory. `use` may move from
  // the row it is given.
  void forEachReportRow(const ReportFilter& filter, bool includeHidden, const std::function<void(ReportRow&)>& use);

  // [SECTION] champions of the month
  // Makes the nominee of an approved nomination created in `period` ("YYYY-MM") a winner of that
  // period, with its outbox event "winner.selected". Expected refusals come back as `error`.
  WinnerOutcome selectWinner(std::string_view nominationId, std::string_view period, std::string_view citation,
                             TimeMs now);
  std::optional<Winner> winner(std::string_view winnerId);
  // HR's list: every winner of `period` ("YYYY-MM"; empty: all periods), newest period first,
  // including people who declined the wall.
  std::vector<Winner> winnersForHr(std::string_view period);
  // The period's winners for the wall, by decision time; people who declined the wall are left out.
  std::vector<Winner> winnersForWall(std::string_view period);
  // The champions the wall pins at `now`: this month's, or while HR has named none yet, last
  // month's (a month's champions are usually chosen after it ends).
  std::vector<Winner> currentChampions(TimeMs now);
  // Every period's winners for the hall of fame, newest period first; declined people left out.
  std::vector<Winner> hallOfFame();
  // The period's pending and approved nominations grouped by nominee, most nominated first, for
  // HR picking winners (everyone, including people who declined the wall).
  std::vector<PeriodCandidate> candidatesFor(Period period);


  // [SECTION] erasure (GDPR)
  // Removes the person's name, contact details, photo and stories (as nominee) and their name as
  // nominator, keeps anonymous counts, records a tombstone and emits "employee.erased".
  EraseOutcome eraseEmployee(std::string_view employeeId, TimeMs now);
  bool isErased(std::string_view employeeId);

  // [SECTION] sync (implemented in store_sync.cpp)
  // Random id of this installation (this database), created on first use. It tells a cloned disk
  // image apart from the kiosk it was cloned from.
  std::string installId();
  std::optional<std::string> meta(std::string_view key);
  void setMeta(std::string_view key, std::string_view value);
  // Several at once, in one transaction: all or none after a crash.
  void setMetas(const std::vector<std::pair<std::string, std::string>>& values);
  // Outbox events up to `lastSeq` are in sealed segment `segment` on the share.
  void markPublished(std::int64_t lastSeq, std::int64_t segment, TimeMs now);
  std::int64_t lastPublishedSegment();
  // The event id at outbox position `seq`, if any: tells our own segments from a previous
  // install's segments under the same kiosk id.
  std::optional<std::string> outboxEventId(std::int64_t seq);
  // Segment files of `kioskId` already applied here, by file name: packs, and the segments no
  // pack holds yet.
  std::map<std::string, ImportedFile> importedFiles(std::string_view kioskId);
  // Records what a reader now sees of files already imported (same content), in one transaction.
  void noteImportedFiles(std::string_view kioskId, const std::vector<std::pair<std::string, ImportedFile>>& files);
  // Applies segments of other kiosks (or of earlier installs of this kiosk id) in one
  // transaction (one commit, one fsync), idempotent by event id and independent of order:
  // creations keyed by id, status last-writer-wins on (hlc, kiosk), applause by max, erasure beats
  // everything. Each segment is all or nothing: it runs in a savepoint, a bad one rolls back alone
  // and says why in its SegmentApply::error, and every other one commits with its imported_files
  // row (replaced, when the file was applied before and has changed). A crash before the commit
  // loses the whole batch, never half a segment. Observes the remote clock stamps, except stamps
  // more than kMaxClockLeadMs ahead of `now` (a kiosk with a wildly wrong clock must not drag
  // every other kiosk's clock with it; its events still apply and still order by their stamps).
  // Events already in this kiosk's own outbox count as duplicates.
  std::vector<SegmentApply> applySegments(const std::vector<SegmentToApply>& segments, TimeMs now);

  // Restores one of this kiosk's own sealed segments into a new, empty database (after the old
  // one was lost): applies its events like remote ones and puts them back in the outbox as
  // published, so sequence numbers carry on where they stopped, and records the file as imported.
  SegmentApply restoreOwnSegment(std::int64_t segment, const SegmentToApply& file, TimeMs now);
  std::int64_t outboxSize();

  // [SECTION] outbox, audit, health
  std::vector<OutboxEvent> pendingEvents(int limit);
  // How many events wait to be published (an index's few rows, whatever the history).
  std::int64_t pendingEventCount();
  // Appends a hash-chained entry (see audit_chain.hpp). Works inside or outside a Transaction.
  // Throws std::invalid_argument for an erasure entry whose detail is more than an employee id.
  void audit(std::string_view actor, std::string_view action, std::string_view detail, TimeMs now);
  std::vector<AuditEntry> auditLog(int limit);
  StoreCounts counts();
  // "ok", or SQLite's list of problems.
  std::string integrityCheck();

 private:
  std::int64_t appendEvent(std::string_view type, std::string_view payloadJson, TimeMs now);
  void refreshSearchIndex(const Employee& employee);
  // Applies an erasure (local or remote) to every row that mentions the person; returns the
  // photo file they had.
  std::string scrubErasedEmployee(std::string_view employeeId);
  // Puts the zone in force into m_db and rebuilds the monthly counts if they were counted in another.
  void followTimeZone();
  // Re-applies erasures to one nomination after it was created or changed by a remote event.
  void scrubNominationIfErased(std::string_view nominationId);
  // Applies one remote event inside applySegments' transaction; returns an error for a
  // malformed payload, "unknown" for a type this version does not know.
  std::string applyRemoteEvent(const JournalEvent& event, SegmentApply& outcome);
  // One decoded event each, inside that transaction; `kiosk` and `hlc` are the event's writer and stamp.
  // Stages the nomination or the applause; writeStaged() writes them when their segment ends.
  void applyNominationCreated(const NominationCreatedPayload& nomination, std::string_view kiosk, std::int64_t hlc,
                              SegmentApply& outcome);
  void applyNominationStatus(const NominationStatusPayload& change, std::string_view kiosk, std::int64_t hlc,
                             SegmentApply& outcome);
  void applyApplause(const ApplausePayload& applause, std::string_view kiosk, std::int64_t hlc, SegmentApply& outcome);
  void applyWinnerSelected(const WinnerSelectedPayload& winner, std::string_view kiosk, std::int64_t hlc,
                           SegmentApply& outcome);
  void applyEmployeeErased(const EmployeeErasedPayload& erasure, std::string_view kiosk, std::int64_t hlc,
                           SegmentApply& outcome);
  // One segment inside the caller's transaction, in a savepoint; observes its clock stamps when
  // it applied.
  SegmentApply applySegmentInTransaction(const SegmentToApply& segment, TimeMs now);
  // Writes what the segment staged: its applause, one upsert per story and kiosk; its nominations,
  // several rows a statement, counted once per person and month; then lets each nomination take a
  // status change that arrived before it and the erasures that concern it (see the .cpp).
  void writeStaged();
  // Forgets what was staged (a segment rolled back, or a new batch begins).
  void clearStaged();
  // Reads, once per import transaction, whether a status change waits for its nomination and
  // whether anyone was erased: when neither, a new nomination needs no look-up for them.
  void beginApplying();
  void recordImportedFile(const SegmentToApply& segment, TimeMs now);
  void persistClock();
  // A prepared statement kept for reuse on the hot import path, reset and ready to bind.
  Statement& cached(std::string_view sql);
  // Adds approved stories inserted to the monthly counts (no trigger counts an insert).
  void countStories(std::string_view month, std::string_view nomineeId, std::int64_t stories);
  // `insert` ("INSERT ... VALUES ") followed by `rows` copies of `row` ("(?, ?)"), cached.
  Statement& cachedMultiRow(std::string_view insert, std::string_view row, std::size_t rows);
  // Records every event in applied_events, several a statement; false where one was there already.
  bool rememberAllNew(const std::vector<JournalEvent>& events);

  Database m_db;
  std::string m_kioskId;
  HybridClock m_clock;
  TimeZone m_localZone;
  // Looked up by the SQL's string_view: no std::string is made for a statement already prepared.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };
  std::unordered_map<std::string, Statement, SqlHash, std::equal_to<>> m_statements;  // after m_db: finalized before it closes

  // A nomination created by the segment being applied, copied from its payload (whose views do
  // not outlive the next event's parse), waiting for writeStaged().
  struct StagedNomination {
    std::string id, kiosk, nomineeId, behaviour, story, visibility, status;
    std::optional<std::string> nominatorId;
    TimeMs createdAt = 0;
    std::int64_t hlc = 0;
  };
  std::vector<StagedNomination> m_staged;  // the first m_stagedCount are this segment's; the
  std::size_t m_stagedCount = 0;           // rest keep their strings' capacity for the next
  // The segment's applause: the highest count per "<nomination id>\0<kiosk>" (a max, like the upsert).
  std::unordered_map<std::string, std::int64_t> m_stagedApplause;
  bool m_orphansWaiting = true;   // status_orphans may have rows (beginApplying)
  bool m_anyoneErased = true;     // erased_employees may have rows (beginApplying)
};

inline constexpr std::string_view kFleetTimeZoneKey = "fleet.time_zone";

// Stores the settings: behaviours replace the list; the rest go to the store's meta table
// ("fleet.moderation", "fleet.daily_cap", "fleet.banner", "fleet.time_zone", "fleet.roster.<column>",
// "fleet.silent_after_min", "fleet.show_silence_marker") for the kiosk to read.
void applyFleetSettings(Store& store, const FleetSettings& settings);
// The [roster] table last applied: how HR's export names our columns (empty: by our names).
RosterHeaders fleetRosterHeaders(Store& store);


}  // namespace wof::core
