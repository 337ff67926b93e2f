// P17, a fleet that runs for years: 20 kiosks publishing at a break-room kiosk's rate, measured at
// several history lengths (the share grows between them; each figure beside its anchor, same run):
//   share            files and bytes in journal/
//   nothing new      the import step of a sync with nothing new (importChangedJournals, folder
//                    times recorded) | anchor: listing journal/ alone (the kiosks' folders), what
//                    any "anything new?" check must do; and listing journal/ with one stat of
//                    each kiosk folder, the least a look at folder times costs. Also the step
//                    looking at every folder (importJournals: every folder listed and every
//                    segment stat'ed, as main did before folder times were recorded, and as the
//                    six-hourly look at everything still does), and a whole no-change
//                    syncWithShare (heartbeat written and flushed, meta read and written).
//   new kiosk        a fresh kiosk's first sync importing the whole history (CPU) | anchor: the
//                    sqlite3 CLI's .import of the same rows from a CSV file (the P9 anchor)
// Rate: a kiosk publishes only when it has events. A break-room kiosk sees about 36 events a
// working day (20-60), in three bursts (arrival, lunch, afternoon break); a burst spans about two
// sync intervals, so 6 segments of 6 events a working day, none at weekends: about 1,570
// segments and 9,400 events a kiosk a year. Segments are written without fsync (generation only).
// Usage: wof_bench_sync_years [days ...]   (default 7 30 365 1095)   Prints the result table.
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "core/storage/store.hpp"
#include "core/sync/journal.hpp"
#include "core/sync/sync.hpp"
#include "core/util/uuid.hpp"

using namespace wof::core;
namespace fs = std::filesystem;

namespace {

constexpr int kKiosks = 20;
constexpr int kBurstsPerDay = 3;
constexpr int kSegmentsPerBurst = 2;
constexpr int kEventsPerSegment = 6;
constexpr TimeMs kStart = 1'795'521'600'000;
constexpr TimeMs kDayMs = 24LL * 3600 * 1000;

using wof::bench::csvCell;
using wof::bench::formatMs;
using wof::bench::formatSeconds;
using wof::bench::processCpuSeconds;
using wof::bench::secondsSince;

struct KioskState {
  std::int64_t segment = 0;
  std::int64_t seq = 0;
  std::string lastNomination;
};

// Publishes days [from, to) of every kiosk into the share, and the same rows into the CSV file
// the sqlite3 anchor imports.
void publishDays(const fs::path& share, std::vector<KioskState>& kiosks, int from, int to, std::ofstream& csv) {
  for (int day = from; day < to; ++day) {
    if (day % 7 >= 5) continue;  // the weekend: nobody in the break room
    for (int k = 0; k < kKiosks; ++k) {
      KioskState& state = kiosks[static_cast<std::size_t>(k)];
      const std::string kiosk = "kiosk-" + std::to_string(k + 1);
      const fs::path folder = share / "journal" / kiosk;
      fs::create_directories(folder);
      for (int burst = 0; burst < kBurstsPerDay; ++burst) {
        for (int part = 0; part < kSegmentsPerBurst; ++part) {
          std::vector<JournalEvent> events;
          for (int i = 0; i < kEventsPerSegment; ++i) {
            ++state.seq;
            const TimeMs at = kStart + day * kDayMs + (8 + burst * 4) * 3600'000LL + part * 60'000 + i * 1000 + k;
            JournalEvent event{newUuidV7(at), kiosk, state.seq, static_cast<std::uint64_t>(at) << 16, "", ""};
            if (state.seq % 4 == 1) {
              state.lastNomination = newUuidV7(at);
              event.type = "nomination.created";
              event.payload = R"({"behaviour":"real-face","created_at":)" + std::to_string(at) + R"(,"id":")" +
                              state.lastNomination + R"(","nominator_id":"E2","nominee_id":"E)" +
                              std::to_string(state.seq % 50) +
                              R"(","status":"approved","story":"Stayed late to rebook a stranded customer's whole family onto the morning flight.","visibility":"public"})";
            } else {
              event.type = "applause";
              event.payload = R"({"count":)" + std::to_string(state.seq % 4) + R"(,"id":")" + state.lastNomination + R"("})";
            }
            csv << csvCell(event.id) << ',' << csvCell(event.kiosk) << ',' << event.hlc << ',' << csvCell(event.type)
                << ',' << csvCell(event.payload) << "\r\n";
            events.push_back(std::move(event));
          }
          ++state.segment;
          std::ofstream(folder / segmentFileName(state.segment), std::ios::binary)
              << encodeSegment(kiosk, state.segment, events);
        }
      }
    }
  }
}

// A history written long ago: folder times well before the reading kiosk's last heartbeat.
void ageJournal(const fs::path& share) {
  const auto anHourAgo = fs::file_time_type::clock::now() - std::chrono::hours(1);
  for (const auto& folder : fs::directory_iterator(share / "journal")) fs::last_write_time(folder.path(), anHourAgo);
}

struct ShareSize {
  std::size_t files = 0;
  std::uintmax_t bytes = 0;
};

ShareSize measureShare(const fs::path& share) {
  ShareSize size;
  for (const auto& entry : fs::recursive_directory_iterator(share / "journal"))
    if (entry.is_regular_file()) {
      ++size.files;
      size.bytes += entry.file_size();
    }
  return size;
}

