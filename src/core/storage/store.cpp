// The kiosk's local database. Layer: core/store.
#include "core/storage/store.hpp"


#include <algorithm>
#include <stdexcept>

#include "core/storage/audit_chain.hpp"
#include "core/util/clock.hpp"
#include "core/storage/migrations.hpp"
#include "core/util/text.hpp"
#include "core/util/uuid.hpp"

namespace wof::core {

namespace {


Employee readEmployee(const Statement& row) {
  Employee employee;
  employee.id = row.getText(0);
  employee.displayName = row.getText(1);
  employee.department = row.getText(2);
  employee.title = row.getText(3);
  employee.site = row.getText(4);
  employee.email = row.getText(5);
  employee.active = row.getInt(6) != 0;
  employee.wallConsent = row.getInt(7) != 0;
  employee.photoFile = row.getText(8);
  employee.latinName = row.getText(9);
  return employee;
}

constexpr std::string_view kEmployeeColumns =
    "e.id, e.display_name, e.department, e.title, e.site, e.email, e.active, e.wall_consent, e.photo_file, e.latin_name";

// The wall's view of a story: the nominator is named only when they chose to be and consented
// to the wall; people who declined the wall never appear as nominees.
constexpr std::string_view kWallSelect = R"sql(
  SELECT n.id, n.created_at, n.nominee_id, e.display_name, e.department, e.site, e.photo_file,
         n.behaviour_key, COALESCE(b.title, n.behaviour_key), n.story,
         CASE WHEN n.visibility = 'public' AND r.wall_consent = 1 THEN r.display_name ELSE '' END,
         (SELECT COALESCE(SUM(a.count), 0) FROM applause a WHERE a.nomination_id = n.id)
  FROM nominations n
  JOIN employees e ON e.id = n.nominee_id
  LEFT JOIN behaviours b ON b.key = n.behaviour_key
  LEFT JOIN employees r ON r.id = n.nominator_id
  WHERE n.status = 'approved' AND e.wall_consent = 1 )sql";

std::vector<WallStory> readWallStories(Statement& statement) {
  std::vector<WallStory> stories;
  while (statement.step()) {
    WallStory story;
    story.nominationId = statement.getText(0);
    story.createdAt = statement.getInt(1);
    story.nomineeId = statement.getText(2);
    story.nomineeName = statement.getText(3);
    story.department = statement.getText(4);
    story.site = statement.getText(5);
    story.photoFile = statement.getText(6);
    story.behaviourKey = statement.getText(7);
    story.behaviourTitle = statement.getText(8);
    story.story = statement.getText(9);
    story.nominatorName = statement.getText(10);
    story.applause = statement.getInt(11);
    stories.push_back(std::move(story));
  }
  return stories;
}

std::vector<LabelCount> readCounts(Statement& statement) {
  std::vector<LabelCount> counts;
  while (statement.step()) counts.push_back({statement.getText(0), statement.getInt(1)});
  return counts;
}

// The smallest string above every string that starts with `prefix` (UTF-8 compares by code point
// under SQLite's BINARY collation, and U+10FFFF is the last one), for a B-tree range scan:
// token >= prefix AND token < prefixRangeEnd(prefix).
std::string prefixRangeEnd(std::string_view prefix) { return std::string(prefix) + "\xF4\x8F\xBF\xBF"; }

}  // namespace

Store::Store(const std::filesystem::path& file, std::string kioskId, const TimeZone& localZone)
    : m_db(file), m_kioskId(std::move(kioskId)), m_localZone(localZone) {
  migrate(m_db);
  Statement select = m_db.prepare("SELECT value FROM meta WHERE key = 'hlc'");
  if (select.step()) m_clock = HybridClock(std::stoull(select.getText(0)));
  followTimeZone();
}

// [SECTION] the company's calendar

void Store::followTimeZone() {
  std::optional<TimeZone> zone;
  if (const std::optional<std::string> fleet = meta(kFleetTimeZoneKey)) zone = TimeZone::named(*fleet);
  m_db.setTimeZone(zone.value_or(m_localZone));
  if (meta("calendar.time_zone") != m_db.timeZone().name()) rebuildMonthlyRecognition(m_db);
}

// [SECTION] roster

