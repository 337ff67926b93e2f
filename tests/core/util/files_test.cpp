// Spec: the one durable writer (whole file or none, no temporary left behind), its name-based
// form for writers that only take a file name, UniqueFd, the bounded reader, FNV-1a.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "core/util/files.hpp"
#include "support/test_support.hpp"

using namespace wof::core;

namespace {

// Names in `folder` that start with this program's temporary prefix.
int ownTemporariesIn(const std::filesystem::path& folder) {
  int count = 0;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error))
    if (entry.path().filename().string().starts_with(kOwnTempPrefix)) ++count;
  return count;
}

}  // namespace

TEST_CASE("a durable write creates the whole file and leaves no temporary") {
  wof::test::TempDir dir;
  const std::string big(1 << 20, 'x');
  CHECK(writeFileDurably(dir / "a.txt", big).empty());
  CHECK(wof::test::readFile(dir / "a.txt") == big);
  CHECK(writeFileDurably(dir / "b.txt", [](const ByteSink& sink) {
          sink("one ");
          sink("two");
        }).empty());
  CHECK(wof::test::readFile(dir / "b.txt") == "one two");
  CHECK(ownTemporariesIn(dir.path()) == 0);
}

TEST_CASE("a durable write refuses to replace a file unless told to") {
  wof::test::TempDir dir;
  REQUIRE(writeFileDurably(dir / "sealed", "first").empty());
  CHECK(writeFileDurably(dir / "sealed", "second") ==
        (dir / "sealed").string() + ": already exists; sealed files are never rewritten");
  CHECK(wof::test::readFile(dir / "sealed") == "first");
  CHECK(writeFileDurably(dir / "sealed", "second", /*replace=*/true).empty());
  CHECK(wof::test::readFile(dir / "sealed") == "second");
  CHECK(writeFileDurably(dir / "sealed", "third", DurableOptions{.replace = true, .flush = false}).empty());
  CHECK(wof::test::readFile(dir / "sealed") == "third");
  CHECK(ownTemporariesIn(dir.path()) == 0);
}

TEST_CASE("a failed durable write names the file and leaves nothing behind") {
  wof::test::TempDir dir;
  // Root ignores permissions, so fail by path: a missing folder, and a folder that is a file.
  const std::string missing = writeFileDurably(dir / "missing/a.txt", "x");
  CHECK(missing.find("cannot create") != std::string::npos);
  CHECK(missing.find((dir / "missing").string()) == 0);
  wof::test::writeFile(dir / "plain", "not a folder");
  CHECK_FALSE(writeFileDurably(dir / "plain/a.txt", "x", true).empty());
  // The target name is a folder: rename fails after the bytes were written.
  std::filesystem::create_directory(dir / "taken");
  wof::test::writeFile(dir / "taken/inside", "");
  const std::string taken = writeFileDurably(dir / "taken", "x", true);
  CHECK(taken.find("cannot rename into place") != std::string::npos);
  CHECK(ownTemporariesIn(dir.path()) == 0);
}

TEST_CASE("a kept-ownership replace keeps the mode; a new file gets the mode asked for") {
  wof::test::TempDir dir;
  const DurableOptions options{.replace = true, .keepOwnership = true, .newFileMode = 0600};
  REQUIRE(writeFileDurably(dir / "kiosk.toml", "a", options).empty());
  struct stat info {};
  REQUIRE(::stat((dir / "kiosk.toml").c_str(), &info) == 0);
  CHECK((info.st_mode & 07777) == 0600);
  REQUIRE(::chmod((dir / "kiosk.toml").c_str(), 0640) == 0);
  REQUIRE(writeFileDurably(dir / "kiosk.toml", "b", options).empty());
  REQUIRE(::stat((dir / "kiosk.toml").c_str(), &info) == 0);
  CHECK((info.st_mode & 07777) == 0640);
  CHECK(wof::test::readFile(dir / "kiosk.toml") == "b");
}

