// Schema migrations. Layer: core/store.
#include "core/storage/migrations.hpp"

#include <algorithm>
#include <string>

#include "core/storage/audit_chain.hpp"
#include "core/model/model.hpp"
#include "core/util/text.hpp"
#include "core/util/transliterate.hpp"

namespace wof::core {

namespace {

void createInitialSchema(Database& db) {
  db.exec(R"sql(
    CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

    CREATE TABLE employees(
      id           TEXT PRIMARY KEY,
      display_name TEXT NOT NULL,
      department   TEXT NOT NULL DEFAULT '',
      title        TEXT NOT NULL DEFAULT '',
      site         TEXT NOT NULL DEFAULT '',
      email        TEXT NOT NULL DEFAULT '',
      active       INTEGER NOT NULL DEFAULT 1,
      wall_consent INTEGER NOT NULL DEFAULT 1,
      photo_file   TEXT NOT NULL DEFAULT ''
    ) WITHOUT ROWID;

    CREATE TABLE behaviours(
      key         TEXT PRIMARY KEY,
      title       TEXT NOT NULL,
      description TEXT NOT NULL,
      position    INTEGER NOT NULL
    ) WITHOUT ROWID;

    -- No foreign key to employees: another kiosk's nomination may arrive before the roster does.
    CREATE TABLE nominations(
      id            TEXT PRIMARY KEY,
      created_at    INTEGER NOT NULL,
      kiosk_id      TEXT NOT NULL,
      nominee_id    TEXT NOT NULL,
      behaviour_key TEXT NOT NULL,
      story         TEXT NOT NULL,
      nominator_id  TEXT,
      visibility    TEXT NOT NULL CHECK (visibility IN ('public', 'private', 'anonymous')),
      status        TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'hidden')),
      status_hlc    INTEGER NOT NULL DEFAULT 0,
      status_kiosk  TEXT NOT NULL DEFAULT '',
      hide_reason   TEXT NOT NULL DEFAULT ''
    ) WITHOUT ROWID;
    CREATE INDEX nominations_by_status_time ON nominations(status, created_at);
    CREATE INDEX nominations_by_nominee ON nominations(nominee_id, created_at);
    CREATE INDEX nominations_by_nominator ON nominations(nominator_id, created_at);
    CREATE INDEX nominations_by_time ON nominations(created_at);

    -- Applause is a counter per kiosk, so merging two kiosks' views is a max per row.
    CREATE TABLE applause(
      nomination_id TEXT NOT NULL,
      kiosk_id      TEXT NOT NULL,
      count         INTEGER NOT NULL,
      PRIMARY KEY (nomination_id, kiosk_id)
    ) WITHOUT ROWID;

    -- Events for other kiosks, appended in the same transaction as the change they describe.
    CREATE TABLE outbox(
      seq          INTEGER PRIMARY KEY,
      event_id     TEXT NOT NULL UNIQUE,
      hlc          INTEGER NOT NULL,
      type         TEXT NOT NULL,
      payload      TEXT NOT NULL,
      created_at   INTEGER NOT NULL,
      published_at INTEGER
    );

    CREATE TABLE audit_log(
      id     INTEGER PRIMARY KEY,
      at     INTEGER NOT NULL,
      actor  TEXT NOT NULL,
      action TEXT NOT NULL,
      detail TEXT NOT NULL
    );
  )sql");
  Statement insert = db.prepare("INSERT INTO behaviours(key, title, description, position) VALUES (?, ?, ?, ?)");
  int position = 0;
  for (const Behaviour& behaviour : defaultBehaviours()) {
    insert.bind(1, behaviour.key).bind(2, behaviour.title).bind(3, behaviour.description).bind(4, position++).run();
    insert.reset();
  }
}