RosterImportSummary Store::replaceRoster(const std::vector<Employee>& employees) {
  RosterImportSummary summary;
  Transaction transaction(m_db);
  m_db.exec("CREATE TEMP TABLE IF NOT EXISTS roster_ids(id TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM roster_ids;");
  Statement remember = m_db.prepare("INSERT OR IGNORE INTO roster_ids(id) VALUES (?)");
  Statement upsert = m_db.prepare(R"sql(
    INSERT INTO employees(id, display_name, department, title, site, email, active, wall_consent, photo_file,
                          latin_name)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
    ON CONFLICT(id) DO UPDATE SET
      display_name = ?2, department = ?3, title = ?4, site = ?5, email = ?6, active = ?7, wall_consent = ?8,
      latin_name = ?10, photo_file = CASE WHEN ?9 = '' THEN photo_file ELSE ?9 END
  )sql");
  for (const Employee& employee : employees) {
    // An erased person stays erased, even while HR's export still lists them.
    if (isErased(employee.id)) {
      // Only what the anonymous counts group by, and only where this kiosk learnt of the erasure
      // from an event that did not carry it (earlier versions) before it had the person's row.
      m_db.prepare(R"sql(
        INSERT INTO employees(id, display_name, department, title, site, email, active, wall_consent, photo_file)
        VALUES (?, '(erased)', ?, '', ?, '', 0, 0, '') ON CONFLICT(id) DO NOTHING)sql")
          .bind(1, employee.id)
          .bind(2, employee.department)
          .bind(3, employee.site)
          .run();
      remember.bind(1, employee.id).run();
      remember.reset();
      continue;
    }
    const std::optional<Employee> before = this->employee(employee.id);
    upsert.bind(1, employee.id)
        .bind(2, employee.displayName)
        .bind(3, employee.department)
        .bind(4, employee.title)
        .bind(5, employee.site)
        .bind(6, employee.email)
        .bind(7, employee.active ? 1 : 0)
        .bind(8, employee.wallConsent ? 1 : 0)
        .bind(9, employee.photoFile)
        .bind(10, employee.latinName)
        .run();
    upsert.reset();
    remember.bind(1, employee.id).run();
    remember.reset();
    if (!before) {
      ++summary.added;
    } else if (before->displayName != employee.displayName || before->latinName != employee.latinName ||
               before->department != employee.department ||
               before->title != employee.title || before->site != employee.site || before->email != employee.email ||
               before->active != employee.active || before->wallConsent != employee.wallConsent) {
      ++summary.updated;
    } else {
      ++summary.unchanged;
    }
    refreshSearchIndex(employee);
  }
  Statement deactivate = m_db.prepare(
      "UPDATE employees SET active = 0 WHERE active = 1 AND id NOT IN (SELECT id FROM roster_ids)");
  deactivate.run();
  summary.deactivated = m_db.changes();
  // Search offers active people only; the leavers' words go with them.
  m_db.exec("DELETE FROM employee_tokens WHERE employee_id NOT IN (SELECT id FROM roster_ids)");
  m_db.exec("DELETE FROM roster_ids");
  transaction.commit();
  return summary;
}

void Store::refreshSearchIndex(const Employee& employee) {
  if (employee.active) {
    indexForSearch(m_db, employee);
  } else {
    unindexForSearch(m_db, employee.id);
  }
}

void Store::setEmployeePhoto(std::string_view employeeId, std::string_view photoFile) {
  m_db.prepare(
          "UPDATE employees SET photo_file = ? WHERE id = ? AND id NOT IN (SELECT employee_id FROM erased_employees)")
      .bind(1, photoFile)
      .bind(2, employeeId)
      .run();
}

std::optional<Employee> Store::employee(std::string_view id) {
  Statement select = m_db.prepare("SELECT " + std::string(kEmployeeColumns) + " FROM employees e WHERE e.id = ?");
  select.bind(1, id);
  if (!select.step()) return std::nullopt;
  return readEmployee(select);
}

std::vector<Employee> Store::employees(bool activeOnly) {
  Statement select = m_db.prepare("SELECT " + std::string(kEmployeeColumns) + " FROM employees e" +
                                  (activeOnly ? " WHERE e.active = 1" : "") + " ORDER BY e.display_name, e.id");
  std::vector<Employee> out;
  while (select.step()) out.push_back(readEmployee(select));
  return out;
}

