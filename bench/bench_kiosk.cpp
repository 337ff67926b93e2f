// Kiosk benchmarks: the real `wall-of-fame kiosk` in a 1920x1080 window under Xvfb (software
// OpenGL), each against an anchor run in the same session. Layer: bench. Run under xvfb-run.
//   P1  idle wall, no input (process CPU, all threads, from /proc), with the spotlight's slide off
//       and on  vs  the same program drawing the same wall every frame at 60 fps, as a stock ImGui
//       loop does (WOF_BENCH_REDRAW); the reason of every frame drawn is counted
//   P2  CPU time to build one wall frame (NewFrame to the end of our drawing), 10k vs 1k people,
//       and 10k against the same wall submitting every card (WOF_BENCH_NO_CLIP)
//   P3  a press on an idle kiosk (XTest) -> the swap of the frame drawn for it  vs  a minimal GLFW
//       window answering the same press by changing colour (wof_bench_tap_window)
//   P4  start -> first frame with content, 1,000 people with photos, no thumbnails yet (cold) and
//       with them (warm)  vs  an empty ImGui window's start (wof_bench_empty_window); with where
//       the kiosk's time goes (WOF_BENCH_FRAME_LOG's start-up steps)
//   P6  the photo cache's texture bytes (peak) while flinging through 10k people  vs  every photo
//       uploaded at its decoded size (computed)
//   P16 the 10k wall with names and stories in a dozen scripts  vs  the Latin-only 10k wall:
//       start -> first frame, text texture memory (atlas + shaped lines), frame CPU p99 in the
//       redraw loop, and the slowest frame from the start of a sliding wall (scripts appearing)
// The kiosk prints each frame (CPU, reason, texture bytes) and swap under WOF_BENCH_FRAME_LOG.
// Usage: wof_bench_kiosk --bin PATH --empty-window PATH --tap-window PATH --photos-from DIR
//        [--dir DIR] [--idle-s N] [--people SMALL,LARGE] [--only P16]
#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_data.hpp"
#include "bench_support.hpp"
#include "core/util/clock.hpp"
#include "demo/demo_kiosk.hpp"
#include "core/photos/photo.hpp"
#include "core/storage/store.hpp"
#include "core/photos/thumbnail_cache.hpp"

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
// `world`: names and stories spread over a dozen scripts (bench::kScriptPools).
fs::path ensureKiosk(const fs::path& dir, int employees, const fs::path& photosFrom, bool world = false) {
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
    std::vector<core::Employee> roster = bench::makeRoster(employees, world);
    for (std::size_t i = 0; i < roster.size() && !photos.empty(); ++i) {
      const fs::path source = photos[i % photos.size()];
      roster[i].photoFile = roster[i].id + source.extension().string();
      fs::create_hard_link(source, core::photosDirIn(dir) / roster[i].photoFile);
    }
    store.replaceRoster(roster);
    bench::fillNominations(store, employees, employees * 20, core::nowMs(), world);
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
  std::string buffer;  // stderr read but not yet split into lines
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
  fcntl(child.stderrFd, F_SETFL, O_NONBLOCK);  // unread output must never block the child
  return child;
}

void stop(Child& child) {
  kill(child.pid, SIGKILL);
  waitpid(child.pid, nullptr, 0);
  close(child.stderrFd);
}

long long monotonicNs() {
  return static_cast<long long>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count());
}

// The next whole line of the child's stderr, waiting at most `timeoutS`; false on timeout or exit.
bool nextLine(Child& child, std::string& line, double timeoutS) {
  const auto start = Clock::now();
  char chunk[8192];
  while (true) {
    if (const std::size_t end = child.buffer.find('\n'); end != std::string::npos) {
      line = child.buffer.substr(0, end);
      child.buffer.erase(0, end + 1);
      return true;
    }
    const double left = timeoutS - bench::secondsSince(start);
    if (left <= 0) return false;
    pollfd wait{child.stderrFd, POLLIN, 0};
    if (poll(&wait, 1, static_cast<int>(std::ceil(left * 1000))) <= 0) return false;
    const ssize_t got = read(child.stderrFd, chunk, sizeof chunk);
    if (got <= 0) return false;
    child.buffer.append(chunk, static_cast<std::size_t>(got));
  }
}

