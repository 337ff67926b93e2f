// Writing a report file in any format. Layer: core/report.
#include "core/report_export.hpp"

#include <stdexcept>

#include "core/journal.hpp"
#include "core/report.hpp"
#include "core/report_csv.hpp"
#include "core/report_pdf.hpp"
#include "core/report_xlsx.hpp"

namespace wof::core {

std::optional<ReportFormat> parseReportFormat(std::string_view text) {
  for (const ReportFormat format : {ReportFormat::Csv, ReportFormat::SummaryCsv, ReportFormat::Xlsx, ReportFormat::Pdf})
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
    // The raw export keeps hidden nominations (HR's full record); it needs no totals.
    const std::vector<ReportRow> rows = store.reportRows(filter, /*includeHidden=*/true);
    result.nominations = static_cast<std::int64_t>(rows.size());
    result.error = writeFileDurably(file, exportNominationsCsv(rows), true);
    return result;
  }
  const Report report = buildReport(store, filter);
  result.nominations = report.nominations;
  result.periodLabel = report.periodLabel;
  result.scopeLabel = report.scopeLabel;
  try {
    if (format == ReportFormat::SummaryCsv) {
      result.error = writeFileDurably(file, exportSummaryCsv(report), true);
    } else if (format == ReportFormat::Xlsx) {
      writeXlsxReport(report, file);
    } else {
      writePdfReport(report, photosDir, file);
    }
  } catch (const std::runtime_error& error) {
    result.error = error.what();
  }
  return result;
}

}  // namespace wof::core
