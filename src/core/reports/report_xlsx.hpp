// The XLSX report (libxlsxwriter): sheets Nominations, By person, By behaviour, By department and
// By month, with typed cells, frozen headers and sized columns. Layer: core/report.
// User text is always written with worksheet_write_string, so "=1+2" stays text, never a formula.
#pragma once

#include <filesystem>

#include "core/reports/report.hpp"

namespace wof::core {

// Writes the report of what `filter` covers to `file` (replaced if present) in one pass over the
// store: the Nominations sheet streams from the rows while buildReport totals them, so memory
// does not grow with rows. Returns the report. Throws std::runtime_error naming the file when it
// cannot be written.
Report writeXlsxReport(Store& store, const ReportFilter& filter, const std::filesystem::path& file);

}  // namespace wof::core
