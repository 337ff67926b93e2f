// The PDF report for the leadership meeting and the printable winner certificate (cairo, Pango).
// Layer: core/report. A4 landscape, made to be shown on a screen or printed; photos come from
// the kiosk's photo folder through readRegularFile + decodePhoto.
#pragma once

#include <filesystem>

#include "core/model/model.hpp"
#include "core/reports/report.hpp"

namespace wof::core {

// Title page (period, scope, totals), charts by behaviour and department, the monthly trend, the
// most recognised people and a selection of approved stories with photos. Only people who agreed
// to the wall appear in the stories. Throws std::runtime_error naming the file on failure.
void writePdfReport(const Report& report, const std::filesystem::path& photosDir, const std::filesystem::path& file);

// One page: "Customer Champion of the month", the period, the winner's name, photo, behaviour
// and citation; the award's date in `zone`. Throws std::runtime_error naming the file on failure.
void writeWinnerCertificate(const Winner& winner, const std::filesystem::path& photosDir,
                            const std::filesystem::path& file, const TimeZone& zone = TimeZone::utc());

}  // namespace wof::core
