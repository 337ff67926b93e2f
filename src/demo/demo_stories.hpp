// The demo's stories: about 150 nominations over three months, told by colleagues about the
// demo roster, that obey the nomination rules and replay the same on every run.
// Layer: demo. Pure generator; the caller replays them into a database.
#pragma once

#include <vector>

#include "core/model/model.hpp"
#include "core/model/nomination_rules.hpp"

namespace wof::core {

// One nomination to replay into a demo database, as if entered at a kiosk at `createdAt`.
struct DemoNomination {
  NominationDraft draft;
  TimeMs createdAt = 0;
  NominationStatus status = NominationStatus::Approved;
  int applause = 0;  // applause taps to replay; 0 for anything not on the wall
};

// About 150 nominations over the 90 days before `now` (busier recently, quieter at weekends),
// every behaviour in defaultBehaviours() at least ten times, sorted by createdAt. Most of the
// roster is recognised at least once and a few people several times. The newest few are Pending;
// about twelve are anonymous and ten private. They obey the nomination rules: known active
// nominees, valid stories, no self-nomination, at most three per nominator per UTC day.
// `roster` is normally demoRoster(); inactive people are skipped. Fewer than two active people
// gives an empty list.
std::vector<DemoNomination> demoNominations(const std::vector<Employee>& roster, TimeMs now);

}  // namespace wof::core
