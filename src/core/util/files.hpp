// Files on local disk and on the share: the one durable (atomic) writer, an owned file descriptor,
// a bounded reader of regular files, and the checksum segments carry. Layer: core/util (no other
// core dependency).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wof::core {

// This program's own temporary names start with this; anything else is someone else's.
inline constexpr std::string_view kOwnTempPrefix = ".wof-tmp-";

// FNV-1a (http://www.isthe.com/chongo/tech/comp/fnv/): tiny, no dependency, stable across runs
// and machines, and enough to catch truncation and bit flips; not a defence against forgery.
// 64 bits for segment checksums and demo portrait seeds, 32 bits for the theme's avatar colours.
std::uint64_t fnv1a64(std::string_view bytes);
std::uint32_t fnv1a32(std::string_view bytes);

// An open file descriptor that closes itself: move-only, never throws. close() is for the one
// caller that must know whether closing failed (a write's last error can surface there).
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) noexcept : m_fd(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : m_fd(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) reset(other.release());
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }

  int get() const noexcept { return m_fd; }
  explicit operator bool() const noexcept { return m_fd >= 0; }
  // Gives up ownership: the caller closes the number returned.
  int release() noexcept {
    const int fd = m_fd;
    m_fd = -1;
    return fd;
  }
  // Closes what it holds (errors ignored) and takes `fd`.
  void reset(int fd = -1) noexcept;
  // Closes now and returns ::close()'s result (0, or -1 with errno set); 0 if nothing was held.
  int close() noexcept;

 private:
  int m_fd = -1;
};

// How writeFileDurably and DurableFile put a file in place.
struct DurableOptions {
  // Replace an existing file (only for files that are meant to change, like a heartbeat).
  bool replace = false;
  // fsync the file and its folder. Off only for caches that may be lost in a crash (thumbnails,
  // the font atlas): the rename still keeps a reader from seeing half a file.
  bool flush = true;
  // A replaced file keeps its mode, owner and group (kiosk.toml is root:wall-of-fame 0640); owner
  // and group only where this process may give a file away (root), best effort otherwise.
  bool keepOwnership = false;
  // Mode of a new file (before the umask), and of a replaced one unless keepOwnership.
  unsigned newFileMode = 0644;
};

// Writes `bytes` to `file` so that a crash leaves either no file or the whole file: a temporary
// name in the same folder, fsync, rename, fsync of the folder. Refuses to replace an existing
// file unless `replace` (only for files that are meant to change, like a heartbeat). Returns an
// error message (naming the file and the reason), empty on success.
std::string writeFileDurably(const std::filesystem::path& file, std::string_view bytes, bool replace = false);
// The same for a file produced in pieces (an export of any size in little memory): `produce`
// hands each piece to the sink it is given, in order.
using ByteSink = std::function<void(std::string_view)>;
std::string writeFileDurably(const std::filesystem::path& file, const std::function<void(const ByteSink&)>& produce,
                             bool replace = false);
// Both, with every option.
std::string writeFileDurably(const std::filesystem::path& file, std::string_view bytes, const DurableOptions& options);
std::string writeFileDurably(const std::filesystem::path& file, const std::function<void(const ByteSink&)>& produce,
                             const DurableOptions& options);

// The same for writers that can only be given a file NAME (cairo's PDF surface, libxlsxwriter,
// stb_image_write): write to temporaryPath() (in the same folder, kOwnTempPrefix, the file's
// extension kept), then commit() puts it in place exactly as writeFileDurably does. The
// temporary is removed if commit() fails or was never called.
class DurableFile {
 public:
  explicit DurableFile(std::filesystem::path file, DurableOptions options = {});
  ~DurableFile();
  DurableFile(const DurableFile&) = delete;
  DurableFile& operator=(const DurableFile&) = delete;

  const std::filesystem::path& temporaryPath() const { return m_temporary; }
  const std::filesystem::path& file() const { return m_file; }
  // Returns an error message (naming the file and the reason), empty on success.
  std::string commit();

 private:
  std::filesystem::path m_file;
  std::filesystem::path m_temporary;
  DurableOptions m_options;
  bool m_done = false;
};

// Reads a regular file of at most `maxBytes`; refuses devices, FIFOs and folders, and symlinks
// unless `followSymlink` (for local files IT may link, like kiosk.toml; never for the share).
struct FileBytes {
  std::optional<std::vector<std::uint8_t>> bytes;
  std::string error;
};
FileBytes readRegularFile(const std::filesystem::path& file, std::size_t maxBytes, bool followSymlink = false);
// The bytes read, as text to parse (a view: the bytes must outlive it).
inline std::string_view asText(const std::vector<std::uint8_t>& bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

namespace testing {
// Makes the durable writer behave as on a share without hard links (link() failing with EPERM,
// as on SMB through FUSE): tests of the exclusive-create path on a local folder.
extern bool g_noHardLinks;
}  // namespace testing

}  // namespace wof::core
