// Spec: photos are decoded from real JPEG/PNG bytes, downscaled, and hostile files are refused.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <algorithm>

#include "core/photos/photo.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;

namespace {

Rgba gradient(int width, int height) {
  Rgba image{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 4)};
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      std::uint8_t* p = &image.pixels[(static_cast<std::size_t>(y) * width + x) * 4];
      p[0] = static_cast<std::uint8_t>(x * 255 / width);
      p[1] = static_cast<std::uint8_t>(y * 255 / height);
      p[2] = 128;
      p[3] = 255;
    }
  return image;
}

std::vector<std::uint8_t> bytesOf(const std::filesystem::path& file) {
  const FileBytes read = readRegularFile(file, kMaxPhotoBytes);
  REQUIRE_MESSAGE(read.bytes, read.error);
  return *read.bytes;
}

}  // namespace

TEST_CASE("JPEG and PNG decode and downscale, keeping the aspect ratio") {
  TempDir dir;
  for (const char* name : {"photo.jpg", "photo.png"}) {
    CAPTURE(name);
    REQUIRE(writeImage(dir / name, gradient(800, 400)));
    const PhotoResult decoded = decodePhoto(bytesOf(dir / name), 200);
    REQUIRE_MESSAGE(decoded.image, decoded.error);
    CHECK(decoded.image->width == 200);
    CHECK(decoded.image->height == 100);
    CHECK(decoded.image->pixels.size() == 200u * 100u * 4u);
    // The gradient survives: left is darker in red than right.
    CHECK(decoded.image->pixels[0] < decoded.image->pixels[(199) * 4]);
  }
  SUBCASE("a small image is not upscaled") {
    REQUIRE(writeImage(dir / "small.png", gradient(40, 30)));
    const PhotoResult decoded = decodePhoto(bytesOf(dir / "small.png"), 200);
    REQUIRE(decoded.image);
    CHECK(decoded.image->width == 40);
  }
}

TEST_CASE("hostile photo files are refused with a reason") {
  TempDir dir;
  SUBCASE("random bytes named .jpg") {
    writeFile(dir / "x.jpg", "definitely not an image");
    CHECK(decodePhoto(bytesOf(dir / "x.jpg"), 100).error == "not a JPEG, PNG, WebP, HEIC or AVIF image");
  }
  SUBCASE("a GIF renamed to .png") {
    writeFile(dir / "x.png", "GIF89a\x01\x00\x01\x00\x00\x00\x00;");
    CHECK(decodePhoto(bytesOf(dir / "x.png"), 100).error == "not a JPEG, PNG, WebP, HEIC or AVIF image");
  }
  SUBCASE("truncated JPEG") {
    REQUIRE(writeImage(dir / "full.jpg", gradient(300, 300)));
    auto bytes = bytesOf(dir / "full.jpg");
    bytes.resize(bytes.size() / 3);
    const PhotoResult decoded = decodePhoto(bytes, 100);
    // libjpeg-turbo fills a truncated JPEG's missing rows (a warning, not an error): what arrived is shown.
    CHECK(decoded.error.empty());
    CHECK(decoded.image.has_value());
  }
  SUBCASE("a damaged JPEG is refused with libjpeg's reason, not decoded at full size by stb_image") {
    // fuzz/photo_fuzz.cpp found 750-byte files declaring 20 megapixels that stb_image decoded at
    // full size (80 MB, half a second) after libjpeg-turbo had refused them.
    const auto bytes = bytesOf(std::filesystem::path(WOF_SOURCE_DIR) / "fuzz/corpus/photo/jpeg-20mp-bogus-huffman.jpg");
    REQUIRE(photoHeaderProblem(bytes).empty());
    const PhotoResult decoded = decodePhoto(bytes, 100);
    CHECK_FALSE(decoded.image.has_value());
    CHECK(decoded.error == "corrupt JPEG (Bogus Huffman table definition)");
  }
  SUBCASE("a PNG header declaring 20000x20000 is refused before decoding") {
    REQUIRE(writeImage(dir / "tiny.png", gradient(4, 4)));
    auto bytes = bytesOf(dir / "tiny.png");
    // IHDR width and height live at bytes 16..23, big-endian.
    const std::uint8_t big[4] = {0x00, 0x00, 0x4E, 0x20};
    std::copy(big, big + 4, bytes.begin() + 16);
    std::copy(big, big + 4, bytes.begin() + 20);
    CHECK(decodePhoto(bytes, 100).error == "image is 20000x20000 pixels; at most 12000 per side is accepted");
  }
  SUBCASE("a JPEG Huffman table with more than 256 codes is refused when its header is read") {
    // stb_image 2.27 would write past its tables (found by fuzz/photo_fuzz.cpp); JPEGs are now
    // read by libjpeg-turbo alone, which checks the count.
    REQUIRE(writeImage(dir / "photo.jpg", gradient(64, 64)));
    auto bytes = bytesOf(dir / "photo.jpg");
    const std::uint8_t dht[2] = {0xFF, 0xC4};
    const auto table = std::search(bytes.begin(), bytes.end(), dht, dht + 2);
    REQUIRE(table != bytes.end());
    std::fill(table + 5, table + 5 + 16, std::uint8_t{0x3D});  // 16 x 61 = 976 codes
    CHECK(decodePhoto(bytes, 100).error == "corrupt JPEG (Bogus Huffman table definition)");
    CHECK(photoHeaderProblem(bytes) == "corrupt JPEG (Bogus Huffman table definition)");
  }
  SUBCASE("a PNG whose first image data chunk is empty is refused before stb_image reads it") {
    // stb_image 2.27 would copy it through a null pointer (found by fuzz/photo_fuzz.cpp).
    REQUIRE(writeImage(dir / "photo.png", gradient(16, 16)));
    auto bytes = bytesOf(dir / "photo.png");
    const std::uint8_t idat[4] = {'I', 'D', 'A', 'T'};
    const auto chunk = std::search(bytes.begin(), bytes.end(), idat, idat + 4) - 4;
    const std::uint8_t empty[12] = {0, 0, 0, 0, 'I', 'D', 'A', 'T', 0x35, 0xAF, 0x06, 0x1E};  // with its CRC-32
    bytes.insert(chunk, empty, empty + 12);
    CHECK(decodePhoto(bytes, 100).error == "corrupt PNG: its first image data chunk is empty");
  }
  SUBCASE("a symlink, a FIFO and a folder are not read") {
    std::filesystem::create_symlink("/dev/zero", dir / "zero.jpg");
    CHECK(readRegularFile(dir / "zero.jpg", 1024).error == "is a symbolic link, which is not accepted");
    REQUIRE(::mkfifo((dir / "pipe.jpg").c_str(), 0600) == 0);
    CHECK(readRegularFile(dir / "pipe.jpg", 1024).error == "is not a regular file");
    CHECK(readRegularFile(dir.path(), 1024).error == "is not a regular file");
  }
  SUBCASE("a file over the size cap") {
    writeFile(dir / "big.jpg", std::string(4096, 'x'));
    CHECK(readRegularFile(dir / "big.jpg", 1024).error == "is 4 KiB, over the limit of 1 KiB");
  }
}