std::vector<Employee> Store::searchEmployees(std::string_view query, int limit) {
  std::vector<std::string> words = searchTokens(query);
  if (words.empty()) {
    std::vector<Employee> all = employees(true);
    if (all.size() > static_cast<std::size_t>(limit)) all.resize(static_cast<std::size_t>(limit));
    return all;
  }
  // The longest word is likely the rarest: it drives the range scan of employee_tokens_by_token,
  // the others are checked per candidate in employee_tokens_by_employee.
  std::stable_sort(words.begin(), words.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  std::string others;
  for (std::size_t i = 1; i < words.size(); ++i) {
    const std::string lo = "?" + std::to_string(2 * i + 2), hi = "?" + std::to_string(2 * i + 3);
    others += " AND EXISTS (SELECT 1 FROM employee_tokens o WHERE o.employee_id = t.employee_id AND o.token >= " + lo +
              " AND o.token < " + hi + ")";
  }
  const std::string order = " ORDER BY t.display_name, t.employee_id LIMIT ?3";
  auto bindAll = [&](Statement& select, std::string_view first, int asked) {
    select.bind(1, first).bind(2, prefixRangeEnd(words[0])).bind(3, asked);
    for (std::size_t i = 1; i < words.size(); ++i) {
      const int lo = static_cast<int>(2 * i + 2);
      select.bind(lo, words[i]).bind(lo + 1, prefixRangeEnd(words[i]));
    }
  };

  // The distinct words in the range, one index seek each (SQLite has no loose index scan). For a
  // short prefix there are few ("jo": jose, joanna, jonas), and each word's people are already in
  // name order in the index: the first `limit` of each, merged, are the first `limit` of all,
  // read in a few dozen index entries instead of every match.
  constexpr std::size_t kMergeWords = 24;
  std::vector<std::string> tokens;
  bool many = false;
  while (true) {
    Statement& next = cached(tokens.empty()
                                 ? "SELECT token FROM employee_tokens WHERE token >= ?1 AND token < ?2 ORDER BY token LIMIT 1"
                                 : "SELECT token FROM employee_tokens WHERE token > ?1 AND token < ?2 ORDER BY token LIMIT 1");
    next.bind(1, tokens.empty() ? words[0] : tokens.back()).bind(2, prefixRangeEnd(words[0]));
    const bool found = next.step();
    std::string token = found ? next.getText(0) : std::string();
    next.reset();
    if (!found) break;
    if (tokens.size() == kMergeWords) {
      many = true;
      break;
    }
    tokens.push_back(std::move(token));
  }

  std::vector<std::string> ids;
  if (!many) {
    std::vector<std::pair<std::string, std::string>> found;  // (name, id)
    const std::string sql =
        "SELECT t.employee_id, t.display_name FROM employee_tokens t WHERE t.token = ?1" + others + order;
    for (const std::string& token : tokens) {
      Statement& select = cached(sql);
      bindAll(select, token, limit);
      while (select.step()) found.emplace_back(select.getText(1), select.getText(0));
      select.reset();
    }
    std::sort(found.begin(), found.end());
    for (auto& [name, id] : found)
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
  } else {
    // Many words share the prefix ("e1" of thousands of ids): one range scan, SQLite's top-N
    // sorter keeping the first by name. A person with two words in the range comes back twice;
    // ask for a few more than needed and again with more in the rare case that was not enough.
    const std::string sql =
        "SELECT t.employee_id FROM employee_tokens t WHERE t.token >= ?1 AND t.token < ?2" + others + order;
    for (int asked = limit + 8;; asked *= 4) {
      Statement& select = cached(sql);
      bindAll(select, words[0], asked);
      ids.clear();
      int rows = 0;
      while (select.step()) {
        ++rows;
        std::string id = select.getText(0);
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
      }
      select.reset();
      if (rows < asked || static_cast<int>(ids.size()) >= limit) break;
    }
  }
  if (ids.size() > static_cast<std::size_t>(limit)) ids.resize(static_cast<std::size_t>(limit));
  std::vector<Employee> out;
  for (const std::string& id : ids) {
    Statement& select = cached("SELECT " + std::string(kEmployeeColumns) + " FROM employees e WHERE e.id = ?");
    if (select.bind(1, id).step()) out.push_back(readEmployee(select));
    select.reset();
  }
  return out;
}

// [SECTION] behaviours

void Store::setBehaviours(const std::vector<Behaviour>& behaviours) {
  Transaction transaction(m_db);
  m_db.exec("DELETE FROM behaviours");
  Statement insert = m_db.prepare("INSERT INTO behaviours(key, title, description, position) VALUES (?, ?, ?, ?)");
  int position = 0;
  for (const Behaviour& behaviour : behaviours) {
    insert.bind(1, behaviour.key).bind(2, behaviour.title).bind(3, behaviour.description).bind(4, position++).run();
    insert.reset();
  }
  transaction.commit();
}

std::vector<Behaviour> Store::behaviours() {
  Statement select = m_db.prepare("SELECT key, title, description FROM behaviours ORDER BY position");
  std::vector<Behaviour> out;
  while (select.step()) out.push_back({select.getText(0), select.getText(1), select.getText(2)});
  return out;
}

// [SECTION] nominations

SubmitOutcome Store::submitNomination(const NominationDraft& draft, TimeMs now, const NominationPolicy& policy) {
  SubmitOutcome outcome;
  Transaction transaction(m_db);

  // Fully anonymous means the nominator is not recorded at all.
  std::optional<std::string> nominatorId =
      draft.visibility == NominatorVisibility::Anonymous ? std::nullopt : draft.nominatorId;
  NominationDraft checked = draft;
  checked.nominatorId = nominatorId;

  NominationFacts facts;
  facts.nominee = employee(draft.nomineeId);
  facts.behaviourKnown =
      m_db.prepare("SELECT 1 FROM behaviours WHERE key = ?").bind(1, draft.behaviourKey).step();
  facts.dailyCap = policy.dailyCap;
  if (nominatorId) {
    facts.nominator = employee(*nominatorId);
    const Period today = timeZone().dayOf(now);  // the cap resets at the company's midnight
    Statement count = m_db.prepare(
        "SELECT COUNT(*) FROM nominations WHERE nominator_id = ? AND created_at >= ? AND created_at < ?");
    count.bind(1, *nominatorId).bind(2, today.from).bind(3, today.to).step();
    facts.nominatorCountToday = static_cast<int>(count.getInt(0));
  }
  if (auto violation = checkNomination(checked, facts)) {
    outcome.violation = std::move(violation);
    return outcome;  // the transaction rolls back; nothing was written
  }

  Nomination nomination;
  nomination.id = newUuidV7(now);
  nomination.createdAt = now;
  nomination.kioskId = m_kioskId;
  nomination.nomineeId = draft.nomineeId;
  nomination.behaviourKey = draft.behaviourKey;
  nomination.story = std::string(trim(draft.story));
  nomination.nominatorId = nominatorId;
  nomination.visibility = nominatorId ? draft.visibility : NominatorVisibility::Anonymous;
  nomination.status = policy.moderation == ModerationPolicy::Auto ? NominationStatus::Approved : NominationStatus::Pending;

  std::optional<std::string_view> nominatorView;
  if (nominatorId) nominatorView = *nominatorId;
  const std::int64_t seq = appendEvent(kEventNominationCreated,
                                       encode(NominationCreatedPayload{nomination.id, nomination.createdAt,
                                                                       nomination.nomineeId, nomination.behaviourKey,
                                                                       nomination.story, nominatorView,
                                                                       toText(nomination.visibility),
                                                                       toText(nomination.status)}),
                                       now);
  m_db.prepare(R"sql(
    INSERT INTO nominations(id, created_at, kiosk_id, nominee_id, behaviour_key, story, nominator_id, visibility,
                            status, status_hlc, status_kiosk)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT hlc FROM outbox WHERE seq = ?), ?))sql")
      .bind(1, nomination.id)
      .bind(2, nomination.createdAt)
      .bind(3, nomination.kioskId)
      .bind(4, nomination.nomineeId)
      .bind(5, nomination.behaviourKey)
      .bind(6, nomination.story)
      .bind(7, nomination.nominatorId)
      .bind(8, toText(nomination.visibility))
      .bind(9, toText(nomination.status))
      .bind(10, seq)
      .bind(11, m_kioskId)
      .run();
  if (nomination.status == NominationStatus::Approved)
    countStories(m_db.timeZone().formatMonth(nomination.createdAt), nomination.nomineeId, 1);
  scrubNominationIfErased(nomination.id);
  transaction.commit();
  outcome.nomination = std::move(nomination);
  return outcome;
}

