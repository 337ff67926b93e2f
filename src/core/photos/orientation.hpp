// EXIF orientation: which way up a photo says it is, and turning its pixels that way, so that a
// portrait taken with the phone on its side is upright on the wall, in the wizard and in the PDF.
// Layer: core. The EXIF block is found in a JPEG's APP1 segment, a PNG's eXIf chunk or a WebP's
// EXIF chunk and read by libexif. HEIC and AVIF are not read here: libheif applies their own
// rotation and mirroring boxes (irot, imir), which the format says win over EXIF.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>

#include "core/photos/photo.hpp"

namespace wof::core {

// The EXIF Orientation value (1 to 8; 1 is upright) of a JPEG, PNG or WebP, and 1 when the photo
// has none, states one out of range, or is of another format.
int photoOrientation(std::span<const std::uint8_t> bytes);

// The same for a file, reading only the container's headers and the EXIF block (not the pixels),
// so that the thumbnail cache can key on it without reading a 5 MB photo. 1 when unreadable.
int photoFileOrientation(const std::filesystem::path& file);

// `image` turned and mirrored as `orientation` says, so that its top row is the top of the scene.
Rgba orientUpright(Rgba image, int orientation);

}  // namespace wof::core
