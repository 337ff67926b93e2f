// In-place editing of kiosk.toml keys and atomic file replacement. Layer: core/config.
#include "core/config/config_edit.hpp"

#include <stdexcept>
#include <vector>

#include "core/util/files.hpp"

namespace wof::core {

namespace {

std::string_view trimLeft(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return text;
}

// True for `key = ...` or `key=...` (bare key, optional whitespace).
bool isKeyLine(std::string_view line, std::string_view key) {
  line = trimLeft(line);
  if (line.substr(0, key.size()) != key) return false;
  line = trimLeft(line.substr(key.size()));
  return !line.empty() && line.front() == '=';
}

// The comment at the end of a `key = "value"  # comment` line, or empty. The value is a basic
// string without escapes in the lines we rewrite, so the first '#' after the closing quote starts it.
std::string trailingComment(std::string_view line) {
  const std::size_t equals = line.find('=');
  std::size_t pos = equals + 1;
  while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
  if (pos < line.size() && (line[pos] == '"' || line[pos] == '\'')) {
    const std::size_t close = line.find(line[pos], pos + 1);
    if (close == std::string_view::npos) return {};
    pos = close + 1;
  }
  const std::size_t hash = line.find('#', pos);
  return hash == std::string_view::npos ? std::string() : std::string(line.substr(hash));
}

}  // namespace

std::string withTopLevelStringKey(std::string_view toml, std::string_view key, std::string_view value) {
  for (const char c : value) {
    if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      throw std::invalid_argument("value for " + std::string(key) + " must not need escaping");
  }
  const std::string newLine = std::string(key) + " = \"" + std::string(value) + "\"";

  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < toml.size()) {
    const std::size_t end = toml.find('\n', start);
    if (end == std::string_view::npos) {
      lines.push_back(toml.substr(start));
      break;
    }
    lines.push_back(toml.substr(start, end - start + 1));  // keeps its '\n' (and any '\r')
    start = end + 1;
  }

  std::string out;
  bool replaced = false;
  bool inTopLevel = true;
  std::size_t insertAt = std::string::npos;  // offset in `out` after the last top-level key line
  for (const std::string_view line : lines) {
    const std::string_view body = trimLeft(line);
    if (!body.empty() && body.front() == '[') {
      if (inTopLevel && !replaced) {
        if (insertAt == std::string::npos) insertAt = out.size();
        out.insert(insertAt, newLine + "\n");
        replaced = true;
      }
      inTopLevel = false;
    }
    if (inTopLevel && !replaced && isKeyLine(line, key)) {
      const bool crlf = line.size() >= 2 && line.substr(line.size() - 2) == "\r\n";
      const bool lf = !line.empty() && line.back() == '\n';
      std::string_view content = line.substr(0, line.size() - (crlf ? 2 : lf ? 1 : 0));
      const std::string comment = trailingComment(content);
      const std::size_t indent = content.size() - trimLeft(content).size();
      out += std::string(content.substr(0, indent)) + newLine + (comment.empty() ? "" : "  " + comment) +
             (crlf ? "\r\n" : lf ? "\n" : "");
      replaced = true;
      continue;
    }
    out += line;
    if (inTopLevel && !body.empty() && body.front() != '#' && body.front() != '\n' && body.front() != '\r')
      insertAt = out.size();
  }
  if (!replaced) {
    if (!out.empty() && out.back() != '\n') out += '\n';
    out += newLine + "\n";
  }
  return out;
}

void writeFileAtomically(const std::filesystem::path& file, std::string_view content) {
  // Keep the mode, owner and group too: kiosk.toml is root:wall-of-fame 0640, and a root-owned
  // replacement would lock the kiosk's own user out of its config. A new file is 0600.
  const std::string error =
      writeFileDurably(file, content, DurableOptions{.replace = true, .keepOwnership = true, .newFileMode = 0600});
  if (!error.empty()) throw std::runtime_error("cannot write " + file.string() + ": " + error);
}

}  // namespace wof::core
