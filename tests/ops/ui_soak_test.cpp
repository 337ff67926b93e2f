// Spec: soak. The real kiosk under Xvfb draws every frame (WOF_BENCH_REDRAW, 60 fps) for
// WOF_SOAK_FRAMES frames (default 8000, a warm-up round and two more; the long run: 100,000) while XTest plays people: a story
// opened and applauded, a nomination wizard run to its thank-you, idle time on the wall. Meanwhile
// it syncs every 5 s with a real temp share, where a second kiosk publishes a nomination each
// round, and HR exports a report from the admin screen every "hour" (3,600 frames: one minute of
// soak stands for an hour on the wall). In the end HR quits from the admin screen, so the kiosk
// exits through its normal path (where LeakSanitizer looks, under an ASan build).
// Sampled twice a second: VmRSS, open descriptors (/proc/pid/fd), threads (/proc/pid/task) and the
// WAL's size. After warm-up (a quarter of the frames, at least one round of everything) they must
// be flat: see "the flatness rule" in the test. On failure the series is printed.
// WOF_SOAK_REPORT names a file that gets the figures as `key value` lines (scripts/reliability.sh).
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/admin/admin_pin.hpp"
#include "core/config/config.hpp"
#include "core/config/data_dir.hpp"
#include "core/storage/store.hpp"
#include "support/test_support.hpp"
#include "support/ui_support.hpp"

using namespace wof::test;
using namespace wof::test::ui;
using namespace std::chrono_literals;

namespace {

long envNumber(const char* name, long fallback) {
  const char* text = std::getenv(name);
  const long value = text ? std::atol(text) : 0;
  return value > 0 ? value : fallback;
}

// The kiosk's frame count: the last `wof-frame N` line its WOF_BENCH_FRAME_LOG wrote, read from
// where the previous call stopped.
class FrameCounter {
 public:
  explicit FrameCounter(std::filesystem::path log) : m_log(std::move(log)) {}
  long frames() {
    std::ifstream in(m_log, std::ios::binary);
    in.seekg(m_offset);
    std::string line;
    while (std::getline(in, line)) {
      if (in.eof()) break;  // a line still being written: read it whole next time
      m_offset += static_cast<std::streamoff>(line.size()) + 1;
      long frame = 0;
      if (std::sscanf(line.c_str(), "wof-frame %ld ", &frame) == 1) m_frames = frame + 1;
    }
    return m_frames;
  }

 private:
  std::filesystem::path m_log;
  std::streamoff m_offset = 0;
  long m_frames = 0;
};

struct Sample {
  double seconds;
  long frames;
  long rssKb;
  long fds;
  long threads;
  long walKb;
  long peakRssKb;  // VmHWM: the kernel's high-water mark, which no sampling interval can miss
};

long countEntries(const std::filesystem::path& dir) {
  std::error_code error;
  long count = 0;
  for (auto it = std::filesystem::directory_iterator(dir, error); !error && it != std::filesystem::directory_iterator();
       it.increment(error))
    ++count;
  return error ? -1 : count;
}

// A "Key:  123 kB" line of /proc/<pid>/status, in KiB; -1 when the process is gone.
long statusKbOf(pid_t pid, std::string_view key) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) == 0) return std::atol(line.c_str() + key.size());
  }
  return -1;
}

// Samples the kiosk every 500 ms on its own thread until stopped.
class Sampler {
 public:
  Sampler(pid_t pid, std::filesystem::path wal, std::filesystem::path frameLog)
      : m_pid(pid), m_wal(std::move(wal)), m_frames(std::move(frameLog)), m_thread([this] { loop(); }) {}
  ~Sampler() { stop(); }
  void stop() {
    m_stop = true;
    if (m_thread.joinable()) m_thread.join();
  }
  long frames() { return m_latestFrames.load(); }
  std::vector<Sample> samples() {
    std::lock_guard lock(m_mutex);
    return m_samples;
  }

 private:
  void loop() {
    const auto start = std::chrono::steady_clock::now();
    while (!m_stop) {
      const std::filesystem::path proc = "/proc/" + std::to_string(m_pid);
      std::error_code error;
      const auto wal = std::filesystem::file_size(m_wal, error);
      Sample sample{std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), m_frames.frames(),
                    statusKbOf(m_pid, "VmRSS:"), countEntries(proc / "fd"), countEntries(proc / "task"),
                    error ? 0 : static_cast<long>(wal / 1024), statusKbOf(m_pid, "VmHWM:")};
      m_latestFrames = sample.frames;
      if (sample.rssKb > 0) {
        std::lock_guard lock(m_mutex);
        m_samples.push_back(sample);
      }
      std::this_thread::sleep_for(500ms);
    }
  }

  pid_t m_pid;
  std::filesystem::path m_wal;
  FrameCounter m_frames;
  std::atomic<bool> m_stop{false};
  std::atomic<long> m_latestFrames{0};
  std::mutex m_mutex;
  std::vector<Sample> m_samples;
  std::thread m_thread;
};

