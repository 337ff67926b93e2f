// The command-line commands. Layer: app: wires config -> store -> ui, prints results.
#include "app/commands.hpp"

#include "app/command_support.hpp"
#include "app/kiosk_hooks.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <atomic>
#include <memory>

#include "core/admin/admin_actions.hpp"
#include "core/storage/audit_chain.hpp"
#include "core/util/clock.hpp"
#include "core/config/config.hpp"
#include "demo/demo_data.hpp"
#include "demo/demo_kiosk.hpp"
#include "core/sync/journal.hpp"
#include "core/util/local_disk.hpp"
#include "core/util/log.hpp"
#include "core/reports/report_csv.hpp"
#include "core/roster/roster_import.hpp"
#include "core/config/screen_schedule.hpp"
#include "core/storage/store.hpp"
#include "core/sync/sync.hpp"
#include "core/sync/sync_service.hpp"
#include "core/util/text.hpp"

#if WOF_HAVE_UI
#include "ui/kiosk_app.hpp"
#endif

namespace wof::app {

namespace {

using core::Config;

// Whether sync can publish, tested as sync writes (see core::probeShare).
core::ShareProbe shareHealth(const Config& config, core::Store* store) {
  const bool syncedBefore = store && core::lastSuccessfulSync(*store).has_value();
  return core::probeShare(config.shareDir, config.kioskId, syncedBefore);
}

core::SyncOptions syncOptionsFor(const Config& config) {
  core::SyncOptions options;
  options.shareDir = config.shareDir;
  options.dataDir = config.dataDir;
  options.photosDir = core::photosDirIn(config.dataDir);
  options.version = WOF_VERSION;
  // A sync from the command line cannot see the screen: it says what the schedule says now. The
  // kiosk replaces this with what it really shows (a touch lights a dark screen).
  options.screenState = [schedule = config.schedule.hours] {
    return std::string(core::scheduledOn(schedule, core::nowMs()) ? core::kScreenOn : core::kScreenScheduledOff);
  };
  return options;
}

std::string formatBytes(std::int64_t bytes) {
  if (bytes < 0) return "unknown";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f GiB", static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0));
  return buffer;
}

}  // namespace

std::optional<Config> loadConfigOrReport(const std::filesystem::path& file) {
  core::ConfigResult result = core::loadConfig(file);
  for (const std::string& error : result.errors) std::cerr << error << "\n";
  if (result.config) core::setLogLevel(result.config->logLevel);
  return result.config;
}

// Opens the kiosk's database, creating the data dir on first use.
core::Store openStore(const Config& config) {
  if (const auto network = core::networkFilesystemOf(config.dataDir))
    throw std::runtime_error("data_dir " + config.dataDir.string() + " (from " + config.file.string() + ") is on " +
                             *network + ", a network filesystem; the local database must be on a local disk so the "
                             "kiosk keeps working when the network is gone (the share is share_dir)");
  std::error_code error;
  std::filesystem::create_directories(config.dataDir, error);
  if (error)
    throw std::runtime_error("cannot create data_dir " + config.dataDir.string() + " (from " + config.file.string() +
                             "): " + error.message());
  return core::Store(core::databaseFileIn(config.dataDir), config.kioskId, core::kioskTimeZone(config));
}

std::filesystem::path resolveConfigPath(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* fromEnvironment = std::getenv("WOF_CONFIG"); fromEnvironment && *fromEnvironment)
    return fromEnvironment;
  return "/etc/wall-of-fame/kiosk.toml";
}

// [SECTION] kiosk

