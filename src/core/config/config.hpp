// kiosk.toml → one validated Config. Every key is checked; an error names the file, the key and
// what was expected. Layer: core. Missing optional keys take the defaults shown in
// kiosk-config/kiosk.toml.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/log.hpp"
#include "core/model/model.hpp"
#include "core/config/screen_schedule.hpp"
#include "core/util/time_zone.hpp"

namespace wof::core {

struct IdleSettings {
  int wizardTimeoutS = 60;  // inactivity in the nomination wizard before "Still there?"
  int stillThereS = 15;     // countdown on "Still there?" before everything typed is wiped
  int adminTimeoutS = 120;  // inactivity before the admin session ends
};

struct DisplaySettings {
  bool fullscreen = true;
  int width = 1920;   // used when not full screen
  int height = 1080;
  int monitor = 0;    // index of the monitor for full screen
  double uiScale = 0; // 0: derive from the screen height (1.0 at 1080 px)
  bool allowQuit = false;  // development only: Escape or the window manager may close a full-screen kiosk
  // Seconds each spotlight story rests before the next slides in; 0: no slide (a finger still
  // swipes), so an untouched wall draws nothing at all.
  int spotlightSeconds = 8;
};

struct ScheduleSettings {
  ScreenSchedule hours;  // [schedule] mon ... sun; a missing day is on all day
  int wakeMinutes = 5;   // a touch on a dark screen lights it this long
};

struct Config {
  std::filesystem::path file;  // where it was loaded from, for messages
  std::string kioskId;
  std::string site;
  std::filesystem::path dataDir;
  std::filesystem::path shareDir;  // empty: stand-alone kiosk
  int syncIntervalS = 60;
  std::string language = "en";
  // IANA name of the company's clock where fleet.toml sets none; empty: the system's zone.
  std::string timeZone;
  ModerationPolicy moderation = ModerationPolicy::Auto;
  int dailyCap = 3;   // nominations per nominator per day
  int wallDays = 90;  // how far back the wall looks
  IdleSettings idle;
  DisplaySettings display;
  ScheduleSettings schedule;
  std::string adminPinHash;  // argon2id string from set-pin; empty: admin mode disabled
  LogLevel logLevel = LogLevel::Info;
};

struct ConfigResult {
  std::optional<Config> config;
  std::vector<std::string> errors;  // each "FILE: key 'x' ...", all of them, not just the first
};

inline constexpr std::size_t kMaxConfigBytes = 1024u * 1024u;

// kiosk.toml's time_zone, else the system's (TZ, /etc/localtime): the company's clock while
// fleet.toml sets none.
TimeZone kioskTimeZone(const Config& config);

ConfigResult parseConfig(std::string_view text, const std::filesystem::path& file);
ConfigResult loadConfig(const std::filesystem::path& file);

// A kiosk id names a folder on the share: 1–40 of [a-z0-9-], starting with a letter or digit.
bool isValidKioskId(std::string_view id);
// Supported UI languages.
const std::vector<std::string>& supportedLanguages();

}  // namespace wof::core
