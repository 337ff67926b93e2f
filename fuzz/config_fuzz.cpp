// Fuzz target: the config loaders, kiosk.toml (parseConfig) and the share's fleet.toml
// (parseFleetToml), on the same text. Every outcome is a Config or errors naming the file.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/config/config.hpp"
#include "core/config/fleet.hpp"
#include "fuzz_check.hpp"

using namespace wof::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const ConfigResult kiosk = parseConfig(text, "/etc/wall-of-fame/kiosk.toml");
  WOF_FUZZ_CHECK(kiosk.config.has_value() == kiosk.errors.empty());
  for (const std::string& error : kiosk.errors) WOF_FUZZ_CHECK(error.starts_with("/etc/wall-of-fame/kiosk.toml"));
  if (kiosk.config) {
    WOF_FUZZ_CHECK(isValidKioskId(kiosk.config->kioskId));
    WOF_FUZZ_CHECK(kiosk.config->syncIntervalS >= 5);
  }

  const FleetParse fleet = parseFleetToml(text, "fleet.toml");
  WOF_FUZZ_CHECK(fleet.settings.has_value() == fleet.errors.empty());
  for (const std::string& error : fleet.errors) WOF_FUZZ_CHECK(error.starts_with("fleet.toml"));
  return 0;
}