int runKioskCommand(const KioskArgs& args) {
  std::optional<Config> config;
  if (!args.demo) {
    config = loadConfigOrReport(args.configFile);
    if (!config) return kExitFailure;
  }
#if WOF_HAVE_UI
  std::optional<std::filesystem::path> demoRoot;
  ui::KioskOptions options;
  std::optional<core::Store> store;
  if (args.demo) {
    demoRoot = std::filesystem::temp_directory_path() / ("wall-of-fame-demo-" + std::to_string(::getpid()));
    std::cerr << "Building the demo kiosk in " << demoRoot->string() << " ...\n";
    const core::DemoKiosk demo = core::prepareDemoKiosk(*demoRoot, core::nowMs());
    options.config = demo.config;
    options.photosDir = demo.photosDir;
    store.emplace(demo.databaseFile, demo.config.kioskId);
    std::cerr << "HR's admin screen: hold the wall's top-left corner for 3 seconds, PIN " << core::kDemoAdminPin
              << "\n";
  } else {
    options.config = *config;
    options.photosDir = core::photosDirIn(config->dataDir);
    store.emplace(openStore(*config));
  }
  if (!args.windowed.empty()) {
    std::sscanf(args.windowed.c_str(), "%dx%d", &options.config.display.width, &options.config.display.height);
    options.config.display.fullscreen = false;
  }
  options.screenshot = args.screenshot;
  options.screenshotAfterFrames = args.screenshotFrames;
  options.screenshotDir = args.screenshotDir;
  options.hooks = kioskHooksFromEnvironment();
  // Sync runs beside the UI on its own connection; the wall picks up imported stories on its
  // next reload. The demo kiosk has no fleet to sync with.
  std::optional<core::SyncService> sync;
  if (config && !config->shareDir.empty()) {
    // The heartbeat tells the fleet whether the screen is dark on purpose (outside its hours).
    auto lit = std::make_shared<std::atomic<bool>>(core::scheduledOn(config->schedule.hours, core::nowMs()));
    core::SyncOptions syncOptions = syncOptionsFor(*config);
    syncOptions.screenState = [lit] { return std::string(*lit ? core::kScreenOn : core::kScreenScheduledOff); };
    sync.emplace(core::databaseFileIn(config->dataDir), config->kioskId, syncOptions,
                 std::chrono::seconds(config->syncIntervalS), [](const std::string& line) {
                   std::string_view text = line;
                   if (text.starts_with("sync: ")) text.remove_prefix(6);
                   core::logLine(text.starts_with("published ") ? core::LogLevel::Info : core::LogLevel::Warning,
                                 "sync", text);
                 });
    options.onScreenChange = [lit, &sync](bool on) {
      *lit = on;
      sync->requestNow();  // a fresh heartbeat now, not after sync_interval_s
    };
    sync->start();
  }
  options.sync = sync ? &*sync : nullptr;
  options.version = WOF_VERSION;
  const int code = ui::runKiosk(*store, options);
  if (sync) sync->stop();
  store.reset();
  if (demoRoot) {
    std::error_code ignored;
    std::filesystem::remove_all(*demoRoot, ignored);
  }
  return code;
#else
  std::cerr << "wall-of-fame: this build has no kiosk window (built with WOF_BUILD_UI=OFF)\n";
  return kExitFailure;
#endif
}

// [SECTION] nominate

int runNominate(const NominateArgs& args) {
  std::optional<Config> config = loadConfigOrReport(args.configFile);
  if (!config) return kExitFailure;
  core::NominationDraft draft;
  draft.nomineeId = args.nominee;
  draft.behaviourKey = args.behaviour;
  draft.story = args.story;
  if (!args.from.empty()) {
    draft.nominatorId = args.from;
    draft.visibility = args.isPrivate ? core::NominatorVisibility::Private : core::NominatorVisibility::Public;
  }
  std::optional<core::Store> store;
  core::SubmitOutcome outcome;
  try {
    store.emplace(openStore(*config));
    outcome = store->submitNomination(draft, core::nowMs(),
                                      store->nominationPolicy({config->moderation, config->dailyCap}));
  } catch (const core::SqliteError& error) {
    // A full or read-only disk is for IT to fix, and nothing was written: say both plainly.
    std::string fault(error.diskFault());
    if (fault.empty()) fault = core::diskFaultAt(config->dataDir);
    if (fault.empty()) throw;
    std::cerr << "Nomination not saved: the disk holding data_dir " << config->dataDir.string() << " is " << fault
              << "; nothing was written. Try again once IT has fixed it. (" << error.what() << ")\n";
    return kExitFailure;
  }
  if (!outcome.nomination) {
    std::cerr << "Nomination not saved: " << outcome.violation->message << "\n";
    return kExitFailure;
  }
  store->audit("cli", "nominate", outcome.nomination->id, core::nowMs());
  std::cout << outcome.nomination->id << "\n";
  return kExitOk;
}

// [SECTION] import-roster

int runImportRoster(const std::filesystem::path& configFile, const std::string& csv) {
  std::optional<Config> config = loadConfigOrReport(configFile);
  if (!config) return kExitFailure;
  std::filesystem::path csvFile = csv;
  if (csvFile.empty()) {
    if (config->shareDir.empty()) {
      std::cerr << configFile.string() << ": share_dir is not set, so name the roster file: import-roster FILE.csv\n";
      return kExitFailure;
    }
    csvFile = config->shareDir / "roster" / "employees.csv";
  }
  core::Store store = openStore(*config);
  const core::RosterFileImport result =
      core::importRosterFile(store, csvFile, csvFile.parent_path() / "photos", core::photosDirIn(config->dataDir));
  if (!result.accepted) {
    std::cerr << "Roster rejected; the previous roster stays in force.\n"
              << core::describeProblems(result.problems, csvFile.string());
    if (!result.readAs.empty()) std::cerr << "Read as " << result.readAs << "\n";
    return kExitFailure;
  }
  for (const std::string& problem : result.photoProblems) std::cerr << "photo skipped: " << problem << "\n";
  const core::RosterImportSummary& summary = result.summary;
  std::cout << "Roster imported from " << csvFile.string() << ": " << summary.added << " added, " << summary.updated
            << " updated, " << summary.unchanged << " unchanged, " << summary.deactivated << " now inactive\n"
            << "Photos: " << result.photosCopied << " copied, " << result.photosUnchanged << " unchanged, "
            << result.photoProblems.size() << " skipped\n"
            << "Read as " << result.readAs << "\n";
  store.audit("cli", "import-roster",
              csvFile.string() + ": +" + std::to_string(summary.added) + " ~" + std::to_string(summary.updated) + " -" +
                  std::to_string(summary.deactivated),
              core::nowMs());
  return kExitOk;
}

