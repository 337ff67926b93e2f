// Spec: HR's actions and their audit entries land together. Normal cases check each audit
// detail; refusals change nothing and audit nothing; and a process killed between an action's
// SQL and its audit entry leaves neither on disk (a fork()ed child _exit()s inside the hook).
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <functional>

#include "core/admin/admin_actions.hpp"
#include "core/storage/store.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;

namespace {

constexpr TimeMs kDay = 86'400'000;
const std::string kNovember = "2026-11";

// Rows of the audit log with this actor and action.
std::int64_t auditRows(Store& store, std::string_view actor, std::string_view action) {
  Statement count = store.database().prepare("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND action = ?");
  count.bind(1, actor).bind(2, action).step();
  return count.getInt(0);
}

std::int64_t allAuditRows(Store& store) { return store.database().queryInt("SELECT COUNT(*) FROM audit_log"); }

struct ActionFixture {
  TempDir dir;
  std::filesystem::path file = dir / "kiosk.db";
  std::string pending;   // E1's story, awaiting HR
  std::string approved;  // E3's story, on the wall

  ActionFixture() {
    Store store(file, "kiosk-a");
    store.replaceRoster(sampleRoster());
    pending = nominate(store, "E1", ModerationPolicy::Hr);
    approved = nominate(store, "E3", ModerationPolicy::Auto);
  }

  static std::string nominate(Store& store, const std::string& nominee, ModerationPolicy moderation) {
    NominationDraft draft{nominee, "real-face", kGoodStory, std::string("E2"), NominatorVisibility::Public};
    const SubmitOutcome outcome = store.submitNomination(draft, kNow - 2 * kDay, {moderation, 100});
    REQUIRE(outcome.nomination);
    return outcome.nomination->id;
  }

