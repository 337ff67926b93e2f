// The rules a nomination must pass, in one place for the UI wizard and the CLI.
// Layer: core. Pure functions over a draft and the facts the store looked up; they never write.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/model/model.hpp"

namespace wof::core {

inline constexpr std::size_t kStoryMinChars = 20;
inline constexpr std::size_t kStoryMaxChars = 1000;

struct NominationDraft {
  std::string nomineeId;
  std::string behaviourKey;
  std::string story;
  std::optional<std::string> nominatorId;  // nullopt: anonymous
  NominatorVisibility visibility = NominatorVisibility::Anonymous;
};

enum class Rule {
  NomineeUnknown,
  NomineeInactive,
  BehaviourUnknown,
  StoryInvalidUtf8,
  StoryTooShort,
  StoryTooLong,
  NominatorUnknown,
  SelfNomination,
  DailyCapReached,
  NotSaved,  // not a rule: the kiosk's disk refused the write (full, read-only); shown on the review step
};

struct RuleViolation {
  Rule rule;
  std::string message;  // in words a person understands, ready to show
};

// What the store knows about a draft, gathered before the rules run.
struct NominationFacts {
  std::optional<Employee> nominee;
  bool behaviourKnown = false;
  std::optional<Employee> nominator;  // looked up when the draft names one
  int nominatorCountToday = 0;        // nominations this nominator already made today
  int dailyCap = 3;
};

// Checks only the story: valid UTF-8 and 20–1000 characters once trimmed. The wizard runs it live.
std::optional<RuleViolation> checkStory(std::string_view story);

// Checks every rule in the order a person meets them; the first failure wins.
std::optional<RuleViolation> checkNomination(const NominationDraft& draft, const NominationFacts& facts);

// What the kiosk says when the disk refused to save a nomination (`diskFault` from
// SqliteError::diskFault: "full", "read-only", or empty for another storage failure).
RuleViolation notSaved(std::string_view diskFault);

}  // namespace wof::core