// [SECTION] status and verify

int runStatus(const std::filesystem::path& configFile, bool fleet) {
  std::optional<Config> config = loadConfigOrReport(configFile);
  if (!config) return kExitFailure;
  if (fleet) {
    if (config->shareDir.empty()) {
      std::cerr << configFile.string() << ": share_dir is not set, so there is no fleet to list\n";
      return kExitFailure;
    }
    const core::FleetStatus status = core::readFleetStatus(config->shareDir);
    const core::TimeMs now = core::nowMs();
    std::printf("%-20s %-9s %-21s %8s %12s %-14s %s\n", "kiosk", "version", "last sync", "pending", "free disk",
                "heartbeat", "screen");
    for (const core::Heartbeat& kiosk : status.kiosks) {
      const std::string lastSync = kiosk.lastSync ? core::formatIsoUtc(*kiosk.lastSync) : "never";
      const long long ageMinutes = static_cast<long long>((now - kiosk.writtenAt) / 60000);
      const std::string heartbeat = std::to_string(ageMinutes) + " min ago";
      // A kiosk dark outside its hours is fine; say so rather than leave IT guessing.
      const std::string screen = kiosk.screen == core::kScreenScheduledOff ? std::string("screen off (schedule)")
                                 : kiosk.screen.empty()                    ? std::string("-")
                                                                           : "screen " + kiosk.screen;
      std::printf("%-20s %-9s %-21s %8lld %12s %-14s %s\n", kiosk.kioskId.c_str(), kiosk.version.c_str(),
                  lastSync.c_str(), static_cast<long long>(kiosk.pendingEvents),
                  formatBytes(kiosk.freeDiskBytes).c_str(), heartbeat.c_str(), screen.c_str());
    }
    if (status.kiosks.empty()) std::printf("(no heartbeats under %s/status yet)\n", config->shareDir.c_str());
    for (const core::SyncSkip& problem : status.problems)
      std::fprintf(stderr, "skipped %s: %s\n", problem.file.c_str(), problem.reason.c_str());
    return kExitOk;
  }
  core::Store store = openStore(*config);
  const core::StoreCounts counts = store.counts();
  std::printf("kiosk          %s (site %s)\n", config->kioskId.c_str(), config->site.c_str());
  std::printf("config         %s\n", config->file.c_str());
  std::printf("database       %s (schema %lld)\n", core::databaseFileIn(config->dataDir).c_str(),
              static_cast<long long>(counts.schemaVersion));
  std::printf("employees      %lld (%lld active, %lld with a photo)\n", static_cast<long long>(counts.employees),
              static_cast<long long>(counts.activeEmployees), static_cast<long long>(counts.employeesWithPhoto));
  std::printf("nominations    %lld (%lld pending, %lld approved, %lld hidden)\n",
              static_cast<long long>(counts.nominations), static_cast<long long>(counts.pending),
              static_cast<long long>(counts.approved), static_cast<long long>(counts.hidden));
  std::printf("pending events %lld waiting to be published\n", static_cast<long long>(counts.pendingEvents));
  const std::optional<core::TimeMs> lastSync = core::lastSuccessfulSync(store);
  std::printf("last sync      %s\n", lastSync ? core::formatIsoUtc(*lastSync).c_str() : "never");
  const core::ShareProbe share = shareHealth(*config, &store);
  std::printf("share          %s\n", share.message.c_str());
  // What sync raised in the last week, newest last: IT reads status first.
  for (const core::SyncAlert& alert : core::syncAlerts(store))
    if (core::nowMs() - alert.at < 7LL * 24 * 3600 * 1000)
      std::printf("WARNING        %s (last seen %s)\n", alert.text.c_str(), core::formatIsoUtc(alert.at).c_str());
  return kExitOk;
}