std::optional<Nomination> Store::nomination(std::string_view id) {
  Statement select = m_db.prepare(R"sql(
    SELECT id, created_at, kiosk_id, nominee_id, behaviour_key, story, nominator_id, visibility, status, hide_reason,
           (SELECT COALESCE(SUM(count), 0) FROM applause WHERE nomination_id = n.id)
    FROM nominations n WHERE id = ?)sql");
  select.bind(1, id);
  if (!select.step()) return std::nullopt;
  Nomination nomination;
  nomination.id = select.getText(0);
  nomination.createdAt = select.getInt(1);
  nomination.kioskId = select.getText(2);
  nomination.nomineeId = select.getText(3);
  nomination.behaviourKey = select.getText(4);
  nomination.story = select.getText(5);
  nomination.nominatorId = select.getOptionalText(6);
  nomination.visibility = parseNominatorVisibility(select.getText(7)).value_or(NominatorVisibility::Anonymous);
  nomination.status = parseNominationStatus(select.getText(8)).value_or(NominationStatus::Pending);
  nomination.hideReason = select.getText(9);
  nomination.applause = select.getInt(10);
  return nomination;
}

bool Store::setStatus(std::string_view nominationId, NominationStatus status, std::string_view reason, TimeMs now) {
  Transaction transaction(m_db);
  if (!m_db.prepare("SELECT 1 FROM nominations WHERE id = ?").bind(1, nominationId).step()) return false;
  const std::int64_t seq =
      appendEvent(kEventNominationStatus, encode(NominationStatusPayload{nominationId, toText(status), reason}), now);
  m_db.prepare(R"sql(
    UPDATE nominations SET status = ?, hide_reason = ?, status_hlc = (SELECT hlc FROM outbox WHERE seq = ?),
                           status_kiosk = ?
    WHERE id = ?)sql")
      .bind(1, toText(status))
      .bind(2, reason)
      .bind(3, seq)
      .bind(4, m_kioskId)
      .bind(5, nominationId)
      .run();
  scrubNominationIfErased(nominationId);  // an erasure beats every later status change
  transaction.commit();
  return true;
}

std::optional<std::int64_t> Store::applaud(std::string_view nominationId, TimeMs now) {
  Transaction transaction(m_db);
  if (!m_db.prepare("SELECT 1 FROM nominations WHERE id = ?").bind(1, nominationId).step()) return std::nullopt;
  m_db.prepare(R"sql(
    INSERT INTO applause(nomination_id, kiosk_id, count) VALUES (?1, ?2, 1)
    ON CONFLICT(nomination_id, kiosk_id) DO UPDATE SET count = count + 1)sql")
      .bind(1, nominationId)
      .bind(2, m_kioskId)
      .run();
  Statement mine = m_db.prepare("SELECT count FROM applause WHERE nomination_id = ? AND kiosk_id = ?");
  mine.bind(1, nominationId).bind(2, m_kioskId).step();
  // The event carries this kiosk's counter, not a delta, so merging is a max and replays are harmless.
  appendEvent(kEventApplause, encode(ApplausePayload{nominationId, mine.getInt(0)}), now);
  Statement total = m_db.prepare("SELECT COALESCE(SUM(count), 0) FROM applause WHERE nomination_id = ?");
  total.bind(1, nominationId).step();
  const std::int64_t sum = total.getInt(0);
  transaction.commit();
  return sum;
}

// [SECTION] wall and reports

std::vector<WallStory> Store::wallStories(Period period, int limit, const WallFilter& filter) {
  Statement select = m_db.prepare(std::string(kWallSelect) +
                                  "AND n.created_at >= ?1 AND n.created_at < ?2 AND (?4 = '' OR n.behaviour_key = ?4) "
                                  "AND (?5 = '' OR e.department = ?5) ORDER BY n.created_at DESC, n.id DESC LIMIT ?3");
  select.bind(1, period.from).bind(2, period.to).bind(3, limit).bind(4, filter.behaviourKey).bind(5, filter.department);
  return readWallStories(select);
}

