// Durable writes, an owned file descriptor, bounded reads, FNV-1a. Layer: core/util.
#include "core/util/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

namespace wof::core {

namespace testing {
bool g_noHardLinks = false;
}  // namespace testing

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

std::uint32_t fnv1a32(std::string_view bytes) {
  std::uint32_t hash = 2166136261u;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  return hash;
}

// [SECTION] file descriptor

void UniqueFd::reset(int fd) noexcept {
  if (m_fd >= 0 && m_fd != fd) ::close(m_fd);
  m_fd = fd;
}

int UniqueFd::close() noexcept {
  const int fd = release();
  return fd >= 0 ? ::close(fd) : 0;
}

// [SECTION] durable write
//
// writeFileDurably: refuse an existing name -> create a temporary -> write -> putInPlace.
// DurableFile:      temporary name handed out -> (caller writes) -> commit: refuse -> putInPlace.
// putInPlace:       mode and owner -> fsync -> close -> link or rename -> fsync of the folder.

namespace {

std::string alreadyExists(const std::filesystem::path& file) {
  return file.string() + ": already exists; sealed files are never rewritten";
}

bool nameTaken(const std::filesystem::path& file) {
  std::error_code existsError;
  return std::filesystem::exists(std::filesystem::symlink_status(file, existsError));
}

std::filesystem::path temporaryFor(const std::filesystem::path& file) {
  return file.parent_path() / (std::string(kOwnTempPrefix) + file.filename().string() + "-" +
                               std::to_string(::getpid()) + "-" +
                               std::to_string(std::random_device{}()));  // two machines may share a pid, not this too
}

// Removes the temporary and says what failed, with errno's reason as it was on entry.
std::string dropTemporary(const std::filesystem::path& temporary, const std::filesystem::path& named,
                          const char* what) {
  const int code = errno;
  ::unlink(temporary.c_str());
  return named.string() + ": " + what + ": " + errnoText(code);
}

// Everything after the bytes are in `temporary` (open as `fd`); removes it on failure.
std::string putInPlace(UniqueFd fd, const std::filesystem::path& temporary, const std::filesystem::path& file,
                       const DurableOptions& options) {
  if (options.keepOwnership) {
    mode_t mode = static_cast<mode_t>(options.newFileMode);
    struct stat existing {};
    if (::stat(file.c_str(), &existing) == 0) {
      mode = existing.st_mode & 07777;
      // Only root may give a file away, so for anyone else this is best effort and the file
      // stays theirs.
      if ((existing.st_uid != ::geteuid() || existing.st_gid != ::getegid()) &&
          ::fchown(fd.get(), existing.st_uid, existing.st_gid) != 0 && ::geteuid() == 0)
        return dropTemporary(temporary, temporary, "cannot change owner");
    }
    if (::fchmod(fd.get(), mode) != 0) return dropTemporary(temporary, temporary, "cannot set mode");
  }
  if (options.flush && ::fsync(fd.get()) != 0) return dropTemporary(temporary, temporary, "cannot flush to disk");
  if (fd.close() != 0) return dropTemporary(temporary, temporary, "cannot close");
  if (!options.replace) {
    // link() puts the file in place only if the name is free, atomically, on local file systems
    // and NFS: two writers racing for one name (two new installs claiming a kiosk id) cannot both
    // win. Where hard links do not exist (SMB through FUSE), neither does an exclusive create
    // (smbnetfs turns O_EXCL into a check and a create, and two mounts both win about half the
    // time), but mkdir is decided by the server: a lock folder beside the name lets one writer
    // check the name and rename onto it at a time.
    const bool linksWork = !testing::g_noHardLinks;
    if (linksWork && ::link(temporary.c_str(), file.c_str()) == 0) {
      ::unlink(temporary.c_str());
    } else if (linksWork && errno == EEXIST) {
      ::unlink(temporary.c_str());
      return alreadyExists(file);
    } else if (linksWork && errno != EPERM && errno != EOPNOTSUPP && errno != ENOSYS) {
      return dropTemporary(temporary, file, "cannot put into place");
    } else {
      const std::filesystem::path lock =
          file.parent_path() / (std::string(kOwnTempPrefix) + "lock-" + file.filename().string());
      if (::mkdir(lock.c_str(), 0755) != 0) {
        if (errno != EEXIST) return dropTemporary(temporary, file, "cannot create its lock folder");
        ::unlink(temporary.c_str());
        return file.string() + ": another writer is creating it at this moment (if " + lock.filename().string() +
               " stays for more than a day, a writer died: delete that folder)";
      }
      std::string problem;
      if (nameTaken(file)) {
        ::unlink(temporary.c_str());
        problem = alreadyExists(file);
      } else if (::rename(temporary.c_str(), file.c_str()) != 0) {
        problem = dropTemporary(temporary, file, "cannot rename into place");
      }
      ::rmdir(lock.c_str());
      if (!problem.empty()) return problem;
    }
  } else if (::rename(temporary.c_str(), file.c_str()) != 0) {
    return dropTemporary(temporary, file, "cannot rename into place");
  }
  if (!options.flush) return "";
  // Make the rename itself durable. Some network file systems refuse fsync on a folder
  // (EINVAL); the rename is then as durable as that file system makes it.
  const std::filesystem::path folder = file.parent_path().empty() ? "." : file.parent_path();
  const UniqueFd folderFd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (folderFd && ::fsync(folderFd.get()) != 0 && errno != EINVAL) {
    const int code = errno;
    return folder.string() + ": cannot flush the folder: " + errnoText(code);
  }
  return "";
}

}  // namespace

std::string writeFileDurably(const std::filesystem::path& file, std::string_view bytes, bool replace) {
  return writeFileDurably(file, bytes, DurableOptions{.replace = replace});
}

std::string writeFileDurably(const std::filesystem::path& file, const std::function<void(const ByteSink&)>& produce,
                             bool replace) {
  return writeFileDurably(file, produce, DurableOptions{.replace = replace});
}

std::string writeFileDurably(const std::filesystem::path& file, std::string_view bytes, const DurableOptions& options) {
  return writeFileDurably(file, [bytes](const ByteSink& sink) { sink(bytes); }, options);
}

std::string writeFileDurably(const std::filesystem::path& file, const std::function<void(const ByteSink&)>& produce,
                             const DurableOptions& options) {
  if (!options.replace && nameTaken(file)) return alreadyExists(file);
  const std::filesystem::path temporary = temporaryFor(file);
  UniqueFd fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                     static_cast<mode_t>(options.newFileMode)));
  if (!fd) return temporary.string() + ": cannot create: " + errnoText(errno);
  int writeError = 0;  // the first failed write; later pieces are dropped
  produce([&](std::string_view bytes) {
    std::size_t written = 0;
    while (writeError == 0 && written < bytes.size()) {
      const ssize_t n = ::write(fd.get(), bytes.data() + written, bytes.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) writeError = errno;
      else written += static_cast<std::size_t>(n);
    }
  });
  if (writeError != 0) {
    fd.reset();
    errno = writeError;
    return dropTemporary(temporary, temporary, "cannot write");
  }
  return putInPlace(std::move(fd), temporary, file, options);
}

