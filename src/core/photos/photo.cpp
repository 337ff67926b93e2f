// Photo decoding, file reading with limits, and image writing. Layer: core.
// This file holds the one stb_image / stb_image_resize / stb_image_write implementation.
#include "core/photos/photo.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>

#include <jpeglib.h>

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

// libjpeg reports fatal errors through error_exit, which must not return: jump back to decode.
struct JpegError {
  jpeg_error_mgr manager;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

[[noreturn]] void jpegFail(j_common_ptr info) {
  JpegError* error = reinterpret_cast<JpegError*>(info->err);
  info->err->format_message(info, error->message);
  std::longjmp(error->jump, 1);
}
void jpegQuiet(j_common_ptr) {}  // warnings about slightly damaged data: decode what is there

// A JPEG decoded by libjpeg-turbo at the smallest of 1/1, 1/2, 1/4, 1/8 scale whose longer side
// is still at least `maxSide`. The DCT does the heavy downscaling while decoding, which is many
// times faster than decoding 12 megapixels and filtering them down. Returns libjpeg's reason (and
// leaves `image` unspecified) when it refuses the file, else an empty string.
std::string decodeJpegScaled(std::span<const std::uint8_t> bytes, int maxSide, Rgba& image) {
  jpeg_decompress_struct info{};
  JpegError error{};
  info.err = jpeg_std_error(&error.manager);
  error.manager.error_exit = jpegFail;
  error.manager.output_message = jpegQuiet;
  std::vector<JSAMPROW> rows;  // before setjmp: nothing with a destructor is created after it
  if (setjmp(error.jump)) {
    jpeg_destroy_decompress(&info);
    return error.message;
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, bytes.data(), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&info, TRUE);
  const unsigned longer = std::max(info.image_width, info.image_height);
  unsigned denominator = 1;
  while (denominator < 8 && longer / (denominator * 2) >= static_cast<unsigned>(maxSide)) denominator *= 2;
  info.scale_num = 1;
  info.scale_denom = denominator;
  info.out_color_space = JCS_EXT_RGBA;
  info.dct_method = JDCT_ISLOW;
  jpeg_start_decompress(&info);
  image.width = static_cast<int>(info.output_width);
  image.height = static_cast<int>(info.output_height);
  image.pixels.resize(static_cast<std::size_t>(image.width) * image.height * 4);
  rows.resize(info.output_height);
  for (unsigned y = 0; y < info.output_height; ++y)
    rows[y] = image.pixels.data() + static_cast<std::size_t>(y) * info.output_width * 4;
  while (info.output_scanline < info.output_height)
    jpeg_read_scanlines(&info, rows.data() + info.output_scanline, info.output_height - info.output_scanline);
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  return {};
}

// For each output column (or row), the input pixels it covers and how much of each.
struct Taps {
  std::vector<int> first;
  std::vector<int> count;
  std::vector<float> weights;  // count[i] weights per output pixel, in order
};

Taps areaTaps(int from, int to) {
  Taps taps;
  const double scale = static_cast<double>(from) / to;
  for (int o = 0; o < to; ++o) {
    const double start = o * scale;
    const double end = (o + 1) * scale;
    const int first = static_cast<int>(start);
    int count = 0;
    for (int i = first; i < end && i < from; ++i, ++count)
      taps.weights.push_back(static_cast<float>((std::min(end, i + 1.0) - std::max(start, static_cast<double>(i))) / scale));
    taps.first.push_back(first);
    taps.count.push_back(count);
  }
  return taps;
}

// Scales down to at most `maxSide` (aspect ratio kept) by area averaging: every input pixel counts
// by how much of an output pixel it covers. No aliasing at any ratio, and several times faster
// than stb_image_resize's general filter, which cost more than the decode itself.
Rgba resizeToFit(const std::uint8_t* pixels, int width, int height, int maxSide) {
  const int longer = std::max(width, height);
  Rgba image;
  image.width = std::max(1, static_cast<int>(static_cast<long long>(width) * maxSide / longer));
  image.height = std::max(1, static_cast<int>(static_cast<long long>(height) * maxSide / longer));
  const Taps columns = areaTaps(width, image.width);
  const Taps rows = areaTaps(height, image.height);
  const std::size_t rowFloats = static_cast<std::size_t>(image.width) * 4;
  std::vector<float> narrow(rowFloats * static_cast<std::size_t>(height));  // horizontal pass
  for (int y = 0; y < height; ++y) {
    const std::uint8_t* in = pixels + static_cast<std::size_t>(y) * width * 4;
    float* out = narrow.data() + static_cast<std::size_t>(y) * rowFloats;
    const float* weight = columns.weights.data();
    for (int ox = 0; ox < image.width; ++ox) {
      float sum[4] = {0, 0, 0, 0};
      const std::uint8_t* p = in + static_cast<std::size_t>(columns.first[static_cast<std::size_t>(ox)]) * 4;
      for (int k = 0; k < columns.count[static_cast<std::size_t>(ox)]; ++k, p += 4, ++weight)
        for (int c = 0; c < 4; ++c) sum[c] += p[c] * *weight;
      for (int c = 0; c < 4; ++c) out[ox * 4 + c] = sum[c];
    }
  }
  image.pixels.resize(rowFloats * static_cast<std::size_t>(image.height));
  std::vector<float> sum(rowFloats);
  const float* weight = rows.weights.data();
  for (int oy = 0; oy < image.height; ++oy) {
    std::fill(sum.begin(), sum.end(), 0.0f);
    const int first = rows.first[static_cast<std::size_t>(oy)];
    for (int k = 0; k < rows.count[static_cast<std::size_t>(oy)]; ++k, ++weight) {
      const float* in = narrow.data() + static_cast<std::size_t>(first + k) * rowFloats;
      for (std::size_t i = 0; i < rowFloats; ++i) sum[i] += in[i] * *weight;
    }
    std::uint8_t* out = image.pixels.data() + static_cast<std::size_t>(oy) * rowFloats;
    for (std::size_t i = 0; i < rowFloats; ++i)
      out[i] = static_cast<std::uint8_t>(std::clamp(sum[i] + 0.5f, 0.0f, 255.0f));
  }
  return image;
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
  if (isJpeg(bytes) && maxSide > 0) {
    // No second try with stb_image when libjpeg-turbo refuses the file: stb_image would decode a
    // damaged file at full size, and fuzz/photo_fuzz.cpp found 750-byte files declaring 20
    // megapixels that cost 80 MB and half a second each that way, for a picture of noise.
    Rgba scaled;
    if (const std::string problem = decodeJpegScaled(bytes, maxSide, scaled); !problem.empty()) {
      result.error = "cannot decode JPEG (" + problem + ")";
      return result;
    }
    if (std::max(scaled.width, scaled.height) > maxSide)
      scaled = resizeToFit(scaled.pixels.data(), scaled.width, scaled.height, maxSide);
    result.image = std::move(scaled);
    return result;
  }
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
    image = resizeToFit(decoded, width, height, maxSide);
  } else {
    image.width = width;
    image.height = height;
    image.pixels.assign(decoded, decoded + static_cast<std::size_t>(width) * height * 4);
  }
  stbi_image_free(decoded);
  result.image = std::move(image);
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
