// Photo decoding for the wall: bytes in, a downscaled RGBA image out. Pure, thread-safe, and run
// on a worker thread by the UI; GL upload lives in the platform layer.
// Layer: core. JPEG, PNG, WebP, HEIC and AVIF, the formats phones and web downloads give, turned
// upright by their EXIF orientation; size and dimensions are checked before decoding.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/files.hpp"

namespace wof::core {

inline constexpr std::size_t kMaxPhotoBytes = 20u * 1024u * 1024u;
inline constexpr int kMaxPhotoSide = 12000;  // larger images are refused, not decoded
// Decoding holds the image twice at 4 bytes a pixel: 40 megapixels keep that near 320 MB.
inline constexpr std::uint64_t kMaxPhotoPixels = 40'000'000;

// The extensions a photo may have on the share, compared without regard to case ("E1.JPG").
inline constexpr std::array<std::string_view, 7> kPhotoExtensions = {".jpg", ".jpeg", ".png", ".webp",
                                                                     ".heic", ".heif", ".avif"};
bool hasPhotoExtension(const std::filesystem::path& file);

struct Rgba {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // width * height * 4, row-major, top row first
};

struct PhotoResult {
  std::optional<Rgba> image;
  std::string error;  // why it was refused, when image is empty
};

// Checks what can be checked without decoding: size, format signature, readable header and
// dimensions. Returns why the photo is refused, or an empty string when it may be decoded.
std::string photoHeaderProblem(std::span<const std::uint8_t> bytes);

// Decodes a photo, turns it upright (EXIF orientation, or HEIF's own rotation) and, when its longer
// side exceeds `maxSide` (0: no limit), scales it down keeping the aspect ratio. Refuses other
// formats, animations, oversized files and oversized dimensions, saying why.
PhotoResult decodePhoto(std::span<const std::uint8_t> bytes, int maxSide);

// Writes RGBA pixels as PNG or JPEG (by extension); returns false on failure.
bool writeImage(const std::filesystem::path& file, const Rgba& image, int jpegQuality = 88);

}  // namespace wof::core