template <typename Field>
long medianOf(const std::vector<Sample>& samples, long fromFrame, long toFrame, Field field) {
  std::vector<long> values;
  for (const Sample& s : samples)
    if (s.frames >= fromFrame && s.frames <= toFrame) values.push_back(field(s));
  if (values.empty()) return -1;
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

std::string seriesTable(const std::vector<Sample>& samples) {
  std::ostringstream out;
  out << "   seconds    frames   rss_kb   hwm_kb  fds threads   wal_kb\n";
  const std::size_t step = std::max<std::size_t>(1, samples.size() / 200);
  for (std::size_t i = 0; i < samples.size(); i += step) {
    const Sample& s = samples[i];
    char line[128];
    std::snprintf(line, sizeof line, "%10.1f %9ld %8ld %8ld %4ld %7ld %8ld\n", s.seconds, s.frames, s.rssKb,
                  s.peakRssKb, s.fds, s.threads, s.walKb);
    out << line;
  }
  return out.str();
}

struct Range {
  long min = 0;
  long max = 0;
};
template <typename Field>
Range rangeOf(const std::vector<Sample>& samples, long fromFrame, long toFrame, Field field) {
  Range range{-1, -1};
  for (const Sample& s : samples) {
    if (s.frames < fromFrame || s.frames > toFrame) continue;
    const long value = field(s);
    range.min = range.min < 0 ? value : std::min(range.min, value);
    range.max = std::max(range.max, value);
  }
  return range;
}

// The highest a transient rose above the resident set around it, in [fromFrame, toFrame]: for
// each sample whose high-water mark (VmHWM) rose, that mark less the previous sample's VmRSS.
// The admin PIN check's Argon2 hash takes 64 MiB for a moment, so its peak is wherever the
// resident set stood then plus 64 MiB: comparing peaks would blame the run for the resident set's
// growth during warm-up, which the median rule judges already.
long highestSpike(const std::vector<Sample>& samples, long fromFrame, long toFrame) {
  long highest = 0;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const Sample& s = samples[i];
    if (s.frames < fromFrame || s.frames > toFrame) continue;
    const Sample& before = samples[i == 0 ? 0 : i - 1];
    if (i == 0 || s.peakRssKb > before.peakRssKb) highest = std::max(highest, s.peakRssKb - before.rssKb);
  }
  return highest;
}

// A second kiosk on the same share: its own data dir, the same roster, nominations of its own.
struct PeerKiosk {
  std::filesystem::path config;
  std::filesystem::path log;
  int published = 0;
  void nominateAndSync() {
    runCli({"nominate", "--config", config.string(), "--nominee", published % 2 ? "E1002" : "E1003", "--behaviour",
            "real-face", "--story", "Peer story number " + std::to_string(published) + ": stayed to help a customer."},
           log);
    runCli({"sync", "--config", config.string()}, log);
    ++published;
  }
};

constexpr const char* kPin = "2468";
constexpr long kFramesPerHour = 3600;  // one minute at 60 fps stands for an hour on the wall

// One round of people at the kiosk: a story opened and applauded, then a nomination made by taps
// to its thank-you, which goes back to the wall by itself after 20 s of nobody touching it.
void personRound(KioskFixture& kiosk, const Layout& layout, int round) {
  VirtualScreen& screen = kiosk.screen;
  // WOF_SCREENSHOT_DIR keeps the latest round's screens: where a round went astray.
  screen.keep("soak-1-wall.png");
  layout.tap(screen, 400, 500, true);  // the spotlight card: that person's stories
  screen.keep("soak-2-person.png");
  layout.tap(screen, 1390, 629);       // applause on the first story
  layout.tap(screen, 380, 82, true);   // "← Wall"
  screen.keep("soak-3-wall.png");
  tapRecognise(screen, layout);
  screen.keep("soak-4-who.png");
  static constexpr const char* kNominees[] = {"kwame", "zo"};
  static constexpr const char* kNominators[] = {"zo", "kwame"};
  typeOnKeyboard(screen, kNominees[round % 2], layout);
  tapFirstResult(screen, kWhoField, layout);
  tapFirstBehaviour(screen, layout);
  typeOnKeyboard(screen, round % 3 ? "she fixed the printer for a customer" : "he kept his promise to a customer", layout);
  tapNext(screen, layout);
  typeOnKeyboard(screen, kNominators[round % 2], layout);
  tapFirstResult(screen, kFromField, layout);
  screen.keep("soak-5-review.png");
  tapSend(screen, layout);
  std::this_thread::sleep_for(22s);  // idle: the thank-you goes home by itself
}