DurableFile::DurableFile(std::filesystem::path file, DurableOptions options)
    : m_file(std::move(file)), m_temporary(temporaryFor(m_file)), m_options(options) {
  m_temporary += m_file.extension();  // writers that pick a format by the name's extension
}

DurableFile::~DurableFile() {
  if (!m_done) ::unlink(m_temporary.c_str());
}

std::string DurableFile::commit() {
  if (m_done) return m_file.string() + ": already committed";
  m_done = true;  // from here on, putInPlace (or the refusal) owns the temporary
  if (!m_options.replace && nameTaken(m_file)) {
    ::unlink(m_temporary.c_str());
    return alreadyExists(m_file);
  }
  UniqueFd fd(::open(m_temporary.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (!fd) return dropTemporary(m_temporary, m_temporary, "cannot open");
  return putInPlace(std::move(fd), m_temporary, m_file, m_options);
}

// [SECTION] bounded read

FileBytes readRegularFile(const std::filesystem::path& file, std::size_t maxBytes, bool followSymlink) {
  FileBytes result;
  // O_NOFOLLOW refuses symlinks (a link to /dev/zero); O_NONBLOCK keeps a FIFO from hanging open().
  const UniqueFd fd(::open(file.c_str(), O_RDONLY | (followSymlink ? 0 : O_NOFOLLOW) | O_NONBLOCK | O_CLOEXEC));
  if (!fd) {
    result.error = errno == ELOOP ? "is a symbolic link, which is not accepted" : std::strerror(errno);
    return result;
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode)) {
    result.error = "is not a regular file";
    return result;
  }
  if (static_cast<std::size_t>(info.st_size) > maxBytes) {
    result.error = "is " + std::to_string(info.st_size / 1024) + " KiB, over the limit of " +
                   std::to_string(maxBytes / 1024) + " KiB";
    return result;
  }
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(info.st_size));
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t got = ::read(fd.get(), bytes.data() + done, bytes.size() - done);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    done += static_cast<std::size_t>(got);
  }
  bytes.resize(done);  // a file that shrank while we read it is read as it now is
  result.bytes = std::move(bytes);
  return result;
}

}  // namespace wof::core
