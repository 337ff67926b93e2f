// wall-of-fame: one executable, a command per job (see DESIGN.md "Command line").
// Layer: app. Parses the command line and hands over to commands.cpp.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>

#include "app/admin_commands.hpp"
#include "app/commands.hpp"
#include "app/report_commands.hpp"
#include "core/storage/database.hpp"
#include "core/util/files.hpp"

int main(int argc, char** argv) {
  using namespace wof::app;
  // Tests of the share paths without hard links (SMB through FUSE) on a local folder.
  if (std::getenv("WOF_TEST_NO_HARD_LINKS")) wof::core::testing::g_noHardLinks = true;
  CLI::App app{"Wall of Fame: a touchscreen kiosk for recognising customer-focused colleagues."};
  app.set_version_flag("--version", WOF_VERSION);
  app.require_subcommand(1);
  std::string configOption;
  auto addConfigOption = [&configOption](CLI::App* command) {
    command->add_option("--config", configOption,
                        "kiosk.toml to use (default: $WOF_CONFIG, else /etc/wall-of-fame/kiosk.toml)");
    return command;
  };

  KioskArgs kiosk;
  std::string screenshot;
  CLI::App* kioskCommand = addConfigOption(app.add_subcommand("kiosk", "Run the full-screen kiosk"));
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
  CLI::App* nominateCommand = addConfigOption(app.add_subcommand("nominate", "Enter a nomination without the UI; prints its id"));
  nominateCommand->add_option("--nominee", nominate.nominee, "Employee id of the person recognised")->required();
  nominateCommand->add_option("--behaviour", nominate.behaviour, "Behaviour key, e.g. fixed-on-the-spot")->required();
  nominateCommand->add_option("--story", nominate.story, "What happened and what it meant to the customer")->required();
  CLI::Option* fromOption =
      nominateCommand->add_option("--from", nominate.from, "Employee id of the nominator (omit: anonymous)");
  nominateCommand->add_flag("--private", nominate.isPrivate, "Nominator known to HR but not shown on the wall")
      ->needs(fromOption);

  std::string rosterCsv;
  CLI::App* importCommand = addConfigOption(app.add_subcommand("import-roster", "Import HR's roster CSV (and photos/ beside it)"));
  importCommand->add_option("CSV", rosterCsv, "The roster file (default: <share>/roster/employees.csv)");

  bool fleetStatus = false;
  CLI::App* statusCommand = addConfigOption(app.add_subcommand("status", "Kiosk id, counts, pending events, last sync, share health"));
  statusCommand->add_flag("--fleet", fleetStatus, "List every kiosk's heartbeat from <share>/status");

  CLI::App* syncCommand = addConfigOption(app.add_subcommand(
      "sync", "Publish this kiosk's pending events, import everyone else's, refresh roster/photos/fleet.toml"));
  bool rebuildFromShare = false;
  syncCommand->add_flag("--rebuild-from-share", rebuildFromShare,
                        "This kiosk's database was lost: first restore what it had published from its own journal "
                        "on the share and take its kiosk id back (only into a new, empty database)");

  std::string eraseId;
  CLI::App* eraseCommand = addConfigOption(
      app.add_subcommand("erase-employee", "GDPR erasure of one person, propagated to every kiosk by sync"));
  eraseCommand->add_option("ID", eraseId, "Employee id")->required();
  CLI::App* verifyCommand = addConfigOption(app.add_subcommand("verify", "Check database integrity and share health; non-zero if broken"));

  ModerateArgs moderate;
  CLI::App* moderateCommand = addConfigOption(
      app.add_subcommand("moderate", "Approve or hide a nomination, or make its nominee a Customer Champion"));
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
  CLI::App* winnersCommand = addConfigOption(
      app.add_subcommand("winners", "List Customer Champions (id, period, employee, name, citation), for certificate"));
  winnersCommand->add_option("--period", winnersPeriod, "Only this month, YYYY-MM");

  CLI::App* setPinCommand = addConfigOption(app.add_subcommand(
      "set-pin", "Read a new admin PIN (4-12 digits) from stdin and store its argon2id hash in kiosk.toml"));

  ExportReportArgs exportArgs;
  CLI::App* exportCommand = addConfigOption(app.add_subcommand(
      "export", "Write a report: csv (one row per nomination), summary-csv (counts by behaviour, department, "
                "month and person), xlsx (five sheets) or pdf (charts and stories); "
                "filter by period, site, department"));
  exportCommand->add_option("--format", exportArgs.format, "csv, summary-csv, xlsx or pdf")->required();
  exportCommand->add_option("--from", exportArgs.from, "First day included, YYYY-MM-DD (default: the first nomination)");
  exportCommand->add_option("--to", exportArgs.to, "Last day included, YYYY-MM-DD (default: the last nomination)");
  exportCommand->add_option("--site", exportArgs.site, "Only nominees at this site");
  exportCommand->add_option("--department", exportArgs.department, "Only nominees in this department");
  exportCommand->add_option("--out", exportArgs.out, "The file to write")->required();

  CertificateArgs certificate;
  CLI::App* certificateCommand = addConfigOption(
      app.add_subcommand("certificate", "Write a one-page printable PDF certificate for a Customer Champion"));
  certificateCommand->add_option("--winner", certificate.winnerId, "Winner id, as printed by moderate --winner")
      ->required();
  certificateCommand->add_option("--out", certificate.out, "The PDF file to write")->required();

  std::string demoOut;
  CLI::App* demoCommand = addConfigOption(app.add_subcommand("demo-data", "Write a demo share (roster, photos, fleet.toml)"));
  demoCommand->add_option("--out", demoOut, "Folder to write the demo share into")->required();

  CLI11_PARSE(app, argc, argv);

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
    if (statusCommand->parsed()) return runStatus(configFile, fleetStatus);
    if (syncCommand->parsed()) return runSync(configFile, rebuildFromShare);
    if (eraseCommand->parsed()) return runEraseEmployee(configFile, eraseId);
    if (verifyCommand->parsed()) return runVerify(configFile);
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
    return kExitFailure;
  } catch (const std::exception& error) {
    std::cerr << "wall-of-fame: " << error.what() << "\n";
    return kExitFailure;
  }
  return kExitFailure;
}
