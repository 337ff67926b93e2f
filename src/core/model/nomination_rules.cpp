// The nomination rules. Layer: core. Messages are written for the person at the kiosk.
#include "core/model/nomination_rules.hpp"

#include "core/util/text.hpp"

namespace wof::core {

std::optional<RuleViolation> checkStory(std::string_view story) {
  if (!isValidUtf8(story))
    return RuleViolation{Rule::StoryInvalidUtf8, "The story contains characters that cannot be read. Please retype it."};
  const std::size_t length = countCodePoints(trim(story));
  if (length < kStoryMinChars)
    return RuleViolation{Rule::StoryTooShort, "Please tell the story in at least " + std::to_string(kStoryMinChars) +
                                                  " characters (you have " + std::to_string(length) + ")."};
  if (length > kStoryMaxChars)
    return RuleViolation{Rule::StoryTooLong, "Please keep the story to " + std::to_string(kStoryMaxChars) +
                                                 " characters (you have " + std::to_string(length) + ")."};
  return std::nullopt;
}

std::optional<RuleViolation> checkNomination(const NominationDraft& draft, const NominationFacts& facts) {
  if (!facts.nominee)
    return RuleViolation{Rule::NomineeUnknown, "We could not find that colleague (" + draft.nomineeId +
                                                   ") on the staff list. Please pick them from the list."};
  if (!facts.nominee->active)
    return RuleViolation{Rule::NomineeInactive,
                         facts.nominee->displayName + " is no longer on the staff list, so they cannot be nominated."};
  if (!facts.behaviourKnown)
    return RuleViolation{Rule::BehaviourUnknown,
                         "\"" + draft.behaviourKey + "\" is not one of the behaviours we recognise. Please pick one."};
  if (auto story = checkStory(draft.story)) return story;
  if (draft.nominatorId) {
    if (!facts.nominator || !facts.nominator->active)
      return RuleViolation{Rule::NominatorUnknown, "We could not find you (" + *draft.nominatorId +
                                                       ") on the staff list. Pick your name, or stay anonymous."};
    if (*draft.nominatorId == draft.nomineeId)
      return RuleViolation{Rule::SelfNomination,
                           "You cannot nominate yourself. Ask a colleague to tell your story instead!"};
    if (facts.nominatorCountToday >= facts.dailyCap)
      return RuleViolation{Rule::DailyCapReached, "You have already made " + std::to_string(facts.nominatorCountToday) +
                                                      " nominations today, the daily limit. Thank you — come back tomorrow!"};
  }
  return std::nullopt;
}

RuleViolation notSaved(std::string_view diskFault) {
  const std::string what = diskFault.empty() ? "the kiosk's storage failed" : "the kiosk's disk is " + std::string(diskFault);
  return RuleViolation{Rule::NotSaved, "Could not save \u2014 " + what + ". Your nomination was not saved; please tell IT."};
}

}  // namespace wof::core
