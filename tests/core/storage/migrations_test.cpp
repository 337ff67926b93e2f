// Spec: numbered schema migrations under PRAGMA user_version.
#include <doctest/doctest.h>

#include "core/util/clock.hpp"
#include "core/storage/database.hpp"
#include "core/storage/migrations.hpp"
#include "core/storage/store.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using wof::test::TempDir;

TEST_CASE("a new database is brought to the latest schema") {
  TempDir dir;
  Database db(dir / "kiosk.db");
  const int latest = migrations().back().version;
  CHECK(migrate(db) == latest);
  CHECK(db.queryInt("PRAGMA user_version") == latest);
  CHECK(db.queryInt("SELECT COUNT(*) FROM behaviours") == 7);
  SUBCASE("running again changes nothing") { CHECK(migrate(db) == latest); }
}

TEST_CASE("WAL mode and full synchronous commits are on") {
  TempDir dir;
  Database db(dir / "kiosk.db");
  Statement mode = db.prepare("PRAGMA journal_mode");
  REQUIRE(mode.step());
  CHECK(mode.getText(0) == "wal");
  CHECK(db.queryInt("PRAGMA synchronous") == 2);  // FULL
}

TEST_CASE("a database made by schema step 1 upgrades with its data intact") {
  TempDir dir;
  {
    Database db(dir / "kiosk.db");
    REQUIRE(migrate(db, 1) == 1);
    db.exec("INSERT INTO employees(id, display_name, department) VALUES ('E1', 'José Núñez', 'Support')");
  }
  Store store(dir / "kiosk.db", "kiosk-a");
  CHECK(store.counts().schemaVersion == migrations().back().version);
  // Step 2 indexed the employee who existed before it.
  const auto found = store.searchEmployees("jose", 10);
  REQUIRE(found.size() == 1);
  CHECK(found[0].displayName == "José Núñez");
}

TEST_CASE("the monthly counts step counts the approved nominations already there") {
  TempDir dir;
  {
    Database db(dir / "kiosk.db");
    REQUIRE(migrate(db, 6) == 6);
    db.exec(R"sql(
      INSERT INTO employees(id, display_name) VALUES ('E1', 'Ana'), ('E2', 'Ben');
      INSERT INTO nominations(id, created_at, kiosk_id, nominee_id, behaviour_key, story, visibility, status) VALUES
        ('n1', 1793491200000, 'k', 'E1', 'real-face', 's', 'public', 'approved'),  -- 2026-11-01
        ('n2', 1793491200001, 'k', 'E1', 'real-face', 's', 'public', 'approved'),
        ('n3', 1793491200002, 'k', 'E2', 'real-face', 's', 'public', 'approved'),
        ('n4', 1793491200003, 'k', 'E2', 'real-face', 's', 'public', 'pending'),
        ('n5', 1793491199999, 'k', 'E2', 'real-face', 's', 'public', 'approved');  -- October
    )sql");
  }
  Store store(dir / "kiosk.db", "kiosk-a");
  const auto people = store.recognisedPeople(*parseMonthUtc("2026-11"));
  REQUIRE(people.size() == 2);
  CHECK(people[0].employeeId == "E1");
  CHECK(people[0].count == 2);
  CHECK(people[1].count == 1);
  CHECK(store.recognisedPeople(*parseMonthUtc("2026-10")).size() == 1);
}

namespace {

// Steps 15 and 16 start here: José with one approved story and one pending, in November 2026.
void atStep14WithTwoStories(Database& db) {
  REQUIRE(migrate(db, 14) == 14);
  db.exec(R"sql(
    INSERT INTO employees(id, display_name) VALUES ('E1', 'José Núñez');
    INSERT INTO nominations(id, created_at, kiosk_id, nominee_id, behaviour_key, story, visibility, status)
    VALUES ('n1', 1793491200000, 'k', 'E1', 'real-face', 's', 'public', 'approved'),
           ('n2', 1793491200001, 'k', 'E1', 'real-face', 's', 'public', 'pending');
  )sql");
}

}  // namespace

