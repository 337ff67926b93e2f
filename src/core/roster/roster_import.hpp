// Imports a roster CSV and the photos beside it into the local store, all or nothing for the
// roster. Layer: core. Photos are copied into <data_dir>/photos so the kiosk never needs the share
// to show them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/roster/roster_csv.hpp"
#include "core/storage/store.hpp"

namespace wof::core {

struct RosterFileImport {
  bool accepted = false;              // false: nothing changed, see problems
  RosterImportSummary summary;
  std::vector<RosterProblem> problems;
  std::string readAs;                 // encoding, separator and column names: RosterParse::readAs
  int photosCopied = 0;
  int photosUnchanged = 0;
  std::vector<std::string> photoProblems;  // "photos/E1001.jpg: not a JPEG or PNG image"
};

// Reads `csvFile` with its columns named as the store's fleet.toml [roster] says (fleetRosterHeaders),
// validates it whole, replaces the roster, then copies
// <photosSource>/<employee-id>.jpg|.jpeg|.png into `photosDir`. A bad photo is reported and
// skipped (the person keeps their previous photo, or gets an initials avatar).
RosterFileImport importRosterFile(Store& store, const std::filesystem::path& csvFile,
                                  const std::filesystem::path& photosSource, const std::filesystem::path& photosDir);

}  // namespace wof::core