int runVerify(const std::filesystem::path& configFile) {
  std::optional<Config> config = loadConfigOrReport(configFile);
  if (!config) return kExitFailure;
  bool ok = true;
  auto report = [&ok](bool passed, const std::string& what) {
    std::printf("%-4s %s\n", passed ? "ok" : "FAIL", what.c_str());
    ok = ok && passed;
  };
  report(true, "config " + config->file.string());
  const std::filesystem::path databaseFile = core::databaseFileIn(config->dataDir);
  if (!std::filesystem::exists(databaseFile)) {
    report(false, "database " + databaseFile.string() + " does not exist (run import-roster or start the kiosk)");
  } else {
    core::Store store(databaseFile, config->kioskId, core::kioskTimeZone(*config));
    const std::string integrity = store.integrityCheck();
    report(integrity == "ok", "database integrity: " + integrity);
    int missingPhotos = 0;
    for (const core::Employee& employee : store.employees(false)) {
      if (!employee.photoFile.empty() &&
          !std::filesystem::is_regular_file(core::photosDirIn(config->dataDir) / employee.photoFile))
        ++missingPhotos;
    }
    report(missingPhotos == 0, "photos: " + std::to_string(missingPhotos) + " referenced but missing");
    const core::AuditChainReport audit = core::verifyAuditChain(store.database());
    report(!audit.firstBreak,
           audit.firstBreak ? "audit log: first broken link at entry " + std::to_string(audit.firstBreak->id) + ": " +
                                  audit.firstBreak->reason
                            : "audit log: " + std::to_string(audit.entries) + " entries, hash chain intact");
  }
  std::optional<core::Store> store;
  if (std::filesystem::exists(databaseFile)) store.emplace(databaseFile, config->kioskId);
  const core::ShareProbe share = shareHealth(*config, store ? &*store : nullptr);
  report(share.ok, "share " + share.message);
  return ok ? kExitOk : kExitFailure;
}

// [SECTION] sync, export, erase-employee

int runSync(const std::filesystem::path& configFile, bool rebuildFromShare) {
  std::optional<Config> config = loadConfigOrReport(configFile);
  if (!config) return kExitFailure;
  if (config->shareDir.empty()) {
    std::cerr << configFile.string() << ": share_dir is not set; this kiosk stands alone and has nothing to sync\n";
    return kExitFailure;
  }
  core::Store store = openStore(*config);
  if (rebuildFromShare) {
    const core::RebuildReport rebuilt = core::rebuildFromShare(store, config->shareDir, core::nowMs());
    if (!rebuilt.problem.empty()) {
      std::cerr << "Not rebuilt: " << rebuilt.problem << "\n";
      return kExitFailure;
    }
    std::cout << "Rebuilt " << rebuilt.restoredEvents << " events from " << rebuilt.restoredSegments
              << " segments of journal/" << config->kioskId << "; this installation now owns kiosk id '"
              << config->kioskId << "'. Events that never reached the share are lost.\n";
    for (const core::SyncSkip& skip : rebuilt.skipped) std::cerr << "skipped " << skip.file << ": " << skip.reason << "\n";
    store.audit("cli", "rebuild-from-share", std::to_string(rebuilt.restoredEvents) + " events", core::nowMs());
  }
  const core::SyncReport report = core::syncWithShare(store, syncOptionsFor(*config), core::nowMs());
  for (const std::string& line : core::describeSyncReport(report)) {
    const bool problem = line.starts_with("share: ") || line.starts_with("not published: ");
    (problem ? std::cerr : std::cout) << line << "\n";
  }
  store.audit("cli", "sync",
              "published " + std::to_string(report.publishedEvents) + ", imported " +
                  std::to_string(report.importedEvents) + ", skipped " + std::to_string(report.skipped.size()),
              core::nowMs());
  return report.completed() ? kExitOk : kExitFailure;
}

int runEraseEmployee(const std::filesystem::path& configFile, const std::string& employeeId) {
  std::optional<Config> config = loadConfigOrReport(configFile);
  if (!config) return kExitFailure;
  core::Store store = openStore(*config);
  const core::EraseOutcome outcome = core::eraseEmployee(store, "cli", employeeId, core::nowMs());
  if (!outcome.found) {
    std::cerr << "erase-employee: no employee or story mentions '" << employeeId << "'; nothing changed\n";
    return kExitFailure;
  }
  core::deleteErasedPhoto(core::photosDirIn(config->dataDir), outcome.photoFile);
  std::cout << "Erased " << employeeId
            << " on this kiosk: name, contact details, photo and stories removed; anonymous counts kept.\n"
            << "Other kiosks erase them too on their next sync (" << store.counts().pendingEvents
            << " events waiting to be published).\n";
  return kExitOk;
}

// [SECTION] demo-data

int runDemoData(const std::filesystem::path& out) {
  core::writeDemoShare(out);
  std::cout << "Demo share written to " << out.string() << ": roster/employees.csv, roster/photos/, fleet.toml\n";
  return kExitOk;
}

}  // namespace wof::app
