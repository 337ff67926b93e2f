// Kiosk benchmarks: the real `wall-of-fame kiosk` in a 1920x1080 window under Xvfb (software
// OpenGL), each against an anchor run in the same session. Layer: bench. Run under xvfb-run.
//   P1  idle wall, no input (process CPU, all threads, from /proc)  vs  the same program drawing
//       the same wall every frame at 60 fps, as a stock ImGui loop does (WOF_BENCH_REDRAW)
//   P2  CPU time to build one wall frame (NewFrame to the end of our drawing), 10k vs 1k people
//       (WOF_BENCH_FRAME_LOG prints each frame's)
//   P4  start -> first frame with content, 1,000 people with photos, no thumbnails yet (cold) and
//       with them (warm)  vs  an empty ImGui window's start (wof_bench_empty_window)
// Usage: wof_bench_kiosk --bin PATH --empty-window PATH --photos-from DIR [--dir DIR] [--idle-s N]
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_data.hpp"
#include "bench_support.hpp"
#include "core/clock.hpp"
#include "core/demo_kiosk.hpp"
#include "core/store.hpp"
#include "core/thumbnail_cache.hpp"

using namespace wof;
using bench::formatMs;
using bench::formatSeconds;
using bench::percentile;
using bench::Row;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// A kiosk data dir with `employees` people, 20 stories each over the last year, and photos
// hard-linked from the photo benchmark's set (cycled when there are fewer photos than people).
fs::path ensureKiosk(const fs::path& dir, int employees, const fs::path& photosFrom) {
  const fs::path config = dir / "kiosk.toml";
  if (fs::exists(config)) return config;
  fs::remove_all(dir);
  fs::create_directories(core::photosDirIn(dir));
  std::vector<std::string> photos;
  for (const auto& entry : fs::directory_iterator(photosFrom))
    if (entry.path().extension() == ".jpg" || entry.path().extension() == ".png") photos.push_back(entry.path().string());
  std::sort(photos.begin(), photos.end());
  {
    core::Store store(core::databaseFileIn(dir), "bench");
    std::vector<core::Employee> roster = bench::makeRoster(employees);
    for (std::size_t i = 0; i < roster.size() && !photos.empty(); ++i) {
      const fs::path source = photos[i % photos.size()];
      roster[i].photoFile = roster[i].id + source.extension().string();
      fs::create_hard_link(source, core::photosDirIn(dir) / roster[i].photoFile);
    }
    store.replaceRoster(roster);
    bench::fillNominations(store, employees, employees * 20, core::nowMs());
    store.database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  // wall_days: the whole year, so every generated story is on the wall whatever today's date.
  std::ofstream(config) << "kiosk_id = \"bench\"\nsite = \"Lyon\"\nwall_days = 3660\ndata_dir = \""
                        << fs::absolute(dir).string() << "\"\n";
  return config;
}

struct Child {
  pid_t pid = -1;
  int stderrFd = -1;
};

Child spawn(const std::vector<std::string>& argv, const std::vector<std::string>& extraEnv) {
  int pipeFds[2];
  if (pipe(pipeFds) != 0) std::abort();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 2);
  posix_spawn_file_actions_addclose(&actions, pipeFds[0]);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  std::vector<std::string> envStrings(extraEnv);
  for (char** e = environ; *e; ++e) envStrings.emplace_back(*e);
  std::vector<char*> env, args;
  for (std::string& item : envStrings) env.push_back(item.data());
  env.push_back(nullptr);
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  Child child;
  if (posix_spawnp(&child.pid, args[0], &actions, nullptr, args.data(), env.data()) != 0) {
    std::fprintf(stderr, "cannot start %s\n", args[0]);
    std::exit(1);
  }
  posix_spawn_file_actions_destroy(&actions);
  close(pipeFds[1]);
  child.stderrFd = pipeFds[0];
  return child;
}

void stop(Child& child) {
  kill(child.pid, SIGKILL);
  waitpid(child.pid, nullptr, 0);
  close(child.stderrFd);
}

