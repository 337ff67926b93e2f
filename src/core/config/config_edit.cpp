// In-place editing of kiosk.toml keys and atomic file replacement. Layer: core/config.
#include "core/config/config_edit.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

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

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what) {
  throw std::runtime_error("cannot write " + file.string() + ": " + what + ": " + std::strerror(errno));
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
  mode_t mode = 0600;
  struct stat existing {};
  const bool replacing = ::stat(file.c_str(), &existing) == 0;
  if (replacing) mode = existing.st_mode & 07777;
  const std::filesystem::path temporary = file.parent_path() / ("." + file.filename().string() + ".tmp");
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) fail(temporary, "open");
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t written = ::write(fd, data, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      const int saved = errno;
      ::close(fd);
      ::unlink(temporary.c_str());
      errno = saved;
      fail(temporary, "write");
    }
    data += written;
    left -= static_cast<std::size_t>(written);
  }
  // Keep the owner and group too: kiosk.toml is root:wall-of-fame 0640, and a root-owned
  // replacement would lock the kiosk's own user out of its config. Only root may give a file
  // away, so for anyone else this is best effort and the file stays theirs.
  if (replacing && (existing.st_uid != ::geteuid() || existing.st_gid != ::getegid()) &&
      ::fchown(fd, existing.st_uid, existing.st_gid) != 0 && ::geteuid() == 0) {
    const int saved = errno;
    ::close(fd);
    ::unlink(temporary.c_str());
    errno = saved;
    fail(temporary, "chown");
  }
  if (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0) {
    const int saved = errno;
    ::close(fd);
    ::unlink(temporary.c_str());
    errno = saved;
    fail(temporary, "fsync");
  }
  ::close(fd);
  if (::rename(temporary.c_str(), file.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temporary.c_str());
    errno = saved;
    fail(file, "rename");
  }
  const std::filesystem::path folder = file.parent_path().empty() ? "." : file.parent_path();
  const int dirFd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirFd >= 0) {
    ::fsync(dirFd);
    ::close(dirFd);
  }
}

}  // namespace wof::core
