// Storage benchmarks, each against an anchor measured in the same run:
//   P7  one durable nomination commit (p50/p99)  vs  a raw write+fdatasync loop on the same disk
//   P8  wall page, roster search, one person's stories, top-50 of the month at 1M nominations
//       (p99)  vs  the same queries with the indexes dropped
// Layer: bench. Usage: wof_bench_storage [--dir DIR] [--nominations N] [--employees N]
#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <random>
#include <string>

#include "bench_data.hpp"
#include "bench_support.hpp"
#include "core/util/clock.hpp"
#include "demo/demo_kiosk.hpp"
#include "core/storage/store.hpp"
#include "core/util/uuid.hpp"

using namespace wof;
using wof::bench::fillNominations;
using wof::bench::formatMs;
using wof::bench::kNow;
using wof::bench::kStory;
using wof::bench::makeRoster;
using wof::bench::percentile;
using wof::bench::Row;
using Clock = std::chrono::steady_clock;

namespace {

template <typename Work>
std::vector<double> timeRuns(int runs, Work&& work) {
  std::vector<double> samples;
  samples.reserve(static_cast<std::size_t>(runs));
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    work(i);
    samples.push_back(bench::secondsSince(start));
  }
  return samples;
}

// The same in this thread's CPU time: a query's cost without the scheduling delays a shared
// machine adds (which would otherwise make every p99 a measure of the other jobs).
template <typename Work>
std::vector<double> cpuRuns(int runs, Work&& work) {
  std::vector<double> samples;
  samples.reserve(static_cast<std::size_t>(runs));
  for (int i = 0; i < runs; ++i) {
    const double start = bench::threadCpuSeconds();
    work(i);
    samples.push_back(bench::threadCpuSeconds() - start);
  }
  return samples;
}

// [SECTION] P7

std::vector<Row> benchDurableCommit(const std::filesystem::path& dir) {
  constexpr int kCommits = 300;
  std::filesystem::remove(dir / "p7.db");
  core::Store store(dir / "p7.db", "bench");
  store.replaceRoster(makeRoster(1000));
  const core::NominationPolicy policy{core::ModerationPolicy::Auto, 1'000'000};
  const std::vector<double> ours = timeRuns(kCommits, [&](int i) {
    core::NominationDraft draft{"E" + std::to_string(100000 + i % 1000), "fixed-on-the-spot", kStory,
                                "E" + std::to_string(100000 + (i + 1) % 1000), core::NominatorVisibility::Public};
    if (!store.submitNomination(draft, kNow + i, policy).nomination) std::abort();
  });

  const std::string raw = (dir / "p7.raw").string();
  const int fd = ::open(raw.c_str(), O_CREAT | O_WRONLY | O_TRUNC | O_APPEND, 0600);
  const std::string record(kStory.size() + 200, 'x');  // about one nomination plus its event
  const std::vector<double> anchor = timeRuns(kCommits, [&](int) {
    if (::write(fd, record.data(), record.size()) < 0 || ::fdatasync(fd) != 0) std::abort();
  });
  ::close(fd);
  std::filesystem::remove(raw);

  const double ours50 = percentile(ours, 0.5), anchor50 = percentile(anchor, 0.5);
  const double ours99 = percentile(ours, 0.99), anchor99 = percentile(anchor, 0.99);
  return {
      {"P7 durable nomination commit, p50", formatMs(ours50), formatMs(anchor50), ours50 / anchor50,
       "(informative)", true},
      {"P7 durable nomination commit, p99", formatMs(ours99), formatMs(anchor99), ours99 / anchor99,
       "<= 2x write+fdatasync p99", ours99 <= 2 * anchor99},
  };
}

// [SECTION] P8

struct QuerySet {
  std::vector<double> wall, search, stories, top;
};

constexpr int kPersonPage = 30;