StoryPage Store::storiesFor(std::string_view employeeId, int limit, const std::optional<StoryCursor>& after) {
  // A reverse range scan of nominations_by_nominee (nominee_id, created_at, id) from the cursor,
  // stopping after limit + 1 rows; the extra row only says whether there is a next page.
  Statement& select = cached(std::string(kWallSelect) +
                             "AND n.nominee_id = ?1 AND (n.created_at, n.id) < (?2, ?3) "
                             "ORDER BY n.created_at DESC, n.id DESC LIMIT ?4");
  select.bind(1, employeeId)
      .bind(2, after ? after->createdAt : INT64_MAX)
      .bind(3, after ? after->nominationId : std::string())
      .bind(4, limit + 1);
  // With no cursor every (created_at, id) is below (INT64_MAX, ''), except a story stamped
  // INT64_MAX itself, which no clock makes.
  StoryPage page;
  page.stories = readWallStories(select);
  select.reset();
  if (static_cast<int>(page.stories.size()) > limit) {
    page.stories.resize(static_cast<std::size_t>(limit));
    page.next = StoryCursor{page.stories.back().createdAt, page.stories.back().nominationId};
  }
  if (page.stories.empty() && !after) return page;
  // The monthly counts are exactly the approved stories per person (migration 7's triggers), a
  // few rows per person where counting their nominations reads thousands.
  Statement& total = cached("SELECT COALESCE(SUM(stories), 0) FROM monthly_recognition WHERE nominee_id = ?");
  total.bind(1, employeeId).step();
  page.total = total.getInt(0);
  total.reset();
  return page;
}

std::vector<RecognisedPerson> Store::recognisedPeople(Period period, const WallFilter& filter, int limit) {
  // One whole month of the company's calendar and no filter: the counts kept by migration 12's
  // triggers, read in order from their index. The counts are per person, not per behaviour, so a
  // filtered wall counts rows.
  const bool monthSized = filter.all() && period.from >= 0 && period.to - period.from <= 32 * kMsPerDay;
  const std::string month = monthSized ? timeZone().formatMonth(period.from) : std::string();
  const std::optional<Period> whole = timeZone().parseMonth(month);
  const bool oneMonth = whole && whole->from == period.from && whole->to == period.to;
  Statement select = m_db.prepare(oneMonth ? R"sql(
    SELECT e.id, e.display_name, e.department, e.photo_file, m.stories
    FROM monthly_recognition m JOIN employees e ON e.id = m.nominee_id
    WHERE m.month = ?1 AND m.stories > 0 AND e.wall_consent = 1
    ORDER BY m.stories DESC, e.display_name, e.id LIMIT ?3)sql"
                                           : R"sql(
    SELECT e.id, e.display_name, e.department, e.photo_file, COUNT(*) AS stories
    FROM nominations n JOIN employees e ON e.id = n.nominee_id
    WHERE n.status = 'approved' AND e.wall_consent = 1 AND n.created_at >= ?1 AND n.created_at < ?2
      AND (?4 = '' OR n.behaviour_key = ?4) AND (?5 = '' OR e.department = ?5)
    GROUP BY e.id ORDER BY stories DESC, e.display_name, e.id LIMIT ?3)sql");
  if (oneMonth) {
    select.bind(1, month);
  } else {
    select.bind(1, period.from).bind(2, period.to).bind(4, filter.behaviourKey).bind(5, filter.department);
  }
  select.bind(3, limit > 0 ? limit : -1);
  std::vector<RecognisedPerson> people;
  while (select.step())
    people.push_back({select.getText(0), select.getText(1), select.getText(2), select.getText(3), select.getInt(4)});
  return people;
}

// Report counts include pending and approved nominations; hidden ones were judged not to count.
std::vector<LabelCount> Store::countByBehaviour(Period period) {
  Statement select = m_db.prepare(R"sql(
    SELECT b.key, COUNT(n.id) FROM behaviours b
    LEFT JOIN nominations n ON n.behaviour_key = b.key AND n.status != 'hidden'
                           AND n.created_at >= ? AND n.created_at < ?
    GROUP BY b.key ORDER BY b.position)sql");
  select.bind(1, period.from).bind(2, period.to);
  return readCounts(select);
}

std::vector<LabelCount> Store::countByDepartment(Period period) {
  Statement select = m_db.prepare(R"sql(
    SELECT COALESCE(NULLIF(e.department, ''), '(no department)') AS department, COUNT(*) AS total
    FROM nominations n LEFT JOIN employees e ON e.id = n.nominee_id
    WHERE n.status != 'hidden' AND n.created_at >= ? AND n.created_at < ?
    GROUP BY department ORDER BY total DESC, department)sql");
  select.bind(1, period.from).bind(2, period.to);
  return readCounts(select);
}

std::vector<LabelCount> Store::countByMonth(Period period) {
  Statement select = m_db.prepare(R"sql(
    SELECT wof_local_month(created_at) AS month, COUNT(*)
    FROM nominations WHERE status != 'hidden' AND created_at >= ? AND created_at < ?
    GROUP BY month ORDER BY month)sql");
  select.bind(1, period.from).bind(2, period.to);
  return readCounts(select);
}

std::vector<ReportRow> Store::reportRows(const ReportFilter& filter, bool includeHidden) {
  std::vector<ReportRow> rows;
  forEachReportRow(filter, includeHidden, [&rows](ReportRow& row) { rows.push_back(std::move(row)); });
  return rows;
}

