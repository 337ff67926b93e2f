// The command-line commands of `wall-of-fame`, one function each, as DESIGN.md's contract.
// Layer: app. Each returns the process exit code and prints errors to stderr.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace wof::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
// A command line CLI11 refused (an unknown option, a missing value, --format outside its set).
inline constexpr int kExitUsage = 2;
// status and verify, as monitoring reads a Nagios plugin: the worst of what was checked.
inline constexpr int kExitWarning = 1;
inline constexpr int kExitCritical = 2;
inline constexpr int kExitUnknown = 3;  // the config could not be read, so nothing was checked

// Where --config points, else $WOF_CONFIG, else /etc/wall-of-fame/kiosk.toml.
std::filesystem::path resolveConfigPath(const std::string& option);

struct KioskArgs {
  std::filesystem::path configFile;
  bool demo = false;
  std::string windowed;  // "WxH", empty for full screen
  std::optional<std::filesystem::path> screenshot;
  int screenshotFrames = 30;
  std::optional<std::filesystem::path> screenshotDir;  // --screenshots: every screen, text checked
};
int runKioskCommand(const KioskArgs& args);

struct NominateArgs {
  std::filesystem::path configFile;
  std::string nominee;
  std::string behaviour;
  std::string story;
  std::string from;
  bool isPrivate = false;
};
int runNominate(const NominateArgs& args);

int runImportRoster(const std::filesystem::path& configFile, const std::string& csv);
struct StatusArgs {
  std::filesystem::path configFile;
  bool fleet = false;  // every kiosk's heartbeat instead of this kiosk
  bool json = false;
};
int runStatus(const StatusArgs& args);
// rebuildFromShare: the database was lost; restore this kiosk's published events from its own
// journal and take its kiosk id back before syncing.
int runSync(const std::filesystem::path& configFile, bool rebuildFromShare);

int runEraseEmployee(const std::filesystem::path& configFile, const std::string& employeeId);
int runVerify(const std::filesystem::path& configFile, bool json);
int runDemoData(const std::filesystem::path& out);

}  // namespace wof::app
