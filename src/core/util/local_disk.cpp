// Network filesystem detection with statfs(2). Layer: core.
#include "core/util/local_disk.hpp"

#include <sys/statvfs.h>
#include <sys/vfs.h>

namespace wof::core {

std::optional<std::string> networkFilesystemName(long magic) {
  // Magic numbers from linux/magic.h and the filesystems' own headers.
  switch (static_cast<unsigned long>(magic) & 0xFFFFFFFFul) {
    case 0x6969: return "NFS";
    case 0x517B: return "SMB";
    case 0xFF534D42: return "SMB/CIFS";
    case 0xFE534D42: return "SMB2";
    case 0x65735546: return "FUSE (sshfs, rclone or similar)";
    case 0x564C: return "NCP";
    case 0x73757245: return "Coda";
    case 0x47504653: return "GPFS";
    case 0x00C36400: return "CephFS";
    case 0x0BD00BD0: return "Lustre";
    case 0x01021997: return "9P";
    default: return std::nullopt;
  }
}

std::optional<std::string> networkFilesystemOf(const std::filesystem::path& path) {
  std::filesystem::path probe = std::filesystem::absolute(path);
  std::error_code error;
  while (!std::filesystem::exists(probe, error) && probe.has_relative_path()) probe = probe.parent_path();
  struct statfs info {};
  if (::statfs(probe.c_str(), &info) != 0) return std::nullopt;
  return networkFilesystemName(static_cast<long>(info.f_type));
}

std::string diskFaultAt(const std::filesystem::path& dir) {
  struct statvfs info {};
  if (::statvfs(dir.c_str(), &info) != 0) return {};
  if (info.f_flag & ST_RDONLY) return "read-only";
  if (info.f_bavail == 0) return "full";
  return {};
}

}  // namespace wof::core
