// Files on local disk and on the share: the one durable (atomic) writer, a bounded reader of
// regular files, and the checksum segments carry. Layer: core/util (no other core dependency).
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

// FNV-1a, 64 bits (http://www.isthe.com/chongo/tech/comp/fnv/): tiny, no dependency, and enough
// to catch truncation and bit flips; not a defence against someone forging a segment.
std::uint64_t fnv1a64(std::string_view bytes);

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

// Reads a regular file of at most `maxBytes`; refuses devices, FIFOs and folders, and symlinks
// unless `followSymlink` (for local files IT may link, like kiosk.toml; never for the share).
struct FileBytes {
  std::optional<std::vector<std::uint8_t>> bytes;
  std::string error;
};
FileBytes readRegularFile(const std::filesystem::path& file, std::size_t maxBytes, bool followSymlink = false);

}  // namespace wof::core