void Store::forEachReportRow(const ReportFilter& filter, bool includeHidden,
                             const std::function<void(ReportRow&)>& use) {
  Statement select = m_db.prepare(R"sql(
    SELECT n.id, n.created_at, n.kiosk_id, n.nominee_id,
           CASE WHEN x.employee_id IS NOT NULL THEN '(erased)' ELSE COALESCE(e.display_name, n.nominee_id) END,
           COALESCE(e.department, ''), COALESCE(e.site, ''), COALESCE(e.photo_file, ''),
           COALESCE(e.wall_consent, 1), n.behaviour_key, COALESCE(b.title, n.behaviour_key), n.story,
           CASE WHEN n.nominator_id IS NULL THEN '' ELSE COALESCE(r.display_name, n.nominator_id) END,
           n.status, (SELECT COALESCE(SUM(a.count), 0) FROM applause a WHERE a.nomination_id = n.id)
    FROM nominations n
    LEFT JOIN employees e ON e.id = n.nominee_id
    LEFT JOIN behaviours b ON b.key = n.behaviour_key
    LEFT JOIN employees r ON r.id = n.nominator_id
    LEFT JOIN erased_employees x ON x.employee_id = n.nominee_id
    WHERE (?5 OR n.status != 'hidden') AND n.created_at >= ?1 AND n.created_at < ?2
      AND (?3 = '' OR COALESCE(e.site, '') = ?3) AND (?4 = '' OR COALESCE(e.department, '') = ?4)
    ORDER BY n.created_at, n.id)sql");
  select.bind(1, filter.period.from)
      .bind(2, filter.period.to)
      .bind(3, filter.site)
      .bind(4, filter.department)
      .bind(5, includeHidden ? 1 : 0);
  while (select.step()) {
    ReportRow row;
    row.nominationId = select.getText(0);
    row.createdAt = select.getInt(1);
    row.kioskId = select.getText(2);
    row.nomineeId = select.getText(3);
    row.nomineeName = select.getText(4);
    row.department = select.getText(5);
    row.site = select.getText(6);
    row.photoFile = select.getText(7);
    row.nomineeWallConsent = select.getInt(8) != 0;
    row.behaviourKey = select.getText(9);
    row.behaviourTitle = select.getText(10);
    row.story = select.getText(11);
    row.nominatorName = select.getText(12);
    row.status = parseNominationStatus(select.getText(13)).value_or(NominationStatus::Pending);
    row.applause = select.getInt(14);
    use(row);
  }
}

// [SECTION] champions of the month

namespace {

constexpr std::string_view kWinnerSelect = R"sql(
  SELECT w.id, w.period, w.employee_id, w.nomination_id, w.citation, w.decided_at,
         COALESCE(e.display_name, ''), COALESCE(e.department, ''), COALESCE(e.site, ''), COALESCE(e.photo_file, ''),
         COALESCE(n.behaviour_key, ''), COALESCE(b.title, n.behaviour_key, ''), COALESCE(n.story, '')
  FROM winners w
  LEFT JOIN employees e ON e.id = w.employee_id
  LEFT JOIN nominations n ON n.id = w.nomination_id
  LEFT JOIN behaviours b ON b.key = n.behaviour_key )sql";

std::vector<Winner> readWinners(Statement& select) {
  std::vector<Winner> winners;
  while (select.step()) {
    Winner winner;
    winner.id = select.getText(0);
    winner.period = select.getText(1);
    winner.employeeId = select.getText(2);
    winner.nominationId = select.getText(3);
    winner.citation = select.getText(4);
    winner.decidedAt = select.getInt(5);
    winner.displayName = select.getText(6);
    winner.department = select.getText(7);
    winner.site = select.getText(8);
    winner.photoFile = select.getText(9);
    winner.behaviourKey = select.getText(10);
    winner.behaviourTitle = select.getText(11);
    winner.story = select.getText(12);
    winners.push_back(std::move(winner));
  }
  return winners;
}

}  // namespace

WinnerOutcome Store::selectWinner(std::string_view nominationId, std::string_view period, std::string_view citation,
                                  TimeMs now) {
  WinnerOutcome outcome;
  const std::optional<Period> range = timeZone().parseMonth(period);
  if (!range) {
    outcome.error = "period \"" + std::string(period) + "\" is not a month written YYYY-MM, e.g. 2026-11";
    return outcome;
  }
  const std::string trimmedCitation(trim(citation));
  if (!isValidUtf8(trimmedCitation) || countCodePoints(trimmedCitation) > 500) {
    outcome.error = "the citation must be valid UTF-8 text of at most 500 characters";
    return outcome;
  }
  Transaction transaction(m_db);
  const std::optional<Nomination> chosen = nomination(nominationId);
  if (!chosen) {
    outcome.error = "no nomination with id " + std::string(nominationId);
    return outcome;
  }
  if (chosen->status == NominationStatus::Hidden) {
    outcome.error = "nomination " + chosen->id + " is hidden; a hidden story cannot make a winner";
    return outcome;
  }
  if (chosen->status == NominationStatus::Pending) {
    outcome.error = "nomination " + chosen->id + " is still pending; approve it first (moderate " + chosen->id +
                    " --approve)";
    return outcome;
  }
  if (chosen->createdAt < range->from || chosen->createdAt >= range->to) {
    outcome.error = "nomination " + chosen->id + " was made in " + timeZone().formatMonth(chosen->createdAt) + ", not in " +
                    std::string(period) + "; pick one of " + std::string(period) + "'s nominations";
    return outcome;
  }
  if (m_db.prepare("SELECT 1 FROM winners WHERE period = ? AND employee_id = ?")
          .bind(1, period)
          .bind(2, chosen->nomineeId)
          .step()) {
    outcome.error = "employee " + chosen->nomineeId + " is already a winner for " + std::string(period);
    return outcome;
  }
  Winner winner;
  winner.id = newUuidV7(now);
  winner.period = std::string(period);
  winner.employeeId = chosen->nomineeId;
  winner.nominationId = chosen->id;
  winner.citation = trimmedCitation;
  winner.decidedAt = now;
  const std::int64_t seq =
      appendEvent(kEventWinnerSelected,
                  encode(WinnerSelectedPayload{winner.id, winner.period, winner.employeeId, winner.nominationId,
                                               winner.citation, winner.decidedAt}),
                  now);
  m_db.prepare(R"sql(
    INSERT INTO winners(id, period, employee_id, nomination_id, citation, decided_at, decided_hlc, kiosk_id)
    VALUES (?, ?, ?, ?, ?, ?, (SELECT hlc FROM outbox WHERE seq = ?), ?))sql")
      .bind(1, winner.id)
      .bind(2, winner.period)
      .bind(3, winner.employeeId)
      .bind(4, winner.nominationId)
      .bind(5, winner.citation)
      .bind(6, winner.decidedAt)
      .bind(7, seq)
      .bind(8, m_kioskId)
      .run();
  transaction.commit();
  outcome.winner = this->winner(winner.id);
  return outcome;
}

