// Photo decoding and image writing. Layer: core.
// Index: [SECTION] formats, [SECTION] JPEG (libjpeg-turbo), [SECTION] WebP (libwebp),
// [SECTION] HEIC and AVIF (libheif), [SECTION] downscale, [SECTION] PNG checks (stb_image),
// [SECTION] decodePhoto. Every decoder's pixels are turned upright here (EXIF orientation), so the
// wall, the wizard, the person screen and the PDF all draw what this file returns.
// This file holds the one stb_image / stb_image_resize / stb_image_write implementation.
#include "core/photos/photo.hpp"

#include <algorithm>
#include <cctype>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <memory>

#include <jpeglib.h>
#include <libheif/heif.h>
#include <webp/decode.h>

#include "core/photos/orientation.hpp"

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#define STBI_NO_STDIO
#include <stb_image.h>
#define STB_IMAGE_RESIZE_IMPLEMENTATION
#include <stb_image_resize.h>
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>

namespace wof::core {

namespace {

// [SECTION] formats

constexpr std::uint8_t kPngSignature[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

enum class PhotoFormat { Jpeg, Png, WebP, Heif, Other };

PhotoFormat formatOf(std::span<const std::uint8_t> bytes) {
  if (bytes.size() >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) return PhotoFormat::Jpeg;
  if (bytes.size() >= sizeof kPngSignature && std::memcmp(bytes.data(), kPngSignature, sizeof kPngSignature) == 0)
    return PhotoFormat::Png;
  if (bytes.size() >= 12 && std::memcmp(bytes.data(), "RIFF", 4) == 0 && std::memcmp(bytes.data() + 8, "WEBP", 4) == 0)
    return PhotoFormat::WebP;
  // HEIC from iPhones, HEIF and AVIF: an ISO box file whose brand libheif reads.
  if (bytes.size() >= 12 && std::memcmp(bytes.data() + 4, "ftyp", 4) == 0 &&
      heif_check_filetype(bytes.data(), static_cast<int>(std::min<std::size_t>(bytes.size(), 64))) ==
          heif_filetype_yes_supported)
    return PhotoFormat::Heif;
  return PhotoFormat::Other;
}

std::uint32_t readBigEndian32(const std::uint8_t* p) {
  return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}

std::string tooLarge(std::uint64_t width, std::uint64_t height) {
  return "image is " + std::to_string(width) + "x" + std::to_string(height) + " pixels; at most " +
         std::to_string(kMaxPhotoSide) + " per side is accepted";
}

// Why an image of these dimensions is refused before it is decoded, or an empty string.
std::string dimensionProblem(std::uint64_t width, std::uint64_t height) {
  if (width == 0 || height == 0 || width > std::uint64_t(kMaxPhotoSide) || height > std::uint64_t(kMaxPhotoSide))
    return tooLarge(width, height);
  if (width * height > kMaxPhotoPixels)
    return "image is " + std::to_string(width) + "x" + std::to_string(height) + " pixels; at most " +
           std::to_string(kMaxPhotoPixels / 1'000'000) + " megapixels are accepted";
  return {};
}

// [SECTION] JPEG (libjpeg-turbo)

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

// CMYK as print workflows save it. Photoshop and ImageMagick write it inverted (0 is full ink) and
// say so with an Adobe marker; without one, 0 is no ink.
void cmykToRgba(std::vector<std::uint8_t>& pixels, bool inverted) {
  for (std::size_t i = 0; i < pixels.size(); i += 4) {
    unsigned cyan = pixels[i], magenta = pixels[i + 1], yellow = pixels[i + 2], black = pixels[i + 3];
    if (!inverted) {
      cyan = 255 - cyan;
      magenta = 255 - magenta;
      yellow = 255 - yellow;
      black = 255 - black;
    }
    pixels[i] = static_cast<std::uint8_t>((cyan * black + 127) / 255);
    pixels[i + 1] = static_cast<std::uint8_t>((magenta * black + 127) / 255);
    pixels[i + 2] = static_cast<std::uint8_t>((yellow * black + 127) / 255);
    pixels[i + 3] = 255;
  }
}

// Reads a JPEG's header and, when `image` is given, decodes it at the smallest of 1/1, 1/2, 1/4,
// 1/8 scale whose longer side is still at least `maxSide` (all of it when `maxSide` is 0). The DCT
// does the heavy downscaling while decoding, many times faster than decoding 12 megapixels and
// filtering them down. Baseline and progressive, grey, YCbCr, RGB, CMYK and YCCK. Returns
// libjpeg's reason when it refuses the file, a size problem, or an empty string.
std::string readJpeg(std::span<const std::uint8_t> bytes, int maxSide, Rgba* image) {
  jpeg_decompress_struct info{};
  JpegError error{};
  info.err = jpeg_std_error(&error.manager);
  error.manager.error_exit = jpegFail;
  error.manager.output_message = jpegQuiet;
  std::vector<JSAMPROW> rows;  // before setjmp: nothing with a destructor is created after it
  std::string problem;
  if (setjmp(error.jump)) {
    jpeg_destroy_decompress(&info);
    return std::string("corrupt JPEG (") + error.message + ")";
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, bytes.data(), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&info, TRUE);
  problem = dimensionProblem(info.image_width, info.image_height);
  if (!problem.empty() || !image) {
    jpeg_destroy_decompress(&info);
    return problem;
  }
  const unsigned longer = std::max(info.image_width, info.image_height);
  unsigned denominator = 1;
  while (maxSide > 0 && denominator < 8 && longer / (denominator * 2) >= static_cast<unsigned>(maxSide))
    denominator *= 2;
  info.scale_num = 1;
  info.scale_denom = denominator;
  // libjpeg-turbo turns grey, YCbCr and RGB into RGBA itself, but not CMYK: that comes out as
  // four ink channels, converted below.
  const bool cmyk = info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK;
  info.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGBA;
  info.dct_method = JDCT_ISLOW;
  jpeg_start_decompress(&info);
  image->width = static_cast<int>(info.output_width);
  image->height = static_cast<int>(info.output_height);
  image->pixels.resize(static_cast<std::size_t>(image->width) * image->height * 4);
  rows.resize(info.output_height);
  for (unsigned y = 0; y < info.output_height; ++y)
    rows[y] = image->pixels.data() + static_cast<std::size_t>(y) * info.output_width * 4;
  while (info.output_scanline < info.output_height)
    jpeg_read_scanlines(&info, rows.data() + info.output_scanline, info.output_height - info.output_scanline);
  const bool inverted = info.saw_Adobe_marker;
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  if (cmyk) cmykToRgba(image->pixels, inverted);
  return {};
}

// [SECTION] WebP (libwebp)

// Reads a WebP's header and, when `image` is given, decodes it whole. Still images only (lossy,
// lossless, with or without alpha); an animation is refused rather than shown as its first frame.
std::string readWebP(std::span<const std::uint8_t> bytes, Rgba* image) {
  WebPBitstreamFeatures features{};
  if (WebPGetFeatures(bytes.data(), bytes.size(), &features) != VP8_STATUS_OK) return "corrupt WebP (unreadable header)";
  if (features.has_animation) return "animated WebP is not accepted";
  if (std::string problem = dimensionProblem(static_cast<std::uint64_t>(features.width), static_cast<std::uint64_t>(features.height));
      !problem.empty() || !image)
    return problem;
  int width = 0;
  int height = 0;
  std::uint8_t* decoded = WebPDecodeRGBA(bytes.data(), bytes.size(), &width, &height);
  if (!decoded) return "corrupt WebP (cannot decode its image data)";
  image->width = width;
  image->height = height;
  image->pixels.assign(decoded, decoded + static_cast<std::size_t>(width) * height * 4);
  WebPFree(decoded);
  return {};
}

// [SECTION] HEIC and AVIF (libheif)

struct HeifFree {
  void operator()(heif_context* context) const { heif_context_free(context); }
  void operator()(heif_image_handle* handle) const { heif_image_handle_release(handle); }
  void operator()(heif_image* image) const { heif_image_release(image); }
};

// Reads a HEIF's primary image (HEIC from phones, AVIF from the web) and, when `image` is given,
// decodes it. libheif applies the file's rotation and mirroring (irot, imir) while decoding, so the
// pixels are upright and the dimensions are the upright ones; EXIF orientation is not applied on
// top (the HEIF standard says the boxes win, and iPhones write both).
std::string readHeif(std::span<const std::uint8_t> bytes, Rgba* image) {
  std::unique_ptr<heif_context, HeifFree> context(heif_context_alloc());
  if (!context) return "cannot read HEIF (out of memory)";
  heif_context_set_maximum_image_size_limit(context.get(), kMaxPhotoSide);
  heif_error error = heif_context_read_from_memory_without_copy(context.get(), bytes.data(), bytes.size(), nullptr);
  if (error.code != heif_error_Ok) return std::string("corrupt HEIF (") + error.message + ")";
  heif_image_handle* rawHandle = nullptr;
  error = heif_context_get_primary_image_handle(context.get(), &rawHandle);
  std::unique_ptr<heif_image_handle, HeifFree> handle(rawHandle);
  if (error.code != heif_error_Ok) return std::string("corrupt HEIF (") + error.message + ")";
  const int width = heif_image_handle_get_width(handle.get());
  const int height = heif_image_handle_get_height(handle.get());
  if (std::string problem = dimensionProblem(static_cast<std::uint64_t>(std::max(width, 0)),
                                             static_cast<std::uint64_t>(std::max(height, 0)));
      !problem.empty() || !image)
    return problem;
  heif_image* rawImage = nullptr;
  error = heif_decode_image(handle.get(), &rawImage, heif_colorspace_RGB, heif_chroma_interleaved_RGBA, nullptr);
  std::unique_ptr<heif_image, HeifFree> decoded(rawImage);
  if (error.code != heif_error_Ok) return std::string("cannot decode HEIF (") + error.message + ")";
  int stride = 0;
  const std::uint8_t* plane = heif_image_get_plane_readonly(decoded.get(), heif_channel_interleaved, &stride);
  const int decodedWidth = heif_image_get_width(decoded.get(), heif_channel_interleaved);
  const int decodedHeight = heif_image_get_height(decoded.get(), heif_channel_interleaved);
  if (!plane || decodedWidth <= 0 || decodedHeight <= 0 || stride < decodedWidth * 4 ||
      heif_image_get_bits_per_pixel_range(decoded.get(), heif_channel_interleaved) != 8)
    return "cannot decode HEIF (no 8-bit RGBA image came out)";
  image->width = decodedWidth;
  image->height = decodedHeight;
  image->pixels.resize(static_cast<std::size_t>(decodedWidth) * decodedHeight * 4);
  for (int y = 0; y < decodedHeight; ++y)
    std::memcpy(image->pixels.data() + static_cast<std::size_t>(y) * decodedWidth * 4,
                plane + static_cast<std::size_t>(y) * static_cast<std::size_t>(stride), static_cast<std::size_t>(decodedWidth) * 4);
  return {};
}

// [SECTION] downscale

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


// [SECTION] PNG checks (stb_image)

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


// Reads a PNG's header and, when `image` is given, decodes it (any bit depth, palette, grey).
std::string readPng(std::span<const std::uint8_t> bytes, Rgba* image) {
  if (std::string problem = pngChunkProblem(bytes); !problem.empty()) return problem;
  // A PNG states its size in the first chunk (IHDR); a decompression bomb is caught here even when
  // stb_image would refuse it with a vaguer reason.
  if (bytes.size() >= 24) {
    const std::uint32_t width = readBigEndian32(&bytes[16]);
    const std::uint32_t height = readBigEndian32(&bytes[20]);
    if (width > std::uint32_t(kMaxPhotoSide) || height > std::uint32_t(kMaxPhotoSide)) return tooLarge(width, height);
  }
  int width = 0;
  int height = 0;
  int channels = 0;
  const int length = static_cast<int>(bytes.size());
  if (!stbi_info_from_memory(bytes.data(), length, &width, &height, &channels))
    return std::string("unreadable image header (") + stbi_failure_reason() + ")";
  if (std::string problem = dimensionProblem(static_cast<std::uint64_t>(std::max(width, 0)),
                                             static_cast<std::uint64_t>(std::max(height, 0)));
      !problem.empty() || !image)
    return problem;
  stbi_uc* decoded = stbi_load_from_memory(bytes.data(), length, &width, &height, &channels, 4);
  if (!decoded) return std::string("cannot decode image (") + stbi_failure_reason() + ")";
  image->width = width;
  image->height = height;
  image->pixels.assign(decoded, decoded + static_cast<std::size_t>(width) * height * 4);
  stbi_image_free(decoded);
  return {};
}

// Reads the header of a photo of any accepted format and, when `image` is given, decodes it (a JPEG
// already scaled towards `maxSide`). Returns why the photo is refused, or an empty string.
std::string readPhoto(std::span<const std::uint8_t> bytes, int maxSide, Rgba* image) {
  if (bytes.size() > kMaxPhotoBytes)
    return "file is larger than " + std::to_string(kMaxPhotoBytes / (1024 * 1024)) + " MB";
  switch (formatOf(bytes)) {
    case PhotoFormat::Jpeg: return readJpeg(bytes, maxSide, image);
    case PhotoFormat::Png: return readPng(bytes, image);
    case PhotoFormat::WebP: return readWebP(bytes, image);
    case PhotoFormat::Heif: return readHeif(bytes, image);
    case PhotoFormat::Other: break;
  }
  return "not a JPEG, PNG, WebP, HEIC or AVIF image";
}

}  // namespace

// [SECTION] decodePhoto

std::string photoHeaderProblem(std::span<const std::uint8_t> bytes) { return readPhoto(bytes, 0, nullptr); }

PhotoResult decodePhoto(std::span<const std::uint8_t> bytes, int maxSide) {
  PhotoResult result;
  Rgba image;
  // No second try with another decoder when one refuses the file: stb_image would decode a
  // damaged JPEG at full size, and fuzz/photo_fuzz.cpp found 750-byte files declaring 20
  // megapixels that cost 80 MB and half a second each that way, for a picture of noise.
  result.error = readPhoto(bytes, maxSide, &image);
  if (!result.error.empty()) return result;
  if (maxSide > 0 && std::max(image.width, image.height) > maxSide)
    image = resizeToFit(image.pixels.data(), image.width, image.height, maxSide);
  // Turned after the downscale: fewer pixels to move. HEIF comes out of libheif upright already.
  if (formatOf(bytes) != PhotoFormat::Heif) image = orientUpright(std::move(image), photoOrientation(bytes));
  result.image = std::move(image);
  return result;
}

bool hasPhotoExtension(const std::filesystem::path& file) {
  std::string extension = file.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (std::string_view accepted : kPhotoExtensions)
    if (extension == accepted) return true;
  return false;
}

bool writeImage(const std::filesystem::path& file, const Rgba& image, int jpegQuality) {
  const std::string ext = file.extension().string();
  const std::string name = file.string();
  if (ext == ".jpg" || ext == ".jpeg")
    return stbi_write_jpg(name.c_str(), image.width, image.height, 4, image.pixels.data(), jpegQuality) != 0;
  return stbi_write_png(name.c_str(), image.width, image.height, 4, image.pixels.data(), image.width * 4) != 0;
}

}  // namespace wof::core