QuerySet runQueries(core::Store& store, int employees, int runs, bool anchor) {
  static const char* const kPrefixes[] = {"jo", "zo", "se", "ng", "kw", "pr", "me", "bj", "ao", "lu", "ca", "yu"};
  QuerySet set;
  const core::Period month{core::parseDateUtc("2026-11-01").value(), core::parseDateUtc("2026-12-01").value()};
  set.wall = cpuRuns(runs, [&](int) {
    if (store.wallStories(core::lastDays(kNow, 90), 20).size() != 20) std::abort();
  });
  // The anchor: the same question in one statement on a copy without the indexes, a single scan
  // of every word (ours asks several index seeks, each of which would be a scan there).
  set.search = cpuRuns(runs, [&](int i) {
    if (anchor) {
      core::Statement scan = store.database().prepare(
          "SELECT t.employee_id FROM employee_tokens t WHERE t.token >= ?1 AND t.token < ?1 || char(1114111) "
          "ORDER BY t.display_name, t.employee_id LIMIT 18");
      scan.bind(1, kPrefixes[i % 12]);
      while (scan.step()) {
      }
    } else if (store.searchEmployees(kPrefixes[i % 12], 10).empty()) {
      std::abort();
    }
  });
  // The person screen's first page (kPersonPageStories in src/ui/router.cpp) and their total.
  set.stories = cpuRuns(runs, [&](int i) {
    store.storiesFor("E" + std::to_string(100000 + (i * 7919) % employees), kPersonPage);
  });
  // The anchor asks for the month less its last millisecond: the row-by-row count the monthly
  // counts replaced (with the indexes dropped), not the monthly counts themselves.
  const core::Period byRows{month.from, month.to - 1};
  set.top = cpuRuns(std::max(1, runs / 4), [&](int) {
    if (store.recognisedPeople(anchor ? byRows : month, {}, 50).empty()) std::abort();
  });
  return set;
}

std::vector<Row> benchQueries(const std::filesystem::path& dir, int employees, int nominations) {
  const auto indexed = core::databaseFileIn(bench::ensureKioskDataDir(dir, employees, nominations).parent_path());
  const auto bare = dir / "p8-noindex.db";
  std::filesystem::copy_file(indexed, bare, std::filesystem::copy_options::overwrite_existing);
  std::filesystem::remove(dir / "p8-noindex.db-wal");
  {
    core::Store withoutIndexes(bare, "bench");
    withoutIndexes.database().exec(
        "DROP INDEX nominations_by_status_time; DROP INDEX nominations_by_nominee; "
        "DROP INDEX nominations_by_nominator; DROP INDEX nominations_by_time; "
        "DROP INDEX monthly_recognition_by_nominee; DROP INDEX employee_tokens_by_token; "
        "DROP INDEX employee_tokens_by_employee;");
  }

  core::Store store(indexed, "bench");
  const QuerySet ours = runQueries(store, employees, 400, false);
  core::Store anchorStore(bare, "bench");
  const QuerySet anchor = runQueries(anchorStore, employees, 12, true);

  std::vector<Row> rows;
  auto add = [&rows](const char* name, const std::vector<double>& o, const std::vector<double>& a) {
    const double ours99 = percentile(o, 0.99), anchor99 = percentile(a, 0.99);
    rows.push_back({name, formatMs(ours99), formatMs(anchor99), anchor99 / ours99, "< 1 ms; >= 100x (CPU)",
                    ours99 < 0.001 && anchor99 / ours99 >= 100});
  };
  add("P8 wall page (20 stories), p99", ours.wall, anchor.wall);
  add("P8 roster prefix search, p99", ours.search, anchor.search);
  add("P8 one person's stories, p99", ours.stories, anchor.stories);
  add("P8 top-50 of the month, p99", ours.top, anchor.top);
  return rows;
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path dir = "bench-data";
  int nominations = 1'000'000;
  int employees = 10'000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--dir") == 0) dir = argv[i + 1];
    else if (std::strcmp(argv[i], "--nominations") == 0) nominations = std::stoi(argv[i + 1]);
    else if (std::strcmp(argv[i], "--employees") == 0) employees = std::stoi(argv[i + 1]);
  }
  std::filesystem::create_directories(dir);
  std::vector<Row> rows = benchDurableCommit(dir);
  for (Row& row : benchQueries(dir, employees, nominations)) rows.push_back(std::move(row));
  std::printf("storage benchmarks: %d employees, %d nominations, data in %s\n", employees, nominations, dir.c_str());
  bench::printTable(rows);
  return 0;
}