TEST_CASE("step 15 rebuilds nominations whole: every column, index and trigger, and the counts, stay") {
  TempDir dir;
  Database db(dir / "kiosk.db");
  atStep14WithTwoStories(db);
  const auto stories = [&db] {
    return db.queryInt("SELECT COALESCE(SUM(stories), 0) FROM monthly_recognition WHERE month = '2026-11' AND nominee_id = 'E1'");
  };
  REQUIRE(stories() == 1);
  db.exec("UPDATE nominations SET hide_reason = 'kept', status_hlc = 42, status_kiosk = 'k2', nominator_id = 'E9' "
          "WHERE id = 'n1'");
  REQUIRE(migrate(db, 15) == 15);
  CHECK(stories() == 1);  // what step 14's trigger counted stays
  // The table was rebuilt: every column of the rows there before, its indexes and four triggers.
  CHECK(db.queryInt("SELECT COUNT(*) FROM nominations WHERE id = 'n1' AND created_at = 1793491200000 AND kiosk_id = 'k' "
                    "AND nominee_id = 'E1' AND behaviour_key = 'real-face' AND story = 's' AND nominator_id = 'E9' "
                    "AND visibility = 'public' AND status = 'approved' AND status_hlc = 42 AND status_kiosk = 'k2' "
                    "AND hide_reason = 'kept'") == 1);
  CHECK(db.queryInt("SELECT COUNT(*) FROM nominations WHERE id = 'n2' AND status = 'pending'") == 1);
  CHECK(db.queryInt("SELECT COUNT(*) FROM sqlite_schema WHERE tbl_name = 'nominations' AND type = 'index' AND name IN "
                    "('nominations_by_status_time', 'nominations_by_nominee', 'nominations_by_nominator', "
                    "'nominations_by_time')") == 4);
  CHECK(db.queryInt("SELECT COUNT(*) FROM sqlite_schema WHERE tbl_name = 'nominations' AND type = 'trigger'") == 4);
  CHECK(db.queryInt("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'nominations_rebuilt'") == 0);
  // Its CHECKs still refuse what they refused, and its triggers count changes.
  CHECK_THROWS_AS(db.exec("UPDATE nominations SET status = 'deleted' WHERE id = 'n1'"), SqliteError);
  CHECK_THROWS_AS(db.exec("UPDATE nominations SET visibility = 'everyone' WHERE id = 'n1'"), SqliteError);
  db.exec("UPDATE nominations SET status = 'approved' WHERE id = 'n2'");
  CHECK(stories() == 2);
  db.exec("DELETE FROM nominations WHERE id = 'n1'");
  CHECK(stories() == 1);
}

