// Spec: hostile files. Every file in tests/hostile/ (small, committed) and the big ones generated
// here in a temp dir (a 50 MB image, 1 MB roster fields, 200,000 roster rows, a multi-megabyte
// segment line) ends rejected, with a message naming the file; nothing crashes; and memory stays
// bounded: the big cases run in a child process whose peak RSS growth is measured.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <set>

#include "core/config/config.hpp"
#include "core/sync/journal.hpp"
#include "core/photos/photo.hpp"
#include "core/reports/report_csv.hpp"
#include "core/roster/roster_csv.hpp"
#include "core/roster/roster_import.hpp"
#include "core/storage/store.hpp"
#include "core/sync/sync.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;
namespace fs = std::filesystem;

namespace {

const fs::path kCorpus = fs::path(WOF_SOURCE_DIR) / "tests" / "hostile";

// AddressSanitizer pads and quarantines every allocation: the memory caps below are for a
// normal build and get this much room under it.
#if defined(__SANITIZE_ADDRESS__)
constexpr std::size_t kKiBPerMiB = 4 * 1024;
#else
constexpr std::size_t kKiBPerMiB = 1024;
#endif
constexpr std::string_view kHeader = "employee_id,display_name,department,title,site,email,active,wall_consent\n";

std::vector<fs::path> corpus(const char* kind) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kCorpus / kind)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 5);
  return files;
}

std::size_t statusKiB(const char* field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind(field, 0) == 0) return std::stoul(line.substr(std::string_view(field).size()));
  return 0;
}

// Runs `work` in a forked child. `finished` is false when the child died (a crash); `peakGrowthKiB`
// is how far its peak RSS rose above its RSS when the work began.
struct Isolated {
  bool finished = false;
  std::string output;
  std::size_t peakGrowthKiB = 0;
};
Isolated isolated(const std::function<std::string()>& work) {
  int pipeFds[2];
  REQUIRE(::pipe(pipeFds) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(pipeFds[0]);
    std::ofstream("/proc/self/clear_refs") << "5";  // resets the peak (VmHWM) to the RSS now
    const std::size_t before = statusKiB("VmRSS:");
    const std::string output = work();
    const std::string message = std::to_string(statusKiB("VmHWM:") - std::min(before, statusKiB("VmHWM:"))) +
                                "\n" + output;
    for (std::size_t done = 0; done < message.size();) {
      const ssize_t wrote = ::write(pipeFds[1], message.data() + done, message.size() - done);
      if (wrote <= 0) break;
      done += static_cast<std::size_t>(wrote);
    }
    ::_exit(0);
  }
  ::close(pipeFds[1]);
  std::string message;
  char buffer[4096];
  for (ssize_t got; (got = ::read(pipeFds[0], buffer, sizeof buffer)) > 0;) message.append(buffer, static_cast<std::size_t>(got));
  ::close(pipeFds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  Isolated result;
  result.finished = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (const std::size_t newline = message.find('\n'); newline != std::string::npos) {
    result.peakGrowthKiB = std::stoul(message.substr(0, newline));
    result.output = message.substr(newline + 1);
  }
  return result;
}

std::string rosterRow(const std::string& id, const std::string& name, const std::string& active = "yes") {
  return id + "," + name + ",Support,Agent,Lyon,," + active + ",yes\n";
}

// The outcome of importing `csv` (with `photos` beside it) into a store holding sampleRoster().
std::string importInto(const fs::path& root, const fs::path& csv, const fs::path& photos = {}) {
  Store store(root / "kiosk.db", "lobby-1");
  store.replaceRoster(sampleRoster());
  const RosterFileImport result = importRosterFile(store, csv, photos, root / "data-photos");
  std::string out = result.accepted ? "accepted\n" : "rejected\n";
  out += describeProblems(result.problems, csv.filename().string());
  for (const std::string& problem : result.photoProblems) out += problem + "\n";
  out += "employees " + std::to_string(store.employees(false).size()) + "\n";
  return out;
}

std::size_t countLines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

}  // namespace

