// Fuzz target: the roster CSV reader (parseRosterCsv, parseCsv) and the quoting it shares with
// the exports.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/roster/roster_csv.hpp"
#include "core/util/text.hpp"
#include "fuzz_check.hpp"

using namespace wof::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const RosterParse roster = parseRosterCsv(bytes);
  if (roster.ok()) {
    WOF_FUZZ_CHECK(!roster.employees.empty());
    for (const Employee& employee : roster.employees) {
      WOF_FUZZ_CHECK(!employee.id.empty() && !employee.displayName.empty());
      for (const std::string* text : {&employee.displayName, &employee.department, &employee.title, &employee.site,
                                      &employee.email, &employee.latinName})
        WOF_FUZZ_CHECK(!findInvalidUtf8(*text) && text->find_first_of("\r\n") == std::string::npos);
    }
  } else {
    WOF_FUZZ_CHECK(roster.employees.empty() || !roster.problems.empty());
    WOF_FUZZ_CHECK(!describeProblems(roster.problems, "employees.csv").empty());
  }

  // Whatever parseCsv reads, writing it back with csvQuote and reading again gives the same records.
  std::vector<CsvRecord> records;
  std::string error;
  std::size_t errorLine = 0;
  if (!parseCsv(bytes, records, error, errorLine)) {
    WOF_FUZZ_CHECK(!error.empty() && errorLine >= 1);
    return 0;
  }
  std::string written;
  for (const CsvRecord& record : records) {
    for (std::size_t f = 0; f < record.fields.size(); ++f) {
      if (f > 0) written += ',';
      written += csvQuote(record.fields[f]);
    }
    written += "\r\n";
  }
  std::vector<CsvRecord> again;
  WOF_FUZZ_CHECK(parseCsv(written, again, error, errorLine));
  WOF_FUZZ_CHECK(again.size() == records.size());
  for (std::size_t r = 0; r < records.size(); ++r) WOF_FUZZ_CHECK(again[r].fields == records[r].fields);
  return 0;
}
