// Numbered schema migrations under PRAGMA user_version. Each step and its version bump commit in
// one transaction, so a crash mid-upgrade leaves the previous version intact.
// Layer: core/store.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "core/model/model.hpp"
#include "core/storage/database.hpp"

namespace wof::core {

struct Migration {
  int version;  // user_version after this step
  std::string_view name;
  std::function<void(Database&)> apply;
};

// Every step, oldest first. Append new steps; never edit a released one.
const std::vector<Migration>& migrations();

// Applies the steps above `PRAGMA user_version` up to `target` (default: all). Refuses a database
// newer than this program knows. Returns the resulting version.
int migrate(Database& db, int target = -1);

// Counts approved stories per person per month again, in db.timeZone(), and records that zone's
// name in meta 'calendar.time_zone'. One transaction (nested in the caller's, if any).
void rebuildMonthlyRecognition(Database& db);

// Roster search (migrations 9 and 11): one row per word (searchTokens) of an active employee's
// name, own Latin spelling, department, title and id, and of the Latin reading of the name,
// department and title (latinReading: "dmitrij" for Дмитрий), with their name for ordering.
// Replaces the employee's words.
void indexForSearch(Database& db, const Employee& employee);
void unindexForSearch(Database& db, std::string_view employeeId);

}  // namespace wof::core
