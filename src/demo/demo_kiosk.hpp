// Sets up a complete demo kiosk in a folder: a demo share (roster, photos, fleet.toml), a local
// database with the roster imported and three months of nominations. Used by `kiosk --demo`
// and by tests. Layer: core.
#pragma once

#include <filesystem>
#include <string_view>

#include "core/config/config.hpp"
#include "core/config/data_dir.hpp"
#include "core/storage/store.hpp"

namespace wof::core {

// The demo's admin PIN, printed when the demo starts so a visitor can try HR's screens.
inline constexpr std::string_view kDemoAdminPin = "1234";

struct DemoKiosk {
  Config config;                      // kiosk "demo", data in <root>/data, share in <root>/share, PIN kDemoAdminPin
  std::filesystem::path databaseFile;
  std::filesystem::path photosDir;
};

// Builds everything under `root` (created if needed) with stories dated relative to `now`.
DemoKiosk prepareDemoKiosk(const std::filesystem::path& root, TimeMs now);

}  // namespace wof::core
