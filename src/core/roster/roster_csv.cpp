// Roster CSV reading and validation. Layer: core.
#include "core/roster/roster_csv.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <unordered_map>

#include "core/util/text.hpp"

namespace wof::core {

namespace {

constexpr std::size_t kMaxFieldChars = 200;
constexpr std::size_t kMaxEmployeeIdChars = 64;

constexpr std::string_view kLatinNameColumn = "latin_name";

constexpr std::array<std::string_view, 8> kColumns = {"employee_id", "display_name", "department", "title",
                                                      "site",        "email",        "active",     "wall_consent"};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::optional<bool> parseYesNo(std::string_view text) {
  const std::string value = lower(trim(text));
  if (value == "yes") return true;
  if (value == "no") return false;
  return std::nullopt;
}

// A value quoted in a problem report: at most 40 characters, so that a 1 MB field does not make
// a 1 MB message (or 200,000 of them).
std::string shown(std::string_view value) {
  constexpr std::size_t kShownChars = 40;
  if (countCodePoints(value) <= kShownChars) return std::string(value);
  std::string out;
  std::size_t pos = 0;
  for (std::size_t n = 0; n < kShownChars && pos < value.size(); ++n) appendUtf8(out, decodeUtf8(value, pos));
  return out + "\u2026";
}

bool isValidEmployeeId(std::string_view id) {
  if (id.empty() || id.size() > kMaxEmployeeIdChars) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
  }) && id != "." && id != "..";
}

}  // namespace

bool parseCsv(std::string_view text, std::vector<CsvRecord>& records, std::string& error, std::size_t& errorLine) {
  records.clear();
  std::size_t line = 1;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    CsvRecord record;
    record.line = line;
    for (;;) {  // one field per iteration
      std::string field;
      if (i < n && text[i] == '"') {
        const std::size_t quoteLine = line;
        ++i;
        for (;;) {
          if (i >= n) {
            error = "a quoted field is never closed (missing \")";
            errorLine = quoteLine;
            return false;
          }
          if (text[i] == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (text[i] == '\n') ++line;
          field += text[i++];
        }
        if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          error = "unexpected text after a closing quote";
          errorLine = line;
          return false;
        }
      } else {
        while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"') {
            error = "a quote (\") inside an unquoted field; quote the whole field and double the quote";
            errorLine = line;
            return false;
          }
          field += text[i++];
        }
      }
      record.fields.push_back(std::move(field));
      if (i < n && text[i] == ',') {
        ++i;
        continue;
      }
      break;
    }
    if (i < n && text[i] == '\r') ++i;
    if (i < n && text[i] == '\n') {
      ++i;
      ++line;
    }
    // A blank line (one empty field) is not a record.
    if (!(record.fields.size() == 1 && record.fields[0].empty())) records.push_back(std::move(record));
  }
  return true;
}