std::string label(int days) {
  if (days % 365 == 0) return std::to_string(days / 365) + " y";
  if (days % 30 == 0) return std::to_string(days / 30) + " mo";
  if (days % 7 == 0) return std::to_string(days / 7) + " wk";
  return std::to_string(days) + " d";
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> lengths;
  for (int i = 1; i < argc; ++i) lengths.push_back(std::atoi(argv[i]));
  if (lengths.empty()) lengths = {7, 30, 365, 1095};
  const fs::path root = fs::temp_directory_path() / ("wof-sync-years-bench-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "share/journal");
  std::vector<KioskState> kiosks(kKiosks);
  std::ofstream csv(root / "events.csv", std::ios::binary);
  std::vector<wof::bench::Row> rows;
  bool ok = true;
  int published = 0;
  for (const int days : lengths) {
    const auto generating = std::chrono::steady_clock::now();
    publishDays(root / "share", kiosks, published, days, csv);
    published = days;
    csv.flush();
    const double generation = secondsSince(generating);
    const ShareSize size = measureShare(root / "share");
    const std::string name = "P17 " + label(days) + ", ";

    // A new kiosk's first sync: the whole history.
    const fs::path data = root / ("kiosk-" + std::to_string(days));
    fs::create_directories(data);
    Store store(data / "kiosk.db", "kiosk-0");
    SyncOptions options;
    options.shareDir = root / "share";
    options.dataDir = data;
    options.version = "bench";
    TimeMs now = kStart + days * kDayMs;
    const auto importing = std::chrono::steady_clock::now();
    const double cpuStart = processCpuSeconds();
    const SyncReport full = syncWithShare(store, options, now);
    const double fullCpu = processCpuSeconds() - cpuStart;
    const double fullWall = secondsSince(importing);
    const fs::path anchorDb = root / ("cli-" + std::to_string(days) + ".db");
    const wof::bench::ProcessCost cli = wof::bench::runProcess(
        {"sqlite3", anchorDb.string(),
         "CREATE TABLE events(event_id TEXT PRIMARY KEY, kiosk TEXT, hlc INTEGER, type TEXT, payload TEXT)",
         ".import --csv " + (root / "events.csv").string() + " events"});
    fs::remove(anchorDb);

    // Its folder times recorded: history is old, the heartbeat of the first sync newer.
    ageJournal(root / "share");
    syncWithShare(store, options, now += 60'000);

    // Nothing new, interleaved with the anchor; each side's cheapest run.
    double gated = 1e9, listing = 1e9, statting = 1e9, everything = 1e9, whole = 1e9;
    int listedFolders = -1;
    for (int round = 0; round < 15; ++round) {
      SyncReport report;
      auto start = std::chrono::steady_clock::now();
      importChangedJournals(store, options.shareDir, now += 1000, report);
      gated = std::min(gated, secondsSince(start));
      listedFolders = report.listedFolders;
      ok = ok && report.importedEvents == 0;
      start = std::chrono::steady_clock::now();
      std::size_t entries = 0;
      for ([[maybe_unused]] const auto& folder : fs::directory_iterator(root / "share/journal")) ++entries;
      listing = std::min(listing, secondsSince(start));
      ok = ok && entries == kKiosks + 1;  // and the new kiosk's own folder
      // The least a look at each folder's own times costs: the listing and one stat a folder.
      start = std::chrono::steady_clock::now();
      for (const auto& folder : fs::directory_iterator(root / "share/journal")) {
        struct stat info {};
        entries += ::stat(folder.path().c_str(), &info) == 0;
      }
      statting = std::min(statting, secondsSince(start));
      if (round < 3) {
        SyncReport every;
        start = std::chrono::steady_clock::now();
        importJournals(store, options.shareDir, now, every);
        everything = std::min(everything, secondsSince(start));
        start = std::chrono::steady_clock::now();
        whole = std::min(whole, (syncWithShare(store, options, now += 1000), secondsSince(start)));
      }
    }
    const std::int64_t events = static_cast<std::int64_t>(full.importedEvents);
    std::printf("%s: %zu files, %.1f MiB in journal/, %lld events (generated in %.1f s); first sync %.2f s wall; "
                "no-change import listed %d folders\n",
                label(days).c_str(), size.files, static_cast<double>(size.bytes) / 1048576.0,
                static_cast<long long>(events), generation, fullWall, listedFolders);
    std::int64_t total = 0;
    for (const KioskState& kiosk : kiosks) total += kiosk.seq;
    ok = ok && full.skipped.empty() && events == total && listedFolders == 0;
    rows.push_back({name + "share: files (MiB), per kiosk", std::to_string(size.files) + " files",
                    std::to_string(size.bytes / 1048576) + " MiB", static_cast<double>(size.files) / kKiosks,
                    "(grows with publishes)", true});
    rows.push_back({name + "no-change import step (wall)", formatMs(gated), formatMs(listing), gated / listing,
                    "<= 2x listing journal/", gated <= 2 * listing});
    rows.push_back({name + "  the same, against listing + stat", formatMs(gated), formatMs(statting),
                    gated / statting, "(informative)", true});
    rows.push_back({name + "  every folder listed (before)", formatMs(everything), formatMs(listing),
                    everything / listing, "(main's import step)", true});
    rows.push_back({name + "  whole no-change sync (wall)", formatMs(whole), formatMs(listing), whole / listing,
                    "(informative: heartbeat fsync)", true});
    rows.push_back({name + "new kiosk's import (CPU)", formatSeconds(fullCpu), formatSeconds(cli.cpu), fullCpu / cli.cpu,
                    "<= 2x sqlite3 .import", cli.exitCode == 0 && fullCpu <= 2 * cli.cpu});
  }
  wof::bench::printTable(rows);
  fs::remove_all(root);
  return ok ? 0 : 1;
}
