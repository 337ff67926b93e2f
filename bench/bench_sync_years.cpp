// P17, a fleet that runs for years: 20 kiosks publishing at a break-room kiosk's rate, measured at
// several history lengths (the share grows between them; each figure beside its anchor, same run).
// Two shares receive the same publishes: "packed", where each kiosk compacts its own folder as
// syncWithShare does (compaction.hpp: on its first working day of a month it packs the months
// before, and a week after a pack it removes the segments the pack holds), and "unpacked", one
// file per publish for ever, as before packs (the before figures).
//   share            files and bytes in journal/
//   nothing new      the import step of a sync with nothing new (importChangedJournals, folder
//                    times recorded) | anchor: listing the kiosks' folders (journal/ and each
//                    journal/<kiosk>/, names only), what any "anything new?" look at the folders
//                    costs; also beside listing journal/ alone. And the step looking at every
//                    folder (importJournals, as the six-hourly look at everything does, and as
//                    every sync did before folder times), and a whole no-change syncWithShare.
//   new kiosk        a fresh kiosk's first sync importing the whole history (CPU) | anchor: the
//                    sqlite3 CLI's .import of the same rows from a CSV file (the P9 anchor)
// Rate: a kiosk publishes only when it has events. A break-room kiosk sees about 36 events a
// working day (20-60), in three bursts (arrival, lunch, afternoon break); a burst spans about two
// sync intervals, so 6 segments of 6 events a working day, none at weekends: about 1,570
// segments and 9,400 events a kiosk a year. Segments are written without fsync (generation only).
// Usage: wof_bench_sync_years [days ...]   (default 7 30 365 1095)   Prints the result table.
// WOF_KEEP=1 keeps $TMPDIR/wof-sync-years-bench-<pid>/ (the shares and the CSV) afterwards, to
// profile one import of the same share again and again (callgrind, A/B between builds).
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
#include "core/sync/compaction.hpp"
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

constexpr std::string_view kTag = "0123456789ab";

struct KioskState {
  std::int64_t seq = 0;
  std::string lastNomination;
  PackState packs;  // in the packed share; packs.lastSegment numbers both shares' segments
};

