// kiosk.toml loading and validation (toml++). Layer: core.
#include "core/config/config.hpp"

#include <algorithm>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "core/util/files.hpp"
#include "core/util/time_zone.hpp"

namespace wof::core {

namespace {

// Reads keys from one TOML table, records every problem, and remembers which keys it knew so
// that unknown ones (usually typos) can be reported too.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string prefix, const std::filesystem::path& file,
              std::vector<std::string>& errors)
      : m_table(table), m_prefix(std::move(prefix)), m_file(file), m_errors(errors) {}

  void error(std::string_view key, std::string_view message) {
    m_errors.push_back(m_file.string() + ": key '" + m_prefix + std::string(key) + "' " + std::string(message));
  }

  std::string text(std::string_view key, std::string fallback, bool required = false) {
    m_known.insert(std::string(key));
    const toml::node* node = m_table.get(key);
    if (!node) {
      if (required) error(key, "is missing; expected a text value in quotes");
      return fallback;
    }
    if (const auto* value = node->as_string()) return value->get();
    error(key, "must be text in quotes" + got(*node));
    return fallback;
  }

  int integer(std::string_view key, int fallback, int min, int max) {
    m_known.insert(std::string(key));
    const toml::node* node = m_table.get(key);
    if (!node) return fallback;
    const auto* value = node->as_integer();
    if (!value || value->get() < min || value->get() > max) {
      error(key, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max) + got(*node));
      return fallback;
    }
    return static_cast<int>(value->get());
  }

  double number(std::string_view key, double fallback, double min, double max) {
    m_known.insert(std::string(key));
    const toml::node* node = m_table.get(key);
    if (!node) return fallback;
    std::optional<double> value;
    if (const auto* f = node->as_floating_point()) value = f->get();
    if (const auto* i = node->as_integer()) value = static_cast<double>(i->get());
    if (!value || *value < min || *value > max) {
      std::ostringstream range;
      range << "must be a number from " << min << " to " << max;
      error(key, range.str() + got(*node));
      return fallback;
    }
    return *value;
  }

  bool boolean(std::string_view key, bool fallback) {
    m_known.insert(std::string(key));
    const toml::node* node = m_table.get(key);
    if (!node) return fallback;
    if (const auto* value = node->as_boolean()) return value->get();
    error(key, "must be true or false (without quotes)" + got(*node));
    return fallback;
  }

  // A sub-table such as [idle]; nullptr when absent (or reported when it is not a table).
  const toml::table* table(std::string_view key) {
    m_known.insert(std::string(key));
    const toml::node* node = m_table.get(key);
    if (!node) return nullptr;
    if (const auto* value = node->as_table()) return value;
    error(key, "must be a table, written [" + m_prefix + std::string(key) + "]" + got(*node));
    return nullptr;
  }

  void reportUnknownKeys() {
    for (const auto& [key, node] : m_table) {
      if (!m_known.contains(std::string(key.str())))
        error(key.str(), "is not a setting this version knows (check the spelling against kiosk-config/kiosk.toml)");
    }
  }

 private:
  static std::string got(const toml::node& node) {
    std::ostringstream out;
    out << "; found ";
    if (node.is_string()) {
      out << '"' << node.as_string()->get() << '"';
    } else if (node.is_table()) {
      out << "a table";
    } else if (node.is_array()) {
      out << "a list";
    } else {
      node.visit([&out](const auto& value) {
        if constexpr (toml::is_boolean<decltype(value)>)
          out << (value.get() ? "true" : "false");
        else if constexpr (toml::is_number<decltype(value)>)
          out << value.get();
        else
          out << "a date or time";
      });
    }
    return out.str();
  }

  const toml::table& m_table;
  std::string m_prefix;
  const std::filesystem::path& m_file;
  std::vector<std::string>& m_errors;
  std::set<std::string> m_known;
};

std::filesystem::path resolveAgainst(const std::filesystem::path& file, const std::string& value) {
  std::filesystem::path path(value);
  if (path.empty() || path.is_absolute()) return path;
  return (file.parent_path() / path).lexically_normal();
}

}  // namespace

