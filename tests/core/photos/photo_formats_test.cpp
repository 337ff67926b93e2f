// Spec: photos as phones, cameras and web downloads give them, made at test time by tools nobody
// here wrote (ImageMagick, exiftool, cwebp, heif-enc), decode upright: each of the eight EXIF
// orientations, CMYK and progressive JPEGs, 16-bit and palette PNGs, WebP, HEIC and AVIF. The
// check is the one a person makes: the thumbnail's corners have the upright original's colours.
// The tools come from scripts/dev.sh's test block; a missing one fails the test.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/photos/orientation.hpp"
#include "core/photos/photo.hpp"
#include "core/photos/thumbnail_cache.hpp"
#include "core/reports/report_pdf.hpp"
#include "core/roster/roster_import.hpp"
#include "core/storage/store.hpp"
#include "support/report_support.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;
namespace fs = std::filesystem;

namespace {

constexpr int kSide = 120;  // thumbnails are decoded to this longer side

void requireTool(const std::string& tool) {
  REQUIRE_MESSAGE(std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0,
                  tool << " is missing: scripts/dev.sh test installs it");
}

// Runs `command` in `dir` through the shell; its output goes to the test's log only when it fails.
void shell(const TempDir& dir, const std::string& command) {
  const std::string line = "cd '" + dir.path().string() + "' && (" + command + ") >tool.log 2>&1";
  const int status = std::system(line.c_str());
  INFO(command);
  REQUIRE_MESSAGE(status == 0, readFile(dir / "tool.log"));
}

std::string shellOutput(const TempDir& dir, const std::string& command) {
  shell(dir, command + " >out.txt");
  std::string out = readFile(dir / "out.txt");
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

std::vector<std::uint8_t> bytesOf(const fs::path& file) {
  const FileBytes read = readRegularFile(file, kMaxPhotoBytes);
  REQUIRE_MESSAGE(read.bytes, file.string() << " " << read.error);
  return *read.bytes;
}

Rgba decoded(const fs::path& file, int maxSide = kSide) {
  const PhotoResult result = decodePhoto(bytesOf(file), maxSide);
  REQUIRE_MESSAGE(result.image, file.filename().string() << ": " << result.error);
  return *result.image;
}

struct Colour {
  int red = 0, green = 0, blue = 0;
};

// The mean colour of a block a fifth of the image's size, a little in from corner (`right`, `bottom`):
// clear of the quadrant borders, which JPEG's chroma subsampling blurs.
Colour cornerColour(const Rgba& image, bool right, bool bottom) {
  const int blockWidth = image.width / 5;
  const int blockHeight = image.height / 5;
  const int left = right ? image.width - image.width / 20 - blockWidth : image.width / 20;
  const int top = bottom ? image.height - image.height / 20 - blockHeight : image.height / 20;
  long sums[3] = {0, 0, 0};
  for (int y = top; y < top + blockHeight; ++y)
    for (int x = left; x < left + blockWidth; ++x)
      for (int c = 0; c < 3; ++c) sums[c] += image.pixels[(static_cast<std::size_t>(y) * image.width + x) * 4 + c];
  const long count = static_cast<long>(blockWidth) * blockHeight;
  return {static_cast<int>(sums[0] / count), static_cast<int>(sums[1] / count), static_cast<int>(sums[2] / count)};
}

bool near(const Colour& a, const Colour& b) {
  return std::abs(a.red - b.red) <= 40 && std::abs(a.green - b.green) <= 40 && std::abs(a.blue - b.blue) <= 40;
}

std::string describe(const Colour& colour) {
  return "(" + std::to_string(colour.red) + "," + std::to_string(colour.green) + "," + std::to_string(colour.blue) + ")";
}

// `image` has the upright original's size and, in each corner (top-left first), its colour.
void checkUpright(const Rgba& image, const Rgba& upright, const std::string& what) {
  CAPTURE(what);
  CHECK(image.width == upright.width);
  CHECK(image.height == upright.height);
  if (image.width != upright.width || image.height != upright.height) return;
  for (const auto& [right, bottom] : {std::pair(false, false), std::pair(true, false), std::pair(false, true), std::pair(true, true)}) {
    const Colour got = cornerColour(image, right, bottom);
    const Colour want = cornerColour(upright, right, bottom);
    const std::string corner = std::string(bottom ? "bottom" : "top") + (right ? "-right" : "-left");
    CHECK_MESSAGE(near(got, want), corner << " corner is " << describe(got) << ", upright has " << describe(want));
  }
}

// A 240x160 landscape whose four quadrants are red, green, blue and yellow: each of the eight ways
// of turning and mirroring it puts a different colour in the top-left corner or changes its shape.
void makeUpright(const TempDir& dir) {
  requireTool("convert");
  shell(dir, "convert -size 120x80 xc:'#ff0000' -size 120x80 xc:'#00c000' +append "
             "\\( -size 120x80 xc:'#0000ff' -size 120x80 xc:'#ffff00' +append \\) -append +repage PNG24:upright.png");
}

// ImageMagick operations that store the upright picture as a camera held that way would, for the
// EXIF Orientation that says how to turn it back (1: as is, 6: to be turned 90° clockwise, ...).
const char* const kStoredAs[9] = {"", "", "-flop", "-rotate 180", "-flip", "-transpose", "-rotate 270", "-transverse",
                                  "-rotate 90"};

// Writes o<N>.<extension>: the upright picture stored turned as orientation N, tagged N by exiftool.
fs::path makeOriented(const TempDir& dir, int orientation, const std::string& extension, const std::string& options = "-quality 95") {
  requireTool("exiftool");
  const std::string name = "o" + std::to_string(orientation) + extension;
  shell(dir, "convert upright.png " + std::string(kStoredAs[orientation]) + " " + options + " " + name);
  shell(dir, "exiftool -q -overwrite_original -Orientation=" + std::to_string(orientation) + " -n " + name);
  REQUIRE(shellOutput(dir, "exiftool -s3 -n -Orientation " + name) == std::to_string(orientation));
  return dir / name;
}

}  // namespace

TEST_CASE("each of the eight EXIF orientations decodes upright") {
  TempDir dir;
  makeUpright(dir);
  const Rgba upright = decoded(dir / "upright.png");
  REQUIRE(upright.width == kSide);
  for (int orientation = 1; orientation <= 8; ++orientation) {
    CAPTURE(orientation);
    const fs::path file = makeOriented(dir, orientation, ".jpg");
    CHECK(photoOrientation(bytesOf(file)) == orientation);
    CHECK(photoFileOrientation(file) == orientation);
    // The fixture itself, as ImageMagick reads it: stored turned, and upright once it applies the tag.
    CHECK(shellOutput(dir, "identify -format %w " + file.filename().string()) == (orientation >= 5 ? "160" : "240"));
    shell(dir, "convert " + file.filename().string() + " -auto-orient imagemagick-upright.png");
    checkUpright(decoded(dir / "imagemagick-upright.png"), upright, "ImageMagick -auto-orient of the fixture");
    checkUpright(decoded(file), upright, file.filename().string());

    const fs::path progressive = makeOriented(dir, orientation, ".jpg", "-quality 95 -interlace JPEG");
    REQUIRE(shellOutput(dir, "identify -format %[interlace] " + progressive.filename().string()) == "JPEG");
    checkUpright(decoded(progressive), upright, "progressive " + progressive.filename().string());
  }
}

TEST_CASE("PNG and WebP carry EXIF orientation too") {
  TempDir dir;
  makeUpright(dir);
  const Rgba upright = decoded(dir / "upright.png");
  SUBCASE("PNG with an eXIf chunk written by exiftool") {
    const fs::path file = makeOriented(dir, 6, ".png", "");
    CHECK(photoOrientation(bytesOf(file)) == 6);
    checkUpright(decoded(file), upright, "o6.png");
  }
  SUBCASE("WebP whose EXIF cwebp copied from a phone's JPEG") {
    requireTool("cwebp");
    makeOriented(dir, 8, ".jpg");
    shell(dir, "cwebp -quiet -q 95 -metadata exif o8.jpg -o o8.webp");
    CHECK(photoOrientation(bytesOf(dir / "o8.webp")) == 8);
    CHECK(photoFileOrientation(dir / "o8.webp") == 8);
    checkUpright(decoded(dir / "o8.webp"), upright, "o8.webp");
  }
}

TEST_CASE("CMYK and progressive JPEGs, 16-bit and palette PNGs decode with the original's colours") {
  TempDir dir;
  makeUpright(dir);
  const Rgba upright = decoded(dir / "upright.png");
  SUBCASE("CMYK JPEG, as print workflows save it") {
    shell(dir, "convert upright.png -colorspace CMYK -quality 95 cmyk.jpg");
    REQUIRE(shellOutput(dir, "identify -format %[colorspace] cmyk.jpg") == "CMYK");
    checkUpright(decoded(dir / "cmyk.jpg"), upright, "cmyk.jpg");
    const Rgba full = decoded(dir / "cmyk.jpg", 0);  // no downscale: libjpeg at 1/1
    CHECK(full.width == 240);
  }
  SUBCASE("progressive JPEG") {
    shell(dir, "convert upright.png -interlace JPEG -quality 95 progressive.jpg");
    REQUIRE(shellOutput(dir, "identify -format %[interlace] progressive.jpg") == "JPEG");
    checkUpright(decoded(dir / "progressive.jpg"), upright, "progressive.jpg");
  }
  SUBCASE("grey JPEG") {
    shell(dir, "convert upright.png -colorspace Gray grey.jpg");
    const Rgba grey = decoded(dir / "grey.jpg");
    const Colour topLeft = cornerColour(grey, false, false);
    CHECK(topLeft.red == topLeft.green);
    CHECK(topLeft.green == topLeft.blue);
  }
  SUBCASE("16-bit PNG") {
    shell(dir, "convert upright.png -depth 16 PNG48:deep.png");
    REQUIRE(shellOutput(dir, "identify -format %[depth] deep.png") == "16");
    checkUpright(decoded(dir / "deep.png"), upright, "deep.png");
  }
  SUBCASE("palette PNG") {
    shell(dir, "convert upright.png PNG8:palette.png");
    REQUIRE(shellOutput(dir, "identify -format %[type] palette.png") == "Palette");
    checkUpright(decoded(dir / "palette.png"), upright, "palette.png");
  }
}

TEST_CASE("WebP, HEIC and AVIF decode upright") {
  TempDir dir;
  makeUpright(dir);
  const Rgba upright = decoded(dir / "upright.png");
  SUBCASE("lossy WebP from cwebp") {
    requireTool("cwebp");
    shell(dir, "cwebp -quiet -q 95 upright.png -o lossy.webp");
    checkUpright(decoded(dir / "lossy.webp"), upright, "lossy.webp");
  }
  SUBCASE("lossless WebP with transparency from cwebp") {
    requireTool("cwebp");
    shell(dir, "convert upright.png -alpha set -channel A -evaluate set 50% +channel translucent.png");
    shell(dir, "cwebp -quiet -lossless translucent.png -o lossless.webp");
    const Rgba image = decoded(dir / "lossless.webp");
    checkUpright(image, upright, "lossless.webp");
    CHECK(image.pixels[3] > 100);
    CHECK(image.pixels[3] < 160);
  }
  SUBCASE("HEIC from heif-enc (x265)") {
    requireTool("heif-enc");
    shell(dir, "heif-enc -q 95 upright.png -o upright.heic");
    REQUIRE(shellOutput(dir, "heif-info upright.heic | grep -c 'MIME type: image/heic'") == "1");
    checkUpright(decoded(dir / "upright.heic"), upright, "upright.heic");
  }
  SUBCASE("AVIF from heif-enc (aom)") {
    requireTool("heif-enc");
    shell(dir, "heif-enc -A -q 95 upright.png -o upright.avif");
    checkUpright(decoded(dir / "upright.avif"), upright, "upright.avif");
  }
  SUBCASE("an animated WebP is refused with the reason") {
    requireTool("img2webp");
    shell(dir, "convert upright.png -rotate 180 turned.png && img2webp -loop 0 upright.png turned.png -o animated.webp");
    CHECK(decodePhoto(bytesOf(dir / "animated.webp"), kSide).error == "animated WebP is not accepted");
  }
  SUBCASE("a truncated HEIC is refused with the reason, not crashed on") {
    requireTool("heif-enc");
    shell(dir, "heif-enc -q 95 upright.png -o upright.heic");
    std::vector<std::uint8_t> bytes = bytesOf(dir / "upright.heic");
    bytes.resize(bytes.size() * 2 / 3);
    const PhotoResult result = decodePhoto(bytes, kSide);
    CHECK_FALSE(result.image);
    CHECK(result.error.find("HEIF") != std::string::npos);
  }
}

TEST_CASE("a thumbnail is made again when only the photo's orientation changed") {
  TempDir dir;
  makeUpright(dir);
  const Rgba upright = decoded(dir / "upright.png");
  const fs::path photo = makeOriented(dir, 6, ".jpg");
  const fs::path cache = dir / "thumbnails";
  checkUpright(*loadPhotoThumbnail(dir.path(), "o6.jpg", kSide, cache).image, upright, "first decode");
  checkUpright(*loadPhotoThumbnail(dir.path(), "o6.jpg", kSide, cache).image, upright, "from the cache");

  // Someone fixes the tag in place, keeping the file's time (exiftool -P keeps it to the second;
  // a copy with rsync -t or cp -p keeps it whole) and, as it happens, its size: without the
  // orientation in the key the old thumbnail would be served, now upside down.
  const auto sizeBefore = fs::file_size(photo);
  const auto timeBefore = fs::last_write_time(photo);
  shell(dir, "exiftool -q -P -overwrite_original -Orientation=8 -n o6.jpg");
  fs::last_write_time(photo, timeBefore);
  REQUIRE(fs::file_size(photo) == sizeBefore);
  REQUIRE(fs::last_write_time(photo) == timeBefore);
  const Rgba after = *loadPhotoThumbnail(dir.path(), "o6.jpg", kSide, cache).image;
  // Stored turned for 6, now told to turn the other way: upside down against the original.
  shell(dir, "convert upright.png -rotate 180 upside-down.png");
  checkUpright(after, decoded(dir / "upside-down.png"), "after the tag changed");
  CHECK(pruneThumbnails(cache, dir.path()) == 1);  // the thumbnail of orientation 6 goes
}

TEST_CASE("the roster's photo folder takes the names and formats phones give, and names each it cannot use") {
  TempDir dir;
  makeUpright(dir);
  requireTool("cwebp");
  requireTool("heif-enc");
  const fs::path photos = dir / "share-photos";
  fs::create_directories(photos);
  makeOriented(dir, 6, ".jpg");
  fs::copy_file(dir / "o6.jpg", photos / "E1.JPG");
  fs::copy_file(dir / "upright.png", photos / "E2.Png");
  shell(dir, "convert upright.png -interlace JPEG share-photos/E3.jpeg");
  shell(dir, "cwebp -quiet upright.png -o share-photos/E4.webp");
  shell(dir, "heif-enc upright.png -o share-photos/E5.HEIC");
  shell(dir, "convert upright.png -colorspace CMYK share-photos/E6.jpg");
  shell(dir, "head -c 300 share-photos/E5.HEIC > share-photos/E7.heic");  // cut short in a copy
  writeFile(photos / "E8.webp", std::string("RIFF\x10\x00\x00\x00WEBPVP8 junk that is no picture", 39));
  std::string roster = "employee_id,display_name,department,title,site,email,active,wall_consent\n";
  for (int i = 1; i <= 8; ++i) roster += "E" + std::to_string(i) + ",Person " + std::to_string(i) + ",Support,Agent,Lyon,,yes,yes\n";
  writeFile(dir / "employees.csv", roster);

  Store store(dir / "kiosk.db", "lobby-1");
  const RosterFileImport result = importRosterFile(store, dir / "employees.csv", photos, dir / "data-photos");
  REQUIRE(result.accepted);
  std::string problems;
  for (const std::string& problem : result.photoProblems) problems += problem + "\n";
  INFO(problems);
  CHECK(result.photosCopied == 6);
  REQUIRE(result.photoProblems.size() == 2);
  CHECK(result.photoProblems[0].rfind("photos/E7.heic: ", 0) == 0);
  CHECK(result.photoProblems[0].find(" HEIF (") != std::string::npos);
  CHECK(result.photoProblems[1].rfind("photos/E8.webp: corrupt WebP", 0) == 0);
  const Rgba upright = decoded(dir / "upright.png");
  const char* const expected[] = {"E1.jpg", "E2.png", "E3.jpg", "E4.webp", "E5.heic", "E6.jpg"};
  for (int i = 1; i <= 6; ++i) {
    const std::string file = store.employee("E" + std::to_string(i))->photoFile;
    CHECK(file == expected[i - 1]);
    checkUpright(*loadPhotoThumbnail(dir / "data-photos", file, kSide, dir / "thumbnails").image, upright, file);
  }
  CHECK(store.employee("E7")->photoFile.empty());  // an initials avatar
  CHECK(store.employee("E8")->photoFile.empty());
}

TEST_CASE("a winner's certificate prints a phone photo upright") {
  TempDir dir;
  makeUpright(dir);
  requireTool("pdfimages");
  const Rgba upright = decoded(dir / "upright.png");
  makeOriented(dir, 6, ".jpg");
  fs::create_directories(dir / "photos");
  fs::copy_file(dir / "o6.jpg", dir / "photos" / "E1.jpg");
  Store store(dir / "kiosk.db", "kiosk-a");
  store.replaceRoster({makeEmployee("E1", "Ada Upright"), makeEmployee("N1", "Nora Nominator")});
  store.setEmployeePhoto("E1", "E1.jpg");
  const NominationDraft draft{"E1", "real-face", "Held the phone sideways; the certificate did not.", std::string("N1"),
                              NominatorVisibility::Public};
  const SubmitOutcome nominated = store.submitNomination(draft, kNow, {ModerationPolicy::Auto, 100});
  REQUIRE(nominated.nomination);
  const WinnerOutcome outcome = store.selectWinner(nominated.nomination->id, "2026-11", "", kNow);
  REQUIRE_MESSAGE(outcome.winner, outcome.error);
  writeWinnerCertificate(*outcome.winner, dir / "photos", dir / "certificate-upright-photo.pdf");
  keep(dir / "certificate-upright-photo.pdf");
  // The photo as the PDF holds it (cairo embeds the decoded pixels), read back by poppler.
  shell(dir, "pdfimages -png certificate-upright-photo.pdf embedded");
  checkUpright(decoded(dir / "embedded-000.png"), upright, "the certificate's photo");
}

TEST_CASE("bench: a 12-megapixel phone JPEG (orientation 6) decoded to the wall's size") {
  TempDir dir;
  requireTool("convert");
  requireTool("exiftool");
  // Plasma noise made small and enlarged: about the detail and file size of a phone photo.
  shell(dir, "convert -size 1000x750 plasma:fractal -resize 4000x3000! -attenuate 0.4 +noise Gaussian -quality 92 phone.jpg");
  shell(dir, "exiftool -q -overwrite_original -Orientation=6 -n phone.jpg");
  const std::vector<std::uint8_t> bytes = bytesOf(dir / "phone.jpg");
  constexpr int kWallSide = 426;  // the wall's photo size at 1080p (ui/kiosk_app.cpp)
  constexpr int kRuns = 5;
  double best = 1e9;
  for (int run = 0; run < kRuns; ++run) {
    const auto start = std::chrono::steady_clock::now();
    const PhotoResult result = decodePhoto(bytes, kWallSide);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    REQUIRE(result.image);
    CHECK(result.image->width == 319);  // portrait once turned: 3000x4000 scaled to 426 high
    CHECK(result.image->height == kWallSide);
    best = std::min(best, ms);
  }
  MESSAGE("12 MP JPEG (" << bytes.size() / 1024 << " KiB) decoded, scaled to " << kWallSide
                         << " px and turned upright: best of " << kRuns << " " << best << " ms");
}
