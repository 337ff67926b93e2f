// Helpers every command shares: loading kiosk.toml with its errors printed, opening the store.
// Layer: app. Defined in commands.cpp.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/storage/store.hpp"

namespace wof::app {

// Loads and validates the config; prints every error to stderr (and copies them to `errors`)
// and returns nullopt on failure.
std::optional<core::Config> loadConfigOrReport(const std::filesystem::path& file,
                                               std::vector<std::string>* errors = nullptr);
// Opens the kiosk's database, creating the data dir on first use; throws with a clear message
// when data_dir is on a network filesystem or cannot be created.
core::Store openStore(const core::Config& config);

}  // namespace wof::app
