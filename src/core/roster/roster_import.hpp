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
  std::vector<std::string> photoProblems;  // "photos/E1001.jpg: corrupt JPEG (…)"
};

// Reads `csvFile` with its columns named as the store's fleet.toml [roster] says (fleetRosterHeaders),
// validates it whole, replaces the roster, then copies <photosSource>/<employee-id> with any of
// kPhotoExtensions, in any case, into `photosDir` (as <employee-id> and the extension in lower
// case, ".jpeg" as ".jpg"). A new or changed photo is decoded before it is copied: one that cannot
// be shown is reported with the reason and skipped (the person keeps their previous photo, or gets
// an initials avatar).
RosterFileImport importRosterFile(Store& store, const std::filesystem::path& csvFile,
                                  const std::filesystem::path& photosSource, const std::filesystem::path& photosDir);

}  // namespace wof::core
