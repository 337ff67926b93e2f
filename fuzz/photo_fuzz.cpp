// Fuzz target: the photo loader (decodePhoto: header checks, JPEG/PNG/WebP/HEIC decode, EXIF
// orientation, downscale)
// with the caps the kiosk uses.
#include <cstdint>
#include <span>

#include "core/photos/photo.hpp"
#include "fuzz_check.hpp"

using namespace wof::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr int kMaxSide = 256;
  const std::span<const std::uint8_t> bytes(data, size);
  const PhotoResult result = decodePhoto(bytes, kMaxSide);
  WOF_FUZZ_CHECK(result.image.has_value() == result.error.empty());
  if (result.image) {
    const Rgba& image = *result.image;
    WOF_FUZZ_CHECK(image.width >= 1 && image.height >= 1 && image.width <= kMaxSide && image.height <= kMaxSide);
    WOF_FUZZ_CHECK(image.pixels.size() == static_cast<std::size_t>(image.width) * image.height * 4);
    WOF_FUZZ_CHECK(photoHeaderProblem(bytes).empty());
  }
  return 0;
}
