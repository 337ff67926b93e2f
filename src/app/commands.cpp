// The command-line commands. Layer: app: wires config -> store -> ui, prints results.
#include "app/commands.hpp"

#include "app/command_support.hpp"
#include "app/kiosk_hooks.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <algorithm>
#include <atomic>
#include <memory>
#include <nlohmann/json.hpp>

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

std::optional<Config> loadConfigOrReport(const std::filesystem::path& file, std::vector<std::string>* errors) {
  core::ConfigResult result = core::loadConfig(file);
  for (const std::string& error : result.errors) std::cerr << error << "\n";
  if (errors) *errors = result.errors;
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

// [SECTION] status and verify: text for people, --json and exit codes for monitoring

namespace {

using json = nlohmann::ordered_json;

// What status or verify found. The exit code is the worst severity (kExitOk, kExitWarning,
// kExitCritical), as a Nagios plugin's.
struct Finding {
  std::string name;  // "database", "share", "kiosk lobby-2", ...
  int severity = kExitOk;
  std::string message;
};

int worstOf(const std::vector<Finding>& findings) {
  int worst = kExitOk;
  for (const Finding& finding : findings) worst = std::max(worst, finding.severity);
  return worst;
}

const char* resultName(int exitCode) {
  switch (exitCode) {
    case kExitOk:
      return "ok";
    case kExitWarning:
      return "warning";
    case kExitCritical:
      return "critical";
  }
  return "unknown";
}

// Every --json document starts the same way (README, "Monitoring"); bump kJsonSchemaVersion when
// a key changes meaning or goes away (adding keys does not).
constexpr int kJsonSchemaVersion = 1;
json monitoringJson(std::string_view command, int exitCode, core::TimeMs now) {
  return {{"schema_version", kJsonSchemaVersion}, {"command", command},     {"result", resultName(exitCode)},
          {"exit_code", exitCode},                {"checked_at", core::formatIsoUtc(now)}, {"checked_at_ms", now}};
}

json findingsJson(const std::vector<Finding>& findings) {
  json list = json::array();
  for (const Finding& finding : findings)
    list.push_back({{"name", finding.name}, {"result", resultName(finding.severity)}, {"message", finding.message}});
  return list;
}

json timeJson(std::optional<core::TimeMs> time) { return time ? json(core::formatIsoUtc(*time)) : json(nullptr); }

// The config, or kExitUnknown: nothing could be checked. With --json the errors come as a document too.
std::optional<Config> loadMonitoredConfig(const std::filesystem::path& file, std::string_view command, bool asJson) {
  std::vector<std::string> errors;
  std::optional<Config> config = loadConfigOrReport(file, &errors);
  if (!config && asJson) {
    json document = monitoringJson(command, kExitUnknown, core::nowMs());
    document["config"] = file.string();
    document["errors"] = errors;
    std::cout << document.dump(2) << "\n";
  }
  return config;
}

int runFleetStatus(const Config& config, bool asJson) {
  const core::TimeMs now = core::nowMs();
  std::vector<Finding> findings;
  std::vector<std::string> settingsProblems;
  const core::FleetMonitoring monitoring = core::fleetMonitoringOnShare(config.shareDir, settingsProblems);
  for (const std::string& problem : settingsProblems) findings.push_back({"fleet.toml", kExitWarning, problem});
  const core::FleetStatus status = core::readFleetStatus(config.shareDir);
  if (!status.shareProblem.empty())
    findings.push_back({"share", kExitCritical, "cannot read the share: " + status.shareProblem});
  else if (status.kiosks.empty())
    findings.push_back({"share", kExitWarning, "no heartbeats under " + (config.shareDir / "status").string() + " yet"});
  for (const core::SyncSkip& problem : status.problems)
    findings.push_back({problem.file, kExitWarning, problem.reason});
  auto minutesSince = [now](core::TimeMs then) { return static_cast<long long>((now - then) / 60000); };
  for (const core::Heartbeat& kiosk : status.kiosks)
    if (core::isSilent(kiosk.writtenAt, now, monitoring.silentAfterMin))
      findings.push_back({"kiosk " + kiosk.kioskId, kExitWarning,
                          "silent: its last heartbeat is " + std::to_string(minutesSince(kiosk.writtenAt)) +
                              " min old (silent_after_min = " + std::to_string(monitoring.silentAfterMin) + ")"});
  const int exitCode = worstOf(findings);

  if (asJson) {
    json document = monitoringJson("status --fleet", exitCode, now);
    document["share"] = config.shareDir.string();
    document["silent_after_min"] = monitoring.silentAfterMin;
    json kiosks = json::array();
    for (const core::Heartbeat& kiosk : status.kiosks)
      kiosks.push_back({{"kiosk", kiosk.kioskId},
                        {"version", kiosk.version},
                        {"last_sync", timeJson(kiosk.lastSync)},
                        {"last_sync_ms", kiosk.lastSync ? json(*kiosk.lastSync) : json(nullptr)},
                        {"pending_events", kiosk.pendingEvents},
                        {"free_disk_bytes", kiosk.freeDiskBytes >= 0 ? json(kiosk.freeDiskBytes) : json(nullptr)},
                        {"heartbeat_at", core::formatIsoUtc(kiosk.writtenAt)},
                        {"heartbeat_at_ms", kiosk.writtenAt},
                        {"heartbeat_age_s", (now - kiosk.writtenAt) / 1000},
                        {"screen", kiosk.screen.empty() ? json(nullptr) : json(kiosk.screen)},
                        {"silent", core::isSilent(kiosk.writtenAt, now, monitoring.silentAfterMin)}});
    document["kiosks"] = std::move(kiosks);
    document["problems"] = findingsJson(findings);
    std::cout << document.dump(2) << "\n";
    return exitCode;
  }
  std::printf("%-20s %-9s %-21s %8s %12s %-14s %-21s %s\n", "kiosk", "version", "last sync", "pending", "free disk",
              "heartbeat", "screen", "state");
  for (const core::Heartbeat& kiosk : status.kiosks) {
    const std::string lastSync = kiosk.lastSync ? core::formatIsoUtc(*kiosk.lastSync) : "never";
    const std::string heartbeat = std::to_string(minutesSince(kiosk.writtenAt)) + " min ago";
    // A kiosk dark outside its hours is fine; say so rather than leave IT guessing.
    const std::string screen = kiosk.screen == core::kScreenScheduledOff ? std::string("screen off (schedule)")
                               : kiosk.screen.empty()                    ? std::string("-")
                                                                         : "screen " + kiosk.screen;
    const bool silent = core::isSilent(kiosk.writtenAt, now, monitoring.silentAfterMin);
    std::printf("%-20s %-9s %-21s %8lld %12s %-14s %-21s %s\n", kiosk.kioskId.c_str(), kiosk.version.c_str(),
                lastSync.c_str(), static_cast<long long>(kiosk.pendingEvents), formatBytes(kiosk.freeDiskBytes).c_str(),
                heartbeat.c_str(), screen.c_str(), silent ? "SILENT" : "ok");
  }
  for (const Finding& finding : findings)
    std::fprintf(stderr, "%s: %s: %s\n", resultName(finding.severity), finding.name.c_str(), finding.message.c_str());
  return exitCode;
}

}  // namespace

int runStatus(const StatusArgs& args) {
  std::optional<Config> config = loadMonitoredConfig(args.configFile, args.fleet ? "status --fleet" : "status", args.json);
  if (!config) return kExitUnknown;
  if (args.fleet) {
    if (config->shareDir.empty()) {
      std::cerr << args.configFile.string() << ": share_dir is not set, so there is no fleet to list\n";
      return kExitUnknown;
    }
    return runFleetStatus(*config, args.json);
  }
  core::Store store = openStore(*config);
  const core::TimeMs now = core::nowMs();
  const core::StoreCounts counts = store.counts();
  const std::optional<core::TimeMs> lastSync = core::lastSuccessfulSync(store);
  const core::ShareProbe share = shareHealth(*config, &store);
  const core::FleetMonitoring monitoring = core::fleetMonitoring(store);
  std::vector<Finding> findings;
  if (!share.ok) findings.push_back({"share", kExitWarning, share.message});
  if (!config->shareDir.empty() && lastSync && core::isSilent(*lastSync, now, monitoring.silentAfterMin))
    findings.push_back({"sync", kExitWarning,
                        "no sync completed for " + std::to_string((now - *lastSync) / 60000) +
                            " min (silent_after_min = " + std::to_string(monitoring.silentAfterMin) + ")"});
  // What sync raised in the last week, newest last: IT must act on these (a kiosk id used twice).
  for (const core::SyncAlert& alert : core::syncAlerts(store))
    if (now - alert.at < 7LL * 24 * 3600 * 1000)
      findings.push_back({"sync alert", kExitCritical, alert.text + " (last seen " + core::formatIsoUtc(alert.at) + ")"});
  const int exitCode = worstOf(findings);

  if (args.json) {
    json document = monitoringJson("status", exitCode, now);
    document["kiosk"] = config->kioskId;
    document["site"] = config->site;
    document["config"] = config->file.string();
    document["database"] = core::databaseFileIn(config->dataDir).string();
    document["database_schema"] = counts.schemaVersion;
    document["employees"] = {
        {"total", counts.employees}, {"active", counts.activeEmployees}, {"with_photo", counts.employeesWithPhoto}};
    document["nominations"] = {{"total", counts.nominations},
                               {"pending", counts.pending},
                               {"approved", counts.approved},
                               {"hidden", counts.hidden}};
    document["pending_events"] = counts.pendingEvents;
    document["last_sync"] = timeJson(lastSync);
    document["last_sync_ms"] = lastSync ? json(*lastSync) : json(nullptr);
    document["share"] = {{"dir", config->shareDir.empty() ? json(nullptr) : json(config->shareDir.string())},
                         {"ok", share.ok},
                         {"message", share.message}};
    document["silent_after_min"] = monitoring.silentAfterMin;
    document["problems"] = findingsJson(findings);
    std::cout << document.dump(2) << "\n";
    return exitCode;
  }
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
  std::printf("last sync      %s\n", lastSync ? core::formatIsoUtc(*lastSync).c_str() : "never");
  std::printf("share          %s\n", share.message.c_str());
  for (const Finding& finding : findings)
    if (finding.name != "share")  // its line is just above
      std::printf("%-14s %s\n", finding.severity == kExitCritical ? "CRITICAL" : "WARNING", finding.message.c_str());
  std::printf("result         %s\n", resultName(exitCode));
  return exitCode;
}

int runVerify(const std::filesystem::path& configFile, bool asJson) {
  std::optional<Config> config = loadMonitoredConfig(configFile, "verify", asJson);
  if (!config) return kExitUnknown;
  std::vector<Finding> findings;
  findings.push_back({"config", kExitOk, config->file.string()});
  const std::filesystem::path databaseFile = core::databaseFileIn(config->dataDir);
  std::optional<core::Store> store;
  if (!std::filesystem::exists(databaseFile)) {
    // A kiosk installed but never started: nothing is lost, but nothing runs yet either.
    findings.push_back({"database", kExitWarning,
                        databaseFile.string() + " does not exist (run import-roster or start the kiosk)"});
  } else {
    try {
      store.emplace(databaseFile, config->kioskId, core::kioskTimeZone(*config));
      const std::string integrity = store->integrityCheck();
      findings.push_back({"database", integrity == "ok" ? kExitOk : kExitCritical,
                          integrity == "ok" ? "integrity ok" : "integrity check failed: " + integrity});
      int missingPhotos = 0;
      for (const core::Employee& employee : store->employees(false)) {
        if (!employee.photoFile.empty() &&
            !std::filesystem::is_regular_file(core::photosDirIn(config->dataDir) / employee.photoFile))
          ++missingPhotos;
      }
      findings.push_back({"photos", missingPhotos == 0 ? kExitOk : kExitWarning,
                          std::to_string(missingPhotos) + " referenced but missing"});
      const core::AuditChainReport audit = core::verifyAuditChain(store->database());
      findings.push_back({"audit log", audit.firstBreak ? kExitCritical : kExitOk,
                          audit.firstBreak ? "first broken link at entry " + std::to_string(audit.firstBreak->id) +
                                                 ": " + audit.firstBreak->reason
                                           : std::to_string(audit.entries) + " entries, hash chain intact"});
    } catch (const std::exception& error) {  // not a database at all, or unreadable
      store.reset();
      findings.push_back({"database", kExitCritical, databaseFile.string() + ": " + error.what()});
    }
  }
  const core::ShareProbe share = shareHealth(*config, store ? &*store : nullptr);
  findings.push_back({"share", share.ok ? kExitOk : kExitWarning, share.message});
  const int exitCode = worstOf(findings);
  if (asJson) {
    json document = monitoringJson("verify", exitCode, core::nowMs());
    document["kiosk"] = config->kioskId;
    document["checks"] = findingsJson(findings);
    std::cout << document.dump(2) << "\n";
    return exitCode;
  }
  for (const Finding& finding : findings)
    std::printf("%-4s %s: %s\n", finding.severity == kExitOk ? "ok" : finding.severity == kExitWarning ? "WARN" : "FAIL",
                finding.name.c_str(), finding.message.c_str());
  std::printf("result: %s\n", resultName(exitCode));
  return exitCode;
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