// One line of the kiosk's WOF_BENCH_FRAME_LOG output.
struct LogLine {
  std::string tag;  // wof-frame, wof-swap, wof-phase
  std::string name;  // wof-phase: the step
  int frame = -1;
  double cpu = 0;           // wof-frame: thread CPU seconds, NewFrame to the end of drawing
  std::string reason;       // wof-frame: why it was drawn
  std::size_t textures = 0;  // wof-frame: the photo cache's texture bytes
  std::size_t textBytes = 0;  // wof-frame: the text's texture bytes (glyph atlas and shaped lines)
  long long ns = 0;         // monotonic time: wof-frame its drawing ended, wof-swap its swap returned
};

LogLine parse(const std::string& text) {
  std::istringstream in(text);
  LogLine line;
  in >> line.tag;
  if (line.tag == "wof-frame") {
    in >> line.frame >> line.ns >> line.cpu >> line.reason >> line.textures >> line.textBytes;
  } else if (line.tag == "wof-swap") {
    in >> line.frame >> line.ns;
  } else if (line.tag == "wof-phase") {
    in >> line.name >> line.ns;
  }
  return line;
}

// Reads log lines for `seconds`, handing each to `onLine`.
template <typename F>
void readFor(Child& child, double seconds, F onLine) {
  const auto start = Clock::now();
  std::string text;
  while (bench::secondsSince(start) < seconds) {
    if (nextLine(child, text, seconds - bench::secondsSince(start))) onLine(parse(text));
  }
}

