// The generated, deterministic data set the benchmarks share: a roster of N people and M
// nominations over the year before kNow, written straight into a kiosk database (generation only;
// the figures never include it). Layer: bench.
#pragma once

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "core/util/clock.hpp"
#include "demo/demo_kiosk.hpp"
#include "core/storage/store.hpp"
#include "core/util/uuid.hpp"

namespace wof::bench {

inline constexpr core::TimeMs kNow = 1'795'521'600'000;  // 2026-11-24T12:00:00Z
inline const std::string kStory =
    "Stayed on the phone with the customer until the order was right, then called back twice to check it had "
    "arrived and that the team on site knew how to use it.";

inline std::vector<core::Employee> makeRoster(int count) {
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

inline void fillNominations(core::Store& store, int employees, int nominations, core::TimeMs now = kNow) {
  core::Database& db = store.database();
  db.exec("PRAGMA synchronous=OFF; PRAGMA cache_size=-262144");  // generation only: 256 MiB of cache
  core::Transaction transaction(db);
  core::Statement insert = db.prepare(R"sql(
    INSERT INTO nominations(id, created_at, kiosk_id, nominee_id, behaviour_key, story, nominator_id, visibility,
                            status)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'public', ?))sql");
  static const char* const kBehaviours[] = {"real-face", "talked-to-customers", "people-first", "delivered-on-promise",
                                            "fixed-on-the-spot", "customer-voice", "new-solution"};
  struct Draw {
    core::TimeMs at;
    std::uint64_t pick;
  };
  // Drawn first and inserted oldest first, so the time-ordered ids append to the table's b-tree
  // instead of landing all over it (ten times faster to generate).
  std::mt19937_64 random(42);
  std::vector<Draw> draws(static_cast<std::size_t>(nominations));
  for (Draw& draw : draws) draw = {now - static_cast<core::TimeMs>(random() % (365ull * core::kMsPerDay)), random()};
  std::sort(draws.begin(), draws.end(), [](const Draw& a, const Draw& b) { return a.at < b.at; });
  for (const Draw& draw : draws) {
    std::mt19937_64 pick(draw.pick);
    // A few people are recognised far more often than the rest, as on a real wall.
    const int nominee = pick() % 4 == 0 ? static_cast<int>(pick() % 50) : static_cast<int>(pick() % employees);
    insert.bind(1, core::newUuidV7(draw.at))
        .bind(2, draw.at)
        .bind(3, "kiosk-" + std::to_string(pick() % 20))
        .bind(4, "E" + std::to_string(100000 + nominee))
        .bind(5, kBehaviours[pick() % 7])
        .bind(6, kStory)
        .bind(7, "E" + std::to_string(100000 + static_cast<int>(pick() % employees)))
        .bind(8, pick() % 20 == 0 ? "pending" : "approved")
        .run();
    insert.reset();
  }
  transaction.commit();
  db.exec("PRAGMA synchronous=FULL");
}

// A kiosk data dir (kiosk.toml + wall-of-fame.db) with `employees` people and `nominations`
// nominations, made once in ROOT/data-E-N and kept: later runs and other benchmarks reuse it.
// Returns the kiosk.toml path.
inline std::filesystem::path ensureKioskDataDir(const std::filesystem::path& root, int employees, int nominations) {
  const std::filesystem::path dir = root / ("data-" + std::to_string(employees) + "-" + std::to_string(nominations));
  const std::filesystem::path config = dir / "kiosk.toml";
  if (std::filesystem::exists(config)) return config;
  std::filesystem::create_directories(dir);
  std::fprintf(stderr, "generating %d employees and %d nominations in %s ...\n", employees, nominations, dir.c_str());
  const auto start = std::chrono::steady_clock::now();
  {
    core::Store store(core::databaseFileIn(dir), "bench");
    store.replaceRoster(makeRoster(employees));
    fillNominations(store, employees, nominations);
    store.database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  std::ofstream(config) << "kiosk_id = \"bench\"\nsite = \"Lyon\"\ndata_dir = \"" << std::filesystem::absolute(dir).string()
                        << "\"\n";
  std::fprintf(stderr, "generated in %.1f s\n", secondsSince(start));
  return config;
}

}  // namespace wof::bench
