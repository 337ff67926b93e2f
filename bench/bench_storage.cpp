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

#include "bench_support.hpp"
#include "core/clock.hpp"
#include "core/store.hpp"
#include "core/uuid.hpp"

using namespace wof;
using wof::bench::formatMs;
using wof::bench::percentile;
using wof::bench::Row;
using Clock = std::chrono::steady_clock;

namespace {

constexpr core::TimeMs kNow = 1'795'521'600'000;  // 2026-11-24T12:00:00Z
const std::string kStory =
    "Stayed on the phone with the customer until the order was right, then called back twice to check it had "
    "arrived and that the team on site knew how to use it.";

std::vector<core::Employee> makeRoster(int count) {
  static const char* const kFirst[] = {"José", "Zoë", "Seán", "Anna-Lena", "Nguyễn", "Kwame", "Priya", "Mei-Ling",
                                       "Björn", "Aoife", "Łukasz", "Çağla", "Joanna", "Jonas", "Olúwaseun", "Yuki"};
  static const char* const kLast[] = {"Núñez", "Ødegård", "O'Brien", "Müller", "Thị Lan", "Mensah", "Raghunathan",
                                      "Chen", "Åkesson", "Ní Bhriain", "Wróbel", "Yıldız", "Smith", "Berg", "Adébáyọ",
                                      "Tanaka"};
  static const char* const kDepartments[] = {"Customer Support", "Sales", "Engineering", "Finance", "Operations",
                                             "Logistics", "People & Culture", "Marketing"};
  std::vector<core::Employee> roster;
  for (int i = 0; i < count; ++i) {
    core::Employee e;
    e.id = "E" + std::to_string(100000 + i);
    e.displayName = std::string(kFirst[i % 16]) + " " + kLast[(i / 16) % 16] + " " + std::to_string(i);
    e.department = kDepartments[i % 8];
    e.title = "Advisor";
    e.site = i % 2 ? "Leeds" : "Lyon";
    e.email = e.id + "@example.com";
    roster.push_back(std::move(e));
  }
  return roster;
}

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

void fillNominations(core::Store& store, int employees, int nominations) {
  core::Database& db = store.database();
  db.exec("PRAGMA synchronous=OFF; PRAGMA cache_size=-262144");  // generation only: 256 MiB of cache
  core::Transaction transaction(db);
  core::Statement insert = db.prepare(R"sql(
    INSERT INTO nominations(id, created_at, kiosk_id, nominee_id, behaviour_key, story, nominator_id, visibility,
                            status)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'public', ?))sql");
  static const char* const kBehaviours[] = {"real-face", "talked-to-customers", "people-first", "delivered-on-promise",
                                            "fixed-on-the-spot", "customer-voice", "new-solution"};
  std::mt19937_64 random(42);
  for (int i = 0; i < nominations; ++i) {
    const core::TimeMs at = kNow - static_cast<core::TimeMs>(random() % (365ull * core::kMsPerDay));
    // A few people are recognised far more often than the rest, as on a real wall.
    const int nominee = random() % 4 == 0 ? static_cast<int>(random() % 50) : static_cast<int>(random() % employees);
    insert.bind(1, core::newUuidV7(at))
        .bind(2, at)
        .bind(3, "kiosk-" + std::to_string(random() % 20))
        .bind(4, "E" + std::to_string(100000 + nominee))
        .bind(5, kBehaviours[random() % 7])
        .bind(6, kStory)
        .bind(7, "E" + std::to_string(100000 + static_cast<int>(random() % employees)))
        .bind(8, random() % 20 == 0 ? "pending" : "approved")
        .run();
    insert.reset();
  }
  transaction.commit();
  db.exec("PRAGMA synchronous=FULL");
}

struct QuerySet {
  std::vector<double> wall, search, stories, top;
};

QuerySet runQueries(core::Store& store, int employees, int runs, bool searchByLike) {
  static const char* const kPrefixes[] = {"jo", "zo", "se", "ng", "kw", "pr", "me", "bj", "ao", "lu", "ca", "yu"};
  QuerySet set;
  const core::Period month{core::parseDateUtc("2026-11-01").value(), core::parseDateUtc("2026-12-01").value()};
  set.wall = timeRuns(runs, [&](int) {
    if (store.wallStories(core::lastDays(kNow, 90), 20).size() != 20) std::abort();
  });
  set.search = timeRuns(runs, [&](int i) {
    if (searchByLike) {  // the anchor: no search index, a scan of every name
      core::Statement scan = store.database().prepare(
          "SELECT id FROM employees WHERE active = 1 AND (display_name LIKE ?1 || '%' OR display_name LIKE '% ' || ?1 "
          "|| '%') ORDER BY display_name LIMIT 10");
      scan.bind(1, kPrefixes[i % 12]);
      while (scan.step()) {
      }
    } else {
      store.searchEmployees(kPrefixes[i % 12], 10);
    }
  });
  set.stories = timeRuns(runs, [&](int i) { store.storiesFor("E" + std::to_string(100000 + (i * 7919) % employees)); });
  set.top = timeRuns(std::max(1, runs / 4), [&](int) {
    auto people = store.recognisedPeople(month);
    if (people.size() > 50) people.resize(50);
  });
  return set;
}

std::vector<Row> benchQueries(const std::filesystem::path& dir, int employees, int nominations) {
  const auto indexed = dir / "p8.db";
  const auto bare = dir / "p8-noindex.db";
  if (!std::filesystem::exists(indexed)) {
    std::fprintf(stderr, "P8: generating %d employees and %d nominations (kept in %s) ...\n", employees, nominations,
                 indexed.c_str());
    const auto start = Clock::now();
    core::Store store(indexed, "bench");
    store.replaceRoster(makeRoster(employees));
    fillNominations(store, employees, nominations);
    store.database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    std::fprintf(stderr, "P8: generated in %.1f s\n", bench::secondsSince(start));
  }
  std::filesystem::copy_file(indexed, bare, std::filesystem::copy_options::overwrite_existing);
  std::filesystem::remove(dir / "p8-noindex.db-wal");
  {
    core::Store withoutIndexes(bare, "bench");
    withoutIndexes.database().exec(
        "DROP INDEX nominations_by_status_time; DROP INDEX nominations_by_nominee; "
        "DROP INDEX nominations_by_nominator; DROP INDEX nominations_by_time;");
  }

  core::Store store(indexed, "bench");
  const QuerySet ours = runQueries(store, employees, 400, false);
  core::Store anchorStore(bare, "bench");
  const QuerySet anchor = runQueries(anchorStore, employees, 12, true);

  std::vector<Row> rows;
  auto add = [&rows](const char* name, const std::vector<double>& o, const std::vector<double>& a) {
    const double ours99 = percentile(o, 0.99), anchor99 = percentile(a, 0.99);
    rows.push_back({name, formatMs(ours99), formatMs(anchor99), anchor99 / ours99, "< 1 ms and >= 100x faster",
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
