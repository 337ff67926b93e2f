// The demo share: a folder as HR's tooling would leave it (roster CSV, portraits, fleet.toml),
// for `wall-of-fame demo-data` and `kiosk --demo`.
// Layer: demo. The only demo file that writes to disk.
#pragma once

#include <filesystem>
#include <string>

namespace wof::core {

// Writes a demo share into `dir` (created as needed):
//   roster/employees.csv           the demoRoster(), header kRosterHeader
//   roster/photos/<id>.jpg|.png    a portrait for most people (about a fifth as PNG, five none)
//   fleet.toml                     commented fleet settings and the default behaviours
// Existing files of the same names are replaced. Throws std::runtime_error naming the path when
// a folder or file cannot be written.
void writeDemoShare(const std::filesystem::path& dir);

// The demo share's fleet.toml: commented settings, a banner and the default behaviours.
std::string demoFleetToml();

}  // namespace wof::core
