// Writing a report file in any format. Layer: core/report.
#include "core/reports/report_export.hpp"

#include <stdexcept>

#include "core/util/files.hpp"
#include "core/reports/report.hpp"
#include "core/reports/report_csv.hpp"
#include "core/reports/report_pdf.hpp"
#include "core/reports/report_xlsx.hpp"

namespace wof::core {

std::optional<ReportFormat> parseReportFormat(std::string_view text) {
  for (const ReportFormat format : kReportFormats)
    if (toText(format) == text) return format;
  return std::nullopt;
}

std::string_view toText(ReportFormat format) {
  switch (format) {
    case ReportFormat::Csv:
      return "csv";
    case ReportFormat::SummaryCsv:
      return "summary-csv";
    case ReportFormat::Xlsx:
      return "xlsx";
    case ReportFormat::Pdf:
      break;
  }
  return "pdf";
}

std::string_view fileSuffix(ReportFormat format) {
  switch (format) {
    case ReportFormat::Csv:
      return ".csv";
    case ReportFormat::SummaryCsv:
      return "-summary.csv";
    case ReportFormat::Xlsx:
      return ".xlsx";
    case ReportFormat::Pdf:
      break;
  }
  return ".pdf";
}

ReportWrite writeReportFile(Store& store, ReportFormat format, const ReportFilter& filter,
                            const std::filesystem::path& photosDir, const std::filesystem::path& file) {
  ReportWrite result;
  if (format == ReportFormat::Csv) {
    // The raw export keeps hidden nominations (HR's full record); it needs no totals. Streamed in
    // pieces, so a million rows never sit in memory at once.
    result.error = writeFileDurably(
        file,
        [&](const ByteSink& sink) {
          result.nominations = writeNominationsCsv(store, filter.period, filter.site, filter.department, sink);
        },
        true);
    return result;
  }
  Report report;
  try {
    if (format == ReportFormat::Xlsx) {
      report = writeXlsxReport(store, filter, file);  // one pass: its rows stream into the sheet
    } else {
      report = buildReport(store, filter);
      if (format == ReportFormat::SummaryCsv) {
        result.error = writeFileDurably(file, exportSummaryCsv(report), true);
      } else {
        writePdfReport(report, photosDir, file);
      }
    }
  } catch (const std::runtime_error& error) {
    result.error = error.what();
  }
  result.nominations = report.nominations;
  result.periodLabel = report.periodLabel;
  result.scopeLabel = report.scopeLabel;
  return result;
}

}  // namespace wof::core
