// On-disk cache of downscaled photos, so a kiosk's second start shows every face without decoding
// 3000-4000 px originals again (tens of milliseconds each on a kiosk CPU; a thumbnail is a few).
// Layer: core. Lives in <data_dir>/thumbnails. A thumbnail is named after its photo's file name,
// size, modification time, EXIF orientation and the size it was scaled to, so a replaced or
// re-oriented photo is never served stale (thumbnails are stored upright); pruneThumbnails() removes thumbnails whose photo changed or went away (an erased
// person's face must not survive in the cache). Safe to call from several threads.
#pragma once

#include <filesystem>

#include "core/photos/photo.hpp"

namespace wof::core {

// <data_dir>/thumbnails
std::filesystem::path thumbnailsDirIn(const std::filesystem::path& dataDir);

// Photo `file` (a plain file name in `photosDir`) decoded and scaled to at most `maxSide`, from
// `cacheDir` when a thumbnail of this very file is there; otherwise decoded from the photo and
// the thumbnail written (opaque photos as JPEG, others as PNG). Errors are decodePhoto's and
// readRegularFile's; a cache that cannot be written or read only costs the decode.
PhotoResult loadPhotoThumbnail(const std::filesystem::path& photosDir, const std::string& file, int maxSide,
                               const std::filesystem::path& cacheDir);

// Deletes thumbnails in `cacheDir` whose photo in `photosDir` no longer exists or has changed,
// and leftovers of interrupted writes. Returns how many files it deleted.
int pruneThumbnails(const std::filesystem::path& cacheDir, const std::filesystem::path& photosDir);

}  // namespace wof::core
