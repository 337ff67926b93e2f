// P13: memory of the running wall with 1,000 employees  vs  headless Chromium showing an equivalent
// static HTML wall built from the same database and the same photo files (what most home-made
// walls are). Layer: bench. Run under xvfb-run, after wof_bench_kiosk has made the kiosk data dir.
//
// Both sides are sampled every 250 ms while they settle; the figure is the peak of the samples.
// Chromium is several processes sharing pages, so the sum of their RSS counts shared libraries
// once per process; the judged figure is therefore PSS (proportional set size, from
// /proc/<pid>/smaps_rollup), summed over the whole process tree, on both sides. RSS is shown too.
// The HTML is generous to the anchor: photos load lazily and decode asynchronously, so Chromium
// only holds the pictures near the viewport, as the kiosk's photo cache does.
//
// Usage: wof_bench_memory --bin PATH --kiosk-dir DIR [--chromium PATH] [--settle-s N]
#include <signal.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_support.hpp"
#include "core/util/clock.hpp"
#include "core/config/config.hpp"
#include "demo/demo_kiosk.hpp"
#include "core/storage/store.hpp"

using namespace wof;
namespace fs = std::filesystem;

namespace {

constexpr int kSpotlightStories = 12;  // the kiosk's carousel (src/ui/router.cpp)

std::string escapeHtml(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string photoUrl(const fs::path& dataDir, const std::string& photoFile) {
  return photoFile.empty() ? std::string() : "file://" + fs::absolute(core::photosDirIn(dataDir) / photoFile).string();
}

// The wall as a web page: the header, the behaviour chips, the spotlight stories (each with its
// nominee's photo), the champion card and the list of everybody recognised with their photos.
// Returns the size of the roster.
std::size_t writeHtmlWall(const fs::path& dataDir, int wallDays, const fs::path& page) {
  core::Store store(core::databaseFileIn(dataDir), "bench-html");
  const core::Period period = core::lastDays(core::nowMs(), wallDays);
  const auto stories = store.wallStories(period, kSpotlightStories);
  const auto people = store.recognisedPeople(period);
  std::ofstream html(page);
  html << R"(<!doctype html><html><head><meta charset="utf-8"><title>Wall of Fame</title><style>
body{margin:0;background:#f5efe6;font-family:"DejaVu Sans",sans-serif;color:#2a211c}
header{display:flex;justify-content:space-between;padding:32px 56px}h1{font-size:56px;margin:0}
.chips{display:flex;gap:12px;padding:0 56px;overflow:hidden;white-space:nowrap}
.chip{border:2px solid #eadfce;border-radius:32px;padding:14px 26px;font-size:24px;background:#fffaf2}
main{display:flex;gap:40px;padding:32px 56px}.spot{flex:3;display:flex;overflow-x:auto;gap:24px}
.story{min-width:1000px;background:#fffaf2;border-radius:20px;padding:48px;box-shadow:0 6px 0 #e4d9c9}
.story img{width:260px;height:260px;border-radius:50%;object-fit:cover}.name{font-size:56px;font-weight:bold}
.text{font-size:28px;line-height:1.5}.side{flex:2;height:840px;overflow-y:auto}
.person{display:flex;gap:24px;align-items:center;background:#fffaf2;border-radius:16px;padding:20px;margin:0 0 20px}
.person img{width:88px;height:88px;border-radius:50%;object-fit:cover}.count{color:#1d6a6a;font-weight:bold}
.story .chip{display:inline-block}.champion{background:#fff1c9;border-radius:16px;padding:20px;margin-bottom:24px}
</style></head><body><header><h1>Wall of Fame</h1><div class="chip">&#9733; Hall of Fame</div></header>
<div class="chips"><span class="chip">All</span>)";
  for (const core::Behaviour& behaviour : store.behaviours())
    html << "<span class=\"chip\">" << escapeHtml(behaviour.title) << "</span>";
  html << "</div><main><section class=\"spot\">";
  for (const core::WallStory& story : stories)
    html << "<article class=\"story\"><img decoding=\"async\" loading=\"lazy\" src=\""
         << escapeHtml(photoUrl(dataDir, story.photoFile)) << "\"><div class=\"chip\">" << escapeHtml(story.behaviourTitle)
         << "</div><div class=\"name\">" << escapeHtml(story.nomineeName) << "</div><div>" << escapeHtml(story.department)
         << "</div><p class=\"text\">&ldquo;" << escapeHtml(story.story) << "&rdquo;</p><div>&mdash; nominated by "
         << escapeHtml(story.nominatorName) << " &hearts; " << story.applause << "</div></article>";
  html << "</section><section class=\"side\"><div class=\"champion\">&#9733; Customer Champion</div>"
          "<h2>People recognised</h2>";
  for (const core::RecognisedPerson& person : people)
    html << "<div class=\"person\"><img decoding=\"async\" loading=\"lazy\" src=\""
         << escapeHtml(photoUrl(dataDir, person.photoFile)) << "\"><div><b>" << escapeHtml(person.displayName)
         << "</b><br><span class=\"count\">&#9733; " << person.count << "</span> " << escapeHtml(person.department)
         << "</div></div>";
  html << "</section></main></body></html>\n";
  std::printf("HTML wall: %zu spotlight stories, %zu people with photos (%s)\n", stories.size(), people.size(),
              page.c_str());
  return store.employees(true).size();
}

long smapsField(pid_t pid, const char* field) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/smaps_rollup");
  std::string key;
  long kib = 0;
  while (file >> key) {
    if (key == field && file >> kib) return kib;
    file.ignore(1 << 20, '\n');
  }
  return 0;
}

// `root` and every process below it (Chromium's renderer, GPU and utility processes).
std::vector<pid_t> processTree(pid_t root) {
  std::vector<std::pair<pid_t, pid_t>> parents;  // (pid, ppid)
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    const auto close = line.rfind(')');  // the command name may hold spaces and parentheses
    if (close == std::string::npos) continue;
    char state = 0;
    int ppid = 0;
    if (std::sscanf(line.c_str() + close + 1, " %c %d", &state, &ppid) == 2)
      parents.emplace_back(std::stoi(name), ppid);
  }
  std::vector<pid_t> tree{root};
  for (std::size_t i = 0; i < tree.size(); ++i)
    for (const auto& [pid, ppid] : parents)
      if (ppid == tree[i]) tree.push_back(pid);
  return tree;
}

struct Memory {
  long rssKiB = 0;
  long pssKiB = 0;
  int processes = 0;
};

// Starts `argv`, lets it settle for `settleS` seconds and returns the peak of the tree's summed
// RSS and PSS, sampled every 250 ms; then kills the whole tree.
Memory peakMemory(const std::vector<std::string>& argv, double settleS) {
  // Chromium's stderr is a stream of D-Bus complaints in a container: it goes to /dev/null.
  const pid_t pid = bench::startProcess(argv, "/dev/null", {}, "/dev/null");
  Memory peak;
  const auto start = std::chrono::steady_clock::now();
  while (bench::secondsSince(start) < settleS) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    if (waitpid(pid, nullptr, WNOHANG) == pid) {
      std::fprintf(stderr, "%s exited while being measured\n", argv[0].c_str());
      return {};
    }
    Memory now;
    for (pid_t member : processTree(pid)) {
      now.rssKiB += smapsField(member, "Rss:");
      now.pssKiB += smapsField(member, "Pss:");
      ++now.processes;
    }
    peak.rssKiB = std::max(peak.rssKiB, now.rssKiB);
    peak.pssKiB = std::max(peak.pssKiB, now.pssKiB);
    peak.processes = std::max(peak.processes, now.processes);
  }
  for (pid_t member : processTree(pid)) kill(member, SIGKILL);
  waitpid(pid, nullptr, 0);
  return peak;
}

}  // namespace

int main(int argc, char** argv) {
  std::string bin, chromium = "chromium";
  fs::path kioskDir;
  double settleS = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--bin") == 0) bin = argv[i + 1];
    else if (std::strcmp(argv[i], "--kiosk-dir") == 0) kioskDir = argv[i + 1];
    else if (std::strcmp(argv[i], "--chromium") == 0) chromium = argv[i + 1];
    else if (std::strcmp(argv[i], "--settle-s") == 0) settleS = std::stod(argv[i + 1]);
  }
  if (bin.empty() || kioskDir.empty() || !std::getenv("DISPLAY")) {
    std::fprintf(stderr, "usage (under xvfb-run): wof_bench_memory --bin PATH --kiosk-dir DIR [--chromium PATH]\n");
    return 2;
  }
  if (!fs::exists(kioskDir / "kiosk.toml")) {
    std::fprintf(stderr, "wof_bench_memory: %s has no kiosk.toml; run wof_bench_kiosk first (bench/run does)\n",
                 kioskDir.c_str());
    return 2;
  }
  // The page shows the period the kiosk shows: its own kiosk.toml's wall_days.
  const core::ConfigResult config = core::loadConfig(kioskDir / "kiosk.toml");
  if (!config.config) {
    std::fprintf(stderr, "wof_bench_memory: %s\n", config.errors.empty() ? "bad kiosk.toml" : config.errors.front().c_str());
    return 2;
  }
  const fs::path page = kioskDir / "wall.html";
  const std::string people = std::to_string(writeHtmlWall(kioskDir, config.config->wallDays, page));

  const Memory ours = peakMemory({bin, "kiosk", "--config", (kioskDir / "kiosk.toml").string(), "--windowed", "1920x1080"},
                                 settleS);
  const fs::path profile = kioskDir / "chromium-profile";
  fs::remove_all(profile);
  const Memory anchor = peakMemory({chromium, "--headless=new", "--no-sandbox", "--no-first-run", "--hide-scrollbars",
                                    "--window-size=1920,1080", "--user-data-dir=" + profile.string(),
                                    "--allow-file-access-from-files", "file://" + fs::absolute(page).string()},
                                   settleS);
  fs::remove_all(profile);
  if (ours.pssKiB == 0 || anchor.pssKiB == 0) return 1;

  std::vector<bench::Row> rows;
  rows.push_back({"P13 wall memory (PSS), " + people + " people", bench::formatMiB(ours.pssKiB),
                  bench::formatMiB(anchor.pssKiB) + " (Chromium, " + std::to_string(anchor.processes) + " proc)",
                  static_cast<double>(anchor.pssKiB) / static_cast<double>(ours.pssKiB), ">= 3x less",
                  3 * ours.pssKiB <= anchor.pssKiB});
  rows.push_back({"P13 wall memory (RSS summed), " + people + " people", bench::formatMiB(ours.rssKiB),
                  bench::formatMiB(anchor.rssKiB), static_cast<double>(anchor.rssKiB) / static_cast<double>(ours.rssKiB),
                  "(informative)", true});
  bench::printTable(rows);
  return 0;
}