// HR: the admin screen by long press and PIN, a summary CSV exported, "Done".
bool exportReport(KioskFixture& kiosk, const Layout& layout) {
  const std::filesystem::path exports = kiosk.dir / "share" / "exports";
  std::error_code ignored;
  std::filesystem::remove_all(exports, ignored);
  openAdmin(kiosk.screen, kPin, layout);
  tapAdminTab(kiosk.screen, 2, layout);  // Reports
  tapSummaryCsv(kiosk.screen, layout);
  const bool written = !waitForExport(exports, "-summary.csv").empty();
  std::this_thread::sleep_for(1s);                              // the screen collects the finished job
  layout.tap(kiosk.screen, layout.width - 56 - 50, 36 + 42, true);  // "Done"
  return written;
}

// WOF_SOAK_SIZE ("960x540" by default): half HD, so that Mesa's software renderer keeps up with
// 60 frames a second on a shared machine; every 16:9 size has the same layout in design pixels.
Size soakSize() {
  Size size{960, 540};
  if (const char* text = std::getenv("WOF_SOAK_SIZE")) std::sscanf(text, "%dx%d", &size.width, &size.height);
  return size;
}

}  // namespace

TEST_CASE("frames, taps, nominations, syncs and exports leave memory, descriptors, threads and the WAL flat") {
  const long targetFrames = envNumber("WOF_SOAK_FRAMES", 8000);
  const Size size = soakSize();
  const Layout layout(size);
  KioskFixture kiosk("sync_interval_s = 5\nadmin_pin_hash = \"" + wof::core::hashPin(kPin) + "\"\n",
                     size, true);
  // The fleet's daily cap (3 nominations per nominator, fleet.toml overrides kiosk.toml) would
  // refuse the two nominators' fourth round: a soak nominates more than anybody does in a day.
  const std::filesystem::path fleet = kiosk.dir / "share" / "fleet.toml";
  std::string fleetText = readFile(fleet);
  const std::size_t cap = fleetText.find("daily_cap = ");
  REQUIRE(cap != std::string::npos);
  fleetText.replace(cap, fleetText.find('\n', cap) - cap, "daily_cap = 100");
  writeFile(fleet, fleetText);
  PeerKiosk peer{kiosk.dir / "peer.toml", kiosk.dir / "peer.log"};
  writeFile(peer.config, "kiosk_id = \"soak-peer\"\nsite = \"Leeds\"\ndata_dir = \"peer-data\"\nshare_dir = \"share\"\n");
  kiosk.run({"import-roster", "--config", peer.config.string(),
             (kiosk.dir / "share" / "roster" / "employees.csv").string()});
  peer.nominateAndSync();  // the share holds a second kiosk's journal from the start
  kiosk.run({"nominate", "--config", (kiosk.dir / "kiosk.toml").string(), "--nominee", "E1004", "--behaviour",
             "real-face", "--story", "Stayed late to rebook a stranded customer's whole family."});

  kiosk.start({"WOF_BENCH_REDRAW=1", "WOF_BENCH_FRAME_LOG=1"});
  Sampler sampler(kiosk.kiosk, wof::core::databaseFileIn(kiosk.dir / "data").string() + "-wal", kiosk.dir / "kiosk.log");
  const auto started = std::chrono::steady_clock::now();
  int rounds = 0;
  int exports = 0;
  int exportsWritten = 0;
  long nextExport = 0;
  long warmupFrames = 0;
  while (sampler.frames() < targetFrames) {
    REQUIRE_MESSAGE(::kill(kiosk.kiosk, 0) == 0, readFile(kiosk.dir / "kiosk.log").substr(0, 20000));
    if (sampler.frames() >= nextExport) {
      ++exports;
      exportsWritten += exportReport(kiosk, layout);
      nextExport += kFramesPerHour;
    }
    personRound(kiosk, layout, rounds++);
    // A round whose taps went astray would leave the script out of step with the screens (and a
    // mistyped PIN locks the admin screen): stop at once, saying where.
    REQUIRE_MESSAGE(kiosk.query("SELECT count(*) FROM nominations WHERE kiosk_id = 'ui-test'") == rounds + 1,
                    "round " << rounds << ": the wizard's nomination was not saved");
    REQUIRE_MESSAGE(exportsWritten == exports, "the export at round " << rounds << " was not written");
    peer.nominateAndSync();
    // Warm-up: a quarter of the run, and at least one round of everything.
    if (warmupFrames == 0) warmupFrames = std::max(targetFrames / 4, sampler.frames());
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  sampler.stop();
  // HR quits from the admin screen: the kiosk's own way out, so an ASan build checks for leaks.
  openAdmin(kiosk.screen, kPin, layout);
  tapAdminTab(kiosk.screen, 5, layout);  // This kiosk
  kiosk.screen.tapToQuit(static_cast<int>((476 + 210) * layout.scale),
                         static_cast<int>((layout.height - 36 - 42) * layout.scale));  // Quit the kiosk
  const int exitCode = kiosk.waitForExit(120s);
  const std::vector<Sample> samples = sampler.samples();
  const long frames = samples.empty() ? 0 : samples.back().frames;
  const std::string log = readFile(kiosk.dir / "kiosk.log");
  std::string problems;  // kiosk.log without its per-frame lines: errors, sanitizer reports
  {
    std::istringstream lines(log);
    for (std::string line; std::getline(lines, line);)
      if (line.rfind("wof-frame ", 0) != 0 && line.rfind("wof-swap ", 0) != 0) problems += line + "\n";
    // A sanitizer's report comes last, at exit: keep the end when the log is long.
    if (problems.size() > 60000) problems = "...\n" + problems.substr(problems.size() - 60000);
  }
  INFO("kiosk log without frame lines:\n" << problems);
  CHECK(exitCode == 0);

  // [SECTION] the flatness rule
  // Post-warm-up frames are cut into quarters. RSS: the last quarter's median may exceed the first
  // quarter's by at most WOF_SOAK_RSS_SLACK_KB (default 4 MiB: allocator and Mesa caches settle in
  // steps), and no transient after warm-up may rise higher above the resident set than warm-up's
  // highest did, by more than that (highestSpike()). Warm-up ran every activity once, among them
  // the admin PIN check, whose Argon2 hash takes 64 MiB for a fraction of a second: a 500 ms
  // sampler catches a moment like that only sometimes, the kernel's high-water mark always.
  // Descriptors and threads: a leak raises the floor, so the last quarter's lowest count may not
  // be above the first quarter's; and no sample after warm-up may pass warm-up's highest by more
  // than two (an export's worker thread and its file exist for a moment, which warm-up's samples
  // may have missed). WAL: bounded, not flat: it grows until SQLite's automatic checkpoint (1000
  // pages of 4 KiB) and is then reused from its start, so it may never pass 8 MiB.
  const long rssSlackKb = envNumber("WOF_SOAK_RSS_SLACK_KB", 4096);
  const long quarter = std::max(1L, (frames - warmupFrames) / 4);
  const long firstEnd = warmupFrames + quarter, lastStart = frames - quarter;
  const auto rss = [](const Sample& s) { return s.rssKb; };
  const auto fds = [](const Sample& s) { return s.fds; };
  const auto threads = [](const Sample& s) { return s.threads; };
  const auto wal = [](const Sample& s) { return s.walKb; };
  const long rssFirstMedian = medianOf(samples, warmupFrames, firstEnd, rss),
             rssLastMedian = medianOf(samples, lastStart, frames, rss);
  const Range rssWarm = rangeOf(samples, 0, warmupFrames, rss);
  const long peakRssWarm = rangeOf(samples, 0, warmupFrames, [](const Sample& s) { return s.peakRssKb; }).max;
  const long peakRssEnd = samples.empty() ? 0 : samples.back().peakRssKb;
  const long spikeWarm = highestSpike(samples, 0, warmupFrames),
             spikeAfter = highestSpike(samples, warmupFrames + 1, frames);
  const Range rssFirst = rangeOf(samples, warmupFrames, firstEnd, rss), rssLast = rangeOf(samples, lastStart, frames, rss);
  const Range fdWarm = rangeOf(samples, 0, warmupFrames, fds), fdFirst = rangeOf(samples, warmupFrames, firstEnd, fds),
              fdLast = rangeOf(samples, lastStart, frames, fds), fdAfter = rangeOf(samples, warmupFrames, frames, fds);
  const Range thWarm = rangeOf(samples, 0, warmupFrames, threads),
              thFirst = rangeOf(samples, warmupFrames, firstEnd, threads),
              thLast = rangeOf(samples, lastStart, frames, threads),
              thAfter = rangeOf(samples, warmupFrames, frames, threads);
  const Range walFirst = rangeOf(samples, warmupFrames, firstEnd, wal), walLast = rangeOf(samples, lastStart, frames, wal);
  const Range walAll = rangeOf(samples, 0, frames, wal);

  const std::int64_t fromPeer = kiosk.query("SELECT count(*) FROM nominations WHERE kiosk_id = 'soak-peer'");
  const std::int64_t byTaps = kiosk.query("SELECT count(*) FROM nominations WHERE kiosk_id = 'ui-test'") - 1;
  const std::int64_t exportsAudited =
      kiosk.query("SELECT count(*) FROM audit_log WHERE actor = 'admin' AND action = 'export'");
  std::ostringstream summary;
  summary << "soak_frames " << frames << "\nsoak_seconds " << static_cast<long>(seconds) << "\nsoak_rounds " << rounds
          << "\nsoak_nominations_by_taps " << byTaps << "\nsoak_peer_nominations_imported " << fromPeer << "/"
          << peer.published << "\nsoak_exports " << exportsWritten << "/" << exports << "\nsoak_peak_rss_kb "
          << peakRssEnd << "\nsoak_peak_rss_warmup_kb " << peakRssWarm << "\nsoak_spike_warmup_kb " << spikeWarm
          << "\nsoak_spike_after_warmup_kb " << spikeAfter << "\nsoak_rss_first_quarter_median_kb " << rssFirstMedian << "\nsoak_rss_last_quarter_median_kb "
          << rssLastMedian << "\nsoak_rss_warmup_max_kb " << rssWarm.max << "\nsoak_rss_first_quarter_max_kb "
          << rssFirst.max << "\nsoak_rss_last_quarter_max_kb " << rssLast.max << "\nsoak_fds_warmup_max " << fdWarm.max << "\nsoak_fds_first_quarter " << fdFirst.min << "-"
          << fdFirst.max << "\nsoak_fds_last_quarter " << fdLast.min << "-" << fdLast.max << "\nsoak_threads_warmup_max "
          << thWarm.max << "\nsoak_threads_first_quarter " << thFirst.min << "-" << thFirst.max
          << "\nsoak_threads_last_quarter " << thLast.min << "-" << thLast.max << "\nsoak_wal_first_quarter_max_kb "
          << walFirst.max << "\nsoak_wal_last_quarter_max_kb " << walLast.max << "\nsoak_wal_peak_kb " << walAll.max
          << "\nsoak_warmup_frames " << warmupFrames << "\n";
  std::printf("%s", summary.str().c_str());
  if (const char* report = std::getenv("WOF_SOAK_REPORT")) writeFile(report, summary.str());

  INFO(summary.str() << seriesTable(samples));
  CHECK(frames >= targetFrames);
  const auto afterWarmup = std::count_if(samples.begin(), samples.end(),
                                         [&](const Sample& s) { return s.frames > warmupFrames; });
  CHECK_MESSAGE(afterWarmup >= 40, "too few samples after warm-up to judge: run more frames");
  CHECK(byTaps == rounds);
  CHECK(fromPeer >= peer.published - 1);  // the last one may still wait for the kiosk's next sync
  CHECK(exportsWritten == exports);
  CHECK(exportsAudited == exports);
  CHECK(rssLastMedian <= rssFirstMedian + rssSlackKb);
  // A transient may rise as high as warm-up's did, or as high as the PIN check's Argon2 memory,
  // which is the largest one the kiosk has. Warm-up's own rise is measured from a resident set
  // still growing between samples, so it can read lower than Argon2's (55,276 KiB against 65,536
  // once on the unchanged code): judged against warm-up alone, the PIN check failed the rule.
  const long pinHashKb = static_cast<long>(wof::core::pinHashMemoryBytes() / 1024);
  CHECK(spikeAfter <= std::max(spikeWarm, pinHashKb) + rssSlackKb);
  CHECK(fdLast.min <= fdFirst.min);
  CHECK(fdAfter.max <= fdWarm.max + 2);
  CHECK(thLast.min <= thFirst.min);
  CHECK(thAfter.max <= thWarm.max + 2);
  CHECK(walAll.max <= 8 * 1024);
}
