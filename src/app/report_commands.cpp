// export (xlsx, pdf) and certificate. Layer: app: checks arguments, calls core/report, prints.
#include "app/report_commands.hpp"

#include <iostream>
#include <set>

#include "app/command_support.hpp"
#include "app/commands.hpp"
#include "core/admin/admin_actions.hpp"
#include "core/util/clock.hpp"
#include "core/config/data_dir.hpp"
#include "core/sync/journal.hpp"
#include "core/reports/report_csv.hpp"
#include "core/reports/report_export.hpp"
#include "core/reports/report_pdf.hpp"

namespace wof::app {

namespace {

// The folder the output goes into must exist: a typo should not create a folder tree.
bool outputFolderExists(const std::filesystem::path& out, const char* command) {
  const std::filesystem::path folder = out.parent_path().empty() ? "." : out.parent_path();
  std::error_code error;
  if (std::filesystem::is_directory(folder, error)) return true;
  std::cerr << command << ": --out " << out.string() << ": the folder " << folder.string() << " does not exist\n";
  return false;
}

// Empty when `value` is one of `known`, else a message listing what is known.
std::string unknownValue(const std::string& option, const std::string& value, const std::set<std::string>& known) {
  if (value.empty() || known.count(value)) return {};
  std::string list;
  for (const std::string& item : known) list += (list.empty() ? "" : ", ") + item;
  return "export: " + option + " \"" + value + "\" matches no employee in the roster (known: " +
         (list.empty() ? "none" : list) + ")";
}

}  // namespace

// [SECTION] export

int runExportReport(const ExportReportArgs& args) {
  if (!outputFolderExists(args.out, "export")) return kExitFailure;

  std::optional<core::Config> config = loadConfigOrReport(args.configFile);
  if (!config) return kExitFailure;
  core::Store store = openStore(*config);
  // Days from the company's midnight to midnight (fleet.toml's time_zone).
  const core::PeriodParse period = core::parseReportPeriod(args.from, args.to, store.timeZone());
  if (!period.period) {
    std::cerr << "export: " << period.error << "\n";
    return kExitFailure;
  }
  core::ReportFilter filter;
  filter.period = *period.period;
  std::set<std::string> sites, departments;
  for (const core::Employee& employee : store.employees(false)) {
    if (!employee.site.empty()) sites.insert(employee.site);
    if (!employee.department.empty()) departments.insert(employee.department);
  }
  for (const std::string& problem :
       {unknownValue("--site", args.site, sites), unknownValue("--department", args.department, departments)}) {
    if (!problem.empty()) {
      std::cerr << problem << "\n";
      return kExitFailure;
    }
  }
  filter.site = args.site;
  filter.department = args.department;

  const core::ReportWrite written =
      core::writeReportFile(store, args.format, filter, core::photosDirIn(config->dataDir), args.out);
  if (!written.error.empty()) {
    std::cerr << "export: " << written.error << "\n";
    return kExitFailure;
  }
  if (args.format == core::ReportFormat::Csv) {
    core::recordExport(store, "cli", "csv to " + args.out.string(), core::nowMs());
    std::cout << "Exported to " << args.out.string() << "\n";
    return kExitOk;
  }
  core::recordExport(store, "cli",
                     std::string(core::toText(args.format)) + " " + written.periodLabel + "; " + written.scopeLabel + "; " +
                         std::to_string(written.nominations) + " nominations",
                     core::nowMs());
  std::cout << "Wrote " << args.out.string() << ": " << written.nominations << " nominations, " << written.periodLabel
            << ", " << written.scopeLabel << "\n";
  return kExitOk;
}

// [SECTION] certificate

int runCertificate(const CertificateArgs& args) {
  if (!outputFolderExists(args.out, "certificate")) return kExitFailure;
  std::optional<core::Config> config = loadConfigOrReport(args.configFile);
  if (!config) return kExitFailure;
  core::Store store = openStore(*config);
  const std::optional<core::Winner> winner = store.winner(args.winnerId);
  if (!winner) {
    std::cerr << "certificate: no winner with id " << args.winnerId
              << " (`moderate NOMINATION-ID --winner YYYY-MM` prints a winner's id)\n";
    return kExitFailure;
  }
  core::writeWinnerCertificate(*winner, core::photosDirIn(config->dataDir), args.out, store.timeZone());
  core::recordCertificate(store, "cli", winner->id, core::nowMs());
  std::cout << "Wrote " << args.out.string() << ": certificate for " << winner->displayName << ", Customer Champion of "
            << winner->period << "\n";
  return kExitOk;
}

}  // namespace wof::app
