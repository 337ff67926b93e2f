// Logging to stderr for journald. Layer: core.
#include "core/util/log.hpp"

#include <unistd.h>

#include <atomic>
#include <mutex>

namespace wof::core {

namespace {

std::atomic<int> g_level{static_cast<int>(LogLevel::Info)};

}  // namespace

std::optional<LogLevel> parseLogLevel(std::string_view text) {
  if (text == "error") return LogLevel::Error;
  if (text == "warning") return LogLevel::Warning;
  if (text == "info") return LogLevel::Info;
  if (text == "debug") return LogLevel::Debug;
  return std::nullopt;
}

void setLogLevel(LogLevel level) { g_level.store(static_cast<int>(level)); }

bool logEnabled(LogLevel level) { return static_cast<int>(level) <= g_level.load(); }

void logLine(LogLevel level, std::string_view component, std::string_view message) {
  if (!logEnabled(level)) return;
  std::string line = "<" + std::to_string(static_cast<int>(level)) + ">";
  line += component;
  line += ": ";
  // One event, one line: a newline inside a message (a file name, a SQLite error) is escaped.
  for (const char c : message) {
    if (c == '\n') line += "\\n";
    else if (c == '\r') line += "\\r";
    else line += c;
  }
  line += '\n';
  static std::mutex mutex;
  const std::lock_guard lock(mutex);
  // One write(2) per line keeps lines whole even when another process shares stderr.
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t wrote = ::write(STDERR_FILENO, line.data() + done, line.size() - done);
    if (wrote <= 0) break;
    done += static_cast<std::size_t>(wrote);
  }
}

}  // namespace wof::core