// Publishes days [from, to) of every kiosk into both shares, and the same rows into the CSV file
// the sqlite3 anchor imports. In the packed share each kiosk compacts before its first publish of
// a day, as its first sync of the day would.
void publishDays(const fs::path& packed, const fs::path& unpacked, std::vector<KioskState>& kiosks, int from, int to,
                 std::ofstream& csv) {
  for (int day = from; day < to; ++day) {
    if (day % 7 >= 5) continue;  // the weekend: nobody in the break room
    for (int k = 0; k < kKiosks; ++k) {
      KioskState& state = kiosks[static_cast<std::size_t>(k)];
      const std::string kiosk = "kiosk-" + std::to_string(k + 1);
      const fs::path folder = packed / "journal" / kiosk;
      const fs::path before = unpacked / "journal" / kiosk;
      fs::create_directories(folder);
      fs::create_directories(before);
      SyncReport compaction;
      compactJournalFolder(folder, kiosk, kTag, kStart + day * kDayMs + 8 * 3600'000LL, state.packs,
                           [](const PackState&) {}, compaction);
      if (!compaction.skipped.empty()) {
        std::fprintf(stderr, "%s: %s\n", compaction.skipped[0].file.c_str(), compaction.skipped[0].reason.c_str());
        std::exit(1);
      }
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
          const std::int64_t segment = ++state.packs.lastSegment;
          const std::string bytes = encodeSegment(kiosk, segment, events, kTag);
          std::ofstream(folder / segmentFileName(segment, kTag), std::ios::binary) << bytes;
          std::ofstream(before / segmentFileName(segment, kTag), std::ios::binary) << bytes;
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


// Names in a folder, and in each folder under it: what listing the kiosks' folders reads.
std::size_t listFolders(const fs::path& journal, bool inside) {
  std::size_t entries = 0;
  for (const auto& folder : fs::directory_iterator(journal)) {
    ++entries;
    if (inside)
      for ([[maybe_unused]] const auto& file : fs::directory_iterator(folder.path())) ++entries;
  }
  return entries;
}

struct Measured {
  ShareSize size;
  double fullCpu = 0, fullWall = 0;
  int importedEvents = 0;
  bool clean = false;
  double gated = 1e9, listing = 1e9, listingJournal = 1e9, everything = 1e9, whole = 1e9;
  int listedFolders = -1;
};

// A new kiosk's first sync of `share`, then the no-change figures against their anchors.
Measured measure(const fs::path& root, const fs::path& share, const std::string& name, TimeMs now) {
  Measured m;
  m.size = measureShare(share);
  const fs::path data = root / name;
  fs::create_directories(data);
  Store store(data / "kiosk.db", "kiosk-0");
  SyncOptions options;
  options.shareDir = share;
  options.dataDir = data;
  options.version = "bench";
  const auto importing = std::chrono::steady_clock::now();
  const double cpuStart = processCpuSeconds();
  const SyncReport full = syncWithShare(store, options, now);
  m.fullCpu = processCpuSeconds() - cpuStart;
  m.fullWall = secondsSince(importing);
  m.importedEvents = full.importedEvents;
  m.clean = full.skipped.empty();
  // Its folder times recorded: history is old, the heartbeat of the first sync newer.
  ageJournal(share);
  syncWithShare(store, options, now += 60'000);
  // Nothing new, interleaved with the anchors; each side's cheapest run.
  for (int round = 0; round < 15; ++round) {
    SyncReport report;
    auto start = std::chrono::steady_clock::now();
    importChangedJournals(store, share, now += 1000, report);
    m.gated = std::min(m.gated, secondsSince(start));
    m.listedFolders = std::max(m.listedFolders, report.listedFolders);
    m.clean = m.clean && report.importedEvents == 0;
    start = std::chrono::steady_clock::now();
    std::size_t entries = listFolders(share / "journal", true);
    m.listing = std::min(m.listing, secondsSince(start));
    start = std::chrono::steady_clock::now();
    entries += listFolders(share / "journal", false);
    m.listingJournal = std::min(m.listingJournal, secondsSince(start));
    m.clean = m.clean && entries > kKiosks;
    if (round < 3) {
      SyncReport every;
      start = std::chrono::steady_clock::now();
      importJournals(store, share, now, every);
      m.everything = std::min(m.everything, secondsSince(start));
      start = std::chrono::steady_clock::now();
      m.whole = std::min(m.whole, (syncWithShare(store, options, now += 1000), secondsSince(start)));
    }
  }
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> lengths;
  for (int i = 1; i < argc; ++i) lengths.push_back(std::atoi(argv[i]));
  if (lengths.empty()) lengths = {7, 30, 365, 1095};
  const fs::path root = fs::temp_directory_path() / ("wof-sync-years-bench-" + std::to_string(::getpid()));
  fs::remove_all(root);
  const fs::path packed = root / "packed", unpacked = root / "unpacked";
  fs::create_directories(packed / "journal");
  fs::create_directories(unpacked / "journal");
  std::vector<KioskState> kiosks(kKiosks);
  std::ofstream csv(root / "events.csv", std::ios::binary);
  std::vector<wof::bench::Row> rows;
  bool ok = true;
  int published = 0;
  for (const int days : lengths) {
    const auto generating = std::chrono::steady_clock::now();
    publishDays(packed, unpacked, kiosks, published, days, csv);
    published = days;
    csv.flush();
    const double generation = secondsSince(generating);
    const std::string name = "P17 " + label(days) + ", ";
    const TimeMs now = kStart + days * kDayMs;
    const Measured after = measure(root, packed, "packed-" + std::to_string(days), now);
    const Measured before = measure(root, unpacked, "unpacked-" + std::to_string(days), now);
    const fs::path anchorDb = root / ("cli-" + std::to_string(days) + ".db");
    const wof::bench::ProcessCost cli = wof::bench::runProcess(
        {"sqlite3", anchorDb.string(),
         "CREATE TABLE events(event_id TEXT PRIMARY KEY, kiosk TEXT, hlc INTEGER, type TEXT, payload TEXT)",
         ".import --csv " + (root / "events.csv").string() + " events"});
    fs::remove(anchorDb);
    std::int64_t total = 0;
    for (const KioskState& kiosk : kiosks) total += kiosk.seq;
    for (const auto& [layout, m] : {std::pair{"packed", &after}, std::pair{"unpacked", &before}}) {
      std::printf("%s, %s: %zu files, %.1f MiB in journal/, %d events imported of %lld (generated in %.1f s); first "
                  "sync %.2f s wall; no-change import listed %d folders\n",
                  label(days).c_str(), layout, m->size.files, static_cast<double>(m->size.bytes) / 1048576.0,
                  m->importedEvents, static_cast<long long>(total), generation, m->fullWall, m->listedFolders);
      ok = ok && m->clean && m->importedEvents == total && m->listedFolders == 0;
    }
    rows.push_back({name + "share: files (MiB), packed", std::to_string(after.size.files) + " files",
                    std::to_string(after.size.bytes / 1048576) + " MiB", static_cast<double>(after.size.files) / kKiosks,
                    "grows with months", true});
    rows.push_back({name + "  unpacked (before packs)", std::to_string(before.size.files) + " files",
                    std::to_string(before.size.bytes / 1048576) + " MiB",
                    static_cast<double>(before.size.files) / kKiosks, "(grows with publishes)", true});
    rows.push_back({name + "no-change import step (wall)", formatMs(after.gated), formatMs(after.listing),
                    after.gated / after.listing, "<= 2x listing the kiosks' folders", after.gated <= 2 * after.listing});
    rows.push_back({name + "  the same, against listing journal/ alone", formatMs(after.gated),
                    formatMs(after.listingJournal), after.gated / after.listingJournal, "(informative)", true});
    rows.push_back({name + "  unpacked share (before packs)", formatMs(before.gated), formatMs(before.listing),
                    before.gated / before.listing, "(informative)", true});
    rows.push_back({name + "  every folder listed, packed", formatMs(after.everything), formatMs(after.listing),
                    after.everything / after.listing, "(the six-hourly look)", true});
    rows.push_back({name + "  every folder listed, unpacked", formatMs(before.everything), formatMs(before.listing),
                    before.everything / before.listing, "(every sync before folder times)", true});
    rows.push_back({name + "  whole no-change sync (wall)", formatMs(after.whole), formatMs(after.listing),
                    after.whole / after.listing, "(informative: heartbeat fsync)", true});
    rows.push_back({name + "new kiosk's import (CPU), packed", formatSeconds(after.fullCpu), formatSeconds(cli.cpu),
                    after.fullCpu / cli.cpu, "<= 2x sqlite3 .import", cli.exitCode == 0 && after.fullCpu <= 2 * cli.cpu});
    rows.push_back({name + "  unpacked (before packs)", formatSeconds(before.fullCpu), formatSeconds(cli.cpu),
                    before.fullCpu / cli.cpu, "(informative)", true});
  }
  wof::bench::printTable(rows);
  if (!std::getenv("WOF_KEEP")) fs::remove_all(root);
  return ok ? 0 : 1;
}
