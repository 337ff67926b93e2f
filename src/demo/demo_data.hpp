// Demo data for `wall-of-fame demo-data` and `kiosk --demo`: a made-up company's roster,
// illustrated portraits, a fleet.toml and three months of nominations, identical on every run.
// Layer: core. Pure generators plus one writer of a share folder; no UI, no database.
#pragma once

#include <filesystem>
#include <vector>

#include "core/model/model.hpp"
#include "core/model/nomination_rules.hpp"
#include "core/photos/photo.hpp"

namespace wof::core {

// About sixty people in eight departments at two sites (Lyon and Leeds), ids "E1001" upwards.
// Names come from many cultures (accents, apostrophes, hyphens), emails are ASCII. Everyone is
// active; three people have not consented to the wall. photoFile is empty: it is set on import.
std::vector<Employee> demoRoster();

// A friendly illustrated head-and-shoulders avatar, `size` pixels square, opaque, antialiased.
// Skin tone, hair, clothes, glasses and background follow from a hash of the employee's id, so
// a person always gets the same picture. Throws std::invalid_argument unless 1 <= size <= 4096.
Rgba renderDemoPortrait(const Employee& employee, int size);

// Writes a demo share into `dir` (created as needed):
//   roster/employees.csv           the demoRoster(), header kRosterHeader
//   roster/photos/<id>.jpg|.png    a portrait for most people (about a fifth as PNG, five none)
//   fleet.toml                     commented fleet settings and the default behaviours
// Existing files of the same names are replaced. Throws std::runtime_error naming the path when
// a folder or file cannot be written.
void writeDemoShare(const std::filesystem::path& dir);

// The demo share's fleet.toml: commented settings, a banner and the default behaviours.
std::string demoFleetToml();

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
