// The local data dir's layout. Layer: core/config.
#include "core/config/data_dir.hpp"

namespace wof::core {

std::filesystem::path databaseFileIn(const std::filesystem::path& dataDir) { return dataDir / "wall-of-fame.db"; }
std::filesystem::path photosDirIn(const std::filesystem::path& dataDir) { return dataDir / "photos"; }

}  // namespace wof::core