// Search-as-you-type over the roster. The text is folded in C++ (ø→o, ß→ss, which SQLite's
// remove_diacritics cannot do) and unicode61 folds what is left.
void createRosterSearch(Database& db) {
  db.exec(R"sql(
    CREATE VIRTUAL TABLE employee_search USING fts5(
      employee_id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2');
  )sql");
  Statement select = db.prepare("SELECT id, display_name, department, title FROM employees");
  Statement insert = db.prepare("INSERT INTO employee_search(employee_id, text) VALUES (?, ?)");
  while (select.step()) {
    const std::string text =
        foldForSearch(select.getText(1) + " " + select.getText(2) + " " + select.getText(3) + " " + select.getText(0));
    insert.bind(1, select.getText(0)).bind(2, text).run();
    insert.reset();
  }
}

// Sync through the shared folder: which remote events and segments are applied, status changes
// that arrived before their nomination, and erasure tombstones (which beat every other event).
void createSyncTables(Database& db) {
  db.exec(R"sql(
    CREATE TABLE applied_events(
      event_id TEXT PRIMARY KEY,
      kiosk_id TEXT NOT NULL,
      hlc      INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE imported_segments(
      kiosk_id    TEXT NOT NULL,
      segment     INTEGER NOT NULL,
      events      INTEGER NOT NULL,
      imported_at INTEGER NOT NULL,
      PRIMARY KEY (kiosk_id, segment)
    ) WITHOUT ROWID;

    CREATE TABLE status_orphans(
      nomination_id TEXT PRIMARY KEY,
      status        TEXT NOT NULL,
      reason        TEXT NOT NULL,
      hlc           INTEGER NOT NULL,
      kiosk_id      TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE erased_employees(
      employee_id TEXT PRIMARY KEY,
      hlc         INTEGER NOT NULL,
      kiosk_id    TEXT NOT NULL
    ) WITHOUT ROWID;
  )sql");
}

// Hash-chains the audit log: every row gets the previous row's hash and its own. Rows written
// before this step are chained in id order, so verify can vouch for them from here on.
void chainAuditLog(Database& db) {
  db.exec(R"sql(
    ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
    ALTER TABLE audit_log ADD COLUMN entry_hash TEXT NOT NULL DEFAULT '';
  )sql");
  Statement select = db.prepare("SELECT id, at, actor, action, detail FROM audit_log ORDER BY id");
  Statement update = db.prepare("UPDATE audit_log SET prev_hash = ?, entry_hash = ? WHERE id = ?");
  std::string prevHash(kAuditGenesisHash);
  while (select.step()) {
    const std::int64_t id = select.getInt(0);
    const std::string entryHash =
        auditEntryHash(prevHash, id, select.getInt(1), select.getText(2), select.getText(3), select.getText(4));
    update.bind(1, prevHash).bind(2, entryHash).bind(3, id).run();
    update.reset();
    prevHash = entryHash;
  }
}

// Failed admin PIN attempts, kept in the database so a restart does not reset the back-off.
void createPinAttempts(Database& db) {
  db.exec(R"sql(
    CREATE TABLE admin_pin_attempts(
      id              INTEGER PRIMARY KEY CHECK (id = 1),
      failures        INTEGER NOT NULL,
      last_failure_at INTEGER NOT NULL
    );
  )sql");
}

// Customer Champions of the month. One row per person per period; the decision travels to the
// other kiosks as a "winner.selected" event.
void createWinners(Database& db) {
  db.exec(R"sql(
    CREATE TABLE winners(
      id            TEXT PRIMARY KEY,
      period        TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
      employee_id   TEXT NOT NULL,
      nomination_id TEXT NOT NULL,
      citation      TEXT NOT NULL DEFAULT '',
      decided_at    INTEGER NOT NULL,
      decided_hlc   INTEGER NOT NULL DEFAULT 0,
      kiosk_id      TEXT NOT NULL DEFAULT '',
      UNIQUE (period, employee_id)
    ) WITHOUT ROWID;
    CREATE INDEX winners_by_employee ON winners(employee_id);
  )sql");
}

// Approved stories per person per UTC month (the company's month from step 12), kept by triggers
// in the same transaction as every change to a nomination (local, synced or erased), so "most
// recognised this month" reads a few index entries instead of grouping a month of nominations
// (83,000 rows at 1M a year).
void createMonthlyRecognition(Database& db) {
  db.exec(R"sql(
    CREATE TABLE monthly_recognition(
      month       TEXT NOT NULL,  -- "YYYY-MM", UTC; the company's month from step 12
      nominee_id  TEXT NOT NULL,
      stories     INTEGER NOT NULL,
      PRIMARY KEY (month, nominee_id)
    ) WITHOUT ROWID;
    CREATE INDEX monthly_recognition_by_stories ON monthly_recognition(month, stories DESC);

    CREATE TRIGGER monthly_recognition_insert AFTER INSERT ON nominations WHEN NEW.status = 'approved'
    BEGIN
      INSERT INTO monthly_recognition(month, nominee_id, stories)
      VALUES (strftime('%Y-%m', NEW.created_at / 1000, 'unixepoch'), NEW.nominee_id, 1)
      ON CONFLICT (month, nominee_id) DO UPDATE SET stories = stories + 1;
    END;
    CREATE TRIGGER monthly_recognition_delete AFTER DELETE ON nominations WHEN OLD.status = 'approved'
    BEGIN
      UPDATE monthly_recognition SET stories = stories - 1
      WHERE month = strftime('%Y-%m', OLD.created_at / 1000, 'unixepoch') AND nominee_id = OLD.nominee_id;
    END;
    CREATE TRIGGER monthly_recognition_unapprove AFTER UPDATE OF status, nominee_id, created_at ON nominations
    WHEN OLD.status = 'approved'
    BEGIN
      UPDATE monthly_recognition SET stories = stories - 1
      WHERE month = strftime('%Y-%m', OLD.created_at / 1000, 'unixepoch') AND nominee_id = OLD.nominee_id;
    END;
    CREATE TRIGGER monthly_recognition_approve AFTER UPDATE OF status, nominee_id, created_at ON nominations
    WHEN NEW.status = 'approved'
    BEGIN
      INSERT INTO monthly_recognition(month, nominee_id, stories)
      VALUES (strftime('%Y-%m', NEW.created_at / 1000, 'unixepoch'), NEW.nominee_id, 1)
      ON CONFLICT (month, nominee_id) DO UPDATE SET stories = stories + 1;
    END;

    INSERT INTO monthly_recognition(month, nominee_id, stories)
    SELECT strftime('%Y-%m', created_at / 1000, 'unixepoch'), nominee_id, COUNT(*)
    FROM nominations WHERE status = 'approved' GROUP BY 1, 2;
  )sql");
}

// One person's story total for the person screen: the monthly counts are exactly their approved
// stories, a few rows per person, where counting nominations reads thousands for the most
// recognised.
void indexMonthlyRecognitionByPerson(Database& db) {
  db.exec("CREATE INDEX monthly_recognition_by_nominee ON monthly_recognition(nominee_id)");
}

// The monthly counts' triggers for a nomination deleted, or changed out of or into 'approved'
// (migrations 12 and 15; the insert trigger differs between them).
constexpr std::string_view kCountChangedNominations = R"sql(
    CREATE TRIGGER monthly_recognition_delete AFTER DELETE ON nominations WHEN OLD.status = 'approved'
    BEGIN
      UPDATE monthly_recognition SET stories = stories - 1
      WHERE month = wof_local_month(OLD.created_at) AND nominee_id = OLD.nominee_id;
    END;
    CREATE TRIGGER monthly_recognition_unapprove AFTER UPDATE OF status, nominee_id, created_at ON nominations
    WHEN OLD.status = 'approved'
    BEGIN
      UPDATE monthly_recognition SET stories = stories - 1
      WHERE month = wof_local_month(OLD.created_at) AND nominee_id = OLD.nominee_id;
    END;
    CREATE TRIGGER monthly_recognition_approve AFTER UPDATE OF status, nominee_id, created_at ON nominations
    WHEN NEW.status = 'approved'
    BEGIN
      INSERT INTO monthly_recognition(month, nominee_id, stories)
      VALUES (wof_local_month(NEW.created_at), NEW.nominee_id, 1)
      ON CONFLICT (month, nominee_id) DO UPDATE SET stories = stories + 1;
    END;
)sql";

// The month a story counts for is the company's (Database::setTimeZone, the fleet's time_zone),
// not UTC's: a story told at 00:30 on 1 December in Berlin counts for December. The triggers ask
// wof_local_month; Store rebuilds the counts whenever the zone changes (rebuildMonthlyRecognition).
void countMonthsInTheCompanyZone(Database& db) {
  db.exec(R"sql(
    DROP TRIGGER monthly_recognition_insert;
    DROP TRIGGER monthly_recognition_delete;
    DROP TRIGGER monthly_recognition_unapprove;
    DROP TRIGGER monthly_recognition_approve;
    CREATE TRIGGER monthly_recognition_insert AFTER INSERT ON nominations WHEN NEW.status = 'approved'
    BEGIN
      INSERT INTO monthly_recognition(month, nominee_id, stories)
      VALUES (wof_local_month(NEW.created_at), NEW.nominee_id, 1)
      ON CONFLICT (month, nominee_id) DO UPDATE SET stories = stories + 1;
    END;
  )sql");
  db.exec(kCountChangedNominations);
  rebuildMonthlyRecognition(db);
}

// A new kiosk imports years of nominations, and two things cost it a quarter of that import.
// The CHECKs `x IN ('a', 'b', 'c')` built two temporary B-trees for every row inserted or
// updated (a list of three or more is looked up in one): they now compare with `=`, which
// needs the table rebuilt (SQLite cannot change a CHECK in place). And the insert trigger's
// upsert of the monthly counts, once per story: the trigger now asks wof_insert_trigger_counts()
// first, and Store's import turns it off while it inserts a segment's nominations and adds them
// to the counts itself, once per person and month. Every other insert is counted as before.
// (Step 16 drops that trigger: Store counts every insert, and wof_insert_trigger_counts() is gone.)
void rebuildNominationsForImport(Database& db) {
  db.exec(R"sql(
    CREATE TABLE nominations_rebuilt(
      id            TEXT PRIMARY KEY,
      created_at    INTEGER NOT NULL,
      kiosk_id      TEXT NOT NULL,
      nominee_id    TEXT NOT NULL,
      behaviour_key TEXT NOT NULL,
      story         TEXT NOT NULL,
      nominator_id  TEXT,
      visibility    TEXT NOT NULL CHECK (visibility = 'public' OR visibility = 'private' OR visibility = 'anonymous'),
      status        TEXT NOT NULL CHECK (status = 'pending' OR status = 'approved' OR status = 'hidden'),
      status_hlc    INTEGER NOT NULL DEFAULT 0,
      status_kiosk  TEXT NOT NULL DEFAULT '',
      hide_reason   TEXT NOT NULL DEFAULT ''
    ) WITHOUT ROWID;
    INSERT INTO nominations_rebuilt(id, created_at, kiosk_id, nominee_id, behaviour_key, story, nominator_id,
                                    visibility, status, status_hlc, status_kiosk, hide_reason)
    SELECT id, created_at, kiosk_id, nominee_id, behaviour_key, story, nominator_id,
           visibility, status, status_hlc, status_kiosk, hide_reason FROM nominations;
    DROP TABLE nominations;  -- its indexes and triggers with it
    ALTER TABLE nominations_rebuilt RENAME TO nominations;
    CREATE INDEX nominations_by_status_time ON nominations(status, created_at);
    CREATE INDEX nominations_by_nominee ON nominations(nominee_id, created_at);
    CREATE INDEX nominations_by_nominator ON nominations(nominator_id, created_at);
    CREATE INDEX nominations_by_time ON nominations(created_at);

    CREATE TRIGGER monthly_recognition_insert AFTER INSERT ON nominations
    WHEN NEW.status = 'approved' AND wof_insert_trigger_counts()
    BEGIN
      INSERT INTO monthly_recognition(month, nominee_id, stories)
      VALUES (wof_local_month(NEW.created_at), NEW.nominee_id, 1)
      ON CONFLICT (month, nominee_id) DO UPDATE SET stories = stories + 1;
    END;
  )sql");
  db.exec(kCountChangedNominations);
}

// The stories a nomination adds to the monthly counts when it is inserted are counted by Store
// (Store::countStories: nominate, and the import's writeStaged); changes and deletions are still
// counted by triggers. While a row trigger on INSERT exists, SQLite copies every row of a
// multi-row INSERT through a temporary table before inserting it (its rule for INSERT ... SELECT
// with row triggers): 7,700 instructions a nomination even when the trigger's WHEN is false.
void leaveInsertCountsToStore(Database& db) { db.exec("DROP TRIGGER monthly_recognition_insert"); }

// Indexes every active employee (indexForSearch); `latinNameColumn` is "''" before step 11 adds it.
void indexActiveEmployees(Database& db, const std::string& latinNameColumn) {
  Statement select =
      db.prepare("SELECT id, display_name, " + latinNameColumn + ", department, title FROM employees WHERE active = 1");
  while (select.step()) {
    Employee employee;
    employee.id = select.getText(0);
    employee.displayName = select.getText(1);
    employee.latinName = select.getText(2);
    employee.department = select.getText(3);
    employee.title = select.getText(4);
    indexForSearch(db, employee);
  }
}

// Search-as-you-type by B-tree ranges instead of FTS5: FTS5 ranked every match of a two-letter
// prefix (thousands at 10,000 people) before taking ten. Each word of an active employee is a
// row; a prefix is the range token >= 'jo' AND token < 'jo' || U+10FFFF of
// employee_tokens_by_token, which also holds the name, so the first names in order come from
// the index alone. employee_tokens_by_employee checks a query's other words per candidate.
void createNameTokens(Database& db) {
  db.exec(R"sql(
    DROP TABLE employee_search;
    CREATE TABLE employee_tokens(
      token        TEXT NOT NULL,  -- searchTokens(): folded, split at punctuation
      display_name TEXT NOT NULL,  -- the order results come in
      employee_id  TEXT NOT NULL
    );
    CREATE INDEX employee_tokens_by_token ON employee_tokens(token, display_name, employee_id);
    CREATE INDEX employee_tokens_by_employee ON employee_tokens(employee_id, token);
  )sql");
  indexActiveEmployees(db, "''");
}

// Imported segments by file name, not by number: names carry the writer's install tag, and what
// was read is kept (size, modification time, trailer checksum) so a file whose content changes
// under a name already imported is noticed. Rows of the first format keep their name
// ("<n>.jsonl") with an unknown size and time (-1), filled in on the next sync.
// Events not yet published are the outbox's last few: without this index, finding and counting
// them (every sync) read the whole outbox, every event this kiosk ever made.
void indexUnpublishedEvents(Database& db) {
  db.exec("CREATE INDEX outbox_unpublished ON outbox(seq) WHERE published_at IS NULL");
}

// Packs (a kiosk's old segments compacted into one file a month): a pack's row says which of its
// install's segments it holds, so their own rows can go and a reader skips those files unread.
void recordPackRanges(Database& db) {
  db.exec(R"sql(
    ALTER TABLE imported_files ADD COLUMN covers_first INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE imported_files ADD COLUMN covers_last INTEGER NOT NULL DEFAULT 0;
  )sql");
}

void createImportedFiles(Database& db) {
  db.exec(R"sql(
    CREATE TABLE imported_files(
      kiosk_id    TEXT NOT NULL,
      file        TEXT NOT NULL,
      events      INTEGER NOT NULL,
      size        INTEGER NOT NULL,
      mtime_ns    INTEGER NOT NULL,
      checksum    TEXT NOT NULL,
      imported_at INTEGER NOT NULL,
      PRIMARY KEY (kiosk_id, file)
    ) WITHOUT ROWID;
    INSERT INTO imported_files(kiosk_id, file, events, size, mtime_ns, checksum, imported_at)
      SELECT kiosk_id, segment || '.jsonl', events, -1, -1, '', imported_at FROM imported_segments;
    DROP TABLE imported_segments;
  )sql");
}

// Every person in every script from a Latin keyboard: the roster's optional latin_name column
// ("Sato Hanako" for 佐藤 花子), and the words of each name's Latin reading in the index beside
// its own ("dmitrij" finds Дмитрий Иванов). Every database is indexed again for the readings.
void addLatinNames(Database& db) {
  db.exec(R"sql(
    ALTER TABLE employees ADD COLUMN latin_name TEXT NOT NULL DEFAULT '';
    DELETE FROM employee_tokens;
  )sql");
  indexActiveEmployees(db, "latin_name");
}

}  // namespace

void indexForSearch(Database& db, const Employee& employee) {
  unindexForSearch(db, employee.id);
  std::string text = employee.displayName;
  for (const std::string_view part : {std::string_view(employee.latinName), std::string_view(employee.department),
                                      std::string_view(employee.title), std::string_view(employee.id)})
    (text += ' ') += part;
  (text += ' ') += latinReading(employee.displayName + " " + employee.department + " " + employee.title);
  std::vector<std::string> tokens = searchTokens(text);
  std::sort(tokens.begin(), tokens.end());
  tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
  Statement insert = db.prepare("INSERT INTO employee_tokens(token, display_name, employee_id) VALUES (?, ?, ?)");
  for (const std::string& token : tokens) {
    insert.bind(1, token).bind(2, employee.displayName).bind(3, employee.id).run();
    insert.reset();
  }
}

void unindexForSearch(Database& db, std::string_view employeeId) {
  db.prepare("DELETE FROM employee_tokens WHERE employee_id = ?").bind(1, employeeId).run();
}

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "initial schema: employees, behaviours, nominations, applause, outbox, audit log", createInitialSchema},
      {2, "accent-folding roster search (FTS5)", createRosterSearch},
      {3, "sync: applied events and segments, early status changes, erasure tombstones", createSyncTables},
      {4, "hash-chained audit log (prev_hash, entry_hash)", chainAuditLog},
      {5, "admin PIN failed attempts (back-off and lockout survive a restart)", createPinAttempts},
      {6, "winners: Customer Champions of the month", createWinners},
      {7, "approved stories per person per month, kept by triggers (top of the month)", createMonthlyRecognition},
      {8, "monthly counts by person (one person's story total)", indexMonthlyRecognitionByPerson},
      {9, "roster search by word prefix ranges in a B-tree (replaces FTS5)", createNameTokens},
      {10, "imported segments by file name, with what was read (segments named by install)", createImportedFiles},
      {11, "latin_name, and roster search by the Latin reading of every name (indexed again)", addLatinNames},
      {12, "monthly counts by the month of the company's time zone (counted again)", countMonthsInTheCompanyZone},
      {13, "the outbox's unpublished events indexed (a sync's cost no longer grows with history)", indexUnpublishedEvents},
      {14, "imported packs remember the segments they hold (a reader's memory grows with months)", recordPackRanges},
      {15, "nominations checked without temporary tables; imported ones counted once per person and month",
       rebuildNominationsForImport},
      {16, "stories inserted are counted by Store, not by a trigger (imports insert without a temporary table)",
       leaveInsertCountsToStore},
  };
  return kMigrations;
}

