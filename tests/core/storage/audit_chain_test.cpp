// Spec: the hash-chained audit log; any edit, deletion or insertion breaks the chain at that row.
#include <doctest/doctest.h>

#include "core/storage/audit_chain.hpp"
#include "core/storage/migrations.hpp"
#include "core/storage/store.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;

namespace {

struct AuditFixture {
  TempDir dir;
  Store store{dir / "kiosk.db", "kiosk-a"};
  AuditFixture() {
    for (int i = 0; i < 5; ++i) store.audit("hr", "approve", "nomination-" + std::to_string(i), kNow + i);
  }
};

}  // namespace

TEST_CASE_FIXTURE(AuditFixture, "an untouched audit log verifies") {
  const AuditChainReport report = verifyAuditChain(store.database());
  CHECK(report.entries == 5);
  CHECK_FALSE(report.firstBreak);
}

TEST_CASE_FIXTURE(AuditFixture, "tampering is reported at the first broken link") {
  Database& db = store.database();
  SUBCASE("an edited detail") {
    db.exec("UPDATE audit_log SET detail = 'nomination-x' WHERE id = 3");
    const auto report = verifyAuditChain(db);
    REQUIRE(report.firstBreak);
    CHECK(report.firstBreak->id == 3);
  }
  SUBCASE("a deleted entry") {
    db.exec("DELETE FROM audit_log WHERE id = 2");
    const auto report = verifyAuditChain(db);
    REQUIRE(report.firstBreak);
    CHECK(report.firstBreak->id == 3);
  }
  SUBCASE("a row rewritten with a recomputed own hash still breaks the next link") {
    const std::string prev = [&] {
      Statement s = db.prepare("SELECT prev_hash FROM audit_log WHERE id = 2");
      s.step();
      return s.getText(0);
    }();
    db.prepare("UPDATE audit_log SET actor = 'mallory', entry_hash = ? WHERE id = 2")
        .bind(1, auditEntryHash(prev, 2, kNow + 1, "mallory", "approve", "nomination-1"))
        .run();
    const auto report = verifyAuditChain(db);
    REQUIRE(report.firstBreak);
    CHECK(report.firstBreak->id == 3);
  }
}

TEST_CASE("entries written before the chain existed are chained by the migration") {
  TempDir dir;
  {
    Database db(dir / "kiosk.db");
    REQUIRE(migrate(db, 2) == 2);
    db.exec("INSERT INTO audit_log(at, actor, action, detail) VALUES (1, 'cli', 'nominate', 'a'), (2, 'hr', 'hide', 'b')");
  }
  Store store(dir / "kiosk.db", "kiosk-a");
  store.audit("hr", "approve", "c", kNow);
  const AuditChainReport report = verifyAuditChain(store.database());
  CHECK(report.entries == 3);
  CHECK_FALSE(report.firstBreak);
}

TEST_CASE("an erasure entry holds the employee id and nothing more") {
  TempDir dir;
  Store store(dir / "kiosk.db", "kiosk-a");
  CHECK_NOTHROW(store.audit("hr", kAuditActionErasure, "E42", kNow));
  CHECK_THROWS_AS(store.audit("hr", kAuditActionErasure, "E42 José Núñez", kNow), std::invalid_argument);
  CHECK_THROWS_AS(store.audit("hr", kAuditActionErasure, "", kNow), std::invalid_argument);
  CHECK_THROWS_AS(store.audit("hr", kAuditActionErasure, "{\"name\":\"x\"}", kNow), std::invalid_argument);
  CHECK(store.auditLog(10).size() == 1);
}

TEST_CASE("audit works inside a caller's transaction and rolls back with it") {
  TempDir dir;
  Store store(dir / "kiosk.db", "kiosk-a");
  {
    Transaction transaction(store.database());
    store.audit("hr", "approve", "n1", kNow);
  }
  CHECK(store.auditLog(10).empty());
  CHECK_FALSE(verifyAuditChain(store.database()).firstBreak);
}
