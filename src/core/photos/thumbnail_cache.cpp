// The on-disk thumbnail cache. Layer: core.
#include "core/photos/thumbnail_cache.hpp"

#include <sys/stat.h>

#include <chrono>
#include <optional>
#include <string>
#include <system_error>

#include "core/photos/orientation.hpp"

namespace wof::core {

namespace {

// What a thumbnail is made from: the photo's size and modification time, and its EXIF orientation,
// which `exiftool -P -Orientation=…` changes in place without changing either.
struct PhotoStamp {
  long long size = 0;
  long long modifiedNs = 0;
  int orientation = 1;
};

std::optional<PhotoStamp> stampOf(const std::filesystem::path& photo) {
  struct stat info {};
  if (::lstat(photo.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  return PhotoStamp{static_cast<long long>(info.st_size),
                    static_cast<long long>(info.st_mtim.tv_sec) * 1'000'000'000LL + info.st_mtim.tv_nsec,
                    photoFileOrientation(photo)};
}

// "<size>-<mtime ns>-o<orientation>-": the part of a thumbnail's name that a change of the photo
// changes. Thumbnails named before orientation was applied lack the "-o": never served, pruned.
std::string stampKey(const PhotoStamp& stamp) {
  return std::to_string(stamp.size) + "-" + std::to_string(stamp.modifiedNs) + "-o" + std::to_string(stamp.orientation) +
         "-";
}

// "<file>@<size>-<mtime ns>-o<orientation>-<max side>" plus ".jpg" or ".png".
std::string thumbnailStem(const std::string& file, const PhotoStamp& stamp, int maxSide) {
  return file + "@" + stampKey(stamp) + std::to_string(maxSide);
}

// A name the cache can key on: a plain file name, nothing that walks out of the folder.
bool cacheable(const std::string& file) {
  return !file.empty() && file.front() != '.' && file.find('/') == std::string::npos &&
         file.find('@') == std::string::npos;
}

bool opaque(const Rgba& image) {
  for (std::size_t i = 3; i < image.pixels.size(); i += 4)
    if (image.pixels[i] != 255) return false;
  return true;
}

PhotoResult decodeFile(const std::filesystem::path& photo, int maxSide) {
  const FileBytes bytes = readRegularFile(photo, kMaxPhotoBytes);
  if (!bytes.bytes) return PhotoResult{std::nullopt, bytes.error};
  return decodePhoto(*bytes.bytes, maxSide);
}

}  // namespace

std::filesystem::path thumbnailsDirIn(const std::filesystem::path& dataDir) { return dataDir / "thumbnails"; }

PhotoResult loadPhotoThumbnail(const std::filesystem::path& photosDir, const std::string& file, int maxSide,
                               const std::filesystem::path& cacheDir) {
  const std::filesystem::path photo = photosDir / file;
  const std::optional<PhotoStamp> stamp = stampOf(photo);
  if (cacheDir.empty() || !cacheable(file) || !stamp || maxSide <= 0) return decodeFile(photo, maxSide);

  const std::string stem = thumbnailStem(file, *stamp, maxSide);
  for (const char* extension : {".jpg", ".png"}) {
    const std::filesystem::path cached = cacheDir / (stem + extension);
    const FileBytes bytes = readRegularFile(cached, kMaxPhotoBytes);
    if (!bytes.bytes) continue;
    PhotoResult result = decodePhoto(*bytes.bytes, maxSide);
    if (result.image) return result;
    std::error_code ignored;
    std::filesystem::remove(cached, ignored);  // damaged: decode the photo again below
  }

  PhotoResult result = decodeFile(photo, maxSide);
  if (!result.image) return result;
  // Written under a temporary name and renamed, so a reader never sees half a thumbnail and two
  // threads writing the same one do not mix their bytes. No fsync: a cache may be lost in a crash.
  const char* extension = opaque(*result.image) ? ".jpg" : ".png";
  std::error_code error;
  std::filesystem::create_directories(cacheDir, error);
  if (error) return result;
  DurableFile cached(cacheDir / (stem + extension), DurableOptions{.replace = true, .flush = false});
  if (writeImage(cached.temporaryPath(), *result.image, 92)) cached.commit();
  return result;
}

int pruneThumbnails(const std::filesystem::path& cacheDir, const std::filesystem::path& photosDir) {
  int removed = 0;
  std::error_code error;
  std::filesystem::directory_iterator it(cacheDir, error);
  if (error) return 0;
  const auto now = std::filesystem::file_time_type::clock::now();
  for (const std::filesystem::directory_entry& entry : it) {
    const std::string name = entry.path().filename().string();
    bool keep = false;
    if (name.starts_with(kOwnTempPrefix)) {
      // Another thread may be writing it right now; one left for a minute was interrupted.
      std::error_code ignored;
      keep = now - entry.last_write_time(ignored) < std::chrono::minutes(1);
    } else if (const std::size_t at = name.rfind('@'); at != std::string::npos && at > 0) {
      const std::string file = name.substr(0, at);
      const std::size_t dot = name.rfind('.');
      const std::optional<PhotoStamp> stamp = stampOf(photosDir / file);
      if (stamp && dot != std::string::npos && dot > at) {
        const std::string stampAndSide = name.substr(at + 1, dot - at - 1);
        keep = stampAndSide.rfind(stampKey(*stamp), 0) == 0;
      }
    }
    if (!keep && std::filesystem::remove(entry.path(), error)) ++removed;
  }
  return removed;
}

}  // namespace wof::core