// Reads the child's stderr until a line starting with `prefix` arrives (returns the seconds since
// `start`) or `timeoutS` passes (returns -1). Other lines are echoed for diagnosis.
double waitForLine(Child& child, const std::string& prefix, Clock::time_point start, double timeoutS) {
  std::string buffer;
  char chunk[4096];
  while (bench::secondsSince(start) < timeoutS) {
    const ssize_t got = read(child.stderrFd, chunk, sizeof chunk);
    if (got <= 0) return -1;
    buffer.append(chunk, static_cast<std::size_t>(got));
    for (std::size_t end; (end = buffer.find('\n')) != std::string::npos; buffer.erase(0, end + 1)) {
      const std::string line = buffer.substr(0, end);
      if (line.rfind(prefix, 0) == 0) return bench::secondsSince(start);
    }
  }
  return -1;
}

// CPU seconds of every thread of `pid` so far, from /proc (nanoseconds, unlike the tick counts).
double processCpu(pid_t pid) {
  double total = 0;
  std::error_code error;
  for (const auto& task : fs::directory_iterator("/proc/" + std::to_string(pid) + "/task", error)) {
    std::ifstream stat(task.path() / "schedstat");
    double runNs = 0;
    if (stat >> runNs) total += runNs * 1e-9;
  }
  return total;
}

