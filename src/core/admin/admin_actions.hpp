// HR's actions (approve, hide, pick a champion, erase someone) and the audit entries of files HR
// writes, each with its audit entry in the same transaction: both land or neither does. Layer:
// core. The admin screen (actor "admin") and the command line (actor "cli") both call these.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "core/model/model.hpp"
#include "core/storage/store.hpp"

namespace wof::core {

// Approves a nomination; audit "approve" with the nomination id. False: no such nomination,
// nothing written.
bool approveNomination(Store& store, std::string_view actor, std::string_view nominationId, TimeMs now);

// Hides a nomination with HR's reason; audit "hide" with "<id> reason: <reason>" (the id alone
// for an empty reason). False: no such nomination, nothing written.
bool hideNomination(Store& store, std::string_view actor, std::string_view nominationId, std::string_view reason,
                    TimeMs now);

// Store::selectWinner, and on success audit "winner" with "<winner id> <period> <nomination id>".
// A refusal comes back as the outcome's error, with nothing written.
WinnerOutcome selectWinner(Store& store, std::string_view actor, std::string_view nominationId,
                           std::string_view period, std::string_view citation, TimeMs now);

// Store::eraseEmployee, and when found audit kAuditActionErasure with the bare employee id. The
// caller deletes the returned photo file afterwards (deleteErasedPhoto).
EraseOutcome eraseEmployee(Store& store, std::string_view actor, std::string_view employeeId, TimeMs now);

// Deletes an erased person's photo from `photosDir`: only a plain file name inside it, never a
// path; a missing file is not an error.
void deleteErasedPhoto(const std::filesystem::path& photosDir, const std::string& photoFile);

// Audit entries for files HR wrote: "export" (detail says what and where), "export-failed"
// (what and why) and "certificate" (the winner id).
void recordExport(Store& store, std::string_view actor, std::string_view detail, TimeMs now);
void recordExportFailure(Store& store, std::string_view actor, std::string_view detail, TimeMs now);
void recordCertificate(Store& store, std::string_view actor, std::string_view winnerId, TimeMs now);

namespace testing {
// Called inside each action's transaction, after the action's SQL and before its audit entry
// (tests crash the process there). Empty: nothing is called.
void setAdminActionHook(std::function<void()> hook);
}  // namespace testing

}  // namespace wof::core
