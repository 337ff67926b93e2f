// P5, the photo pipeline, against a raw stb_image loop on the same files in the same run.
// Layer: bench. A deterministic photo set is generated once and kept in DIR/photos-N-SIDE: mostly
// large baseline JPEGs (a demo portrait scaled up, with sensor-like grain so the files are as
// big as a camera's), 1 in 10 PNG (smaller, as exported from HR tools), 1 in 20 progressive
// JPEG. JPEGs are written with libjpeg-turbo (stb's writer would take minutes). Timed, all from
// the page cache:
//   anchor        read + stbi_load_from_memory of every file, one thread
//   ours, 1 / 2   readRegularFile + decodePhoto (checks, decode, downscale to the wall's size),
//                 as the kiosk's photo worker does, on 1 and on 2 threads
//   second start  loadPhotoThumbnail after a first start filled the thumbnail cache
// Usage: wof_bench_photo [--dir DIR] [--photos N] [--side PX] [--max-side PX]
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <cstdio>

#include <jpeglib.h>
#include <stb_image.h>

#include "bench_support.hpp"
#include "demo/demo_data.hpp"
#include "core/photos/photo.hpp"
#include "core/photos/thumbnail_cache.hpp"

using namespace wof;
using bench::formatSeconds;
using bench::Row;
namespace fs = std::filesystem;

namespace {

struct Timing {
  double wall = 0;
  double cpu = 0;
};

template <typename Work>
Timing timed(Work&& work) {
  const auto start = std::chrono::steady_clock::now();
  const double cpu = bench::processCpuSeconds();
  work();
  return {bench::secondsSince(start), bench::processCpuSeconds() - cpu};
}

// Runs work(i) for every i in [0, count) on `threads` threads.
template <typename Work>
void forEachParallel(int count, int threads, Work&& work) {
  std::atomic<int> next{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      for (int i = next++; i < count; i = next++) work(i);
    });
  for (std::thread& thread : pool) thread.join();
}

void writeJpeg(const fs::path& file, const core::Rgba& image, bool progressive) {
  FILE* out = std::fopen(file.c_str(), "wb");
  if (!out) {
    std::fprintf(stderr, "cannot write %s\n", file.c_str());
    std::exit(1);
  }
  jpeg_compress_struct info{};
  jpeg_error_mgr error{};
  info.err = jpeg_std_error(&error);  // a failure here exits the benchmark, which is what we want
  jpeg_create_compress(&info);
  jpeg_stdio_dest(&info, out);
  info.image_width = static_cast<JDIMENSION>(image.width);
  info.image_height = static_cast<JDIMENSION>(image.height);
  info.input_components = 4;
  info.in_color_space = JCS_EXT_RGBA;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, 90, TRUE);
  if (progressive) jpeg_simple_progression(&info);
  jpeg_start_compress(&info, TRUE);
  while (info.next_scanline < info.image_height) {
    JSAMPROW row = const_cast<JSAMPROW>(image.pixels.data() + static_cast<std::size_t>(info.next_scanline) * image.width * 4);
    jpeg_write_scanlines(&info, &row, 1);
  }
  jpeg_finish_compress(&info);
  jpeg_destroy_compress(&info);
  std::fclose(out);
}

// One photo: a portrait scaled up to side x side with grain, as JPEG (baseline or progressive) or PNG.
void makePhoto(int index, int side, const fs::path& file, bool progressive) {
  core::Employee person;
  person.id = "E" + std::to_string(100000 + index);
  const core::Rgba portrait = core::renderDemoPortrait(person, 256);
  core::Rgba photo;
  photo.width = side;
  photo.height = side;
  photo.pixels.resize(static_cast<std::size_t>(side) * side * 4);
  for (int y = 0; y < side; ++y) {  // nearest neighbour: the grain below is what makes the file big
    const std::uint8_t* from = portrait.pixels.data() + static_cast<std::size_t>(y * portrait.height / side) * portrait.width * 4;
    std::uint8_t* to = photo.pixels.data() + static_cast<std::size_t>(y) * side * 4;
    for (int x = 0; x < side; ++x) std::memcpy(to + x * 4, from + (x * portrait.width / side) * 4, 4);
  }
  if (file.extension() == ".jpg") {
    std::uint32_t state = 2463534242u + static_cast<std::uint32_t>(index);
    for (std::size_t i = 0; i < photo.pixels.size(); ++i) {
      if (i % 4 == 3) continue;
      state ^= state << 13;
      state ^= state >> 17;
      state ^= state << 5;
      const int value = photo.pixels[i] + static_cast<int>(state % 13) - 6;
      photo.pixels[i] = static_cast<std::uint8_t>(std::clamp(value, 0, 255));
    }
  }
  if (file.extension() == ".jpg") {
    writeJpeg(file, photo, progressive);
  } else if (!core::writeImage(file, photo)) {
    std::fprintf(stderr, "cannot write %s\n", file.c_str());
    std::exit(1);
  }
}