TEST_CASE("a durable file by name commits like the writer, and cleans up when not committed") {
  wof::test::TempDir dir;
  std::filesystem::path temporary;
  {
    DurableFile out(dir / "report.pdf");
    temporary = out.temporaryPath();
    CHECK(temporary.parent_path() == dir.path());
    CHECK(temporary.filename().string().starts_with(kOwnTempPrefix));
    CHECK(temporary.extension() == ".pdf");
    wof::test::writeFile(temporary, "abandoned");
  }
  CHECK_FALSE(std::filesystem::exists(temporary));
  CHECK_FALSE(std::filesystem::exists(dir / "report.pdf"));

  {
    DurableFile out(dir / "report.pdf");
    wof::test::writeFile(out.temporaryPath(), "done");
    CHECK(out.commit().empty());
  }
  CHECK(wof::test::readFile(dir / "report.pdf") == "done");
  {
    DurableFile out(dir / "report.pdf");  // no replace: refused, and the temporary goes
    wof::test::writeFile(out.temporaryPath(), "again");
    CHECK(out.commit().find("already exists") != std::string::npos);
  }
  CHECK(wof::test::readFile(dir / "report.pdf") == "done");
  {
    DurableFile out(dir / "report.pdf", DurableOptions{.replace = true});
    wof::test::writeFile(out.temporaryPath(), "again");
    CHECK(out.commit().empty());
  }
  CHECK(wof::test::readFile(dir / "report.pdf") == "again");
  {
    DurableFile out(dir / "never-written.pdf");  // the writer failed before creating anything
    CHECK(out.commit().find("cannot open") != std::string::npos);
  }
  CHECK(ownTemporariesIn(dir.path()) == 0);
}

TEST_CASE("UniqueFd closes its descriptor, and hands it over on move and release") {
  wof::test::TempDir dir;
  wof::test::writeFile(dir / "f", "x");
  int number = -1;
  {
    UniqueFd fd(::open((dir / "f").c_str(), O_RDONLY | O_CLOEXEC));
    REQUIRE(fd);
    number = fd.get();
    UniqueFd moved(std::move(fd));
    CHECK_FALSE(fd);
    CHECK(moved.get() == number);
    CHECK(::fcntl(number, F_GETFD) != -1);
  }
  CHECK(::fcntl(number, F_GETFD) == -1);

  UniqueFd fd(::open((dir / "f").c_str(), O_RDONLY | O_CLOEXEC));
  const int released = fd.release();
  CHECK_FALSE(fd);
  CHECK(::fcntl(released, F_GETFD) != -1);
  fd.reset(released);
  fd.reset();
  CHECK(::fcntl(released, F_GETFD) == -1);
  CHECK(fd.close() == 0);  // nothing held
}

TEST_CASE("readRegularFile refuses a FIFO, a folder, a symlink and an oversized file") {
  wof::test::TempDir dir;
  wof::test::writeFile(dir / "small", "hello");
  const FileBytes good = readRegularFile(dir / "small", 1024);
  REQUIRE(good.bytes);
  CHECK(std::string(good.bytes->begin(), good.bytes->end()) == "hello");

  REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
  CHECK(readRegularFile(dir / "fifo", 1024).error == "is not a regular file");
  CHECK(readRegularFile(dir.path(), 1024).error == "is not a regular file");
  std::filesystem::create_symlink(dir / "small", dir / "link");
  CHECK(readRegularFile(dir / "link", 1024).error == "is a symbolic link, which is not accepted");
  CHECK(readRegularFile(dir / "link", 1024, /*followSymlink=*/true).bytes);
  wof::test::writeFile(dir / "big", std::string(3 * 1024, 'x'));
  CHECK(readRegularFile(dir / "big", 2 * 1024).error == "is 3 KiB, over the limit of 2 KiB");
}

TEST_CASE("FNV-1a matches the published test vectors") {
  CHECK(fnv1a64("") == 0xcbf29ce484222325ull);
  CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cull);
  CHECK(fnv1a64("foobar") == 0x85944171f73967e8ull);
  CHECK(fnv1a32("") == 2166136261u);
  CHECK(fnv1a32("a") == 0xe40c292cu);
  CHECK(fnv1a32("foobar") == 0xbf9cf968u);
}
