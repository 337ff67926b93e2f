// Report commands: `export --format csv|xlsx|pdf` and `certificate`. Layer: app.
#pragma once

#include <filesystem>
#include <string>

#include "core/reports/report_export.hpp"

namespace wof::app {

struct ExportReportArgs {
  std::filesystem::path configFile;
  core::ReportFormat format = core::ReportFormat::Csv;
  std::string from;        // YYYY-MM-DD, inclusive; empty: from the first nomination
  std::string to;          // YYYY-MM-DD, inclusive; empty: up to the last nomination
  std::string site;        // the nominee's site; empty: all
  std::string department;  // the nominee's department; empty: all
  std::filesystem::path out;
};
int runExportReport(const ExportReportArgs& args);

struct CertificateArgs {
  std::filesystem::path configFile;
  std::string winnerId;  // printed by `moderate ID --winner PERIOD`
  std::filesystem::path out;
};
int runCertificate(const CertificateArgs& args);

}  // namespace wof::app
