// Reads HR's roster export (roster/employees.csv) as HR tools write it: RFC 4180 quoting, with
// commas, semicolons or tabs between fields (found from the header), UTF-8 with or without a BOM
// or else Windows-1252, CRLF or LF. Layer: core. A file with any bad row is rejected whole, with
// a report naming each problem.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/model.hpp"

namespace wof::core {

// The required columns (kRosterColumns). An optional latin_name column gives a person's own Latin
// spelling of a name in another script ("Sato Hanako" for 佐藤 花子), for search from a Latin keyboard.
inline constexpr std::string_view kRosterHeader =
    "employee_id,display_name,department,title,site,email,active,wall_consent";
inline constexpr std::size_t kMaxRosterBytes = 64u * 1024u * 1024u;
// Splitting a file costs about 40 bytes per field however short: these keep a hostile file of
// nothing but separators (",,,,\n" x millions) from costing gigabytes.
inline constexpr std::size_t kMaxRosterRows = 300'000;
inline constexpr std::size_t kMaxRosterFields = 4'000'000;
// A rejected roster lists about this many problems, then says how many rows it did not check.
inline constexpr std::size_t kMaxReportedProblems = 50;

struct RosterProblem {
  std::size_t line = 0;  // 1-based line in the file where the record starts; 0 for the file itself
  std::string column;    // empty when the problem is not about one column
  std::string message;
};

struct RosterParse {
  std::vector<Employee> employees;
  std::vector<RosterProblem> problems;
  // How the file was read, for the import report: "UTF-8; separator: semicolon (as Excel writes
  // ...)". Set once the header is found, also when a row is then refused.
  std::string readAs;
  bool ok() const { return problems.empty(); }
};

// Parses and validates the whole file, its columns named as `headers` (fleet.toml's [roster]) says.
// When problems is non-empty, employees must not be used.
RosterParse parseRosterCsv(std::string_view bytes, const RosterHeaders& headers = {});

// "line 7, column email: ..." one problem per line, for people and logs.
std::string describeProblems(const std::vector<RosterProblem>& problems, std::string_view fileName);

// Splits RFC 4180 text (fields between `separator`s) into records; records[i].line is where the
// record starts. Returns false and sets `error`/`errorLine` for an unterminated quote or a stray
// quote inside an unquoted field.
struct CsvRecord {
  std::size_t line = 0;
  std::vector<std::string> fields;
};
bool parseCsv(std::string_view text, std::vector<CsvRecord>& records, std::string& error, std::size_t& errorLine,
              char separator = ',');

// Quotes a field for CSV output when it holds a comma, quote, CR or LF.
std::string csvQuote(std::string_view field);

}  // namespace wof::core
