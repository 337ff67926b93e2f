// Fuzz target: the CSV export's cell escaper (neutraliseFormula + csvQuote). The input is split
// into cells at 0x1F; the row written from them must read back as exactly those cells, and no
// cell may start with a character that makes a spreadsheet run it as a formula.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/reports/report_csv.hpp"
#include "core/roster/roster_csv.hpp"
#include "fuzz_check.hpp"

using namespace wof::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> cells;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = input.find('\x1F', start);
    cells.emplace_back(input.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  std::string row;
  std::vector<std::string> expected;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    expected.push_back(neutraliseFormula(cells[i]));
    if (i > 0) row += ',';
    row += csvQuote(expected.back());
  }
  row += "\r\n";
  // Two rows, so a cell that leaks past its row shows up as a wrong second record.
  const std::string file = row + row;

  for (const std::string& cell : expected) {
    WOF_FUZZ_CHECK(cell.empty() || std::string_view("=+-@\t\r").find(cell.front()) == std::string_view::npos);
  }
  std::vector<CsvRecord> records;
  std::string error;
  std::size_t errorLine = 0;
  WOF_FUZZ_CHECK(parseCsv(file, records, error, errorLine));
  const bool blank = expected.size() == 1 && expected[0].empty();  // an empty line is not a record
  WOF_FUZZ_CHECK(records.size() == (blank ? 0u : 2u));
  for (const CsvRecord& record : records) WOF_FUZZ_CHECK(record.fields == expected);
  return 0;
}
