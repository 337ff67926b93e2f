// Spec: the data dir must be on a local disk.
#include <doctest/doctest.h>

#include "core/util/local_disk.hpp"
#include "support/test_support.hpp"

using namespace wof::core;

TEST_CASE("network filesystems are recognised by their statfs magic") {
  CHECK(networkFilesystemName(0x6969) == std::optional<std::string>("NFS"));
  CHECK(networkFilesystemName(static_cast<long>(0xFF534D42)) == std::optional<std::string>("SMB/CIFS"));
  CHECK(networkFilesystemName(0x65735546) == std::optional<std::string>("FUSE (sshfs, rclone or similar)"));
  CHECK_FALSE(networkFilesystemName(0xEF53));      // ext4
  CHECK_FALSE(networkFilesystemName(0x01021994));  // tmpfs
}

TEST_CASE("a temp folder, existing or not yet created, is local") {
  wof::test::TempDir dir;
  CHECK_FALSE(networkFilesystemOf(dir.path()));
  CHECK_FALSE(networkFilesystemOf(dir / "not/created/yet"));
}
