// fleet.toml parsing and applying. Layer: core/config.
#include "core/config/fleet.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <toml++/toml.h>

#include "core/util/text.hpp"
#include "core/util/time_zone.hpp"

namespace wof::core {

namespace {

bool isValidBehaviourKey(std::string_view key) {
  if (key.empty() || key.size() > 40 || key.front() == '-') return false;
  for (const char c : key)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

}  // namespace

FleetParse parseFleetToml(std::string_view text, std::string_view fileName) {
  FleetParse result;
  const std::string file(fileName);
  auto error = [&result, &file](const std::string& message) { result.errors.push_back(file + ": " + message); };
  auto warnUnknown = [&result, &file](const toml::table& table, std::initializer_list<std::string_view> known,
                                      const std::string& where) {
    for (const auto& [key, node] : table)
      if (std::find(known.begin(), known.end(), key.str()) == known.end())
        result.warnings.push_back(file + ": " + where + "key '" + std::string(key.str()) +
                                  "' is not a setting this version knows (check the spelling against "
                                  "kiosk-config/fleet.toml); it was left out");
  };
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& problem) {
    error("line " + std::to_string(problem.source().begin.line) + ": " + std::string(problem.description()));
    return result;
  }
  warnUnknown(root,
              {"moderation", "daily_cap", "banner", "behaviours", "roster", "time_zone", "silent_after_min",
               "show_silence_marker"},
              "");
  FleetSettings settings;
  if (const toml::node* node = root.get("moderation")) {
    const std::optional<std::string> value = node->value<std::string>();
    if (value == "auto") settings.moderation = ModerationPolicy::Auto;
    else if (value == "hr") settings.moderation = ModerationPolicy::Hr;
    else error("key 'moderation' must be \"auto\" or \"hr\"");
  }
  if (const toml::node* node = root.get("daily_cap")) {
    const std::optional<std::int64_t> value = node->value_exact<std::int64_t>();
    if (value && *value >= 1 && *value <= 100) settings.dailyCap = static_cast<int>(*value);
    else error("key 'daily_cap' must be a whole number from 1 to 100");
  }
  if (const toml::node* node = root.get("banner")) {
    const std::optional<std::string> value = node->value<std::string>();
    if (value && value->size() <= 500) settings.banner = *value;
    else error("key 'banner' must be text of at most 500 bytes");
  }
  if (const toml::node* node = root.get("silent_after_min")) {
    const std::optional<std::int64_t> value = node->value_exact<std::int64_t>();
    if (value && *value >= kMinSilentAfterMin && *value <= kMaxSilentAfterMin) settings.silentAfterMin = static_cast<int>(*value);
    else error("key 'silent_after_min' must be a whole number of minutes from " + std::to_string(kMinSilentAfterMin) +
               " to " + std::to_string(kMaxSilentAfterMin));
  }
  if (const toml::node* node = root.get("show_silence_marker")) {
    if (const std::optional<bool> value = node->value_exact<bool>()) settings.showSilenceMarker = *value;
    else error("key 'show_silence_marker' must be true or false");
  }
  if (const toml::node* node = root.get("time_zone")) {
    const std::optional<std::string> value = node->value<std::string>();
    if (value && TimeZone::named(*value)) settings.timeZone = *value;
    else error("key 'time_zone' must be an IANA time zone such as \"Europe/Berlin\" (see timedatectl list-timezones)" +
               std::string(value ? "; found \"" + *value + "\"" : ""));
  }
  if (const toml::node* node = root.get("behaviours")) {
    const toml::array* list = node->as_array();
    if (!list || list->empty()) {
      error("'behaviours' must be a non-empty list of [[behaviours]] tables");
    } else {
      std::set<std::string> keys;
      std::size_t index = 0;
      for (const toml::node& item : *list) {
        ++index;
        const std::string where = "behaviours #" + std::to_string(index);
        const toml::table* table = item.as_table();
        if (!table) {
          error(where + " must be a table with key, title and description");
          continue;
        }
        warnUnknown(*table, {"key", "title", "description"}, where + ": ");
        Behaviour behaviour;
        behaviour.key = table->get("key") ? table->get("key")->value<std::string>().value_or("") : "";
        behaviour.title = table->get("title") ? table->get("title")->value<std::string>().value_or("") : "";
        behaviour.description =
            table->get("description") ? table->get("description")->value<std::string>().value_or("") : "";
        if (!isValidBehaviourKey(behaviour.key))
          error(where + ": key must be 1 to 40 lower-case letters, digits or '-'");
        else if (!keys.insert(behaviour.key).second)
          error(where + ": key '" + behaviour.key + "' appears twice");
        if (trim(behaviour.title).empty()) error(where + ": title must not be empty");
        settings.behaviours.push_back(std::move(behaviour));
      }
    }
  }
  if (const toml::node* node = root.get("roster")) {
    const toml::table* table = node->as_table();
    if (!table) error("'roster' must be a [roster] table: our column = \"the export's header\"");
    for (const auto& [key, value] : table ? *table : toml::table()) {
      const std::string column(key.str());
      const std::optional<std::string> header = value.value<std::string>();
      if (std::find(kRosterColumns.begin(), kRosterColumns.end(), column) == kRosterColumns.end()) {
        std::string columns;
        for (const std::string_view known : kRosterColumns) columns += (columns.empty() ? "" : ", ") + std::string(known);
        error("[roster] key '" + column + "' is not a roster column; the keys are " + columns);
      } else if (!header || trim(*header).empty() || header->size() > 200) {
        error("[roster] key '" + column + "' must be the header of that column in HR's export, as text of 1 to "
              "200 bytes");
      } else {
        settings.rosterHeaders.emplace(column, std::string(trim(*header)));
      }
    }
    // Two of our columns read from one of the export's: a mistake, whichever column was meant.
    std::map<std::string, std::string> columnOfHeader;
    for (const std::string_view column : kRosterColumns) {
      const auto mapped = settings.rosterHeaders.find(column);
      const std::string header = mapped == settings.rosterHeaders.end() ? std::string(column) : mapped->second;
      std::string key = header;  // headers match whatever their ASCII case, as the roster reads them
      for (char& c : key)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (const auto [first, inserted] = columnOfHeader.emplace(key, column); !inserted)
        error("[roster] keys '" + first->second + "' and '" + std::string(column) + "' both read the column \"" +
              header + "\"; give each its own");
    }
  }
  if (result.errors.empty()) result.settings = std::move(settings);
  return result;
}


}  // namespace wof::core
