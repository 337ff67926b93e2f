// HR's actions, each with its audit entry in one transaction. Store's own methods open a
// Transaction of their own; inside ours it nests as a savepoint, so the commit here is the one
// that makes the action and its audit entry durable together.
#include "core/admin/admin_actions.hpp"

#include <system_error>
#include <utility>

#include "core/storage/database.hpp"

namespace wof::core {

namespace {

std::function<void()>& adminActionHook() {
  static std::function<void()> hook;
  return hook;
}

void afterAction() {
  if (const std::function<void()>& hook = adminActionHook()) hook();
}

}  // namespace

// [SECTION] moderation

bool approveNomination(Store& store, std::string_view actor, std::string_view nominationId, TimeMs now) {
  Transaction transaction(store.database());
  if (!store.setStatus(nominationId, NominationStatus::Approved, "", now)) return false;
  afterAction();
  store.audit(actor, "approve", nominationId, now);
  transaction.commit();
  return true;
}

bool hideNomination(Store& store, std::string_view actor, std::string_view nominationId, std::string_view reason,
                    TimeMs now) {
  Transaction transaction(store.database());
  if (!store.setStatus(nominationId, NominationStatus::Hidden, reason, now)) return false;
  afterAction();
  std::string detail(nominationId);
  if (!reason.empty()) detail += " reason: " + std::string(reason);
  store.audit(actor, "hide", detail, now);
  transaction.commit();
  return true;
}

// [SECTION] champions

WinnerOutcome selectWinner(Store& store, std::string_view actor, std::string_view nominationId,
                           std::string_view period, std::string_view citation, TimeMs now) {
  Transaction transaction(store.database());
  WinnerOutcome outcome = store.selectWinner(nominationId, period, citation, now);
  if (!outcome.winner) return outcome;
  afterAction();
  store.audit(actor, "winner", outcome.winner->id + " " + outcome.winner->period + " " + std::string(nominationId),
              now);
  transaction.commit();
  return outcome;
}

// [SECTION] erasure

EraseOutcome eraseEmployee(Store& store, std::string_view actor, std::string_view employeeId, TimeMs now) {
  Transaction transaction(store.database());
  EraseOutcome outcome = store.eraseEmployee(employeeId, now);
  if (!outcome.found) return outcome;
  afterAction();
  store.audit(actor, kAuditActionErasure, employeeId, now);
  transaction.commit();
  return outcome;
}

void deleteErasedPhoto(const std::filesystem::path& photosDir, const std::string& photoFile) {
  if (photoFile.empty() || photoFile.front() == '.' || photoFile.find('/') != std::string::npos) return;
  std::error_code ignored;
  std::filesystem::remove(photosDir / photoFile, ignored);
}

// [SECTION] files HR wrote

void recordExport(Store& store, std::string_view actor, std::string_view detail, TimeMs now) {
  store.audit(actor, "export", detail, now);
}

void recordExportFailure(Store& store, std::string_view actor, std::string_view detail, TimeMs now) {
  store.audit(actor, "export-failed", detail, now);
}

void recordCertificate(Store& store, std::string_view actor, std::string_view winnerId, TimeMs now) {
  store.audit(actor, "certificate", winnerId, now);
}

namespace testing {
void setAdminActionHook(std::function<void()> hook) { adminActionHook() = std::move(hook); }
}  // namespace testing

}  // namespace wof::core