std::optional<Winner> Store::winner(std::string_view winnerId) {
  Statement select = m_db.prepare(std::string(kWinnerSelect) + "WHERE w.id = ?");
  select.bind(1, winnerId);
  std::vector<Winner> found = readWinners(select);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<Winner> Store::winnersForHr(std::string_view period) {
  Statement select = m_db.prepare(std::string(kWinnerSelect) +
                                  "WHERE ?1 = '' OR w.period = ?1 ORDER BY w.period DESC, w.decided_at, w.id");
  select.bind(1, period);
  return readWinners(select);
}

std::vector<Winner> Store::winnersForWall(std::string_view period) {
  Statement select = m_db.prepare(std::string(kWinnerSelect) +
                                  "WHERE w.period = ? AND e.wall_consent = 1 ORDER BY w.decided_at, w.id");
  select.bind(1, period);
  return readWinners(select);
}

std::vector<Winner> Store::currentChampions(TimeMs now) {
  std::vector<Winner> champions = winnersForWall(timeZone().formatMonth(now));
  if (champions.empty()) champions = winnersForWall(timeZone().formatMonth(timeZone().monthOf(now).from - 1));
  return champions;
}

std::vector<Winner> Store::hallOfFame() {
  Statement select = m_db.prepare(std::string(kWinnerSelect) +
                                  "WHERE e.wall_consent = 1 ORDER BY w.period DESC, w.decided_at, w.id");
  return readWinners(select);
}

std::vector<PeriodCandidate> Store::candidatesFor(Period period) {
  Statement select = m_db.prepare(R"sql(
    SELECT n.nominee_id, COALESCE(e.display_name, n.nominee_id), COALESCE(e.department, ''), COALESCE(e.site, ''),
           COALESCE(e.wall_consent, 1), n.id
    FROM nominations n LEFT JOIN employees e ON e.id = n.nominee_id
    WHERE n.status != 'hidden' AND n.created_at >= ? AND n.created_at < ?
    ORDER BY COUNT(*) OVER (PARTITION BY n.nominee_id) DESC, 2, n.nominee_id, n.created_at, n.id)sql");
  select.bind(1, period.from).bind(2, period.to);
  std::vector<PeriodCandidate> candidates;
  std::vector<std::string> nominationIds;
  std::vector<std::size_t> owners;
  while (select.step()) {
    const std::string employeeId = select.getText(0);
    if (candidates.empty() || candidates.back().employeeId != employeeId) {
      PeriodCandidate candidate;
      candidate.employeeId = employeeId;
      candidate.displayName = select.getText(1);
      candidate.department = select.getText(2);
      candidate.site = select.getText(3);
      candidate.wallConsent = select.getInt(4) != 0;
      candidates.push_back(std::move(candidate));
    }
    nominationIds.push_back(select.getText(5));
    owners.push_back(candidates.size() - 1);
  }
  for (std::size_t i = 0; i < nominationIds.size(); ++i) {
    if (std::optional<Nomination> found = nomination(nominationIds[i]))
      candidates[owners[i]].nominations.push_back(std::move(*found));
  }
  return candidates;
}

// [SECTION] outbox, audit, health

std::int64_t Store::appendEvent(std::string_view type, std::string_view payloadJson, TimeMs now) {
  // Another connection (the sync thread) may have observed newer remote stamps since we loaded ours.
  Statement stored = m_db.prepare("SELECT value FROM meta WHERE key = 'hlc'");
  if (stored.step()) m_clock.observe(std::stoull(stored.getText(0)));
  const std::uint64_t stamp = m_clock.tick(now);
  m_db.prepare("INSERT INTO outbox(event_id, hlc, type, payload, created_at) VALUES (?, ?, ?, ?, ?)")
      .bind(1, newUuidV7(now))
      .bind(2, static_cast<std::int64_t>(stamp))
      .bind(3, type)
      .bind(4, payloadJson)
      .bind(5, now)
      .run();
  const std::int64_t seq = m_db.lastInsertRowId();
  m_db.prepare("INSERT INTO meta(key, value) VALUES ('hlc', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .bind(1, std::to_string(stamp))
      .run();
  return seq;
}

std::vector<OutboxEvent> Store::pendingEvents(int limit) {
  Statement select = m_db.prepare(
      "SELECT seq, event_id, hlc, type, payload, created_at FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT ?");
  select.bind(1, limit);
  std::vector<OutboxEvent> events;
  while (select.step())
    events.push_back({select.getInt(0), select.getText(1), static_cast<std::uint64_t>(select.getInt(2)),
                      select.getText(3), select.getText(4), select.getInt(5)});
  return events;
}

void Store::audit(std::string_view actor, std::string_view action, std::string_view detail, TimeMs now) {
  if (action == kAuditActionErasure) {
    const bool bareId = !detail.empty() && detail.size() <= 64 &&
                        detail.find_first_of(" \t\r\n,;:{}\"'") == std::string_view::npos;
    if (!bareId)
      throw std::invalid_argument("an erasure audit entry may hold the employee id only, not \"" +
                                  std::string(detail.substr(0, 16)) + "...\"");
  }
  // The chain needs the previous hash and this row's id read and written as one step.
  std::optional<Transaction> transaction;
  if (!m_db.inTransaction()) transaction.emplace(m_db);
  Statement last = m_db.prepare("SELECT entry_hash FROM audit_log ORDER BY id DESC LIMIT 1");
  const std::string prevHash = last.step() ? last.getText(0) : std::string(kAuditGenesisHash);
  const std::int64_t id = m_db.queryInt("SELECT COALESCE(MAX(id), 0) + 1 FROM audit_log");
  m_db.prepare("INSERT INTO audit_log(id, at, actor, action, detail, prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, id)
      .bind(2, now)
      .bind(3, actor)
      .bind(4, action)
      .bind(5, detail)
      .bind(6, prevHash)
      .bind(7, auditEntryHash(prevHash, id, now, actor, action, detail))
      .run();
  if (transaction) transaction->commit();
}

std::vector<AuditEntry> Store::auditLog(int limit) {
  Statement select = m_db.prepare("SELECT at, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT ?");
  select.bind(1, limit);
  std::vector<AuditEntry> entries;
  while (select.step()) entries.push_back({select.getInt(0), select.getText(1), select.getText(2), select.getText(3)});
  return entries;
}

std::int64_t Store::pendingEventCount() {
  return m_db.queryInt("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL");
}

StoreCounts Store::counts() {
  StoreCounts counts;
  Statement employees = m_db.prepare(
      "SELECT COUNT(*), COALESCE(SUM(active), 0), COALESCE(SUM(photo_file != ''), 0) FROM employees");
  employees.step();
  counts.employees = employees.getInt(0);
  counts.activeEmployees = employees.getInt(1);
  counts.employeesWithPhoto = employees.getInt(2);
  Statement nominations = m_db.prepare(R"sql(
    SELECT COUNT(*), COALESCE(SUM(status = 'pending'), 0), COALESCE(SUM(status = 'approved'), 0),
           COALESCE(SUM(status = 'hidden'), 0) FROM nominations)sql");
  nominations.step();
  counts.nominations = nominations.getInt(0);
  counts.pending = nominations.getInt(1);
  counts.approved = nominations.getInt(2);
  counts.hidden = nominations.getInt(3);
  counts.pendingEvents = pendingEventCount();
  counts.schemaVersion = m_db.queryInt("PRAGMA user_version");
  return counts;
}

std::string Store::integrityCheck() {
  Statement check = m_db.prepare("PRAGMA integrity_check");
  std::string out;
  while (check.step()) {
    if (!out.empty()) out += '\n';
    out += check.getText(0);
  }
  return out;
}

void applyFleetSettings(Store& store, const FleetSettings& settings) {
  if (!settings.behaviours.empty()) store.setBehaviours(settings.behaviours);
  if (settings.moderation)
    store.setMeta("fleet.moderation", *settings.moderation == ModerationPolicy::Auto ? "auto" : "hr");
  if (settings.dailyCap) store.setMeta("fleet.daily_cap", std::to_string(*settings.dailyCap));
  if (settings.banner) store.setMeta("fleet.banner", *settings.banner);
  if (settings.silentAfterMin) store.setMeta("fleet.silent_after_min", std::to_string(*settings.silentAfterMin));
  if (settings.showSilenceMarker) store.setMeta("fleet.show_silence_marker", *settings.showSilenceMarker ? "1" : "0");
  if (settings.timeZone) store.setMeta(kFleetTimeZoneKey, *settings.timeZone);
  // [roster] is read whole each time: a column the table no longer names is read by its own name.
  for (const std::string_view column : kRosterColumns) {
    const auto mapped = settings.rosterHeaders.find(column);
    store.setMeta("fleet.roster." + std::string(column), mapped == settings.rosterHeaders.end() ? "" : mapped->second);
  }
}

RosterHeaders fleetRosterHeaders(Store& store) {
  RosterHeaders headers;
  for (const std::string_view column : kRosterColumns)
    if (const auto header = store.meta("fleet.roster." + std::string(column)); header && !header->empty())
      headers.emplace(column, *header);
  return headers;
}

}  // namespace wof::core
