// The kiosk's local database: roster, behaviours, nominations, applause, event outbox, audit log.
// Layer: core/store. The UI and CLI call these functions and get plain structs back; no SQL
// leaves this file's .cpp. Every change that other kiosks must learn about also appends an
// event to the outbox in the same transaction (the sync layer publishes them).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/database.hpp"
#include "core/hlc.hpp"
#include "core/model.hpp"
#include "core/nomination_rules.hpp"

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
  // Opens or creates the database and brings its schema up to date.
  Store(const std::filesystem::path& file, std::string kioskId);

  const std::string& kioskId() const { return m_kioskId; }
  Database& database() { return m_db; }

  // [SECTION] roster
  // Replaces the roster in one transaction: new people are added, known ones updated, and anyone
  // missing from `employees` becomes inactive (kept for history). Photos are kept unless the
  // employee's photoFile is non-empty.
  RosterImportSummary replaceRoster(const std::vector<Employee>& employees);
  void setEmployeePhoto(std::string_view employeeId, std::string_view photoFile);
  std::optional<Employee> employee(std::string_view id);
  std::vector<Employee> employees(bool activeOnly);
  // Search-as-you-type over name, department and title: case- and accent-insensitive word
  // prefixes ("jos nu" finds "José Núñez"). Active employees only, best matches first.
  std::vector<Employee> searchEmployees(std::string_view query, int limit);

  // [SECTION] behaviours
  void setBehaviours(const std::vector<Behaviour>& behaviours);
  std::vector<Behaviour> behaviours();

  // [SECTION] nominations
  // Checks the rules and, if they pass, commits the nomination durably with its outbox event.
  SubmitOutcome submitNomination(const NominationDraft& draft, TimeMs now, const NominationPolicy& policy);
  std::optional<Nomination> nomination(std::string_view id);
  // Approve or hide; returns false when no such nomination exists.
  bool setStatus(std::string_view nominationId, NominationStatus status, std::string_view reason, TimeMs now);
  // One more applause from this kiosk; returns the new total, or nullopt for an unknown story.
  std::optional<std::int64_t> applaud(std::string_view nominationId, TimeMs now);

  // [SECTION] wall and reports
  // Approved stories created in `period`, newest first. People who declined the wall are left out.
  std::vector<WallStory> wallStories(Period period, int limit);
  // People with approved stories in `period`, most recognised first, then by name.
  std::vector<RecognisedPerson> recognisedPeople(Period period);
  // One person's approved stories, newest first (empty when they declined the wall).
  std::vector<WallStory> storiesFor(std::string_view employeeId);
  std::vector<LabelCount> countByBehaviour(Period period);
  std::vector<LabelCount> countByDepartment(Period period);
  std::vector<LabelCount> countByMonth(Period period);  // label "YYYY-MM", UTC
  // Every non-hidden nomination the filter covers, oldest first (then by id), names resolved.
  std::vector<ReportRow> reportRows(const ReportFilter& filter);

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
  // Every period's winners for the hall of fame, newest period first; declined people left out.
  std::vector<Winner> hallOfFame();
  // The period's pending and approved nominations grouped by nominee, most nominated first, for
  // HR picking winners (everyone, including people who declined the wall).
  std::vector<PeriodCandidate> candidatesFor(Period period);

  // [SECTION] outbox, audit, health
  std::vector<OutboxEvent> pendingEvents(int limit);
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

  Database m_db;
  std::string m_kioskId;
  HybridClock m_clock;
};

}  // namespace wof::core