TEST_CASE("hostile photos are each skipped with the file named, and a 50 MB one is refused before it is read") {
  TempDir dir;
  const fs::path photos = dir / "photos";
  fs::create_directories(photos);
  std::string roster(kHeader);
  std::vector<std::string> names;
  int n = 0;
  auto add = [&](const std::string& extension) {
    const std::string id = "H" + std::to_string(++n);
    roster += rosterRow(id, "Hostile " + std::to_string(n));
    names.push_back("photos/" + id + extension);
    return photos / (id + extension);
  };
  for (const fs::path& file : corpus("images")) fs::copy_file(file, add(file.extension().string()));
  fs::create_symlink("/dev/zero", add(".jpg"));
  REQUIRE(::mkfifo(add(".png").c_str(), 0600) == 0);
  {  // 50 MB with a JPEG signature, written for real (not sparse)
    std::ofstream big(add(".jpg"), std::ios::binary);
    big << "\xFF\xD8\xFF\xE0";
    const std::string block(1 << 20, 'J');
    for (int mb = 0; mb < 50; ++mb) big << block;
  }
  writeFile(dir / "employees.csv", roster);

  const Isolated run = isolated([&] { return importInto(dir.path(), dir / "employees.csv", photos); });
  REQUIRE(run.finished);  // no crash
  INFO(run.output);
  CHECK(run.output.rfind("accepted\n", 0) == 0);  // the roster itself is fine
  for (const std::string& name : names) {
    const bool named = run.output.find(name + " ") != std::string::npos || run.output.find(name + ": ") != std::string::npos;
    CHECK_MESSAGE(named, name);
  }
  CHECK(countLines(run.output) == names.size() + 2);  // one line per photo, no more
  CHECK(run.output.find("over the limit of 20480 KiB") != std::string::npos);
  CHECK(run.output.find("symbolic link") != std::string::npos);
  CHECK(run.output.find("at most 40 megapixels") != std::string::npos);
  CHECK(run.output.find("corrupt JPEG (Bogus Huffman table definition)") != std::string::npos);
  CHECK(run.output.find("animated WebP is not accepted") != std::string::npos);
  MESSAGE(names.size() << " hostile photos; peak RSS grew by " << run.peakGrowthKiB << " KiB");
  CHECK(run.peakGrowthKiB < 16 * kKiBPerMiB);  // the 50 MB file was never read
}

TEST_CASE("hostile rosters are rejected whole with the file named, and the roster in force stays") {
  TempDir dir;
  for (const fs::path& file : corpus("rosters")) {
    CAPTURE(file);
    const std::string outcome = importInto(dir.path(), file);
    CHECK(outcome.rfind("rejected\n", 0) == 0);
    CHECK(outcome.find(file.filename().string()) != std::string::npos);
    CHECK(outcome.find("employees 5\n") != std::string::npos);
    fs::remove(dir / "kiosk.db");
  }
}

TEST_CASE("a roster with 1 MB fields is rejected with a short report, in bounded memory") {
  TempDir dir;
  const std::string huge(1 << 20, 'x');
  writeFile(dir / "employees.csv", std::string(kHeader) + rosterRow("E1", huge) + rosterRow(huge, "Ann") +
                                       rosterRow("E3", "Bob", huge));
  const Isolated run = isolated([&] { return importInto(dir.path(), dir / "employees.csv"); });
  REQUIRE(run.finished);
  CHECK(run.output.rfind("rejected\n", 0) == 0);
  CHECK(run.output.find("employees.csv") != std::string::npos);
  CHECK(run.output.size() < 2048);  // values are quoted shortened, not a megabyte each
  MESSAGE("1 MB fields: report " << run.output.size() << " bytes; peak RSS grew by " << run.peakGrowthKiB << " KiB");
  CHECK(run.peakGrowthKiB < 64 * kKiBPerMiB);
}

