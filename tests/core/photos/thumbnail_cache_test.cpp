// Spec: the on-disk thumbnail cache serves a photo's thumbnail until the photo changes, and
// pruning removes thumbnails of photos that changed or went away.
#include <doctest/doctest.h>

#include <filesystem>
#include <vector>

#include "core/photos/photo.hpp"
#include "core/photos/thumbnail_cache.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;
namespace fs = std::filesystem;

namespace {

Rgba solid(int width, int height, std::uint8_t red, std::uint8_t alpha = 255) {
  Rgba image{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 4)};
  for (std::size_t i = 0; i < image.pixels.size(); i += 4) {
    image.pixels[i] = red;
    image.pixels[i + 1] = 40;
    image.pixels[i + 2] = 200;
    image.pixels[i + 3] = alpha;
  }
  return image;
}

std::vector<fs::path> filesIn(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) files.push_back(entry.path());
  return files;
}

}  // namespace

TEST_CASE("a photo's thumbnail is written once and served until the photo changes") {
  TempDir dir;
  const fs::path photos = dir / "photos";
  const fs::path cache = thumbnailsDirIn(dir.path());
  fs::create_directories(photos);
  REQUIRE(writeImage(photos / "E1.jpg", solid(400, 300, 250)));

  const PhotoResult first = loadPhotoThumbnail(photos, "E1.jpg", 100, cache);
  REQUIRE(first.image);
  CHECK(first.image->width == 100);
  CHECK(first.image->height == 75);
  const std::vector<fs::path> written = filesIn(cache);
  REQUIRE(written.size() == 1);
  CHECK(written[0].extension() == ".jpg");  // opaque: JPEG
  CHECK(written[0].filename().string().rfind("E1.jpg@", 0) == 0);

  // Proof the second load reads the cache: what it returns is what the cache file holds.
  REQUIRE(writeImage(written[0], solid(100, 75, 10)));
  const PhotoResult second = loadPhotoThumbnail(photos, "E1.jpg", 100, cache);
  REQUIRE(second.image);
  CHECK(second.image->pixels[0] < 40);

  SUBCASE("a replaced photo is decoded again, and pruning drops the old thumbnail") {
    REQUIRE(writeImage(photos / "E1.jpg", solid(800, 600, 250)));  // another size: another key
    const PhotoResult third = loadPhotoThumbnail(photos, "E1.jpg", 100, cache);
    REQUIRE(third.image);
    CHECK(third.image->pixels[0] > 200);
    CHECK(filesIn(cache).size() == 2);
    CHECK(pruneThumbnails(cache, photos) == 1);
    CHECK(filesIn(cache).size() == 1);
  }
  SUBCASE("an erased photo's thumbnail is pruned") {
    fs::remove(photos / "E1.jpg");
    CHECK(pruneThumbnails(cache, photos) == 1);
    CHECK(filesIn(cache).empty());
  }
  SUBCASE("another size asked for is another thumbnail") {
    const PhotoResult larger = loadPhotoThumbnail(photos, "E1.jpg", 200, cache);
    REQUIRE(larger.image);
    CHECK(larger.image->width == 200);
    CHECK(filesIn(cache).size() == 2);
    CHECK(pruneThumbnails(cache, photos) == 0);
  }
}

TEST_CASE("photos with transparency keep it in a PNG thumbnail") {
  TempDir dir;
  const fs::path photos = dir / "photos";
  const fs::path cache = thumbnailsDirIn(dir.path());
  fs::create_directories(photos);
  REQUIRE(writeImage(photos / "E2.png", solid(300, 300, 100, 128)));
  const PhotoResult result = loadPhotoThumbnail(photos, "E2.png", 50, cache);
  REQUIRE(result.image);
  CHECK(result.image->pixels[3] == 128);
  const std::vector<fs::path> written = filesIn(cache);
  REQUIRE(written.size() == 1);
  CHECK(written[0].extension() == ".png");
  const PhotoResult again = loadPhotoThumbnail(photos, "E2.png", 50, cache);
  REQUIRE(again.image);
  CHECK(again.image->pixels[3] == 128);
}

TEST_CASE("the cache refuses what the photo loader refuses, and writes nothing for it") {
  TempDir dir;
  const fs::path photos = dir / "photos";
  const fs::path cache = thumbnailsDirIn(dir.path());
  fs::create_directories(photos);
  REQUIRE(writeImage(photos / "real.jpg", solid(50, 50, 1)));
  fs::create_symlink(photos / "real.jpg", photos / "link.jpg");
  CHECK(loadPhotoThumbnail(photos, "link.jpg", 20, cache).error == "is a symbolic link, which is not accepted");
  CHECK(loadPhotoThumbnail(photos, "missing.jpg", 20, cache).error == "No such file or directory");
  writeFile(photos / "text.jpg", "not an image");
  CHECK(loadPhotoThumbnail(photos, "text.jpg", 20, cache).error == "not a JPEG, PNG, WebP, HEIC or AVIF image");
  CHECK(filesIn(cache).empty());
  // A name that is not a plain file name is decoded but never cached.
  fs::create_directories(photos / "sub");
  REQUIRE(writeImage(photos / "sub" / "deep.jpg", solid(50, 50, 1)));
  CHECK(loadPhotoThumbnail(photos, "sub/deep.jpg", 20, cache).image);
  CHECK(filesIn(cache).empty());
}
