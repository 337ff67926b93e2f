// fleet.toml on the share: settings every kiosk of the fleet shares (behaviours, moderation
// policy, daily cap, banner). Layer: core/config. A file that fails validation is ignored whole,
// with a report naming each problem, and the settings in force stay.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/model.hpp"

namespace wof::core {

// silent_after_min: how old a heartbeat may be before its kiosk counts as silent. The default
// leaves room for a few missed syncs at the default sync_interval_s (60 s) and a reboot.
inline constexpr int kDefaultSilentAfterMin = 30;
inline constexpr int kMinSilentAfterMin = 2;
inline constexpr int kMaxSilentAfterMin = 7 * 24 * 60;

struct FleetParse {
  std::optional<FleetSettings> settings;
  std::vector<std::string> errors;  // "fleet.toml: key 'daily_cap' must be ..."
  // Keys this version does not know (a typo, or a setting of a newer version while the fleet is
  // being upgraded): reported, and the rest of the file still applies.
  std::vector<std::string> warnings;
};
FleetParse parseFleetToml(std::string_view text, std::string_view fileName);

}  // namespace wof::core
