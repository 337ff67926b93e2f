// wall-of-fame: one executable, a command per job (see DESIGN.md "Command line").
// Layer: app. Parses the command line and hands over to commands.cpp.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <vector>

#include "app/admin_commands.hpp"
#include "app/commands.hpp"
#include "app/report_commands.hpp"
#include "core/reports/report_export.hpp"
#include "core/storage/database.hpp"
#include "core/util/files.hpp"

int main(int argc, char** argv) {
  using namespace wof::app;
  // Tests of the share paths without hard links (SMB through FUSE) on a local folder.
  if (std::getenv("WOF_TEST_NO_HARD_LINKS")) wof::core::testing::g_noHardLinks = true;
  CLI::App app{"Wall of Fame: a touchscreen kiosk for recognising customer-focused colleagues.\n"
                "status and verify exit 0 ok, 1 warning, 2 critical, 3 unknown (the config could not be read), "
                "as monitoring reads a Nagios plugin; a usage error exits 2."};
  app.set_version_flag("--version", WOF_VERSION);
  app.require_subcommand(1);
  // Options every command takes belong to the program; fallthrough (inherited by each command
  // added below) lets them come before the command, as `git -C` does, or after it.
  app.fallthrough();
  std::string configOption;
  const std::string configHelp = "kiosk.toml to use (default: $WOF_CONFIG, else /etc/wall-of-fame/kiosk.toml)";
  app.add_option("--config", configOption, configHelp);
  // A command's --help lists only its own options: name the common one there too.
  auto addCommand = [&app, &configHelp](const std::string& name, const std::string& description) {
    CLI::App* command = app.add_subcommand(name, description);
    command->footer("Every command also takes --config FILE, before or after the command: " + configHelp + ".");
    return command;
  };

  KioskArgs kiosk;
  std::string screenshot;
  CLI::App* kioskCommand = addCommand("kiosk", "Run the full-screen kiosk");
  kioskCommand->add_flag("--demo", kiosk.demo, "Build a demo share and database in a temporary folder and run on them");
  kioskCommand->add_option("--windowed", kiosk.windowed, "Run in a window of WIDTHxHEIGHT instead of full screen")
      ->check([](const std::string& value) {
        unsigned width = 0, height = 0;
        char trailing = 0;
        return std::sscanf(value.c_str(), "%ux%u%c", &width, &height, &trailing) == 2 && width >= 320 &&
                       height >= 240 && width <= 16384 && height <= 16384
                   ? std::string()
                   : "expected WIDTHxHEIGHT, e.g. 1920x1080, got " + value;
      });
  kioskCommand->add_option("--screenshot", screenshot, "Render, save a PNG of the screen to FILE and exit (for tests)");
  std::string screenshots;
  kioskCommand->add_option("--screenshots", screenshots,
                           "Render every screen into DIR/<screen>.png, check that no text leaves its box and exit "
                           "(3: some text does, named on stderr)");
  kioskCommand->add_option("--screenshot-frames", kiosk.screenshotFrames, "Frames to render before --screenshot")
      ->check(CLI::Range(1, 100000));

  NominateArgs nominate;
  CLI::App* nominateCommand = addCommand("nominate", "Enter a nomination without the UI; prints its id");
  nominateCommand->add_option("--nominee", nominate.nominee, "Employee id of the person recognised")->required();
  nominateCommand->add_option("--behaviour", nominate.behaviour, "Behaviour key, e.g. fixed-on-the-spot")->required();
  nominateCommand->add_option("--story", nominate.story, "What happened and what it meant to the customer")->required();
  CLI::Option* fromOption =
      nominateCommand->add_option("--from", nominate.from, "Employee id of the nominator (omit: anonymous)");
  nominateCommand->add_flag("--private", nominate.isPrivate, "Nominator known to HR but not shown on the wall")
      ->needs(fromOption);

  std::string rosterCsv;
  CLI::App* importCommand = addCommand("import-roster", "Import HR's roster CSV (and photos/ beside it)");
  importCommand->add_option("CSV", rosterCsv, "The roster file (default: <share>/roster/employees.csv)");

  StatusArgs status;
  CLI::App* statusCommand = addCommand(
      "status", "Kiosk id, counts, pending events, last sync, share health; exits 0 ok, 1 warning (share not "
                "usable, no sync for silent_after_min), 2 critical (a sync alert), 3 unknown (bad config)");
  statusCommand->add_flag("--fleet", status.fleet,
                          "List every kiosk's heartbeat from <share>/status; exits 1 when one is older than "
                          "fleet.toml's silent_after_min, 2 when the share cannot be read");
  statusCommand->add_flag("--json", status.json, "Print one JSON object (README, \"status --json\") instead of text");

  CLI::App* syncCommand = addCommand(
      "sync", "Publish this kiosk's pending events, import everyone else's, refresh roster/photos/fleet.toml");
  bool rebuildFromShare = false;
  syncCommand->add_flag("--rebuild-from-share", rebuildFromShare,
                        "This kiosk's database was lost: first restore what it had published from its own journal "
                        "on the share and take its kiosk id back (only into a new, empty database)");

  std::string eraseId;
  CLI::App* eraseCommand = addCommand("erase-employee", "GDPR erasure of one person, propagated to every kiosk by sync");
  eraseCommand->add_option("ID", eraseId, "Employee id")->required();
  bool verifyJson = false;
  CLI::App* verifyCommand = addCommand(
      "verify", "Check database integrity, photos, the audit log and share health; exits 0 ok, 1 warning "
                "(missing photos, no database yet, share not usable), 2 critical (database or audit log "
                "damaged), 3 unknown (bad config)");
  verifyCommand->add_flag("--json", verifyJson, "Print one JSON object (README, \"verify --json\") instead of text");

  ModerateArgs moderate;
  CLI::App* moderateCommand = addCommand("moderate", "Approve or hide a nomination, or make its nominee a Customer Champion");
  moderateCommand->add_option("NOMINATION-ID", moderate.nominationId, "The nomination's id")->required();
  CLI::Option* approveFlag = moderateCommand->add_flag("--approve", moderate.approve, "Show it on the wall");
  CLI::Option* hideFlag = moderateCommand->add_flag("--hide", moderate.hide, "Take it off the wall and out of the counts");
  CLI::Option* reasonOption = moderateCommand->add_option("--reason", moderate.reason, "Why it was hidden (with --hide)");
  CLI::Option* winnerOption = moderateCommand->add_option(
      "--winner", moderate.winnerPeriod, "Make the nominee a Customer Champion of PERIOD (YYYY-MM); prints the winner id");
  CLI::Option* citationOption =
      moderateCommand->add_option("--citation", moderate.citation, "A line for the wall and the certificate (with --winner)");
  approveFlag->excludes(hideFlag)->excludes(winnerOption);
  hideFlag->excludes(winnerOption);

  std::string winnersPeriod;
  CLI::App* winnersCommand = addCommand("winners", "List Customer Champions (id, period, employee, name, citation), for certificate");
  winnersCommand->add_option("--period", winnersPeriod, "Only this month, YYYY-MM");

  CLI::App* setPinCommand = addCommand(
      "set-pin", "Read a new admin PIN (4-12 digits) from stdin and store its argon2id hash in kiosk.toml");

  ExportReportArgs exportArgs;
  CLI::App* exportCommand = addCommand(
      "export", "Write a report: csv (one row per nomination), summary-csv (counts by behaviour, department, "
                "month and person), xlsx (five sheets) or pdf (charts and stories); "
                "filter by period, site, department");
  std::vector<std::string> formats;  // checked as the command line is parsed
  for (const wof::core::ReportFormat format : wof::core::kReportFormats) formats.emplace_back(wof::core::toText(format));
  std::string formatName;
  exportCommand->add_option("--format", formatName, "csv, summary-csv, xlsx or pdf")
      ->required()
      ->check(CLI::IsMember(formats));
  exportCommand->add_option("--from", exportArgs.from, "First day included, YYYY-MM-DD (default: the first nomination)");
  exportCommand->add_option("--to", exportArgs.to, "Last day included, YYYY-MM-DD (default: the last nomination)");
  exportCommand->add_option("--site", exportArgs.site, "Only nominees at this site");
  exportCommand->add_option("--department", exportArgs.department, "Only nominees in this department");
  exportCommand->add_option("--out", exportArgs.out, "The file to write")->required();

  CertificateArgs certificate;
  CLI::App* certificateCommand = addCommand("certificate", "Write a one-page printable PDF certificate for a Customer Champion");
  certificateCommand->add_option("--winner", certificate.winnerId, "Winner id, as printed by moderate --winner")
      ->required();
  certificateCommand->add_option("--out", certificate.out, "The PDF file to write")->required();

  std::string demoOut;
  CLI::App* demoCommand = addCommand("demo-data", "Write a demo share (roster, photos, fleet.toml)");
  demoCommand->add_option("--out", demoOut, "Folder to write the demo share into")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // CLI11 says "A subcommand is required" for a misspelt command too: name the word instead.
    if (app.get_subcommands().empty() && !app.remaining().empty()) {
      std::cerr << "'" << app.remaining().front() << "' is not a command of wall-of-fame\n"
                << "Run with --help for the list.\n";
      return kExitUsage;
    }
    // CLI11 prints --help and --version (0) or what was wrong with the command line.
    return app.exit(error) == 0 ? kExitOk : kExitUsage;
  }

  // What monitoring reads when status or verify fails outright (a database that cannot be opened).
  auto failureCode = [&] { return statusCommand->parsed() || verifyCommand->parsed() ? kExitCritical : kExitFailure; };
  try {
    const std::filesystem::path configFile = resolveConfigPath(configOption);
    if (kioskCommand->parsed()) {
      kiosk.configFile = configFile;
      if (!screenshot.empty()) kiosk.screenshot = screenshot;
      if (!screenshots.empty()) kiosk.screenshotDir = screenshots;
      return runKioskCommand(kiosk);
    }
    if (nominateCommand->parsed()) {
      nominate.configFile = configFile;
      return runNominate(nominate);
    }
    if (importCommand->parsed()) return runImportRoster(configFile, rosterCsv);
    if (statusCommand->parsed()) {
      status.configFile = configFile;
      return runStatus(status);
    }
    if (syncCommand->parsed()) return runSync(configFile, rebuildFromShare);
    if (eraseCommand->parsed()) return runEraseEmployee(configFile, eraseId);
    if (verifyCommand->parsed()) return runVerify(configFile, verifyJson);
    if (demoCommand->parsed()) return runDemoData(demoOut);
    if (moderateCommand->parsed()) {
      moderate.configFile = configFile;
      moderate.reasonGiven = reasonOption->count() > 0;
      moderate.citationGiven = citationOption->count() > 0;
      return runModerate(moderate);
    }
    if (setPinCommand->parsed()) return runSetPin(configFile);
    if (winnersCommand->parsed()) return runWinners(configFile, winnersPeriod);
    if (exportCommand->parsed()) {
      exportArgs.configFile = configFile;
      exportArgs.format = *wof::core::parseReportFormat(formatName);  // IsMember let only these through
      return runExportReport(exportArgs);
    }
    if (certificateCommand->parsed()) {
      certificate.configFile = configFile;
      return runCertificate(certificate);
    }
  } catch (const wof::core::SqliteError& error) {
    std::cerr << "wall-of-fame: " << error.what();
    if (!error.diskFault().empty()) std::cerr << " (the disk is " << error.diskFault() << ")";
    std::cerr << "\n";
    return failureCode();
  } catch (const std::exception& error) {
    std::cerr << "wall-of-fame: " << error.what() << "\n";
    return failureCode();
  }
  return kExitFailure;
}
