// Refuses a data dir on a network filesystem: SQLite's locking and fsync are not to be trusted
// over NFS/SMB, and the kiosk must keep working when the network is gone. Layer: core.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace wof::core {

// The network filesystem holding `path` (or its nearest existing parent), e.g. "NFS" or
// "SMB/CIFS"; nullopt for a local disk.
std::optional<std::string> networkFilesystemOf(const std::filesystem::path& path);

// What the filesystem holding `dir` says about writing there: "read-only", "full" (no block
// left for us), or empty. For naming a failed write when SQLite's error alone cannot tell.
std::string diskFaultAt(const std::filesystem::path& dir);

// The name for a statfs f_type magic number when it is a network or user-space filesystem.
std::optional<std::string> networkFilesystemName(long magic);

}  // namespace wof::core
