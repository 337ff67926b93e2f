// Durable writes, bounded reads, FNV-1a. Layer: core/util.
#include "core/util/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

namespace wof::core {

namespace {

std::string errnoText(int code) { return std::strerror(code); }

}  // namespace

// [SECTION] checksum

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

// [SECTION] durable write

std::string writeFileDurably(const std::filesystem::path& file, std::string_view bytes, bool replace) {
  return writeFileDurably(file, [bytes](const ByteSink& sink) { sink(bytes); }, replace);
}

std::string writeFileDurably(const std::filesystem::path& file, const std::function<void(const ByteSink&)>& produce,
                             bool replace) {
  std::error_code existsError;
  if (!replace && std::filesystem::exists(std::filesystem::symlink_status(file, existsError)))
    return file.string() + ": already exists; sealed files are never rewritten";
  const std::filesystem::path folder = file.parent_path();
  const std::filesystem::path temporary =
      folder / (std::string(kOwnTempPrefix) + file.filename().string() + "-" + std::to_string(::getpid()) + "-" +
                std::to_string(std::random_device{}()));  // two machines may share a pid, not this too
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return temporary.string() + ": cannot create: " + errnoText(errno);
  auto fail = [&](const std::string& what) {
    const int code = errno;
    ::close(fd);
    ::unlink(temporary.c_str());
    return temporary.string() + ": " + what + ": " + errnoText(code);
  };
  int writeError = 0;  // the first failed write; later pieces are dropped
  produce([&](std::string_view bytes) {
    std::size_t written = 0;
    while (writeError == 0 && written < bytes.size()) {
      const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) writeError = errno;
      else written += static_cast<std::size_t>(n);
    }
  });
  if (writeError != 0) {
    errno = writeError;
    return fail("cannot write");
  }
  if (::fsync(fd) != 0) return fail("cannot flush to disk");
  if (::close(fd) != 0) {
    const int code = errno;
    ::unlink(temporary.c_str());
    return temporary.string() + ": cannot close: " + errnoText(code);
  }
  if (!replace) {
    // link() puts the file in place only if the name is free, atomically, on local file systems
    // and NFS: two writers racing for one name (two new installs claiming a kiosk id) cannot both
    // win. Where hard links are not supported (some SMB/FUSE mounts), rename after the check above.
    if (::link(temporary.c_str(), file.c_str()) == 0) {
      ::unlink(temporary.c_str());
    } else if (errno == EEXIST) {
      ::unlink(temporary.c_str());
      return file.string() + ": already exists; sealed files are never rewritten";
    } else if (errno != EPERM && errno != EOPNOTSUPP && errno != ENOSYS) {
      const int code = errno;
      ::unlink(temporary.c_str());
      return file.string() + ": cannot put into place: " + errnoText(code);
    } else if (::rename(temporary.c_str(), file.c_str()) != 0) {
      const int code = errno;
      ::unlink(temporary.c_str());
      return file.string() + ": cannot rename into place: " + errnoText(code);
    }
  } else if (::rename(temporary.c_str(), file.c_str()) != 0) {
    const int code = errno;
    ::unlink(temporary.c_str());
    return file.string() + ": cannot rename into place: " + errnoText(code);
  }
  // Make the rename itself durable. Some network file systems refuse fsync on a folder
  // (EINVAL); the rename is then as durable as that file system makes it.
  const int folderFd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (folderFd >= 0) {
    if (::fsync(folderFd) != 0 && errno != EINVAL) {
      const int code = errno;
      ::close(folderFd);
      return folder.string() + ": cannot flush the folder: " + errnoText(code);
    }
    ::close(folderFd);
  }
  return "";
}

// [SECTION] bounded read

FileBytes readRegularFile(const std::filesystem::path& file, std::size_t maxBytes, bool followSymlink) {
  FileBytes result;
  // O_NOFOLLOW refuses symlinks (a link to /dev/zero); O_NONBLOCK keeps a FIFO from hanging open().
  const int fd = ::open(file.c_str(), O_RDONLY | (followSymlink ? 0 : O_NOFOLLOW) | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    result.error = errno == ELOOP ? "is a symbolic link, which is not accepted" : std::strerror(errno);
    return result;
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    result.error = "is not a regular file";
    ::close(fd);
    return result;
  }
  if (static_cast<std::size_t>(info.st_size) > maxBytes) {
    result.error = "is " + std::to_string(info.st_size / 1024) + " KiB, over the limit of " +
                   std::to_string(maxBytes / 1024) + " KiB";
    ::close(fd);
    return result;
  }
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(info.st_size));
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t got = ::read(fd, bytes.data() + done, bytes.size() - done);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    done += static_cast<std::size_t>(got);
  }
  ::close(fd);
  bytes.resize(done);  // a file that shrank while we read it is read as it now is
  result.bytes = std::move(bytes);
  return result;
}

}  // namespace wof::core