TEST_CASE("a roster of 200,000 rows with bad ones is rejected in bounded memory, with a report a person can read") {
  TempDir dir;
  std::string roster(kHeader);
  roster.reserve(200'000 * 40);
  SUBCASE("one bad row at the very end") {
    for (int i = 1; i <= 200'000; ++i) roster += rosterRow("E" + std::to_string(i), "Person " + std::to_string(i));
    roster += rosterRow("E200001", "Last", "maybe");
  }
  SUBCASE("every row bad") {
    for (int i = 1; i <= 200'000; ++i) roster += rosterRow("E" + std::to_string(i), "Person", "maybe");
  }
  writeFile(dir / "employees.csv", roster);
  const Isolated run = isolated([&] { return importInto(dir.path(), dir / "employees.csv"); });
  REQUIRE(run.finished);
  INFO(run.output.substr(0, 2000));
  CHECK(run.output.rfind("rejected\n", 0) == 0);
  CHECK(run.output.find("employees.csv, line ") != std::string::npos);
  CHECK(countLines(run.output) <= kMaxReportedProblems + 3);
  CHECK(run.output.find("employees 5\n") != std::string::npos);
  MESSAGE("200,000 rows (" << roster.size() / 1024 << " KiB): peak RSS grew by " << run.peakGrowthKiB << " KiB");
  CHECK(run.peakGrowthKiB < 256 * kKiBPerMiB);
}

TEST_CASE("a roster of nothing but separators is refused before it is split into millions of fields") {
  TempDir dir;
  SUBCASE("millions of empty rows") { writeFile(dir / "employees.csv", std::string(kHeader) + std::string(16 << 20, '\n')); }
  SUBCASE("one row of millions of empty fields") {
    writeFile(dir / "employees.csv", std::string(kHeader) + std::string(16 << 20, ',') + "\n");
  }
  const Isolated run = isolated([&] { return importInto(dir.path(), dir / "employees.csv"); });
  REQUIRE(run.finished);
  CHECK_MESSAGE(run.output.rfind("rejected\nemployees.csv: has ", 0) == 0, run.output);
  MESSAGE("16 MB of separators: peak RSS grew by " << run.peakGrowthKiB << " KiB");
  CHECK(run.peakGrowthKiB < 64 * kKiBPerMiB);  // split, it would be over 500 MB
}

TEST_CASE("a roster with formulas in names is accepted as text, and the export neutralises them") {
  TempDir dir;
  writeFile(dir / "employees.csv", std::string(kHeader) + rosterRow("E1", "\"=HYPERLINK(\"\"http://evil\"\")\"") +
                                       rosterRow("E2", "@SUM(A1)"));
  Store store(dir / "kiosk.db", "lobby-1");
  REQUIRE(importRosterFile(store, dir / "employees.csv", {}, dir / "photos").accepted);
  REQUIRE(store.submitNomination({"E1", "real-face", kGoodStory, "E2", NominatorVisibility::Public}, kNow, {})
              .nomination);
  const std::string csv = exportNominationsCsv(store, {0, kNow + 1});
  CHECK(csv.find(",\"'=HYPERLINK(\"\"http://evil\"\")\",") != std::string::npos);
  CHECK(csv.find(",'@SUM(A1),") != std::string::npos);
}

TEST_CASE("hostile segments are skipped with the file named, nothing applied, and a huge line costs no memory") {
  TempDir root;
  const fs::path folder = root / "share/journal/other-1";
  fs::create_directories(folder);
  Store store(root / "kiosk.db", "lobby-1");
  store.replaceRoster(sampleRoster());
  SyncReport report;
  auto importOnly = [&](const std::string& bytes) {
    writeFile(folder / "1.jsonl", bytes);
    report = SyncReport{};
    importJournals(store, root / "share", kNow, report);
    return report;
  };
  for (const fs::path& file : corpus("segments")) {
    CAPTURE(file);
    importOnly(readFile(file));
    REQUIRE(report.skipped.size() == 1);
    CHECK(report.skipped[0].file == "journal/other-1/1.jsonl");
    CHECK(!report.skipped[0].reason.empty());
    CHECK(report.importedEvents == 0);
  }
  CHECK(store.database().queryInt("SELECT COUNT(*) FROM nominations") == 0);

  // A sealed segment whose one event line holds a 4 MB story, generated here.
  const std::string story(4 << 20, 's');
  const std::string line = R"({"id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a01","kiosk":"other-1","seq":1,"hlc":1,)"
                           R"("type":"nomination.created","payload":{"story":")" + story + "\"}}\n";
  const std::string segment = line + R"({"trailer":{"kiosk":"other-1","segment":1,"count":1,"fnv1a64":")" +
                              [&] {
                                char hex[17];
                                std::snprintf(hex, sizeof hex, "%016llx",
                                              static_cast<unsigned long long>(fnv1a64(line)));
                                return std::string(hex);
                              }() + "\"}}\n";
  const Isolated run = isolated([&] {
    importOnly(segment);
    return report.skipped.empty() ? std::string("not skipped") : report.skipped[0].file + ": " + report.skipped[0].reason;
  });
  REQUIRE(run.finished);
  CHECK_MESSAGE(run.output.rfind("journal/other-1/1.jsonl: line 1: is 4097 KiB; an event is at most 64 KiB", 0) == 0,
                run.output);
  MESSAGE("4 MB segment line: peak RSS grew by " << run.peakGrowthKiB << " KiB");
  CHECK(run.peakGrowthKiB < 32 * kKiBPerMiB);  // the file is read once; the line is never parsed
}

TEST_CASE("a segment repeating an event id applies it once") {
  TempDir root;
  const fs::path folder = root / "share/journal/other-1";
  fs::create_directories(folder);
  Store store(root / "kiosk.db", "lobby-1");
  store.replaceRoster(sampleRoster());
  JournalEvent event{"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a01", "other-1", 1, 1'795'521'600'000ull << 16,
                     "nomination.created",
                     R"({"id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4b01","created_at":1795521600000,"nominee_id":"E1",)"
                     R"("behaviour":"real-face","story":"A story.","nominator_id":null,"visibility":"anonymous",)"
                     R"("status":"approved"})"};
  JournalEvent again = event;
  again.seq = 2;
  writeFile(folder / "1.jsonl", encodeSegment("other-1", 1, {event, again}));
  SyncReport report;
  importJournals(store, root / "share", kNow, report);
  CHECK(store.database().queryInt("SELECT COUNT(*) FROM nominations") == 1);
  CHECK(report.importedEvents == 1);
}

TEST_CASE("hostile configs are refused with the file named, and a FIFO or a huge file is not read") {
  TempDir dir;
  std::vector<fs::path> files = corpus("configs");
  REQUIRE(::mkfifo((dir / "fifo.toml").c_str(), 0600) == 0);
  files.push_back(dir / "fifo.toml");
  writeFile(dir / "huge.toml", "kiosk_id = \"a\"\n# " + std::string(2 << 20, 'x') + "\n");
  files.push_back(dir / "huge.toml");
  fs::create_directory(dir / "folder.toml");
  files.push_back(dir / "folder.toml");
  for (const fs::path& file : files) {
    CAPTURE(file);
    const ConfigResult result = loadConfig(file);
    CHECK(!result.config);
    REQUIRE(!result.errors.empty());
    for (const std::string& error : result.errors) CHECK(error.rfind(file.string() + ":", 0) == 0);
  }
  CHECK(loadConfig(dir / "fifo.toml").errors[0] == (dir / "fifo.toml").string() + ": is not a regular file");
  CHECK(loadConfig(dir / "huge.toml").errors[0] ==
        (dir / "huge.toml").string() + ": is 2048 KiB, over the limit of 1024 KiB");
}