// Collects the frame CPU times the kiosk prints while it runs for `seconds`, after `warmupS`.
std::vector<double> frameTimes(Child& child, double warmupS, double seconds) {
  std::vector<double> times;
  std::string buffer;
  char chunk[8192];
  const auto start = Clock::now();
  fcntl(child.stderrFd, F_SETFL, O_NONBLOCK);
  while (bench::secondsSince(start) < warmupS + seconds) {
    const ssize_t got = read(child.stderrFd, chunk, sizeof chunk);
    if (got > 0) buffer.append(chunk, static_cast<std::size_t>(got));
    else std::this_thread::sleep_for(std::chrono::milliseconds(20));
    for (std::size_t end; (end = buffer.find('\n')) != std::string::npos; buffer.erase(0, end + 1)) {
      std::istringstream line(buffer.substr(0, end));
      std::string tag;
      int frame = 0;
      double at = 0, cpu = 0;
      if (line >> tag >> frame >> at >> cpu && tag == "wof-frame" && bench::secondsSince(start) > warmupS)
        times.push_back(cpu);
    }
  }
  return times;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path dir = "bench-data";
  std::string bin, emptyWindow;
  fs::path photosFrom;
  double idleS = 20;
  int small = 1000, large = 10000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--dir") == 0) dir = argv[i + 1];
    else if (std::strcmp(argv[i], "--bin") == 0) bin = argv[i + 1];
    else if (std::strcmp(argv[i], "--empty-window") == 0) emptyWindow = argv[i + 1];
    else if (std::strcmp(argv[i], "--photos-from") == 0) photosFrom = argv[i + 1];
    else if (std::strcmp(argv[i], "--idle-s") == 0) idleS = std::stod(argv[i + 1]);
    else if (std::strcmp(argv[i], "--people") == 0) std::sscanf(argv[i + 1], "%d,%d", &small, &large);
  }
  if (bin.empty() || emptyWindow.empty() || photosFrom.empty() || !std::getenv("DISPLAY")) {
    std::fprintf(stderr, "usage (under xvfb-run): wof_bench_kiosk --bin PATH --empty-window PATH --photos-from DIR\n");
    return 2;
  }
  const fs::path smallDir = dir / ("kiosk-" + std::to_string(small));
  const std::string smallConfig = ensureKiosk(smallDir, small, photosFrom).string();
  const std::string largeConfig = ensureKiosk(dir / ("kiosk-" + std::to_string(large)), large, photosFrom).string();
  auto label = [](int people) { return people >= 1000 ? std::to_string(people / 1000) + "k" : std::to_string(people); };
  const std::string smallLabel = label(small), largeLabel = label(large);
  auto kiosk = [&](const std::string& config) {
    return std::vector<std::string>{bin, "kiosk", "--config", config, "--windowed", "1920x1080"};
  };
  std::vector<Row> rows;

  // P4: three rounds, interleaved, the fastest of each kind.
  double cold = 1e9, warm = 1e9, anchor = 1e9;
  for (int round = 0; round < 3; ++round) {
    for (int kind = 0; kind < 3; ++kind) {
      if (kind == 0) fs::remove_all(core::thumbnailsDirIn(smallDir));
      const auto start = Clock::now();
      Child child = kind == 2 ? spawn({emptyWindow, "1920", "1080"}, {})
                              : spawn(kiosk(smallConfig), {"WOF_BENCH_FRAME_LOG=1"});
      const double first = waitForLine(child, "wof-frame 0", start, 30);
      // The first cold run stays long enough to write the thumbnails of the photos on screen.
      if (kind < 2) std::this_thread::sleep_for(std::chrono::seconds(round == 0 && kind == 0 ? 12 : 1));
      stop(child);
      double& best = kind == 0 ? cold : kind == 1 ? warm : anchor;
      if (first > 0) best = std::min(best, first);
    }
  }
  rows.push_back({"P4 start -> first frame, " + smallLabel + " people, cold", formatMs(cold), formatMs(anchor), cold / anchor,
                  "<= anchor + 150 ms", cold <= anchor + 0.150});
  rows.push_back({"P4 start -> first frame, " + smallLabel + " people, warm", formatMs(warm), formatMs(anchor), warm / anchor,
                  "<= anchor + 150 ms", warm <= anchor + 0.150});

  // P1: the idle wall against the same wall redrawn at 60 fps; CPU after a settling pause.
  auto idleCpu = [&](const std::vector<std::string>& env) {
    Child child = spawn(kiosk(smallConfig), env);
    fcntl(child.stderrFd, F_SETFL, O_NONBLOCK);  // unread output must not block the kiosk
    std::this_thread::sleep_for(std::chrono::seconds(8));  // start-up, photos decoded from thumbnails
    const double before = processCpu(child.pid);
    std::vector<double> frames = frameTimes(child, 0, idleS);
    const double used = processCpu(child.pid) - before;
    stop(child);
    return std::make_pair(used / idleS, frames);
  };
  const auto [ours, oursFrames] = idleCpu({"WOF_BENCH_FRAME_LOG=1"});
  const auto [stock, stockFrames] = idleCpu({"WOF_BENCH_REDRAW=1", "WOF_BENCH_FRAME_LOG=1"});
  char oursText[32], stockText[32];
  std::snprintf(oursText, sizeof oursText, "%.2f %% core", ours * 100);
  std::snprintf(stockText, sizeof stockText, "%.2f %% core", stock * 100);
  rows.push_back({"P1 idle wall " + std::to_string(static_cast<int>(idleS)) + " s, process CPU", oursText, stockText,
                  stock / ours, ">= 20x less; <= 1 % core", stock / ours >= 20 && ours <= 0.01});
  // Software OpenGL cannot draw this wall at 60 fps on a small machine: the anchor's CPU above is
  // what it reached, not what 60 fps would cost. The frame counts say how much less we draw.
  rows.push_back({"P1 frames drawn in " + std::to_string(static_cast<int>(idleS)) + " s",
                  std::to_string(oursFrames.size()), std::to_string(stockFrames.size()) + " (60 fps: " +
                  std::to_string(static_cast<int>(idleS * 60)) + ")",
                  idleS * 60 / std::max<double>(1, static_cast<double>(oursFrames.size())), "(informative; 60 fps / ours)",
                  true});

  // P2: frame build CPU at 10k people (same redraw loop) against the 1k frames above.
  Child child = spawn(kiosk(largeConfig), {"WOF_BENCH_REDRAW=1", "WOF_BENCH_FRAME_LOG=1"});
  const std::vector<double> largeFrames = frameTimes(child, 8, std::min(idleS, 10.0));
  stop(child);
  const double p99small = percentile(stockFrames, 0.99), p99large = percentile(largeFrames, 0.99);
  rows.push_back({"P2 wall frame CPU p99, " + largeLabel + " vs " + smallLabel + " people", formatMs(p99large), formatMs(p99small),
                  p99large / p99small, "<= 1.1x; p99 <= 1 ms", p99large <= 1.1 * p99small && p99large <= 0.001});
  rows.push_back({"P2 wall frame CPU p50, " + largeLabel + " vs " + smallLabel + " people", formatMs(percentile(largeFrames, 0.5)),
                  formatMs(percentile(stockFrames, 0.5)),
                  percentile(largeFrames, 0.5) / percentile(stockFrames, 0.5), "(informative)", true});

  std::printf("kiosk benchmarks: 1920x1080 under Xvfb (software OpenGL); %zu frames timed at %d people, %zu at %d\n",
              stockFrames.size(), small, largeFrames.size(), large);
  bench::printTable(rows);
  return 0;
}