  // Runs `action` on the database in a child process that dies (exit code 9) between the action's
  // SQL and its audit entry; returns the child's exit code.
  int crashDuring(const std::function<void(Store&)>& action) {
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      try {
        Store store(file, "kiosk-a");
        testing::setAdminActionHook([] { ::_exit(9); });
        action(store);
      } catch (...) {
        ::_exit(2);
      }
      ::_exit(3);  // the hook never ran
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
};

}  // namespace

// [SECTION] normal cases

TEST_CASE_FIXTURE(ActionFixture, "approving a story records who approved it, with the nomination id") {
  Store store(file, "kiosk-a");
  REQUIRE(approveNomination(store, "admin", pending, kNow));
  CHECK(store.nomination(pending)->status == NominationStatus::Approved);
  const std::vector<AuditEntry> log = store.auditLog(1);
  REQUIRE(log.size() == 1);
  CHECK(log[0].actor == "admin");
  CHECK(log[0].action == "approve");
  CHECK(log[0].detail == pending);
  CHECK(log[0].at == kNow);
}

TEST_CASE_FIXTURE(ActionFixture, "hiding a story records the reason, or the id alone without one") {
  Store store(file, "kiosk-a");
  REQUIRE(hideNomination(store, "admin", approved, "names a customer", kNow));
  CHECK(store.nomination(approved)->status == NominationStatus::Hidden);
  CHECK(store.nomination(approved)->hideReason == "names a customer");
  CHECK(store.auditLog(1).at(0).detail == approved + " reason: names a customer");
  REQUIRE(hideNomination(store, "cli", pending, "", kNow));
  CHECK(store.auditLog(1).at(0).actor == "cli");
  CHECK(store.auditLog(1).at(0).detail == pending);
}

TEST_CASE_FIXTURE(ActionFixture, "a champion is recorded with the winner id, the period and the nomination") {
  Store store(file, "kiosk-a");
  const WinnerOutcome outcome = selectWinner(store, "cli", approved, kNovember, "Calm under fire.", kNow);
  REQUIRE_MESSAGE(outcome.winner, outcome.error);
  const AuditEntry entry = store.auditLog(1).at(0);
  CHECK(entry.actor == "cli");
  CHECK(entry.action == "winner");
  CHECK(entry.detail == outcome.winner->id + " " + kNovember + " " + approved);
  CHECK(store.winner(outcome.winner->id));
}

TEST_CASE_FIXTURE(ActionFixture, "an erasure is audited with the bare employee id and returns the photo to delete") {
  {
    Store store(file, "kiosk-a");
    store.setEmployeePhoto("E1", "E1.jpg");
  }
  writeFile(dir / "E1.jpg", "jpeg");
  Store store(file, "kiosk-a");
  const EraseOutcome outcome = eraseEmployee(store, "admin", "E1", kNow);
  REQUIRE(outcome.found);
  CHECK(outcome.photoFile == "E1.jpg");
  CHECK(store.isErased("E1"));
  const AuditEntry entry = store.auditLog(1).at(0);
  CHECK(entry.action == kAuditActionErasure);
  CHECK(entry.detail == "E1");
  deleteErasedPhoto(dir.path(), outcome.photoFile);
  CHECK_FALSE(std::filesystem::exists(dir / "E1.jpg"));
  deleteErasedPhoto(dir.path(), "../kiosk.db");  // never a path
  CHECK(std::filesystem::exists(file));
}

TEST_CASE_FIXTURE(ActionFixture, "written files are audited as export, export-failed and certificate") {
  Store store(file, "kiosk-a");
  recordExport(store, "admin", "csv to /tmp/x.csv", kNow);
  recordExportFailure(store, "admin", "pdf November: disk full", kNow);
  recordCertificate(store, "cli", "W1", kNow);
  CHECK(auditRows(store, "admin", "export") == 1);
  CHECK(auditRows(store, "admin", "export-failed") == 1);
  CHECK(auditRows(store, "cli", "certificate") == 1);
  CHECK(store.auditLog(3).at(2).detail == "csv to /tmp/x.csv");
}

// [SECTION] refusals

TEST_CASE_FIXTURE(ActionFixture, "refusals change nothing and write no audit row") {
  Store store(file, "kiosk-a");
  const std::int64_t events = store.outboxSize();
  CHECK_FALSE(approveNomination(store, "admin", "no-such-story", kNow));
  CHECK_FALSE(hideNomination(store, "admin", "no-such-story", "why", kNow));
  CHECK_FALSE(eraseEmployee(store, "admin", "nobody", kNow).found);
  const WinnerOutcome badPeriod = selectWinner(store, "admin", approved, "November", "", kNow);
  CHECK_FALSE(badPeriod.winner);
  CHECK(badPeriod.error.find("YYYY-MM") != std::string::npos);
  const WinnerOutcome stillPending = selectWinner(store, "admin", pending, kNovember, "", kNow);
  CHECK_FALSE(stillPending.winner);
  CHECK(stillPending.error.find("pending") != std::string::npos);
  CHECK(selectWinner(store, "admin", "no-such-story", kNovember, "", kNow).error.find("no nomination") !=
        std::string::npos);
  CHECK(allAuditRows(store) == 0);
  CHECK(store.outboxSize() == events);
  CHECK(store.winnersForHr("").empty());
  CHECK(store.nomination(pending)->status == NominationStatus::Pending);
  CHECK(store.nomination(approved)->status == NominationStatus::Approved);
  CHECK_FALSE(store.database().inTransaction());
}

TEST_CASE_FIXTURE(ActionFixture, "an action inside an outer transaction stays undone when that transaction rolls back") {
  Store store(file, "kiosk-a");
  {
    Transaction outer(store.database());
    REQUIRE(approveNomination(store, "admin", pending, kNow));
  }
  CHECK(store.nomination(pending)->status == NominationStatus::Pending);
  CHECK(allAuditRows(store) == 0);
}

// [SECTION] a crash between the action and its audit entry

TEST_CASE_FIXTURE(ActionFixture, "a crash between an action and its audit entry leaves neither") {
  std::int64_t events = 0;
  {
    Store store(file, "kiosk-a");
    events = store.outboxSize();
  }

  SUBCASE("approve") {
    CHECK(crashDuring([this](Store& store) { approveNomination(store, "admin", pending, kNow); }) == 9);
    Store store(file, "kiosk-a");
    CHECK(store.nomination(pending)->status == NominationStatus::Pending);
  }
  SUBCASE("hide") {
    CHECK(crashDuring([this](Store& store) { hideNomination(store, "admin", approved, "names a customer", kNow); }) ==
          9);
    Store store(file, "kiosk-a");
    CHECK(store.nomination(approved)->status == NominationStatus::Approved);
    CHECK(store.nomination(approved)->hideReason.empty());
  }
  SUBCASE("winner") {
    CHECK(crashDuring([this](Store& store) { selectWinner(store, "admin", approved, kNovember, "Calm.", kNow); }) == 9);
    Store store(file, "kiosk-a");
    CHECK(store.winnersForHr("").empty());
  }
  SUBCASE("erase") {
    CHECK(crashDuring([](Store& store) { eraseEmployee(store, "admin", "E1", kNow); }) == 9);
    Store store(file, "kiosk-a");
    CHECK_FALSE(store.isErased("E1"));
    CHECK(store.employee("E1"));
    CHECK(store.nomination(pending));
  }

  Store store(file, "kiosk-a");
  CHECK(allAuditRows(store) == 0);
  CHECK(store.outboxSize() == events);
  CHECK(store.integrityCheck() == "ok");
}
