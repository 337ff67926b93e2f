// wall-of-fame: one executable, a command per job (see DESIGN.md "Command line").
// Layer: app. Parses the command line and hands over to commands.cpp.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <iostream>

#include "app/commands.hpp"

int main(int argc, char** argv) {
  using namespace wof::app;
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

  ExportArgs exportArgs;
  std::string exportOut;
  CLI::App* exportCommand = addConfigOption(app.add_subcommand("export", "Write a report of the nominations"));
  exportCommand->add_option("--format", exportArgs.format, "csv, xlsx or pdf")
      ->required()
      ->check(CLI::IsMember({"csv", "xlsx", "pdf"}));
  exportCommand->add_option("--from", exportArgs.from, "First day included, YYYY-MM-DD (UTC)");
  exportCommand->add_option("--to", exportArgs.to, "Last day included, YYYY-MM-DD (UTC)");
  exportCommand->add_option("--out", exportOut, "File to write")->required();

  std::string eraseId;
  CLI::App* eraseCommand = addConfigOption(
      app.add_subcommand("erase-employee", "GDPR erasure of one person, propagated to every kiosk by sync"));
  eraseCommand->add_option("ID", eraseId, "Employee id")->required();
  CLI::App* verifyCommand = addConfigOption(app.add_subcommand("verify", "Check database integrity and share health; non-zero if broken"));

  std::string demoOut;
  CLI::App* demoCommand = addConfigOption(app.add_subcommand("demo-data", "Write a demo share (roster, photos, fleet.toml)"));
  demoCommand->add_option("--out", demoOut, "Folder to write the demo share into")->required();

  CLI11_PARSE(app, argc, argv);

  try {
    const std::filesystem::path configFile = resolveConfigPath(configOption);
    if (kioskCommand->parsed()) {
      kiosk.configFile = configFile;
      if (!screenshot.empty()) kiosk.screenshot = screenshot;
      return runKioskCommand(kiosk);
    }
    if (nominateCommand->parsed()) {
      nominate.configFile = configFile;
      return runNominate(nominate);
    }
    if (importCommand->parsed()) return runImportRoster(configFile, rosterCsv);
    if (statusCommand->parsed()) return runStatus(configFile, fleetStatus);
    if (syncCommand->parsed()) return runSync(configFile, rebuildFromShare);
    if (exportCommand->parsed()) {
      exportArgs.configFile = configFile;
      exportArgs.out = exportOut;
      return runExport(exportArgs);
    }
    if (eraseCommand->parsed()) return runEraseEmployee(configFile, eraseId);
    if (verifyCommand->parsed()) return runVerify(configFile);
    if (demoCommand->parsed()) return runDemoData(demoOut);
  } catch (const std::exception& error) {
    std::cerr << "wall-of-fame: " << error.what() << "\n";
    return kExitFailure;
  }
  return kExitFailure;
}