// The photo set, generated on first use. Returns the file names.
std::vector<std::string> ensurePhotos(const fs::path& dir, int count, int side) {
  std::vector<std::string> names;
  for (int i = 0; i < count; ++i)
    names.push_back("E" + std::to_string(100000 + i) + (i % 10 == 7 ? ".png" : ".jpg"));
  if (fs::exists(dir / "complete")) return names;
  fs::create_directories(dir);
  std::fprintf(stderr, "P5: generating %d photos of %d-%d px in %s ...\n", count, side, side * 4 / 3, dir.c_str());
  const auto start = std::chrono::steady_clock::now();
  forEachParallel(count, static_cast<int>(std::max(1u, std::thread::hardware_concurrency())), [&](int i) {
    const fs::path file = dir / names[static_cast<std::size_t>(i)];
    // Longer side spread over [side, side * 4/3]; PNGs at 40 % of that, as exported from HR tools.
    const int longer = side + (i * 389) % (side / 3 + 1);
    if (file.extension() == ".png") makePhoto(i, longer * 2 / 5, file, false);
    else makePhoto(i, longer, file, i % 20 == 13);
  });
  std::ofstream(dir / "complete") << "done\n";
  std::fprintf(stderr, "P5: generated in %.1f s\n", bench::secondsSince(start));
  return names;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path dir = "bench-data";
  int count = 1000;
  int side = 3000;
  int maxSide = 427;  // the kiosk's photo size on a 1080p wall: theme.px(320) * 4 / 3
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--dir") == 0) dir = argv[i + 1];
    else if (std::strcmp(argv[i], "--photos") == 0) count = std::stoi(argv[i + 1]);
    else if (std::strcmp(argv[i], "--side") == 0) side = std::stoi(argv[i + 1]);
    else if (std::strcmp(argv[i], "--max-side") == 0) maxSide = std::stoi(argv[i + 1]);
  }
  const fs::path photos = dir / ("photos-" + std::to_string(count) + "-" + std::to_string(side));
  const std::vector<std::string> names = ensurePhotos(photos, count, side);
  std::uintmax_t bytes = 0;
  for (const std::string& name : names) bytes += fs::file_size(photos / name);
  // Into the page cache, so every pass below reads from memory alike.
  for (const std::string& name : names) (void)core::readRegularFile(photos / name, core::kMaxPhotoBytes);

  std::atomic<long long> checksum{0};
  auto anchorPass = [&] {
    for (const std::string& name : names) {
      const core::FileBytes file = core::readRegularFile(photos / name, core::kMaxPhotoBytes);
      int width = 0, height = 0, channels = 0;
      stbi_uc* pixels = stbi_load_from_memory(file.bytes->data(), static_cast<int>(file.bytes->size()), &width,
                                              &height, &channels, 4);
      if (!pixels) std::abort();
      checksum += pixels[0];
      stbi_image_free(pixels);
    }
  };
  auto oursOne = [&](int i) {
    const core::FileBytes file = core::readRegularFile(photos / names[static_cast<std::size_t>(i)], core::kMaxPhotoBytes);
    const core::PhotoResult photo = core::decodePhoto(*file.bytes, maxSide);
    if (!photo.image) std::abort();
    checksum += photo.image->pixels[0];
  };
  // Interleaved, so a burst of load from other jobs hits both sides.
  const Timing anchor = timed(anchorPass);
  const Timing ours1 = timed([&] { forEachParallel(count, 1, oursOne); });
  const Timing ours2 = timed([&] { forEachParallel(count, 2, oursOne); });
  const Timing anchorAgain = timed(anchorPass);
  const double anchorCpu = std::min(anchor.cpu, anchorAgain.cpu);
  const double anchorWall = std::min(anchor.wall, anchorAgain.wall);

  const fs::path thumbnails = dir / "thumbnails";
  fs::remove_all(thumbnails);
  auto cachedOne = [&](int i) {
    const core::PhotoResult photo =
        core::loadPhotoThumbnail(photos, names[static_cast<std::size_t>(i)], maxSide, thumbnails);
    if (!photo.image) std::abort();
    checksum += photo.image->pixels[0];
  };
  const Timing firstStart = timed([&] { forEachParallel(count, 1, cachedOne); });
  const Timing secondStart = timed([&] { forEachParallel(count, 1, cachedOne); });
  std::uintmax_t thumbnailBytes = 0;
  for (const auto& entry : fs::directory_iterator(thumbnails)) thumbnailBytes += entry.file_size();

  double load[3] = {0, 0, 0};
  if (FILE* loadavg = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(loadavg, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3) load[0] = -1;
    std::fclose(loadavg);
  }
  std::printf("photo benchmarks: %d photos (%d-%d px JPEG, 1 in 20 progressive, 1 in 10 PNG), %.0f MiB, decoded to <= %d px; "
              "thumbnails %.1f MiB; load average %.2f (checksum %lld)\n",
              count, side, side * 4 / 3, static_cast<double>(bytes) / 1048576.0, maxSide,
              static_cast<double>(thumbnailBytes) / 1048576.0, load[0], checksum.load());
  bench::printTable({
      {"P5 decode+downscale, 1 thread (CPU)", formatSeconds(ours1.cpu), formatSeconds(anchorCpu), anchorCpu / ours1.cpu,
       ">= 0.9x raw stbi loop", anchorCpu / ours1.cpu >= 0.9},
      {"P5 decode+downscale, 2 threads (wall)", formatSeconds(ours2.wall), formatSeconds(anchorWall),
       anchorWall / ours2.wall, ">= 1.8x raw stbi loop", anchorWall / ours2.wall >= 1.8},
      {"P5 first start, writing thumbnails (CPU)", formatSeconds(firstStart.cpu), formatSeconds(ours1.cpu),
       firstStart.cpu / ours1.cpu, "(informative; / no cache)", true},
      {"P5 second start, thumbnail cache (CPU)", formatSeconds(secondStart.cpu), formatSeconds(ours1.cpu),
       ours1.cpu / secondStart.cpu, ">= 10x faster than no cache", ours1.cpu / secondStart.cpu >= 10},
  });
  return 0;
}
