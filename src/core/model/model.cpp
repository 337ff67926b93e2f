// The default behaviours and the enum <-> text mappings used by storage, CLI and exports.
// Layer: core.
#include "core/model/model.hpp"

#include <algorithm>
#include <map>

namespace wof::core {

const std::vector<Behaviour>& defaultBehaviours() {
  static const std::vector<Behaviour> kDefaults = {
      {"real-face", "Real face", "Was authentically themselves with a customer, no \"customer-facing\" mask."},
      {"talked-to-customers", "Talked to customers",
       "Went and asked customers real questions, whatever their role."},
      {"people-first", "People first, customer obsessed",
       "Made a colleague the hero so the customer was served."},
      {"delivered-on-promise", "Delivered on the promise",
       "Followed through: on time, complete, calls returned."},
      {"fixed-on-the-spot", "Fixed it on the spot",
       "Used their authority to make it right without passing it up."},
      {"customer-voice", "Brought the customer's voice back",
       "Carried feedback to the team and changed something."},
      {"new-solution", "Brought a new solution", "Innovated for a customer's real problem."},
  };
  return kDefaults;
}

std::string_view toText(NominationStatus status) {
  switch (status) {
    case NominationStatus::Pending: return "pending";
    case NominationStatus::Approved: return "approved";
    case NominationStatus::Hidden: return "hidden";
  }
  return "pending";
}

std::optional<NominationStatus> parseNominationStatus(std::string_view text) {
  if (text == "pending") return NominationStatus::Pending;
  if (text == "approved") return NominationStatus::Approved;
  if (text == "hidden") return NominationStatus::Hidden;
  return std::nullopt;
}

std::string_view toText(NominatorVisibility visibility) {
  switch (visibility) {
    case NominatorVisibility::Public: return "public";
    case NominatorVisibility::Private: return "private";
    case NominatorVisibility::Anonymous: return "anonymous";
  }
  return "anonymous";
}

std::optional<NominatorVisibility> parseNominatorVisibility(std::string_view text) {
  if (text == "public") return NominatorVisibility::Public;
  if (text == "private") return NominatorVisibility::Private;
  if (text == "anonymous") return NominatorVisibility::Anonymous;
  return std::nullopt;
}

std::vector<std::string> departmentsOf(const std::vector<RecognisedPerson>& people) {
  std::map<std::string, int> counts;
  for (const RecognisedPerson& person : people) {
    if (!person.department.empty()) ++counts[person.department];
  }
  std::vector<std::string> departments;
  for (const auto& entry : counts) departments.push_back(entry.first);
  std::stable_sort(departments.begin(), departments.end(),
                   [&counts](const std::string& a, const std::string& b) { return counts[a] > counts[b]; });
  return departments;
}

}  // namespace wof::core
