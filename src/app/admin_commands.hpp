// HR and IT commands: set-pin (admin PIN into kiosk.toml) and moderate (approve, hide, winner).
// Layer: app. Each returns the process exit code and prints errors to stderr.
#pragma once

#include <filesystem>
#include <string>

namespace wof::app {

// Reads a 4–12 digit PIN from stdin (asked twice, without echo, on a terminal) and writes its
// argon2id hash as admin_pin_hash into `configFile`, keeping every other line.
int runSetPin(const std::filesystem::path& configOption);

struct ModerateArgs {
  std::filesystem::path configFile;
  std::string nominationId;
  bool approve = false;
  bool hide = false;
  std::string reason;        // with --hide
  std::string winnerPeriod;  // "YYYY-MM" with --winner
  std::string citation;      // with --winner
  bool reasonGiven = false;
  bool citationGiven = false;
};
int runModerate(const ModerateArgs& args);

// Lists the Customer Champions of `period` (YYYY-MM; empty: all), one per line:
// winner id, period, employee id, name, citation (tab-separated).
int runWinners(const std::filesystem::path& configFile, const std::string& period);

}  // namespace wof::app
