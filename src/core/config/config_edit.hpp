// Edits one top-level key of kiosk.toml in place, keeping every comment and every other line,
// and writes the file atomically. Layer: core/config. Used by `set-pin`.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace wof::core {

// Returns `toml` with the top-level `key = "value"` line replaced (its trailing comment kept), or
// added after the last top-level line before the first [table] when absent. `value` must need no
// escaping (no quote, backslash or control character): throws std::invalid_argument otherwise.
std::string withTopLevelStringKey(std::string_view toml, std::string_view key, std::string_view value);

// Writes `content` to a temporary file beside `file`, fsyncs it, keeps `file`'s permissions,
// owner and group (0600 for a new file) and renames it over `file`, then fsyncs the folder. A crash leaves the
// old file or the new one, never half of either. Throws std::runtime_error naming the file.
void writeFileAtomically(const std::filesystem::path& file, std::string_view content);

}  // namespace wof::core
