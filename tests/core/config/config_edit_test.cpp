// Spec: editing one kiosk.toml key in place (set-pin) keeps every other line and comment.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include "core/config/config.hpp"
#include "core/config/config_edit.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;

TEST_CASE("an existing key is replaced in place, comments and other lines kept") {
  const std::string before =
      "# kiosk settings\nkiosk_id = \"lobby-1\"\n# the PIN\nadmin_pin_hash = \"\"  # set-pin writes this\n"
      "[idle]\nadmin_timeout_s = 120\n";
  const std::string after = withTopLevelStringKey(before, "admin_pin_hash", "$argon2id$v=19$abc");
  CHECK(after ==
        "# kiosk settings\nkiosk_id = \"lobby-1\"\n# the PIN\nadmin_pin_hash = \"$argon2id$v=19$abc\"  # set-pin writes "
        "this\n[idle]\nadmin_timeout_s = 120\n");
}

TEST_CASE("a missing key is added among the top-level keys, before the first table") {
  const std::string before = "kiosk_id = \"lobby-1\"\nsite = \"Lyon\"\n\n# display\n[display]\nwidth = 1920\n";
  const std::string after = withTopLevelStringKey(before, "admin_pin_hash", "$argon2id$x");
  CHECK(after == "kiosk_id = \"lobby-1\"\nsite = \"Lyon\"\nadmin_pin_hash = \"$argon2id$x\"\n\n# display\n[display]\nwidth = 1920\n");
  CHECK(withTopLevelStringKey("kiosk_id = \"a\"", "admin_pin_hash", "h") == "kiosk_id = \"a\"\nadmin_pin_hash = \"h\"\n");
}

TEST_CASE("a key of the same name inside a table is left alone") {
  const std::string before = "kiosk_id = \"a\"\n[other]\nadmin_pin_hash = \"keep\"\n";
  CHECK(withTopLevelStringKey(before, "admin_pin_hash", "h") ==
        "kiosk_id = \"a\"\nadmin_pin_hash = \"h\"\n[other]\nadmin_pin_hash = \"keep\"\n");
}

TEST_CASE("a value needing escapes is refused") {
  CHECK_THROWS_AS(withTopLevelStringKey("", "k", "a\"b"), std::invalid_argument);
  CHECK_THROWS_AS(withTopLevelStringKey("", "k", "a\nb"), std::invalid_argument);
}

TEST_CASE("the example kiosk.toml keeps parsing after the edit, with the hash set") {
  const std::string example = readFile(std::filesystem::path(WOF_SOURCE_DIR) / "kiosk-config" / "kiosk.toml");
  const std::string hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNo";
  const std::string edited = withTopLevelStringKey(example, "admin_pin_hash", hash);
  const ConfigResult parsed = parseConfig(edited, "kiosk.toml");
  REQUIRE_MESSAGE(parsed.config, (parsed.errors.empty() ? "" : parsed.errors.front()));
  CHECK(parsed.config->adminPinHash == hash);
  CHECK(edited.size() == example.size() + hash.size());
}

TEST_CASE("an atomic write replaces the file and keeps its permissions") {
  TempDir dir;
  const auto file = dir / "kiosk.toml";
  writeFile(file, "old");
  ::chmod(file.c_str(), 0640);
  writeFileAtomically(file, "new content");
  CHECK(readFile(file) == "new content");
  struct stat info {};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0640);
  CHECK(leftoverTemporaries(dir.path()).empty());
}

TEST_CASE("an atomic write keeps the file's group, so the kiosk's user can still read its config") {
  TempDir dir;
  const auto file = dir / "kiosk.toml";
  writeFile(file, "old");
  ::chmod(file.c_str(), 0640);
  const gid_t kioskGroup = ::getegid() == 1 ? 2 : 1;  // any group other than ours ("daemon" on Debian)
  if (::chown(file.c_str(), static_cast<uid_t>(-1), kioskGroup) != 0) {
    MESSAGE("not root: cannot give the file another group here, nothing to check");
    return;
  }
  writeFileAtomically(file, "new content");
  struct stat info {};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  CHECK(info.st_gid == kioskGroup);
  CHECK((info.st_mode & 0777) == 0640);
}
