// The store's side of sync: applying other kiosks' events, publishing bookkeeping, erasure.
// Layer: core/store. Every merge rule of DESIGN.md "The shared folder" lives here, in SQL, so
// that any kiosks that applied the same events hold the same rows whatever the order.
#include <algorithm>
#include <map>
#include <set>

#include "core/storage/store.hpp"

#include "core/util/clock.hpp"
#include "core/util/flat_json.hpp"
#include "core/storage/migrations.hpp"
#include "core/util/uuid.hpp"

namespace wof::core {

namespace {

constexpr std::string_view kErasedName = "(erased)";

// The page cache while a batch of segments is applied (see applySegments).
constexpr int kImportPageCacheMiB = 32;

// Rows for the next multi-row statement when `left` remain: the largest power of two that fits,
// at most 64, so there are at most seven statement shapes to prepare and keep.
std::size_t rowsForNextStatement(std::size_t left) {
  std::size_t rows = 64;
  while (rows > left) rows /= 2;
  return rows;
}

}  // namespace

// [SECTION] meta and publishing bookkeeping

std::optional<std::string> Store::meta(std::string_view key) {
  Statement select = m_db.prepare("SELECT value FROM meta WHERE key = ?");
  select.bind(1, key);
  if (!select.step()) return std::nullopt;
  return select.getText(0);
}

void Store::setMeta(std::string_view key, std::string_view value) {
  m_db.prepare("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .bind(1, key)
      .bind(2, value)
      .run();
  if (key == kFleetTimeZoneKey) followTimeZone();
}

void Store::setMetas(const std::vector<std::pair<std::string, std::string>>& values) {
  Transaction transaction(m_db);
  for (const auto& [key, value] : values) setMeta(key, value);
  transaction.commit();
}

std::string Store::installId() {
  if (std::optional<std::string> existing = meta("install_id")) return *existing;
  const std::string id = newUuidV7(0);  // no time component: it says nothing about when
  setMeta("install_id", id);
  return id;
}

void Store::markPublished(std::int64_t lastSeq, std::int64_t segment, TimeMs now) {
  Transaction transaction(m_db);
  m_db.prepare("UPDATE outbox SET published_at = ? WHERE seq <= ? AND published_at IS NULL")
      .bind(1, now)
      .bind(2, lastSeq)
      .run();
  if (segment > lastPublishedSegment()) setMeta("journal_segment", std::to_string(segment));
  transaction.commit();
}

std::int64_t Store::lastPublishedSegment() {
  const std::optional<std::string> value = meta("journal_segment");
  return value ? std::stoll(*value) : 0;
}

std::optional<std::string> Store::outboxEventId(std::int64_t seq) {
  Statement select = m_db.prepare("SELECT event_id FROM outbox WHERE seq = ?");
  select.bind(1, seq);
  if (!select.step()) return std::nullopt;
  return select.getText(0);
}

std::map<std::string, ImportedFile> Store::importedFiles(std::string_view kioskId) {
  Statement select = m_db.prepare(
      "SELECT file, size, mtime_ns, checksum, covers_first, covers_last FROM imported_files WHERE kiosk_id = ?");
  select.bind(1, kioskId);
  std::map<std::string, ImportedFile> files;
  while (select.step())
    files.emplace(select.getText(0), ImportedFile{select.getInt(1), select.getInt(2), select.getText(3),
                                                  select.getInt(4), select.getInt(5)});
  return files;
}

void Store::noteImportedFiles(std::string_view kioskId,
                              const std::vector<std::pair<std::string, ImportedFile>>& files) {
  Transaction transaction(m_db);
  Statement update = m_db.prepare(R"sql(
    UPDATE imported_files SET size = ?3, mtime_ns = ?4, checksum = CASE WHEN ?5 = '' THEN checksum ELSE ?5 END
    WHERE kiosk_id = ?1 AND file = ?2)sql");
  for (const auto& [file, seen] : files) {
    update.bind(1, kioskId).bind(2, file).bind(3, seen.size).bind(4, seen.mtimeNs).bind(5, seen.checksum).run();
    update.reset();
  }
  transaction.commit();
}

void Store::recordImportedFile(const SegmentToApply& segment, TimeMs now) {
  const ImportedFile& seen = segment.seen;
  cached(R"sql(
    INSERT INTO imported_files(kiosk_id, file, events, size, mtime_ns, checksum, imported_at, covers_first, covers_last)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(kiosk_id, file) DO UPDATE SET
      events = excluded.events, size = excluded.size, mtime_ns = excluded.mtime_ns, checksum = excluded.checksum,
      covers_first = excluded.covers_first, covers_last = excluded.covers_last)sql")
      .bind(1, segment.kioskId)
      .bind(2, segment.file)
      .bind(3, static_cast<std::int64_t>(segment.events.size()))
      .bind(4, seen.size)
      .bind(5, seen.mtimeNs)
      .bind(6, seen.checksum)
      .bind(7, now)
      .bind(8, seen.coversFirst)
      .bind(9, seen.coversLast)
      .run();
  if (seen.coversLast == 0) return;
  // The pack holds them: their rows go, so what a reader remembers grows with packs (months), not
  // with publishes. Names are "<n>-<install>.jsonl", and the pack's name carries its install.
  const std::size_t dash = segment.file.find('-');
  if (dash == std::string::npos) return;
  cached(R"sql(
    DELETE FROM imported_files
    WHERE kiosk_id = ?1 AND covers_last = 0 AND substr(file, instr(file, '-')) = ?2
      AND CAST(file AS INTEGER) BETWEEN ?3 AND ?4)sql")
      .bind(1, segment.kioskId)
      .bind(2, segment.file.substr(dash))
      .bind(3, seen.coversFirst)
      .bind(4, seen.coversLast)
      .run();
}

void Store::persistClock() { setMeta("hlc", std::to_string(m_clock.last())); }

// [SECTION] applying remote segments

Statement& Store::cached(std::string_view sql) {
  auto it = m_statements.find(sql);
  if (it == m_statements.end()) it = m_statements.emplace(std::string(sql), m_db.prepare(sql)).first;
  it->second.reset();
  return it->second;
}

void Store::countStories(std::string_view month, std::string_view nomineeId, std::int64_t stories) {
  cached(R"sql(
    INSERT INTO monthly_recognition(month, nominee_id, stories) VALUES (?1, ?2, ?3)
    ON CONFLICT (month, nominee_id) DO UPDATE SET stories = stories + excluded.stories)sql")
      .bind(1, month)
      .bind(2, nomineeId)
      .bind(3, stories)
      .run();
}

Statement& Store::cachedMultiRow(std::string_view insert, std::string_view row, std::size_t rows) {
  std::string sql(insert);
  for (std::size_t i = 0; i < rows; ++i) (sql += i == 0 ? "" : ", ") += row;
  return cached(sql);
}

bool Store::rememberAllNew(const std::vector<JournalEvent>& events) {
  std::size_t next = 0;
  while (next < events.size()) {
    const std::size_t rows = rowsForNextStatement(events.size() - next);
    Statement& remember = cachedMultiRow("INSERT OR IGNORE INTO applied_events(event_id, kiosk_id, hlc) VALUES ",
                                         "(?, ?, ?)", rows);
    for (std::size_t row = 0; row < rows; ++row) {
      const JournalEvent& event = events[next + row];
      const int first = static_cast<int>(row * 3);
      remember.bindUnowned(first + 1, event.id)
          .bindUnowned(first + 2, event.kiosk)
          .bind(first + 3, static_cast<std::int64_t>(event.hlc));
    }
    remember.run();
    if (m_db.changes() != static_cast<int>(rows)) return false;
    next += rows;
  }
  return true;
}

std::vector<SegmentApply> Store::applySegments(const std::vector<SegmentToApply>& segments, TimeMs now) {
  std::vector<SegmentApply> outcomes;
  outcomes.reserve(segments.size());
  const ScopedPageCache cache(m_db, kImportPageCacheMiB);  // freed after the commit
  Transaction transaction(m_db);
  beginApplying();
  if (const std::optional<std::string> stored = meta("hlc")) m_clock.observe(std::stoull(*stored));
  for (const SegmentToApply& one : segments)
    outcomes.push_back(applySegmentInTransaction(one, now));
  persistClock();
  transaction.commit();
  return outcomes;
}

SegmentApply Store::applySegmentInTransaction(const SegmentToApply& segment, TimeMs now) {
  SegmentApply outcome;
  const std::vector<JournalEvent>& events = segment.events;
  // A segment of an earlier install of this kiosk id (after a rebuild) may hold events this
  // database restored into its outbox: those are not new either.
  const bool ownKiosk = segment.kioskId == m_kioskId;
  clearStaged();
  m_db.exec("SAVEPOINT segment");
  // Recorded first: a row already there is a duplicate, found by the same B-tree descent that
  // would have inserted it. Usually every event of a segment is new, and its rows go in several
  // a statement; where one was there, they come out again and go in one by one, to tell which.
  // An event of an unknown type takes its row out again, so a newer version of this program
  // applies it later.
  const bool allNew = !ownKiosk && rememberAllNew(events);
  if (!allNew && !ownKiosk) m_db.exec("ROLLBACK TO segment");
  Statement& remember = cached("INSERT OR IGNORE INTO applied_events(event_id, kiosk_id, hlc) VALUES (?, ?, ?)");
  std::uint64_t newest = 0;
  for (const JournalEvent& event : events) {
    if (HybridClock::physicalPart(event.hlc) <= now + kMaxClockLeadMs) newest = std::max(newest, event.hlc);
    if (ownKiosk && cached("SELECT 1 FROM outbox WHERE event_id = ?").bind(1, event.id).step()) {
      ++outcome.duplicates;
      continue;
    }
    if (!allNew) {
      remember.reset();
      remember.bindUnowned(1, event.id).bindUnowned(2, event.kiosk).bind(3, static_cast<std::int64_t>(event.hlc)).run();
      if (m_db.changes() == 0) {
        ++outcome.duplicates;
        continue;
      }
    }
    const std::string problem = applyRemoteEvent(event, outcome);
    if (problem == "unknown") {
      cached("DELETE FROM applied_events WHERE event_id = ?").bind(1, event.id).run();
      ++outcome.unknownTypes;
      continue;
    }
    if (!problem.empty()) {
      m_db.exec("ROLLBACK TO segment; RELEASE segment");  // nothing from this segment is applied
      clearStaged();
      outcome = SegmentApply{};
      outcome.error = "event " + event.id + " (" + event.type + "): " + problem;
      return outcome;
    }
    ++outcome.applied;
  }
  remember.reset();
  writeStaged();
  recordImportedFile(segment, now);
  m_db.exec("RELEASE segment");
  m_clock.observe(newest);
  return outcome;
}

SegmentApply Store::restoreOwnSegment(std::int64_t segment, const SegmentToApply& file, TimeMs now) {
  SegmentApply outcome;
  const std::vector<JournalEvent>& events = file.events;
  Transaction transaction(m_db);
  beginApplying();
  if (const std::optional<std::string> stored = meta("hlc")) m_clock.observe(std::stoull(*stored));
  Statement restore = m_db.prepare(
      "INSERT OR IGNORE INTO outbox(seq, event_id, hlc, type, payload, created_at, published_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (const JournalEvent& event : events) {
    if (outboxEventId(event.seq)) {
      ++outcome.duplicates;
      continue;
    }
    const std::string problem = applyRemoteEvent(event, outcome);
    if (!problem.empty() && problem != "unknown") {
      clearStaged();
      outcome = SegmentApply{};
      outcome.error = "event " + event.id + " (" + event.type + "): " + problem;
      return outcome;
    }
    restore.bind(1, event.seq)
        .bind(2, event.id)
        .bind(3, static_cast<std::int64_t>(event.hlc))
        .bind(4, event.type)
        .bind(5, event.payload)
        .bind(6, HybridClock::physicalPart(event.hlc))
        .bind(7, now)
        .run();
    restore.reset();
    m_clock.observe(event.hlc);  // our own stamps: the clock must never stamp below them again
    ++outcome.applied;
  }
  writeStaged();
  if (segment > lastPublishedSegment()) setMeta("journal_segment", std::to_string(segment));
  recordImportedFile(file, now);
  persistClock();
  transaction.commit();
  return outcome;
}

std::int64_t Store::outboxSize() { return m_db.queryInt("SELECT COUNT(*) FROM outbox"); }

std::string Store::applyRemoteEvent(const JournalEvent& event, SegmentApply& outcome) {
  thread_local FlatJson reader;  // kept between events to reuse its buffers
  if (!reader.parse(event.payload)) return "payload is not a JSON object";
  const auto hlc = static_cast<std::int64_t>(event.hlc);
  // Each decoded payload points into `reader`; it is applied before the next event is read.
  const auto apply = [&](auto payload, auto applyPayload) -> std::string {
    std::string error = decode(reader, payload);
    if (error.empty()) (this->*applyPayload)(payload, event.kiosk, hlc, outcome);
    return error;
  };
  if (event.type == kEventNominationCreated) return apply(NominationCreatedPayload{}, &Store::applyNominationCreated);
  if (event.type == kEventNominationStatus) return apply(NominationStatusPayload{}, &Store::applyNominationStatus);
  if (event.type == kEventApplause) return apply(ApplausePayload{}, &Store::applyApplause);
  if (event.type == kEventWinnerSelected) return apply(WinnerSelectedPayload{}, &Store::applyWinnerSelected);
  if (event.type == kEventEmployeeErased) return apply(EmployeeErasedPayload{}, &Store::applyEmployeeErased);
  return "unknown";
}

void Store::applyNominationCreated(const NominationCreatedPayload& nomination, std::string_view kiosk,
                                   std::int64_t hlc, SegmentApply&) {
  if (m_stagedCount == m_staged.size()) m_staged.emplace_back();
  StagedNomination& staged = m_staged[m_stagedCount++];
  staged.id.assign(nomination.id);
  staged.kiosk.assign(kiosk);
  staged.nomineeId.assign(nomination.nomineeId);
  staged.behaviour.assign(nomination.behaviour);
  staged.story.assign(nomination.story);
  staged.visibility.assign(nomination.visibility);
  staged.status.assign(nomination.status);
  if (nomination.nominatorId) staged.nominatorId.emplace(*nomination.nominatorId);
  else staged.nominatorId.reset();
  staged.createdAt = nomination.createdAt;
  staged.hlc = hlc;
}

void Store::clearStaged() {
  m_stagedCount = 0;
  m_stagedApplause.clear();
}

void Store::beginApplying() {
  clearStaged();
  m_orphansWaiting = m_db.queryInt("SELECT EXISTS (SELECT 1 FROM status_orphans)") != 0;
  m_anyoneErased = m_db.queryInt("SELECT EXISTS (SELECT 1 FROM erased_employees)") != 0;
}

// Why several rows a statement: while an insert trigger of the monthly counts wrote, SQLite kept
// a statement journal for every INSERT into nominations, and one insert a row wrote about nine
// pages to it; one statement for many rows writes each page it changes once, and pays a
// statement's fixed cost once. Rows go in the order the segment created them, so the first of
// two creations of one id stays, as when each was applied alone; the other events of the
// segment, applied before this, do not depend on the order (status changes wait in
// status_orphans, erasures are re-applied below, applause is a max).
// The monthly counts of the stories inserted are added here (no trigger counts an insert, see
// migration 16), once per person and month: from the staged rows themselves when a statement
// inserted every row it was given, as it does unless an id was there before (RETURNING would
// name the rows inserted, but costs more per row than a trigger did). Where one was, the people
// and months of that statement's stories are counted again from the table. The counts are
// complete before any status below changes a row, so its triggers find them.
void Store::writeStaged() {
  for (const auto& [key, count] : m_stagedApplause) {
    const std::size_t separator = key.find('\0');
    cached(R"sql(
      INSERT INTO applause(nomination_id, kiosk_id, count) VALUES (?1, ?2, ?3)
      ON CONFLICT(nomination_id, kiosk_id) DO UPDATE SET count = MAX(count, excluded.count))sql")
        .bindUnowned(1, std::string_view(key).substr(0, separator))
        .bindUnowned(2, std::string_view(key).substr(separator + 1))
        .bind(3, count)
        .run();
  }

  constexpr std::string_view kInsert =
      "INSERT OR IGNORE INTO nominations(id, created_at, kiosk_id, nominee_id, behaviour_key, story, nominator_id, "
      "visibility, status, status_hlc, status_kiosk) VALUES ";
  constexpr std::string_view kRow = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  using MonthAndPerson = std::pair<std::string, std::string>;
  std::map<MonthAndPerson, std::int64_t> stories;  // approved stories inserted
  std::set<MonthAndPerson> recount;                 // where a statement skipped a row
  std::size_t next = 0;
  while (next < m_stagedCount) {
    const std::size_t rows = rowsForNextStatement(m_stagedCount - next);
    Statement& insert = cachedMultiRow(kInsert, kRow, rows);
    for (std::size_t row = 0; row < rows; ++row) {
      const StagedNomination& nomination = m_staged[next + row];
      const int first = static_cast<int>(row * 11);
      // m_staged is not touched until the statement has run.
      insert.bindUnowned(first + 1, nomination.id)
          .bind(first + 2, nomination.createdAt)
          .bindUnowned(first + 3, nomination.kiosk)
          .bindUnowned(first + 4, nomination.nomineeId)
          .bindUnowned(first + 5, nomination.behaviour)
          .bindUnowned(first + 6, nomination.story)
          .bindUnowned(first + 8, nomination.visibility)
          .bindUnowned(first + 9, nomination.status)
          .bind(first + 10, nomination.hlc)
          .bindUnowned(first + 11, nomination.kiosk);
      if (nomination.nominatorId) insert.bindUnowned(first + 7, *nomination.nominatorId);
      else insert.bindNull(first + 7);
    }
    insert.run();
    const bool everyRow = m_db.changes() == static_cast<int>(rows);
    for (std::size_t row = next; row < next + rows; ++row) {
      const StagedNomination& nomination = m_staged[row];
      if (nomination.status != "approved") continue;
      MonthAndPerson key{m_db.timeZone().formatMonth(nomination.createdAt), nomination.nomineeId};
      if (everyRow) ++stories[std::move(key)];
      else recount.insert(std::move(key));
    }
    next += rows;
  }
  for (const auto& [key, count] : stories) countStories(key.first, key.second, count);
  for (const auto& [month, person] : recount)
    cached(R"sql(
      INSERT INTO monthly_recognition(month, nominee_id, stories)
      SELECT ?1, ?2, COUNT(*) FROM nominations
      WHERE nominee_id = ?2 AND status = 'approved' AND wof_local_month(created_at) = ?1
      ON CONFLICT (month, nominee_id) DO UPDATE SET stories = excluded.stories)sql")
        .bind(1, month)
        .bind(2, person)
        .run();
  for (std::size_t i = 0; i < m_stagedCount; ++i) {
    const std::string& id = m_staged[i].id;
    // A status change that arrived before its nomination now competes like any other.
    if (m_orphansWaiting) {
      Statement& orphan = cached("SELECT status, reason, hlc, kiosk_id FROM status_orphans WHERE nomination_id = ?");
      orphan.bind(1, id);
      if (orphan.step()) {
        const std::string orphanStatus = orphan.getText(0);
        const std::string orphanReason = orphan.getText(1);
        const std::int64_t orphanHlc = orphan.getInt(2);
        const std::string orphanKiosk = orphan.getText(3);
        orphan.reset();
        cached(R"sql(
          UPDATE nominations SET status = ?1, hide_reason = ?2, status_hlc = ?3, status_kiosk = ?4
          WHERE id = ?5 AND (status_hlc < ?3 OR (status_hlc = ?3 AND status_kiosk < ?4)))sql")
            .bind(1, orphanStatus)
            .bind(2, orphanReason)
            .bind(3, orphanHlc)
            .bind(4, orphanKiosk)
            .bind(5, id)
            .run();
        cached("DELETE FROM status_orphans WHERE nomination_id = ?").bind(1, id).run();
      }
      orphan.reset();
    }
    if (m_anyoneErased) scrubNominationIfErased(id);
  }
  clearStaged();
}

void Store::applyNominationStatus(const NominationStatusPayload& change, std::string_view kiosk, std::int64_t hlc,
                                  SegmentApply&) {
  Statement& lookup = cached("SELECT 1 FROM nominations WHERE id = ?");
  const bool known = lookup.bind(1, change.id).step();
  lookup.reset();
  if (known) {
    // Last writer wins on (hlc, kiosk id): the same winner on every kiosk, whatever the order.
    cached(R"sql(
      UPDATE nominations SET status = ?1, hide_reason = ?2, status_hlc = ?3, status_kiosk = ?4
      WHERE id = ?5 AND (status_hlc < ?3 OR (status_hlc = ?3 AND status_kiosk < ?4)))sql")
        .bind(1, change.status)
        .bind(2, change.reason)
        .bind(3, hlc)
        .bind(4, kiosk)
        .bind(5, change.id)
        .run();
    scrubNominationIfErased(change.id);
    return;
  }
  cached(R"sql(
    INSERT INTO status_orphans(nomination_id, status, reason, hlc, kiosk_id) VALUES (?1, ?2, ?3, ?4, ?5)
    ON CONFLICT(nomination_id) DO UPDATE SET status = ?2, reason = ?3, hlc = ?4, kiosk_id = ?5
    WHERE status_orphans.hlc < ?4 OR (status_orphans.hlc = ?4 AND status_orphans.kiosk_id < ?5))sql")
      .bind(1, change.id)
      .bind(2, change.status)
      .bind(3, change.reason)
      .bind(4, hlc)
      .bind(5, kiosk)
      .run();
  m_orphansWaiting = true;
}

void Store::applyApplause(const ApplausePayload& applause, std::string_view kiosk, std::int64_t, SegmentApply&) {
  // The event carries the writer's running counter: a max merges replays and reorders alike, so a
  // segment's several counters for one story and kiosk are one upsert of their max (writeStaged).
  thread_local std::string key;
  key.assign(applause.id);
  key += '\0';
  key += kiosk;
  const auto [staged, added] = m_stagedApplause.try_emplace(key, applause.count);
  if (!added) staged->second = std::max(staged->second, applause.count);
}

void Store::applyWinnerSelected(const WinnerSelectedPayload& winner, std::string_view kiosk, std::int64_t hlc,
                                SegmentApply&) {
  if (isErased(winner.employeeId)) return;  // the erasure tombstone beats everything
  // One winner row per person and month. When two kiosks crowned the same person for the same
  // month, the earlier decision on (hlc, kiosk id) stands everywhere, whatever the order.
  cached(R"sql(
    INSERT INTO winners(id, period, employee_id, nomination_id, citation, decided_at, decided_hlc, kiosk_id)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
    ON CONFLICT(period, employee_id) DO UPDATE SET
      id = excluded.id, nomination_id = excluded.nomination_id, citation = excluded.citation,
      decided_at = excluded.decided_at, decided_hlc = excluded.decided_hlc, kiosk_id = excluded.kiosk_id
    WHERE (excluded.decided_hlc, excluded.kiosk_id) < (winners.decided_hlc, winners.kiosk_id))sql")
      .bind(1, winner.id)
      .bind(2, winner.period)
      .bind(3, winner.employeeId)
      .bind(4, winner.nominationId)
      .bind(5, winner.citation)
      .bind(6, winner.decidedAt)
      .bind(7, hlc)
      .bind(8, kiosk)
      .run();
}

void Store::applyEmployeeErased(const EmployeeErasedPayload& erasure, std::string_view kiosk, std::int64_t hlc,
                                SegmentApply& outcome) {
  // The earliest erasure on (hlc, kiosk id) is the one every kiosk keeps, whatever the order.
  cached(R"sql(
    INSERT INTO erased_employees(employee_id, hlc, kiosk_id) VALUES (?1, ?2, ?3)
    ON CONFLICT(employee_id) DO UPDATE SET hlc = excluded.hlc, kiosk_id = excluded.kiosk_id
    WHERE (excluded.hlc, excluded.kiosk_id) < (erased_employees.hlc, erased_employees.kiosk_id))sql")
      .bind(1, erasure.employeeId)
      .bind(2, hlc)
      .bind(3, kiosk)
      .run();
  m_anyoneErased = true;
  Statement& winner = cached("SELECT 1 FROM erased_employees WHERE employee_id = ? AND hlc = ? AND kiosk_id = ?");
  const bool kept = winner.bind(1, erasure.employeeId).bind(2, hlc).bind(3, kiosk).step();
  winner.reset();
  if (kept && erasure.department && erasure.site) {
    // The person's grouping as the erasing kiosk held it, with or without their roster line here.
    cached(R"sql(
      INSERT INTO employees(id, display_name, department, title, site, email, active, wall_consent, photo_file)
      VALUES (?1, ?2, ?3, '', ?4, '', 0, 0, '')
      ON CONFLICT(id) DO UPDATE SET department = ?3, site = ?4)sql")
        .bind(1, erasure.employeeId)
        .bind(2, kErasedName)
        .bind(3, *erasure.department)
        .bind(4, *erasure.site)
        .run();
  }
  std::string photo = scrubErasedEmployee(erasure.employeeId);
  if (!photo.empty()) outcome.erasedPhotos.push_back(std::move(photo));
}

// [SECTION] erasure

bool Store::isErased(std::string_view employeeId) {
  return m_db.prepare("SELECT 1 FROM erased_employees WHERE employee_id = ?").bind(1, employeeId).step();
}

std::string Store::scrubErasedEmployee(std::string_view employeeId) {
  std::string photo;
  Statement select = m_db.prepare("SELECT photo_file FROM employees WHERE id = ?");
  select.bind(1, employeeId);
  if (select.step()) photo = select.getText(0);
  // Department and site stay: they are what the anonymous counts are grouped by.
  m_db.prepare(R"sql(
    UPDATE employees SET display_name = ?, latin_name = '', title = '', email = '', photo_file = '', active = 0,
      wall_consent = 0
    WHERE id = ?)sql")
      .bind(1, kErasedName)
      .bind(2, employeeId)
      .run();
  unindexForSearch(m_db, employeeId);
  m_db.prepare("UPDATE nominations SET story = '', status = 'hidden', hide_reason = 'erased' WHERE nominee_id = ?")
      .bind(1, employeeId)
      .run();
  m_db.prepare("UPDATE nominations SET nominator_id = NULL, visibility = 'anonymous' WHERE nominator_id = ?")
      .bind(1, employeeId)
      .run();
  // A Customer Champion title names the person, and its citation tells their story.
  m_db.prepare("DELETE FROM winners WHERE employee_id = ?").bind(1, employeeId).run();
  return photo;
}

void Store::scrubNominationIfErased(std::string_view nominationId) {
  cached(R"sql(
    UPDATE nominations SET story = '', status = 'hidden', hide_reason = 'erased'
    WHERE id = ? AND nominee_id IN (SELECT employee_id FROM erased_employees))sql")
      .bind(1, nominationId)
      .run();
  cached(R"sql(
    UPDATE nominations SET nominator_id = NULL, visibility = 'anonymous'
    WHERE id = ? AND nominator_id IN (SELECT employee_id FROM erased_employees))sql")
      .bind(1, nominationId)
      .run();
}

EraseOutcome Store::eraseEmployee(std::string_view employeeId, TimeMs now) {
  EraseOutcome outcome;
  Transaction transaction(m_db);
  const bool known =
      m_db.prepare("SELECT 1 FROM employees WHERE id = ?1 UNION ALL "
                   "SELECT 1 FROM nominations WHERE nominee_id = ?1 OR nominator_id = ?1 LIMIT 1")
          .bind(1, employeeId)
          .step();
  if (!known) return outcome;
  outcome.found = true;
  EmployeeErasedPayload erasure{employeeId, std::nullopt, std::nullopt};
  const std::optional<Employee> person = employee(employeeId);
  if (person) {
    erasure.department = person->department;
    erasure.site = person->site;
  }
  const std::int64_t seq = appendEvent(kEventEmployeeErased, encode(erasure), now);
  m_db.prepare(R"sql(
    INSERT INTO erased_employees(employee_id, hlc, kiosk_id) VALUES (?, (SELECT hlc FROM outbox WHERE seq = ?), ?)
    ON CONFLICT(employee_id) DO NOTHING)sql")
      .bind(1, employeeId)
      .bind(2, seq)
      .bind(3, m_kioskId)
      .run();
  outcome.photoFile = scrubErasedEmployee(employeeId);
  transaction.commit();
  return outcome;
}

NominationPolicy Store::nominationPolicy(const NominationPolicy& local) {
  NominationPolicy policy = local;
  if (const auto moderation = meta("fleet.moderation")) {
    if (*moderation == "auto") policy.moderation = ModerationPolicy::Auto;
    if (*moderation == "hr") policy.moderation = ModerationPolicy::Hr;
  }
  if (const auto cap = meta("fleet.daily_cap")) {
    try {
      policy.dailyCap = std::stoi(*cap);
    } catch (const std::exception&) {
      // Only a validated fleet.toml writes this key; anything else keeps the local cap.
    }
  }
  return policy;
}

}  // namespace wof::core
