// The local data dir (kiosk.toml's data_dir): every file the kiosk keeps there is named here.
// Layer: core/config.
#pragma once

#include <filesystem>

namespace wof::core {

// The kiosk's SQLite database.
std::filesystem::path databaseFileIn(const std::filesystem::path& dataDir);
// Roster photos copied from the share, by the names the roster gives them.
std::filesystem::path photosDirIn(const std::filesystem::path& dataDir);

}  // namespace wof::core
