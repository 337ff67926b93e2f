// Photo decoding, file reading with limits, and image writing. Layer: core.
// This file holds the one stb_image / stb_image_resize / stb_image_write implementation.
#include "core/photo.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_JPEG
#define STBI_ONLY_PNG
#define STBI_NO_STDIO
#include <stb_image.h>
#define STB_IMAGE_RESIZE_IMPLEMENTATION
#include <stb_image_resize.h>
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>

namespace wof::core {

namespace {

constexpr std::uint8_t kPngSignature[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

bool isPng(std::span<const std::uint8_t> bytes) {
  return bytes.size() >= sizeof kPngSignature && std::memcmp(bytes.data(), kPngSignature, sizeof kPngSignature) == 0;
}

bool isJpeg(std::span<const std::uint8_t> bytes) {
  return bytes.size() >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;
}

std::uint32_t readBigEndian32(const std::uint8_t* p) {
  return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}

// stb_image 2.27 (Debian 12) trusts the code counts of a JPEG Huffman table (DHT): more than 256
// codes write past its 256-entry tables (found by fuzz/photo_fuzz.cpp; upstream checks this since
// 2.28). Walks every marker segment as stb_image would meet it, including those between the scans
// of a progressive JPEG, and reports such a table before stb_image reads the file.
std::string jpegHuffmanProblem(std::span<const std::uint8_t> bytes) {
  const std::size_t n = bytes.size();
  auto at = [&](std::size_t i) -> unsigned { return i < n ? bytes[i] : 0u; };  // stb_image reads 0 past the end
  std::size_t i = 2;  // after SOI
  while (i < n) {
    if (bytes[i] != 0xFF) {  // entropy-coded data, or junk stb_image skips: look for the next marker
      ++i;
      continue;
    }
    while (i < n && bytes[i] == 0xFF) ++i;  // fill bytes
    if (i >= n) break;
    const unsigned marker = bytes[i++];
    // Stuffed 0x00, TEM, RSTn and SOI stand alone; EOI ends the image.
    if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) continue;
    if (marker == 0xD9 || i + 2 > n) break;
    const std::size_t length = (at(i) << 8) | at(i + 1);
    if (marker == 0xC4) {
      long remaining = static_cast<long>(length) - 2;
      std::size_t table = i + 2;
      while (remaining > 0) {  // like stb_image: table after table until the length is used up
        unsigned codes = 0;
        for (std::size_t k = 1; k <= 16; ++k) codes += at(table + k);
        if (codes > 256) return "corrupt JPEG: a Huffman table declares " + std::to_string(codes) + " codes (at most 256)";
        table += 17 + codes;
        remaining -= static_cast<long>(17 + codes);
      }
    }
    i += length;
  }
  return {};
}

// stb_image 2.27 copies the first IDAT chunk through a null pointer when that chunk is empty
// (undefined behaviour that a compiler may turn into worse; found by fuzz/photo_fuzz.cpp). No
// encoder writes one, so such a file is refused.
std::string pngChunkProblem(std::span<const std::uint8_t> bytes) {
  std::size_t at = sizeof kPngSignature;
  while (at + 8 <= bytes.size()) {
    const std::uint32_t length = readBigEndian32(&bytes[at]);
    if (std::memcmp(&bytes[at + 4], "IDAT", 4) == 0)
      return length == 0 ? "corrupt PNG: its first image data chunk is empty" : std::string();
    if (length > bytes.size()) break;  // stb_image refuses it
    at += 12 + std::size_t{length};
  }
  return {};
}

std::string tooLarge(std::uint64_t width, std::uint64_t height) {
  return "image is " + std::to_string(width) + "x" + std::to_string(height) + " pixels; at most " +
         std::to_string(kMaxPhotoSide) + " per side is accepted";
}

}  // namespace

std::string photoHeaderProblem(std::span<const std::uint8_t> bytes) {
  if (bytes.size() > kMaxPhotoBytes)
    return "file is larger than " + std::to_string(kMaxPhotoBytes / (1024 * 1024)) + " MB";
  if (!isPng(bytes) && !isJpeg(bytes)) return "not a JPEG or PNG image";
  if (std::string problem = isJpeg(bytes) ? jpegHuffmanProblem(bytes) : pngChunkProblem(bytes); !problem.empty())
    return problem;
  // A PNG states its size in the first chunk (IHDR); a decompression bomb is caught here even when
  // stb_image would refuse it with a vaguer reason.
  if (isPng(bytes) && bytes.size() >= 24) {
    const std::uint32_t width = readBigEndian32(&bytes[16]);
    const std::uint32_t height = readBigEndian32(&bytes[20]);
    if (width > std::uint32_t(kMaxPhotoSide) || height > std::uint32_t(kMaxPhotoSide)) return tooLarge(width, height);
  }
  int width = 0;
  int height = 0;
  int channels = 0;
  if (!stbi_info_from_memory(bytes.data(), static_cast<int>(bytes.size()), &width, &height, &channels))
    return std::string("unreadable image header (") + stbi_failure_reason() + ")";
  if (width <= 0 || height <= 0 || width > kMaxPhotoSide || height > kMaxPhotoSide) return tooLarge(width, height);
  if (std::uint64_t(width) * std::uint64_t(height) > kMaxPhotoPixels)
    return "image is " + std::to_string(width) + "x" + std::to_string(height) + " pixels; at most " +
           std::to_string(kMaxPhotoPixels / 1'000'000) + " megapixels are accepted";
  return {};
}

PhotoResult decodePhoto(std::span<const std::uint8_t> bytes, int maxSide) {
  PhotoResult result;
  result.error = photoHeaderProblem(bytes);
  if (!result.error.empty()) return result;
  int width = 0;
  int height = 0;
  int channels = 0;
  const int length = static_cast<int>(bytes.size());
  stbi_uc* decoded = stbi_load_from_memory(bytes.data(), length, &width, &height, &channels, 4);
  if (!decoded) {
    result.error = std::string("cannot decode image (") + stbi_failure_reason() + ")";
    return result;
  }
  Rgba image;
  const int longer = width > height ? width : height;
  if (maxSide > 0 && longer > maxSide) {
    image.width = std::max(1, static_cast<int>(static_cast<long long>(width) * maxSide / longer));
    image.height = std::max(1, static_cast<int>(static_cast<long long>(height) * maxSide / longer));
    image.pixels.resize(static_cast<std::size_t>(image.width) * image.height * 4);
    stbir_resize_uint8_srgb(decoded, width, height, 0, image.pixels.data(), image.width, image.height, 0, 4, 3, 0);
  } else {
    image.width = width;
    image.height = height;
    image.pixels.assign(decoded, decoded + static_cast<std::size_t>(width) * height * 4);
  }
  stbi_image_free(decoded);
  result.image = std::move(image);
  return result;
}

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

bool writeImage(const std::filesystem::path& file, const Rgba& image, int jpegQuality) {
  const std::string ext = file.extension().string();
  const std::string name = file.string();
  if (ext == ".jpg" || ext == ".jpeg")
    return stbi_write_jpg(name.c_str(), image.width, image.height, 4, image.pixels.data(), jpegQuality) != 0;
  return stbi_write_png(name.c_str(), image.width, image.height, 4, image.pixels.data(), image.width * 4) != 0;
}

}  // namespace wof::core
