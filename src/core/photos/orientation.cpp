// EXIF orientation: finding the EXIF block in JPEG, PNG and WebP, reading its Orientation tag
// with libexif, and applying it to decoded pixels. Layer: core.
#include "core/photos/orientation.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <functional>
#include <vector>

#include <libexif/exif-data.h>

namespace wof::core {

namespace {

// Where the container walk reads from: the bytes of a photo in memory, or a file read piece by
// piece with pread, so that one walk serves the decoder and the thumbnail cache's key.
struct ByteSource {
  std::uint64_t size = 0;
  // Copies `length` bytes at `offset` to `out`; false when they are not all there.
  std::function<bool(std::uint64_t offset, std::size_t length, std::uint8_t* out)> read;
};

// An EXIF block larger than this is not a photo's: its Orientation is not looked for.
constexpr std::uint32_t kMaxExifBytes = 1u << 20;
constexpr std::uint8_t kExifHeader[] = {'E', 'x', 'i', 'f', 0, 0};

std::uint32_t bigEndian32(const std::uint8_t* p) {
  return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}

std::uint32_t littleEndian32(const std::uint8_t* p) {
  return (std::uint32_t(p[3]) << 24) | (std::uint32_t(p[2]) << 16) | (std::uint32_t(p[1]) << 8) | p[0];
}

std::vector<std::uint8_t> readBlock(const ByteSource& source, std::uint64_t offset, std::uint32_t length) {
  if (length > kMaxExifBytes || offset + length > source.size) return {};
  std::vector<std::uint8_t> block(length);
  if (!source.read(offset, length, block.data())) return {};
  return block;
}

// A JPEG's EXIF block is an APP1 segment starting "Exif\0\0", among the segments before the
// first scan (SOS). Other APP1 segments (XMP) are passed over.
std::vector<std::uint8_t> jpegExif(const ByteSource& source) {
  std::uint64_t at = 2;  // after SOI
  for (int segment = 0; segment < 1000; ++segment) {
    std::uint8_t header[4];
    if (!source.read(at, sizeof header, header) || header[0] != 0xFF) return {};
    const std::uint8_t marker = header[1];
    if (marker == 0xFF) {  // a fill byte before the marker
      ++at;
      continue;
    }
    if (marker == 0xDA || marker == 0xD9) return {};  // the image data begins, or ends
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // markers without a length
      at += 2;
      continue;
    }
    const std::uint32_t length = (std::uint32_t(header[2]) << 8) | header[3];
    if (length < 2) return {};
    if (marker == 0xE1 && length >= 2 + sizeof kExifHeader) {
      std::vector<std::uint8_t> block = readBlock(source, at + 4, length - 2);
      if (block.size() >= sizeof kExifHeader && std::memcmp(block.data(), kExifHeader, sizeof kExifHeader) == 0)
        return block;
    }
    at += 2 + std::uint64_t{length};
  }
  return {};
}

// A PNG's eXIf chunk holds the EXIF block without the "Exif\0\0" of JPEG; encoders write it before
// the image data (IDAT), where the walk stops.
std::vector<std::uint8_t> pngExif(const ByteSource& source) {
  std::uint64_t at = 8;  // after the signature
  for (int chunk = 0; chunk < 1000; ++chunk) {
    std::uint8_t header[8];
    if (!source.read(at, sizeof header, header)) return {};
    const std::uint32_t length = bigEndian32(header);
    if (std::memcmp(header + 4, "IDAT", 4) == 0 || std::memcmp(header + 4, "IEND", 4) == 0) return {};
    if (std::memcmp(header + 4, "eXIf", 4) == 0) return readBlock(source, at + 8, length);
    at += 12 + std::uint64_t{length};
  }
  return {};
}

// A WebP's EXIF chunk (in the extended format, after the image data) holds the block, with or
// without "Exif\0\0" depending on the writer.
std::vector<std::uint8_t> webpExif(const ByteSource& source) {
  std::uint64_t at = 12;  // after "RIFF", the size and "WEBP"
  for (int chunk = 0; chunk < 1000; ++chunk) {
    std::uint8_t header[8];
    if (!source.read(at, sizeof header, header)) return {};
    const std::uint32_t length = littleEndian32(header + 4);
    if (std::memcmp(header, "EXIF", 4) == 0) return readBlock(source, at + 8, length);
    at += 8 + std::uint64_t{length} + (length & 1);  // chunks are padded to an even size
  }
  return {};
}

std::vector<std::uint8_t> exifBlock(const ByteSource& source) {
  std::uint8_t head[12] = {};
  if (!source.read(0, sizeof head, head)) return {};
  if (head[0] == 0xFF && head[1] == 0xD8) return jpegExif(source);
  if (std::memcmp(head, "\x89PNG\r\n\x1A\n", 8) == 0) return pngExif(source);
  if (std::memcmp(head, "RIFF", 4) == 0 && std::memcmp(head + 8, "WEBP", 4) == 0) return webpExif(source);
  return {};
}

// libexif reads the TIFF structure; it wants the block to start with "Exif\0\0".
int orientationIn(std::vector<std::uint8_t> block) {
  if (block.empty()) return 1;
  if (block.size() < sizeof kExifHeader || std::memcmp(block.data(), kExifHeader, sizeof kExifHeader) != 0)
    block.insert(block.begin(), std::begin(kExifHeader), std::end(kExifHeader));
  ExifData* data = exif_data_new();
  if (!data) return 1;
  // As written: with this option libexif would "repair" the block, adding tags it misses.
  exif_data_unset_option(data, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  exif_data_load_data(data, block.data(), static_cast<unsigned int>(block.size()));
  int orientation = 1;
  if (ExifEntry* entry = exif_content_get_entry(data->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
      entry && entry->format == EXIF_FORMAT_SHORT && entry->components >= 1 && entry->size >= 2) {
    const int value = exif_get_short(entry->data, exif_data_get_byte_order(data));
    if (value >= 1 && value <= 8) orientation = value;
  }
  exif_data_unref(data);
  return orientation;
}

}  // namespace

int photoOrientation(std::span<const std::uint8_t> bytes) {
  ByteSource source{bytes.size(), [bytes](std::uint64_t offset, std::size_t length, std::uint8_t* out) {
                      if (offset > bytes.size() || length > bytes.size() - offset) return false;
                      std::memcpy(out, bytes.data() + offset, length);
                      return true;
                    }};
  return orientationIn(exifBlock(source));
}

int photoFileOrientation(const std::filesystem::path& file) {
  const int descriptor = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (descriptor < 0) return 1;
  struct stat info {};
  int orientation = 1;
  if (::fstat(descriptor, &info) == 0 && S_ISREG(info.st_mode)) {
    ByteSource source{static_cast<std::uint64_t>(info.st_size),
                      [descriptor](std::uint64_t offset, std::size_t length, std::uint8_t* out) {
                        std::size_t done = 0;
                        while (done < length) {
                          const ssize_t got = ::pread(descriptor, out + done, length - done, static_cast<off_t>(offset + done));
                          if (got <= 0) return false;
                          done += static_cast<std::size_t>(got);
                        }
                        return true;
                      }};
    orientation = orientationIn(exifBlock(source));
  }
  ::close(descriptor);
  return orientation;
}

Rgba orientUpright(Rgba image, int orientation) {
  if (orientation < 2 || orientation > 8) return image;
  const int width = image.width;    // as stored
  const int height = image.height;
  const bool swaps = orientation >= 5;  // 5 to 8 turn a quarter: width and height trade places
  Rgba upright{swaps ? height : width, swaps ? width : height, std::vector<std::uint8_t>(image.pixels.size())};
  for (int y = 0; y < upright.height; ++y) {
    for (int x = 0; x < upright.width; ++x) {
      int fromX = x;
      int fromY = y;
      switch (orientation) {
        case 2: fromX = width - 1 - x; break;                             // mirrored left to right
        case 3: fromX = width - 1 - x; fromY = height - 1 - y; break;     // upside down
        case 4: fromY = height - 1 - y; break;                            // mirrored top to bottom
        case 5: fromX = y; fromY = x; break;                              // transposed
        case 6: fromX = y; fromY = height - 1 - x; break;                 // to be turned 90° clockwise
        case 7: fromX = width - 1 - y; fromY = height - 1 - x; break;     // transversed
        case 8: fromX = width - 1 - y; fromY = x; break;                  // to be turned 90° anticlockwise
        default: break;
      }
      std::memcpy(&upright.pixels[(static_cast<std::size_t>(y) * upright.width + x) * 4],
                  &image.pixels[(static_cast<std::size_t>(fromY) * width + fromX) * 4], 4);
    }
  }
  return upright;
}

}  // namespace wof::core
