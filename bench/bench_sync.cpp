// P9, importing other kiosks' journals, each figure beside an anchor run in the same process.
// Layer: bench. 20 kiosks x 5,000 events (100,000 in all, 1,000 per segment) are written to a temp
// share, then timed:
//   full import      importJournals into a fresh store  | anchor: the sqlite3 CLI's .import of the
//                    same rows (event id, kiosk, hlc, type, payload) from a CSV file; for reference
//                    also a raw read + checksum of the bytes and plain SQLite inserts in-process
//   nothing new      importJournals again (all applied) | anchor: listing the journal folders
// Usage: wof_bench_sync [events-per-kiosk]   Prints the result table.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

#include "bench_support.hpp"
#include "core/storage/database.hpp"
#include "core/sync/journal.hpp"
#include "core/storage/store.hpp"
#include "core/sync/sync.hpp"
#include "core/util/uuid.hpp"

using namespace wof::core;
namespace fs = std::filesystem;

namespace {

constexpr int kKiosks = 20;
constexpr TimeMs kStart = 1'795'521'600'000;

using wof::bench::csvCell;
using wof::bench::formatMs;
using wof::bench::formatSeconds;
using wof::bench::processCpuSeconds;
using wof::bench::secondsSince;

std::string readAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Nominations and applause for them, as a busy kiosk would publish.
void writeJournals(const fs::path& share, int eventsPerKiosk) {
  for (int k = 1; k <= kKiosks; ++k) {
    const std::string kiosk = "kiosk-" + std::to_string(k);
    const fs::path folder = share / "journal" / kiosk;
    fs::create_directories(folder);
    std::vector<JournalEvent> batch;
    std::string lastNomination;
    std::int64_t segment = 0;
    for (int seq = 1; seq <= eventsPerKiosk; ++seq) {
      const TimeMs at = kStart + seq * 1000 + k;
      JournalEvent event{newUuidV7(at), kiosk, seq, static_cast<std::uint64_t>(at) << 16, "", ""};
      if (seq % 4 == 1) {
        lastNomination = newUuidV7(at);
        event.type = "nomination.created";
        event.payload = R"({"behaviour":"real-face","created_at":)" + std::to_string(at) +
                        R"(,"id":")" + lastNomination + R"(","nominator_id":"E2","nominee_id":"E)" +
                        std::to_string(seq % 50) +
                        R"(","status":"approved","story":"Stayed late to rebook a stranded customer's whole family onto the morning flight.","visibility":"public"})";
      } else {
        event.type = "applause";
        event.payload = R"({"count":)" + std::to_string(seq % 4) + R"(,"id":")" + lastNomination + R"("})";
      }
      batch.push_back(std::move(event));
      if (batch.size() == static_cast<std::size_t>(kMaxEventsPerSegment) || seq == eventsPerKiosk) {
        ++segment;
        if (const std::string problem =
                writeFileDurably(folder / segmentFileName(segment), encodeSegment(kiosk, segment, batch));
            !problem.empty()) {
          std::fprintf(stderr, "%s\n", problem.c_str());
          std::exit(1);
        }
        batch.clear();
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int eventsPerKiosk = argc > 1 ? std::atoi(argv[1]) : 5000;
  const fs::path root = fs::temp_directory_path() / ("wof-sync-bench-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "share");
  writeJournals(root / "share", eventsPerKiosk);
  const int total = eventsPerKiosk * kKiosks;

  // Anchor 1: read every segment's bytes and checksum them (the floor for any import).
  auto start = std::chrono::steady_clock::now();
  std::uint64_t bytes = 0, mix = 0;
  std::vector<fs::path> segments;
  for (const auto& folder : fs::directory_iterator(root / "share/journal"))
    for (const auto& file : fs::directory_iterator(folder.path())) segments.push_back(file.path());
  for (const fs::path& file : segments) {
    const std::string content = readAll(file);
    bytes += content.size();
    mix ^= fnv1a64(content);
  }
  const double rawRead = secondsSince(start);

  // Anchor 2: plain SQLite, the same rows (event id, kiosk, hlc, payload), one transaction per segment.
  start = std::chrono::steady_clock::now();
  {
    Database db(root / "anchor.db");
    db.exec("CREATE TABLE events(event_id TEXT PRIMARY KEY, kiosk TEXT, hlc INTEGER, type TEXT, payload TEXT)");
    for (const fs::path& file : segments) {
      const JournalEntry entry = classifyJournalName(file.filename().string());
      const SegmentParse parsed = parseSegment(readAll(file), file.parent_path().filename().string(), entry.segment);
      Transaction transaction(db);
      Statement insert = db.prepare("INSERT INTO events VALUES (?, ?, ?, ?, ?)");
      for (const JournalEvent& event : parsed.events) {
        insert.bind(1, event.id).bind(2, event.kiosk).bind(3, static_cast<std::int64_t>(event.hlc));
        insert.bind(4, event.type).bind(5, event.payload).run();
        insert.reset();
      }
      transaction.commit();
    }
  }
  const double plainSqlite = secondsSince(start);

  // Anchor 3: the sqlite3 CLI imports the same rows from a CSV file into the same table (one
  // transaction). Writing the CSV is not timed.
  {
    std::ofstream csv(root / "events.csv", std::ios::binary);
    for (const fs::path& file : segments) {
      const JournalEntry entry = classifyJournalName(file.filename().string());
      const SegmentParse parsed = parseSegment(readAll(file), file.parent_path().filename().string(), entry.segment);
      for (const JournalEvent& event : parsed.events)
        csv << csvCell(event.id) << ',' << csvCell(event.kiosk) << ',' << event.hlc << ',' << csvCell(event.type) << ','
            << csvCell(event.payload) << "\r\n";
    }
  }
  const wof::bench::ProcessCost cli = wof::bench::runProcess(
      {"sqlite3", (root / "cli.db").string(),
       "CREATE TABLE events(event_id TEXT PRIMARY KEY, kiosk TEXT, hlc INTEGER, type TEXT, payload TEXT)",
       ".import --csv " + (root / "events.csv").string() + " events"});

  // The real thing: a fresh kiosk imports everything.
  Store store(root / "kiosk.db", "kiosk-0");
  SyncReport full;
  start = std::chrono::steady_clock::now();
  const double cpuStart = processCpuSeconds();
  importJournals(store, root / "share", kStart, full);
  const double fullImport = secondsSince(start);
  const double fullImportCpu = processCpuSeconds() - cpuStart;

  // Anchor 3: listing the journal folders, what any "anything new?" check must do at least.
  start = std::chrono::steady_clock::now();
  std::size_t listed = 0;
  for (const auto& folder : fs::directory_iterator(root / "share/journal"))
    for ([[maybe_unused]] const auto& file : fs::directory_iterator(folder.path())) ++listed;
  const double listing = secondsSince(start);

  SyncReport again;
  start = std::chrono::steady_clock::now();
  importJournals(store, root / "share", kStart, again);
  const double nothingNew = secondsSince(start);

  std::printf("sync benchmarks: %d kiosks, %d events, %zu segments, %.1f MiB (checksum mix %016llx)\n", kKiosks,
              total, segments.size(), static_cast<double>(bytes) / 1048576.0, static_cast<unsigned long long>(mix));
  std::printf("  full import applied %d events (%zu skipped); for reference: raw read + FNV-1a %.3f s, plain SQLite "
              "inserts in-process %.3f s\n",
              full.importedEvents, full.skipped.size(), rawRead, plainSqlite);
  const bool cliRan = cli.exitCode == 0;
  const std::string events = std::to_string(total / 1000) + "k events";
  wof::bench::printTable({
      {"P9 full import " + events + " (CPU)", formatSeconds(fullImportCpu), formatSeconds(cli.cpu),
       fullImportCpu / cli.cpu, "<= 1.5x sqlite3 .import", cliRan && fullImportCpu <= 1.5 * cli.cpu},
      {"P9 full import " + events + " (wall)", formatSeconds(fullImport), formatSeconds(cli.wall), fullImport / cli.wall,
       "(informative)", true},
      {"P9 sync with nothing new (wall)", formatMs(nothingNew), formatMs(listing), nothingNew / listing,
       "metadata only (list dirs)", again.importedEvents == 0},
  });
  fs::remove_all(root);
  return full.importedEvents == total && again.importedEvents == 0 ? 0 : 1;
}
