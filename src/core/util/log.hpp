// Logging to stderr, one line per event, with the syslog priority prefix that journald reads
// ("<4>sync: share not reachable path=/mnt/wof"). Verbosity comes from kiosk.toml's log_level.
// Layer: core. Thread-safe; lines from several threads never interleave.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace wof::core {

enum class LogLevel { Error = 3, Warning = 4, Info = 6, Debug = 7 };  // syslog priorities

std::optional<LogLevel> parseLogLevel(std::string_view text);  // "error", "warning", "info", "debug"
void setLogLevel(LogLevel level);
bool logEnabled(LogLevel level);

// Writes "<priority>component: message" when `level` is enabled. `message` should end with
// key=value pairs for anything a script may want to grep for.
void logLine(LogLevel level, std::string_view component, std::string_view message);

inline void logError(std::string_view component, std::string_view message) {
  logLine(LogLevel::Error, component, message);
}
inline void logWarning(std::string_view component, std::string_view message) {
  logLine(LogLevel::Warning, component, message);
}
inline void logInfo(std::string_view component, std::string_view message) {
  logLine(LogLevel::Info, component, message);
}
inline void logDebug(std::string_view component, std::string_view message) {
  logLine(LogLevel::Debug, component, message);
}

}  // namespace wof::core