bool isValidKioskId(std::string_view id) {
  if (id.empty() || id.size() > 40 || id.front() == '-') return false;
  for (const char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

const std::vector<std::string>& supportedLanguages() {
  static const std::vector<std::string> kLanguages = {"en", "de"};  // assets/strings/<language>.toml
  return kLanguages;
}

TimeZone kioskTimeZone(const Config& config) {
  if (const std::optional<TimeZone> zone = TimeZone::named(config.timeZone)) return *zone;
  return TimeZone::system();
}

ConfigResult parseConfig(std::string_view text, const std::filesystem::path& file) {
  ConfigResult result;
  toml::table root;
  try {
    root = toml::parse(text, file.string());
  } catch (const toml::parse_error& error) {
    std::ostringstream message;
    message << file.string() << ":" << error.source().begin.line << ":" << error.source().begin.column
            << ": not valid TOML: " << error.description();
    result.errors.push_back(message.str());
    return result;
  }

  Config config;
  config.file = file;
  TableReader top(root, "", file, result.errors);
  config.kioskId = top.text("kiosk_id", "", true);
  // Checked whenever it is text: an empty one too, which would publish into the journal's root
  // folder (found by fuzz/config_fuzz.cpp). Missing or not text was reported above.
  if (root["kiosk_id"].is_string() && !isValidKioskId(config.kioskId))
    top.error("kiosk_id", "must be 1 to 40 lower-case letters, digits or '-' (it names this kiosk's folder on "
                          "the share); found \"" + config.kioskId + "\"");
  config.site = top.text("site", "", true);
  const std::string dataDir = top.text("data_dir", "/var/lib/wall-of-fame");
  if (dataDir.empty()) top.error("data_dir", "must name a folder for the local database");
  config.dataDir = resolveAgainst(file, dataDir);
  config.shareDir = resolveAgainst(file, top.text("share_dir", ""));
  config.syncIntervalS = top.integer("sync_interval_s", config.syncIntervalS, 5, 86400);
  config.language = top.text("language", config.language);
  const auto& languages = supportedLanguages();
  if (std::find(languages.begin(), languages.end(), config.language) == languages.end()) {
    std::string list;
    for (const auto& language : languages) list += (list.empty() ? "\"" : ", \"") + language + "\"";
    top.error("language", "must be one of " + list + "; found \"" + config.language + "\"");
  }
  const std::string moderation = top.text("moderation", "auto");
  if (moderation == "auto") {
    config.moderation = ModerationPolicy::Auto;
  } else if (moderation == "hr") {
    config.moderation = ModerationPolicy::Hr;
  } else {
    top.error("moderation", "must be \"auto\" (show at once) or \"hr\" (show after approval); found \"" +
                                moderation + "\"");
  }
  config.timeZone = top.text("time_zone", "");
  if (!config.timeZone.empty() && !TimeZone::named(config.timeZone))
    top.error("time_zone", "must be an IANA time zone such as \"Europe/Berlin\" (see timedatectl list-timezones); "
                           "found \"" + config.timeZone + "\"");
  config.dailyCap = top.integer("daily_cap", config.dailyCap, 1, 100);
  config.wallDays = top.integer("wall_days", config.wallDays, 1, 3660);
  config.adminPinHash = top.text("admin_pin_hash", "");
  if (!config.adminPinHash.empty() && config.adminPinHash.rfind("$argon2id$", 0) != 0)
    top.error("admin_pin_hash", "must be an argon2id hash written by 'wall-of-fame set-pin', never a PIN itself");

  const std::string logLevel = top.text("log_level", "info");
  if (const auto level = parseLogLevel(logLevel)) {
    config.logLevel = *level;
  } else {
    top.error("log_level", "must be \"error\", \"warning\", \"info\" or \"debug\"; found \"" + logLevel + "\"");
  }

  if (const toml::table* idle = top.table("idle")) {
    TableReader reader(*idle, "idle.", file, result.errors);
    config.idle.wizardTimeoutS = reader.integer("wizard_timeout_s", config.idle.wizardTimeoutS, 10, 3600);
    config.idle.stillThereS = reader.integer("still_there_s", config.idle.stillThereS, 5, 300);
    config.idle.adminTimeoutS = reader.integer("admin_timeout_s", config.idle.adminTimeoutS, 15, 3600);
    reader.reportUnknownKeys();
  }
  if (const toml::table* display = top.table("display")) {
    TableReader reader(*display, "display.", file, result.errors);
    config.display.fullscreen = reader.boolean("fullscreen", config.display.fullscreen);
    config.display.width = reader.integer("width", config.display.width, 320, 16384);
    config.display.height = reader.integer("height", config.display.height, 240, 16384);
    config.display.monitor = reader.integer("monitor", config.display.monitor, 0, 16);
    config.display.uiScale = reader.number("ui_scale", config.display.uiScale, 0.0, 4.0);
    config.display.allowQuit = reader.boolean("allow_quit", config.display.allowQuit);
    config.display.spotlightSeconds = reader.integer("spotlight_seconds", config.display.spotlightSeconds, 0, 3600);
    reader.reportUnknownKeys();
  }
  if (const toml::table* schedule = top.table("schedule")) {
    TableReader reader(*schedule, "schedule.", file, result.errors);
    std::array<DayHours, 7> days;
    for (std::size_t day = 0; day < days.size(); ++day) {
      const std::string_view key = ScreenSchedule::kDayKeys[day];
      const std::string written = reader.text(key, "on");
      std::string problem;
      if (std::optional<DayHours> hours = parseDayHours(written, problem)) {
        days[day] = std::move(*hours);
      } else {
        reader.error(key, problem);
      }
    }
    config.schedule.hours = ScreenSchedule(days);
    config.schedule.wakeMinutes = reader.integer("wake_minutes", config.schedule.wakeMinutes, 1, 240);
    reader.reportUnknownKeys();
  }
  top.reportUnknownKeys();

  if (result.errors.empty()) result.config = std::move(config);
  return result;
}

ConfigResult loadConfig(const std::filesystem::path& file) {
  // Follows a symlink (IT may link kiosk.toml elsewhere), but a FIFO does not hang the start and
  // only a regular file of sensible size is read.
  const FileBytes read = readRegularFile(file, kMaxConfigBytes, /*followSymlink=*/true);
  if (!read.bytes) {
    ConfigResult result;
    std::error_code error;
    result.errors.push_back(file.string() + ": " +
                            (!std::filesystem::exists(file, error) ? "cannot open the config file (no such file)"
                             : read.error.starts_with("is ")   ? read.error
                                                               : "cannot open the config file (" + read.error + ")"));
    return result;
  }
  return parseConfig(asText(*read.bytes), file);
}

}  // namespace wof::core