TEST_CASE("step 16 leaves counting inserted stories to Store; triggers still count changes, and nothing counted is lost") {
  TempDir dir;
  const TimeMs november = 1793491200000;  // 2026-11-01T00:00Z
  {
    Database db(dir / "kiosk.db");
    atStep14WithTwoStories(db);
    REQUIRE(migrate(db) == migrations().back().version);
    CHECK(db.queryInt("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'monthly_recognition_insert'") == 0);
    CHECK(db.queryInt("SELECT COUNT(*) FROM sqlite_schema WHERE tbl_name = 'nominations' AND type = 'trigger'") == 3);
    CHECK(db.queryInt("SELECT stories FROM monthly_recognition WHERE month = '2026-11' AND nominee_id = 'E1'") == 1);
    CHECK_THROWS_AS(db.exec("INSERT INTO nominations(id, created_at, kiosk_id, nominee_id, behaviour_key, story, "
                            "visibility, status) VALUES ('x', 1, 'k', 'E1', 'real-face', 's', 'everyone', 'approved')"),
                    SqliteError);
    db.exec("UPDATE nominations SET status = 'approved' WHERE id = 'n2'");  // a trigger counts it
    CHECK(db.queryInt("SELECT stories FROM monthly_recognition WHERE month = '2026-11' AND nominee_id = 'E1'") == 2);
  }
  // Store counts the stories it inserts: one approved on this kiosk, and one imported.
  Store store(dir / "kiosk.db", "kiosk-a");
  store.replaceRoster(wof::test::sampleRoster());
  const auto count = [&store] {
    const auto people = store.recognisedPeople(*parseMonthUtc("2026-11"));
    return people.empty() ? std::int64_t{0} : people[0].count;
  };
  REQUIRE(count() == 2);
  const NominationDraft draft{"E1", "real-face", wof::test::kGoodStory, std::string("E2"), NominatorVisibility::Public};
  REQUIRE(store.submitNomination(draft, november + 3600'000, {ModerationPolicy::Auto, 100}).nomination);
  CHECK(count() == 3);
  const std::string payload = R"({"behaviour":"real-face","created_at":)" + std::to_string(november + 7200'000) +
                              R"(,"id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4b01","nominator_id":null,"nominee_id":"E1",)"
                              R"("status":"approved","story":"A story.","visibility":"anonymous"})";
  const JournalEvent created{"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a01", "other-1", 1,
                             static_cast<std::uint64_t>(november + 7200'000) << 16, "nomination.created", payload};
  const std::vector<SegmentApply> applied =
      store.applySegments({{"other-1", "1.jsonl", {created}, {}}}, november + 86'400'000);
  REQUIRE(applied.size() == 1);
  REQUIRE(applied[0].applied == 1);
  CHECK(count() == 4);
}

TEST_CASE("a failing step leaves the previous version and data untouched") {
  TempDir dir;
  Database db(dir / "kiosk.db");
  REQUIRE(migrate(db, 1) == 1);
  db.exec("INSERT INTO employees(id, display_name) VALUES ('E1', 'Ana')");
  db.exec("CREATE TABLE employee_search(x)");  // step 2 will collide with this
  CHECK_THROWS_AS(migrate(db), SqliteError);
  CHECK(db.queryInt("PRAGMA user_version") == 1);
  CHECK(db.queryInt("SELECT COUNT(*) FROM employees") == 1);
}

TEST_CASE("a database newer than the program is refused, not damaged") {
  TempDir dir;
  {
    Database db(dir / "kiosk.db");
    db.exec("PRAGMA user_version = 999");
  }
  CHECK_THROWS_WITH_AS(Store(dir / "kiosk.db", "kiosk-a"), doctest::Contains("newer than this program"), SqliteError);
}

TEST_CASE("a transaction rolls back unless committed") {
  TempDir dir;
  Database db(dir / "kiosk.db");
  db.exec("CREATE TABLE t(x)");
  {
    Transaction transaction(db);
    db.exec("INSERT INTO t VALUES (1)");
  }
  CHECK(db.queryInt("SELECT COUNT(*) FROM t") == 0);
  {
    Transaction transaction(db);
    db.exec("INSERT INTO t VALUES (1)");
    transaction.commit();
  }
  CHECK(db.queryInt("SELECT COUNT(*) FROM t") == 1);
}

TEST_CASE("a scoped page cache is the connection's for its life, then the connection's own size again") {
  TempDir dir;
  Database db(dir / "kiosk.db");
  const std::int64_t own = db.queryInt("PRAGMA cache_size");
  {
    const ScopedPageCache cache(db, 32);
    CHECK(db.queryInt("PRAGMA cache_size") == -32 * 1024);  // KiB
    Transaction transaction(db);
    db.exec("CREATE TABLE t(x)");
    transaction.commit();
  }
  CHECK(db.queryInt("PRAGMA cache_size") == own);
  db.exec("PRAGMA cache_size = 500");  // pages, not KiB: given back as it was
  { const ScopedPageCache cache(db, 8); }
  CHECK(db.queryInt("PRAGMA cache_size") == 500);
}

TEST_CASE("text bound unowned is read in place when the statement runs") {
  TempDir dir;
  Database db(dir / "kiosk.db");
  db.exec("CREATE TABLE t(x TEXT)");
  std::string text = "first";
  Statement insert = db.prepare("INSERT INTO t VALUES (?)");
  insert.bindUnowned(1, text).run();
  insert.reset();
  text = "second";  // changed before it is bound again: what the next run reads
  insert.bindUnowned(1, text).run();
  insert.reset();
  insert.bindUnowned(1, std::string_view()).run();  // an empty view is '', not NULL
  Statement rows = db.prepare("SELECT group_concat(quote(x), ',') FROM t");
  REQUIRE(rows.step());
  CHECK(rows.getText(0) == "'first','second',''");
}
