// One way to write any report file, shared by the `export` command and the kiosk's admin screen:
// the raw CSV, the summary CSV, the XLSX workbook or the PDF report. Layer: core/report.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/storage/store.hpp"

namespace wof::core {

enum class ReportFormat { Csv, SummaryCsv, Xlsx, Pdf };
inline constexpr ReportFormat kReportFormats[] = {ReportFormat::Csv, ReportFormat::SummaryCsv, ReportFormat::Xlsx,
                                                  ReportFormat::Pdf};

// "csv", "summary-csv", "xlsx", "pdf"; nullopt for anything else.
std::optional<ReportFormat> parseReportFormat(std::string_view text);
std::string_view toText(ReportFormat format);
// The file name ending: ".csv", "-summary.csv", ".xlsx", ".pdf".
std::string_view fileSuffix(ReportFormat format);

struct ReportWrite {
  std::string error;  // non-empty: nothing usable was written (names the file)
  std::int64_t nominations = 0;  // rows in the raw CSV (hidden ones included); counted ones otherwise
  std::string periodLabel;
  std::string scopeLabel;
};

// Writes the report `filter` covers to `file` (replacing it). `photosDir` is for the PDF's story
// photos. Never throws for a file that cannot be written: that comes back as `error`.
ReportWrite writeReportFile(Store& store, ReportFormat format, const ReportFilter& filter,
                            const std::filesystem::path& photosDir, const std::filesystem::path& file);

}  // namespace wof::core