void rebuildMonthlyRecognition(Database& db) {
  Transaction transaction(db);
  db.exec(R"sql(
    DELETE FROM monthly_recognition;
    INSERT INTO monthly_recognition(month, nominee_id, stories)
    SELECT wof_local_month(created_at), nominee_id, COUNT(*)
    FROM nominations WHERE status = 'approved' GROUP BY 1, 2;
  )sql");
  Statement remember = db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('calendar.time_zone', ?)");
  remember.bind(1, db.timeZone().name()).run();
  transaction.commit();
}

int migrate(Database& db, int target) {
  const int latest = migrations().back().version;
  if (target < 0) target = latest;
  const auto current = static_cast<int>(db.queryInt("PRAGMA user_version"));
  if (current > latest)
    throw SqliteError(0, "database " + db.path().string() + " has schema version " + std::to_string(current) +
                             ", newer than this program (" + std::to_string(latest) + "); install the newer version");
  for (const Migration& step : migrations()) {
    if (step.version <= current || step.version > target) continue;
    Transaction transaction(db);
    step.apply(db);
    db.exec("PRAGMA user_version = " + std::to_string(step.version));
    transaction.commit();
  }
  return static_cast<int>(db.queryInt("PRAGMA user_version"));
}

}  // namespace wof::core