RosterParse parseRosterCsv(std::string_view bytes) {
  RosterParse result;
  auto fail = [&result](std::size_t line, std::string column, std::string message) {
    result.problems.push_back({line, std::move(column), std::move(message)});
  };
  if (bytes.size() > kMaxRosterBytes) {
    fail(0, "", "the file is larger than " + std::to_string(kMaxRosterBytes / (1024 * 1024)) + " MB");
    return result;
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (const auto bad = findInvalidUtf8(bytes)) {
    const std::size_t line = 1 + static_cast<std::size_t>(std::count(bytes.begin(), bytes.begin() + *bad, '\n'));
    fail(line, "", bytes[*bad] == '\0' ? "contains a NUL byte" : "is not valid UTF-8 (save the file as UTF-8)");
    return result;
  }
  const auto lines = static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n'));
  if (lines > kMaxRosterRows) {
    fail(0, "", "has " + std::to_string(lines) + " lines; a roster holds at most " + std::to_string(kMaxRosterRows) +
                    " employees");
    return result;
  }
  if (lines + static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), ',')) > kMaxRosterFields) {
    fail(0, "", "has more than " + std::to_string(kMaxRosterFields) + " fields (too many columns)");
    return result;
  }
  std::vector<CsvRecord> records;
  std::string error;
  std::size_t errorLine = 0;
  if (!parseCsv(bytes, records, error, errorLine)) {
    fail(errorLine, "", error);
    return result;
  }
  if (records.empty()) {
    fail(0, "", "the file is empty; expected the header " + std::string(kRosterHeader));
    return result;
  }

  // Header: every required column, in any order; extra columns are ignored.
  std::unordered_map<std::string, std::size_t> columnIndex;
  for (std::size_t c = 0; c < records[0].fields.size(); ++c)
    columnIndex.emplace(lower(trim(records[0].fields[c])), c);
  std::array<std::size_t, kColumns.size()> at{};
  for (std::size_t k = 0; k < kColumns.size(); ++k) {
    const auto found = columnIndex.find(std::string(kColumns[k]));
    if (found == columnIndex.end()) {
      fail(records[0].line, std::string(kColumns[k]), "the header has no column \"" + std::string(kColumns[k]) + "\"");
    } else {
      at[k] = found->second;
    }
  }
  if (!result.problems.empty()) return result;
  // Optional: the person's own Latin spelling, for names in other scripts (older rosters lack it).
  const auto latinNameColumn = columnIndex.find(std::string(kLatinNameColumn));

  std::map<std::string, std::size_t> firstLineOfId;
  for (std::size_t r = 1; r < records.size(); ++r) {
    // A report is for a person to read: the first rows' problems, then a count of the rest.
    if (result.problems.size() >= kMaxReportedProblems) {
      const std::size_t unreported = records.size() - r;
      fail(0, "", "and up to " + std::to_string(unreported) + " more rows not checked; fix the rows above first");
      break;
    }
    const CsvRecord& record = records[r];
    auto field = [&](std::size_t k) -> std::string {
      return at[k] < record.fields.size() ? std::string(trim(record.fields[at[k]])) : std::string();
    };
    if (record.fields.size() != records[0].fields.size()) {
      fail(record.line, "", "has " + std::to_string(record.fields.size()) + " fields; the header has " +
                                std::to_string(records[0].fields.size()));
      continue;
    }
    Employee employee;
    employee.id = field(0);
    employee.displayName = field(1);
    employee.department = field(2);
    employee.title = field(3);
    employee.site = field(4);
    employee.email = field(5);
    if (latinNameColumn != columnIndex.end()) employee.latinName = trim(record.fields[latinNameColumn->second]);
    const std::size_t problemsBefore = result.problems.size();
    if (!isValidEmployeeId(employee.id)) {
      fail(record.line, "employee_id",
           employee.id.empty() ? "is empty"
                               : "\"" + shown(employee.id) + "\" may only use letters, digits, '-', '_' and '.' (at most 64)");
    } else if (const auto [it, inserted] = firstLineOfId.emplace(employee.id, record.line); !inserted) {
      fail(record.line, "employee_id",
           "\"" + employee.id + "\" appears twice (first on line " + std::to_string(it->second) + ")");
    }
    if (employee.displayName.empty()) fail(record.line, "display_name", "is empty");
    for (std::size_t k = 1; k <= 5; ++k) {
      if (countCodePoints(field(k)) > kMaxFieldChars)
        fail(record.line, std::string(kColumns[k]), "is longer than " + std::to_string(kMaxFieldChars) + " characters");
      else if (field(k).find_first_of("\n\r") != std::string::npos)
        fail(record.line, std::string(kColumns[k]), "contains a line break");
    }
    if (countCodePoints(employee.latinName) > kMaxFieldChars)
      fail(record.line, std::string(kLatinNameColumn), "is longer than " + std::to_string(kMaxFieldChars) + " characters");
    else if (employee.latinName.find_first_of("\n\r") != std::string::npos)
      fail(record.line, std::string(kLatinNameColumn), "contains a line break");
    const auto active = parseYesNo(field(6));
    const auto consent = parseYesNo(field(7));
    if (!active) fail(record.line, "active", "is \"" + shown(field(6)) + "\"; expected yes or no");
    if (!consent) fail(record.line, "wall_consent", "is \"" + shown(field(7)) + "\"; expected yes or no");
    if (result.problems.size() != problemsBefore) continue;
    employee.active = *active;
    employee.wallConsent = *consent;
    result.employees.push_back(std::move(employee));
  }
  if (result.problems.empty() && result.employees.empty())
    fail(0, "", "has a header but no employees; an empty roster would deactivate everyone");
  return result;
}

std::string describeProblems(const std::vector<RosterProblem>& problems, std::string_view fileName) {
  std::string out;
  for (const RosterProblem& problem : problems) {
    out += fileName;
    if (problem.line > 0) out += ", line " + std::to_string(problem.line);
    if (!problem.column.empty()) out += ", column " + problem.column;
    out += ": " + problem.message + "\n";
  }
  return out;
}

std::string csvQuote(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (const char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace wof::core