// Waits until the child has drawn nothing for `quietS` (at most `limitS`).
void waitQuiet(Child& child, double quietS, double limitS) {
  const auto start = Clock::now();
  std::string text;
  while (bench::secondsSince(start) < limitS && nextLine(child, text, quietS)) {
  }
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

// A config beside `base` with `extra` appended (e.g. a [display] table).
std::string configVariant(const fs::path& base, const std::string& name, const std::string& extra) {
  std::ifstream in(base);
  std::stringstream text;
  text << in.rdbuf() << extra;
  const fs::path variant = base.parent_path() / name;
  std::ofstream(variant) << text.str();
  return variant.string();
}

std::string countsText(const std::map<std::string, int>& counts) {
  std::string text;
  for (const auto& [reason, count] : counts) text += (text.empty() ? "" : ", ") + reason + " " + std::to_string(count);
  return text.empty() ? "none" : text;
}

// XTest, as the UI tests drive the kiosk: a finger on the Xvfb screen.
class Finger {
 public:
  Finger() : m_display(XOpenDisplay(nullptr)) {
    if (!m_display) {
      std::fprintf(stderr, "cannot open the X display\n");
      std::exit(1);
    }
  }
  ~Finger() { XCloseDisplay(m_display); }
  void move(int x, int y) {
    XTestFakeMotionEvent(m_display, -1, x, y, CurrentTime);
    XSync(m_display, False);
  }
  // Notches of a mouse wheel, scrolling the content up (button 5).
  void wheel(int notches) {
    for (int i = 0; i < notches; ++i) {
      XTestFakeButtonEvent(m_display, 5, True, CurrentTime);
      XTestFakeButtonEvent(m_display, 5, False, CurrentTime);
    }
    XSync(m_display, False);
  }
  // Returns the monotonic time just before the event was sent.
  long long button(bool down) {
    const long long sent = monotonicNs();
    XTestFakeButtonEvent(m_display, 1, down ? True : False, CurrentTime);
    XSync(m_display, False);
    return sent;
  }

 private:
  Display* m_display;
};

// P3: presses on the kiosk's "Recognise a colleague" button (the anchor answers anywhere) after
// the screen has been still; each latency runs from the XTest send to the swap of the next frame,
// the one drawn for the press. The finger then slides off before lifting, so nothing opens.
// `renders`: for each, from the end of the frame's drawing to its swap (rendering and showing it).
std::vector<double> tapLatencies(Child& child, Finger& finger, int taps, std::map<std::string, int>& reasons,
                                 std::vector<double>& renders) {
  constexpr int kX = 1920 - 56 - 30, kY = 1080 - 56 - 52;  // inside the button's right end
  std::vector<double> latencies;
  for (int tap = 0; tap < taps; ++tap) {
    finger.move(kX, kY);
    waitQuiet(child, 0.7, 10);
    const long long sent = finger.button(true);
    std::string text;
    long long drawn = 0;
    while (nextLine(child, text, 10)) {
      const LogLine line = parse(text);
      if (line.tag == "wof-frame") {
        ++reasons[line.reason];
        drawn = line.ns;
      }
      if (line.tag == "wof-swap") {
        latencies.push_back(static_cast<double>(line.ns - sent) * 1e-9);
        renders.push_back(static_cast<double>(line.ns - drawn) * 1e-9);
        break;
      }
    }
    finger.move(kX - 600, kY);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    finger.button(false);
  }
  waitQuiet(child, 0.7, 10);
  return latencies;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path dir = "bench-data";
  std::string bin, emptyWindow, tapWindow;
  fs::path photosFrom;
  double idleS = 20;
  int small = 1000, large = 10000;
  bool onlyScripts = false;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--dir") == 0) dir = argv[i + 1];
    else if (std::strcmp(argv[i], "--bin") == 0) bin = argv[i + 1];
    else if (std::strcmp(argv[i], "--empty-window") == 0) emptyWindow = argv[i + 1];
    else if (std::strcmp(argv[i], "--tap-window") == 0) tapWindow = argv[i + 1];
    else if (std::strcmp(argv[i], "--photos-from") == 0) photosFrom = argv[i + 1];
    else if (std::strcmp(argv[i], "--idle-s") == 0) idleS = std::stod(argv[i + 1]);
    else if (std::strcmp(argv[i], "--people") == 0) std::sscanf(argv[i + 1], "%d,%d", &small, &large);
    else if (std::strcmp(argv[i], "--only") == 0) onlyScripts = std::strcmp(argv[i + 1], "P16") == 0;
  }
  if (bin.empty() || emptyWindow.empty() || tapWindow.empty() || photosFrom.empty() || !std::getenv("DISPLAY")) {
    std::fprintf(stderr, "usage (under xvfb-run): wof_bench_kiosk --bin PATH --empty-window PATH --tap-window PATH "
                         "--photos-from DIR\n");
    return 2;
  }
  const fs::path smallDir = dir / ("kiosk-" + std::to_string(small));
  const fs::path largeDir = dir / ("kiosk-" + std::to_string(large));
  const fs::path smallBase = ensureKiosk(smallDir, small, photosFrom);
  const fs::path largeBase = ensureKiosk(largeDir, large, photosFrom);
  // The spotlight's slide off: an untouched wall has nothing to draw.
  const std::string still = "[display]\nspotlight_seconds = 0\n";
  const std::string smallConfig = smallBase.string(), smallStill = configVariant(smallBase, "kiosk-still.toml", still);
  const std::string largeConfig = largeBase.string(), largeStill = configVariant(largeBase, "kiosk-still.toml", still);
  auto label = [](int people) { return people >= 1000 ? std::to_string(people / 1000) + "k" : std::to_string(people); };
  const std::string smallLabel = label(small), largeLabel = label(large);
  auto kiosk = [&](const std::string& config) {
    return std::vector<std::string>{bin, "kiosk", "--config", config, "--windowed", "1920x1080"};
  };
  const std::string frameLog = "WOF_BENCH_FRAME_LOG=1";
  std::vector<Row> rows;

  // P16: the same 10k wall with every name and story in one of a dozen scripts (a quarter of
  // them shaped: Arabic, Hebrew, Devanagari, Thai; CJK and the rest through the shaper too where
  // the atlas lacks them) against the Latin-only 10k wall: start-up, text texture memory, frame
  // CPU in the redraw loop, and the slowest frame of a sliding wall from its start, as each
  // script first appears.
  auto scripts = [&] {
    const fs::path worldBase = ensureKiosk(dir / ("kiosk-" + std::to_string(large) + "-world"), large, photosFrom, true);
    const std::string worldConfig = worldBase.string();
    double latinStart = 1e9, worldStart = 1e9;
    for (int round = 0; round < 3; ++round) {
      for (const bool world : {false, true}) {
        const long long started = monotonicNs();
        Child child = spawn(kiosk(world ? worldConfig : largeConfig), {frameLog});
        double first = -1;
        std::string text;
        while (first < 0 && nextLine(child, text, 30)) {
          const LogLine line = parse(text);
          if (line.tag == "wof-frame" && line.frame == 0) first = static_cast<double>(monotonicNs() - started) * 1e-9;
        }
        stop(child);
        double& best = world ? worldStart : latinStart;
        if (first > 0) best = std::min(best, first);
      }
    }
    rows.push_back({"P16 start -> first frame, " + largeLabel + " world vs Latin", formatMs(worldStart),
                    formatMs(latinStart), worldStart / latinStart, "<= Latin + 300 ms", worldStart <= latinStart + 0.300});
    struct Run {
      std::vector<double> frames;
      std::size_t textBytes = 0;
      double slowest = 0;
    };
    auto sliding = [&](const std::string& config, const std::vector<std::string>& env, double warmS) {
      Run run;
      Child child = spawn(kiosk(config), env);
      auto watch = [&](const LogLine& line, bool timed) {
        if (line.tag != "wof-frame") return;
        run.textBytes = std::max(run.textBytes, line.textBytes);
        run.slowest = std::max(run.slowest, line.cpu);
        if (timed) run.frames.push_back(line.cpu);
      };
      readFor(child, warmS, [&](const LogLine& line) { watch(line, false); });
      readFor(child, std::min(idleS, 10.0), [&](const LogLine& line) { watch(line, true); });
      stop(child);
      return run;
    };
    const Run latinRedraw = sliding(largeConfig, {"WOF_BENCH_REDRAW=1", frameLog}, 8);
    const Run worldRedraw = sliding(worldConfig, {"WOF_BENCH_REDRAW=1", frameLog}, 8);
    const double p99latin = percentile(latinRedraw.frames, 0.99), p99world = percentile(worldRedraw.frames, 0.99);
    rows.push_back({"P16 wall frame CPU p99, " + largeLabel + " world vs Latin", formatMs(p99world), formatMs(p99latin),
                    p99world / p99latin, "<= 1.1x", p99world <= 1.1 * p99latin});
    // From the start, sliding through stories as a kiosk does: every script appears for the
    // first time within the run (the spotlight moves every 8 s; the list shows a dozen people).
    const Run latinSlide = sliding(largeConfig, {frameLog}, 0);
    const Run worldSlide = sliding(worldConfig, {frameLog}, 0);
    rows.push_back({"P16 slowest frame from start, world vs Latin", formatMs(worldSlide.slowest),
                    formatMs(latinSlide.slowest), worldSlide.slowest / latinSlide.slowest, "<= 50 ms",
                    worldSlide.slowest <= 0.050});
    const std::size_t latinText = std::max(latinSlide.textBytes, latinRedraw.textBytes);
    const std::size_t worldText = std::max(worldSlide.textBytes, worldRedraw.textBytes);
    char worldMiB[32], latinMiB[32];
    std::snprintf(worldMiB, sizeof worldMiB, "%.1f MiB", static_cast<double>(worldText) / (1024.0 * 1024.0));
    std::snprintf(latinMiB, sizeof latinMiB, "%.1f MiB", static_cast<double>(latinText) / (1024.0 * 1024.0));
    rows.push_back({"P16 text texture memory, world vs Latin", worldMiB, latinMiB,
                    static_cast<double>(worldText) / std::max<double>(1, static_cast<double>(latinText)),
                    "<= Latin + 64 MiB", worldText <= latinText + (std::size_t{64} << 20)});
  };
  if (onlyScripts) {
    scripts();
    bench::printTable(rows);
    return 0;
  }

  // P4: three rounds, interleaved, the fastest of each kind; the kiosk's start-up steps of its
  // fastest warm start.
  double cold = 1e9, warm = 1e9, anchor = 1e9;
  std::vector<std::pair<std::string, double>> steps;
  for (int round = 0; round < 3; ++round) {
    for (int kind = 0; kind < 3; ++kind) {
      if (kind == 0) fs::remove_all(core::thumbnailsDirIn(smallDir));
      const long long started = monotonicNs();
      Child child = kind == 2 ? spawn({emptyWindow, "1920", "1080"}, {}) : spawn(kiosk(smallConfig), {frameLog});
      std::vector<std::pair<std::string, double>> seen;
      double first = -1;
      std::string text;
      while (first < 0 && nextLine(child, text, 30)) {
        const LogLine line = parse(text);
        if (line.tag == "wof-phase") seen.emplace_back(line.name, static_cast<double>(line.ns - started) * 1e-9);
        if (line.tag == "wof-frame" && line.frame == 0) first = static_cast<double>(monotonicNs() - started) * 1e-9;
      }
      // The first cold run stays long enough to write the thumbnails of the photos on screen.
      if (kind < 2) readFor(child, round == 0 && kind == 0 ? 12 : 1, [](const LogLine&) {});
      stop(child);
      double& best = kind == 0 ? cold : kind == 1 ? warm : anchor;
      if (first > 0 && first < best) {
        best = first;
        if (kind == 1) {
          steps = seen;
          steps.emplace_back("first-frame", first);
        }
      }
    }
  }
  rows.push_back({"P4 start -> first frame, " + smallLabel + " people, cold", formatMs(cold), formatMs(anchor), cold / anchor,
                  "<= anchor + 150 ms", cold <= anchor + 0.150});
  rows.push_back({"P4 start -> first frame, " + smallLabel + " people, warm", formatMs(warm), formatMs(anchor), warm / anchor,
                  "<= anchor + 150 ms", warm <= anchor + 0.150});
  std::printf("P4 where the kiosk's warm start goes (ms after spawn, step):");
  double previous = 0;
  for (const auto& [step, at] : steps) {
    std::printf(" %s %.0f (+%.0f);", step.c_str(), at * 1000, (at - previous) * 1000);
    previous = at;
  }
  std::printf("\n");

  // P1: the idle wall (slide off, then on) against the same wall redrawn at 60 fps; CPU after a
  // settling pause, and why each frame was drawn.
  struct Idle {
    double cpu = 0;
    std::vector<double> frameCpu;
    std::map<std::string, int> reasons;
  };
  auto idleRun = [&](const std::string& config, const std::vector<std::string>& env) {
    Child child = spawn(kiosk(config), env);
    readFor(child, 8, [](const LogLine&) {});  // start-up, photos decoded from thumbnails
    Idle idle;
    const double before = processCpu(child.pid);
    readFor(child, idleS, [&](const LogLine& line) {
      if (line.tag != "wof-frame") return;
      idle.frameCpu.push_back(line.cpu);
      ++idle.reasons[line.reason];
    });
    idle.cpu = (processCpu(child.pid) - before) / idleS;
    stop(child);
    return idle;
  };
  const Idle stillWall = idleRun(smallStill, {frameLog});
  const Idle slideWall = idleRun(smallConfig, {frameLog});
  const Idle stock = idleRun(smallConfig, {"WOF_BENCH_REDRAW=1", frameLog});
  auto percentCore = [](double fraction) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f %% core", fraction * 100);
    return std::string(text);
  };
  const std::string seconds = std::to_string(static_cast<int>(idleS)) + " s";
  // Below 0.01 % of a core the ratio is capped there: the /proc figures are not that exact.
  rows.push_back({"P1 idle wall " + seconds + ", no slide, process CPU", percentCore(stillWall.cpu), percentCore(stock.cpu),
                  stock.cpu / std::max(stillWall.cpu, 1e-4), ">= 20x less; <= 1 % core",
                  stock.cpu >= 20 * stillWall.cpu && stillWall.cpu <= 0.01});
  rows.push_back({"P1 idle wall " + seconds + ", slide every 8 s", percentCore(slideWall.cpu), percentCore(stock.cpu),
                  stock.cpu / std::max(slideWall.cpu, 1e-6), ">= 20x less", stock.cpu >= 20 * slideWall.cpu});
  // The anchor is a loop at 60 fps; where software OpenGL reaches fewer, its CPU per frame times 60.
  const double stockAt60 = stock.cpu * idleS / std::max<double>(1, static_cast<double>(stock.frameCpu.size())) * 60;
  rows.push_back({"P1 idle wall, slide, vs stock at 60 fps", percentCore(slideWall.cpu), percentCore(stockAt60),
                  stockAt60 / std::max(slideWall.cpu, 1e-6), ">= 20x less", stockAt60 >= 20 * slideWall.cpu});
  // Software OpenGL cannot draw this wall at 60 fps on a small machine: the anchor's CPU above is
  // what it reached, not what 60 fps would cost. The frame counts say how much less we draw.
  rows.push_back({"P1 frames in " + seconds + ", no slide / slide",
                  std::to_string(stillWall.frameCpu.size()) + " / " + std::to_string(slideWall.frameCpu.size()),
                  std::to_string(stock.frameCpu.size()) + " (60 fps: " + std::to_string(static_cast<int>(idleS * 60)) + ")",
                  idleS * 60 / std::max<double>(1, static_cast<double>(slideWall.frameCpu.size())),
                  "(informative; 60 fps / slide)", true});
  std::printf("P1 why frames were drawn: no slide: %s; slide: %s; stock loop: %s\n", countsText(stillWall.reasons).c_str(),
              countsText(slideWall.reasons).c_str(), countsText(stock.reasons).c_str());

  // P3: presses on the idle kiosk (slide off) and on the anchor window, the median of each.
  Finger finger;
  std::map<std::string, int> tapReasons, anchorReasons;
  constexpr int kTaps = 7;
  Child tapAnchor = spawn({tapWindow, "1920", "1080"}, {});
  readFor(tapAnchor, 1, [](const LogLine&) {});
  std::vector<double> anchorRenders, kioskRenders;
  const std::vector<double> anchorTaps = tapLatencies(tapAnchor, finger, kTaps, anchorReasons, anchorRenders);
  stop(tapAnchor);
  Child tapKiosk = spawn(kiosk(smallStill), {frameLog});
  readFor(tapKiosk, 8, [](const LogLine&) {});
  const std::vector<double> kioskTaps = tapLatencies(tapKiosk, finger, kTaps, tapReasons, kioskRenders);
  stop(tapKiosk);
  const double tapOurs = percentile(kioskTaps, 0.5), tapAnchorMedian = percentile(anchorTaps, 0.5);
  const double oneFrame = 1.0 / 60;
  rows.push_back({"P3 press -> its frame on screen, p50", formatMs(tapOurs), formatMs(tapAnchorMedian),
                  tapOurs / tapAnchorMedian, "<= anchor + 16.7 ms", tapOurs <= tapAnchorMedian + oneFrame});
  rows.push_back({"P3 press -> its frame on screen, worst of " + std::to_string(kTaps),
                  formatMs(*std::max_element(kioskTaps.begin(), kioskTaps.end())),
                  formatMs(*std::max_element(anchorTaps.begin(), anchorTaps.end())),
                  *std::max_element(kioskTaps.begin(), kioskTaps.end()) /
                      *std::max_element(anchorTaps.begin(), anchorTaps.end()),
                  "(informative)", true});
  // What is left of the latency once the frame is drawn is the renderer's: a wait in the loop
  // would show as a gap between the press and the frame's drawing.
  rows.push_back({"P3 of which rendering + swap, p50", formatMs(percentile(kioskRenders, 0.5)),
                  formatMs(percentile(anchorRenders, 0.5)), percentile(kioskRenders, 0.5) / percentile(anchorRenders, 0.5),
                  "(informative)", true});
  std::printf("P3 reasons of the kiosk's frames around the presses: %s\n", countsText(tapReasons).c_str());

  // P2: frame build CPU at 10k people (same redraw loop) against the 1k frames above, and against
  // the same 10k wall submitting every card.
  auto redrawFrames = [&](const std::vector<std::string>& env) {
    Child child = spawn(kiosk(largeConfig), env);
    std::vector<double> times;
    readFor(child, 8, [](const LogLine&) {});
    readFor(child, std::min(idleS, 10.0), [&](const LogLine& line) {
      if (line.tag == "wof-frame") times.push_back(line.cpu);
    });
    stop(child);
    return times;
  };
  const std::vector<double> largeFrames = redrawFrames({"WOF_BENCH_REDRAW=1", frameLog});
  const std::vector<double> noClipFrames = redrawFrames({"WOF_BENCH_REDRAW=1", "WOF_BENCH_NO_CLIP=1", frameLog});
  const double p99small = percentile(stock.frameCpu, 0.99), p99large = percentile(largeFrames, 0.99);
  const double p99noClip = percentile(noClipFrames, 0.99);
  rows.push_back({"P2 wall frame CPU p99, " + largeLabel + " vs " + smallLabel + " people", formatMs(p99large), formatMs(p99small),
                  p99large / p99small, "<= 1.1x; p99 <= 1 ms", p99large <= 1.1 * p99small && p99large <= 0.001});
  rows.push_back({"P2 wall frame CPU p50, " + largeLabel + " vs " + smallLabel + " people", formatMs(percentile(largeFrames, 0.5)),
                  formatMs(percentile(stock.frameCpu, 0.5)),
                  percentile(largeFrames, 0.5) / percentile(stock.frameCpu, 0.5), "(informative)", true});
  rows.push_back({"P2 wall frame CPU p99, " + largeLabel + ", vs every card", formatMs(p99large), formatMs(p99noClip),
                  p99noClip / p99large, "(informative; x cheaper)", true});

  // P6: flings through the 10k grid (slide off), each followed by a burst of mouse-wheel notches
  // (a software renderer draws a few frames a second, so a finger alone moves slowly); the
  // texture bytes the photo cache held at most, against every person's photo uploaded at its
  // decoded size.
  std::size_t peakTextures = 0;
  int flings = 0;
  std::map<std::string, int> flingReasons;
  {
    Child child = spawn(kiosk(largeStill), {frameLog});
    auto watch = [&](const LogLine& line) {
      if (line.tag != "wof-frame") return;
      peakTextures = std::max(peakTextures, line.textures);
      ++flingReasons[line.reason];
    };
    readFor(child, 8, watch);
    const auto start = Clock::now();
    while (bench::secondsSince(start) < std::min(idleS, 15.0)) {
      finger.move(1500, 860);
      finger.button(true);
      for (int step = 1; step <= 10; ++step) {
        finger.move(1500, 860 - step * 50);
        readFor(child, 0.025, watch);
      }
      finger.button(false);
      readFor(child, 0.3, watch);
      finger.wheel(25);
      ++flings;
      readFor(child, 0.3, watch);
    }
    readFor(child, 2, watch);
    stop(child);
  }
  std::printf("P6 why frames were drawn while flinging: %s\n", countsText(flingReasons).c_str());
  // The anchor: each person's photo decoded as the kiosk decodes it (426 px at most, mipmaps
  // included, as PhotoCache counts), all at once.
  double allDecoded = 0;
  {
    core::Store store(core::databaseFileIn(largeDir), "bench");
    // The photos are hard links to a few hundred files: each file is decoded once (its
    // thumbnail kept in a folder of the benchmark's own, not the kiosk's).
    std::map<ino_t, double> bytesOf;
    for (const core::Employee& person : store.employees(true)) {
      struct stat info {};
      if (person.photoFile.empty() || ::stat((core::photosDirIn(largeDir) / person.photoFile).c_str(), &info) != 0) continue;
      auto [it, added] = bytesOf.emplace(info.st_ino, 0.0);
      if (added) {
        const core::PhotoResult photo =
            core::loadPhotoThumbnail(core::photosDirIn(largeDir), person.photoFile, 426, dir / "decoded-size-thumbnails");
        if (photo.image) it->second = static_cast<double>(photo.image->width) * photo.image->height * 4 * 4 / 3;
      }
      allDecoded += it->second;
    }
  }
  const double mib = 1024.0 * 1024.0;
  char peakText[32], allText[32];
  std::snprintf(peakText, sizeof peakText, "%.1f MiB", static_cast<double>(peakTextures) / mib);
  std::snprintf(allText, sizeof allText, "%.0f MiB", allDecoded / mib);
  rows.push_back({"P6 texture bytes, " + std::to_string(flings) + " flings, " + largeLabel, peakText, allText,
                  allDecoded / std::max(1.0, static_cast<double>(peakTextures)), "<= 128 MiB",
                  static_cast<double>(peakTextures) <= 128 * mib});

  scripts();

  std::printf("kiosk benchmarks: 1920x1080 under Xvfb (software OpenGL); %zu frames timed at %d people, %zu at %d\n",
              stock.frameCpu.size(), small, largeFrames.size(), large);
  bench::printTable(rows);
  return 0;
}
