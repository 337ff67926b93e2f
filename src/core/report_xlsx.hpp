// The XLSX report (libxlsxwriter): sheets Nominations, By person, By behaviour, By department and
// By month, with typed cells, frozen headers and sized columns. Layer: core/report.
// User text is always written with worksheet_write_string, so "=1+2" stays text, never a formula.
#pragma once

#include <filesystem>

#include "core/report.hpp"

namespace wof::core {

// Writes `report` to `file` (replaced if present). Throws std::runtime_error naming the file when
// it cannot be written.
void writeXlsxReport(const Report& report, const std::filesystem::path& file);

}  // namespace wof::core
