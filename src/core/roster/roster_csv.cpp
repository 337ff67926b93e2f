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

// Splitting the header three ways to find its separator must stay cheap for a hostile first line.
constexpr std::size_t kMaxHeaderBytes = 64 * 1024;
constexpr std::size_t kLatinName = kRosterColumns.size() - 1;
static_assert(kRosterColumns[kLatinName] == "latin_name");
// display_name, department, title, site, email and latin_name: free text, checked alike.
constexpr std::array<std::size_t, 6> kTextColumns = {1, 2, 3, 4, 5, kLatinName};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// What HR systems and spreadsheets write in a yes/no column: TRUE/FALSE, 1/0 or Y/N, and German
// and French Excel their own words for TRUE and FALSE.
constexpr std::array<std::pair<std::string_view, bool>, 12> kBooleanWords = {{
    {"yes", true}, {"no", false}, {"y", true}, {"n", false}, {"true", true}, {"false", false},
    {"1", true}, {"0", false}, {"wahr", true}, {"falsch", false}, {"vrai", true}, {"faux", false},
}};
constexpr std::string_view kBooleanHelp = "expected yes or no (or y/n, true/false, 1/0, wahr/falsch, vrai/faux)";

std::optional<bool> parseBoolean(std::string_view text) {
  const std::string value = lower(trim(text));
  for (const auto& [word, meaning] : kBooleanWords)
    if (value == word) return meaning;
  return std::nullopt;
}

struct Separator {
  char character;
  std::string_view said;  // in the import report
};
// The order breaks ties: a header of one column has no separator at all, and is read as CSV.
constexpr std::array<Separator, 3> kSeparators = {{
    {',', "comma"},
    {';', "semicolon (as Excel writes on PCs whose decimal mark is a comma: German, French, ...)"},
    {'\t', "tab"},
}};

// The first record of `text`: up to the first line end outside quotes.
std::string_view headerOf(std::string_view text) {
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    else if (!quoted && (text[i] == '\n' || text[i] == '\r')) return text.substr(0, i);
  }
  return text;
}

// The byte at `offset` as a person finds it: its line and its character on that line (1-based).
std::pair<std::size_t, std::size_t> lineAndCharacter(std::string_view bytes, std::size_t offset, bool utf8) {
  const std::string_view before = bytes.substr(0, offset);
  const std::size_t lineStart = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::string_view onLine = before.substr(lineStart);
  return {line, 1 + (utf8 ? countCodePoints(onLine) : onLine.size())};
}

// Whether valid UTF-8 around the invalid bytes holds multi-byte characters: then the file is
// UTF-8 with something else pasted in, and reading it as Windows-1252 would garble every accent.
bool hasUtf8Characters(std::string_view bytes) {
  while (!bytes.empty()) {
    const std::size_t valid = findInvalidUtf8(bytes).value_or(bytes.size());
    if (std::any_of(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(valid),
                    [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
      return true;
    bytes.remove_prefix(std::min(bytes.size(), valid + 1));
  }
  return false;
}

std::string hexByte(char byte) {
  constexpr std::string_view kDigits = "0123456789ABCDEF";
  const auto value = static_cast<unsigned char>(byte);
  return std::string("0x") + kDigits[value >> 4] + kDigits[value & 15];
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

bool parseCsv(std::string_view text, std::vector<CsvRecord>& records, std::string& error, std::size_t& errorLine,
              char separator) {
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
        if (i < n && text[i] != separator && text[i] != '\n' && text[i] != '\r') {
          error = "unexpected text after a closing quote";
          errorLine = line;
          return false;
        }
      } else {
        while (i < n && text[i] != separator && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"') {
            error = "a quote (\") inside an unquoted field; quote the whole field and double the quote";
            errorLine = line;
            return false;
          }
          field += text[i++];
        }
      }
      record.fields.push_back(std::move(field));
      if (i < n && text[i] == separator) {
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

RosterParse parseRosterCsv(std::string_view bytes, const RosterHeaders& headers) {
  RosterParse result;
  auto fail = [&result](std::size_t line, std::string column, std::string message) {
    result.problems.push_back({line, std::move(column), std::move(message)});
  };
  if (bytes.size() > kMaxRosterBytes) {
    fail(0, "", "the file is larger than " + std::to_string(kMaxRosterBytes / (1024 * 1024)) + " MB");
    return result;
  }

  // Encoding: UTF-8 (Excel's "CSV UTF-8" adds a BOM), else Windows-1252, Excel's plain "CSV" on
  // Western PCs. A file of UTF-8 characters with a stray byte is not guessed at.
  std::string readAs = "UTF-8";
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
    readAs = "UTF-8 with a byte-order mark";
  }
  if (const std::size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
    const auto [line, character] = lineAndCharacter(bytes, nul, true);
    fail(line, "", "contains a NUL byte (character " + std::to_string(character) +
                       "): is this a text file? Save the roster from the spreadsheet as \"CSV UTF-8\"");
    return result;
  }
  std::string recoded;
  if (const auto bad = findInvalidUtf8(bytes)) {
    if (hasUtf8Characters(bytes)) {
      const auto [line, character] = lineAndCharacter(bytes, *bad, true);
      fail(line, "", "character " + std::to_string(character) + " (byte " + hexByte(bytes[*bad]) +
                         ") is not valid UTF-8, though the rest of the file is: the file mixes two encodings; "
                         "save it again from the spreadsheet as \"CSV UTF-8\"");
      return result;
    }
    Recoded windows = windows1252ToUtf8(bytes);
    if (windows.badOffset) {
      const auto [badLine, badCharacter] = lineAndCharacter(bytes, *windows.badOffset, false);
      fail(badLine, "",
           "character " + std::to_string(badCharacter) + " (byte " + hexByte(bytes[*windows.badOffset]) +
               ") is neither UTF-8 nor Windows-1252; save the file from the spreadsheet as \"CSV UTF-8\"");
      return result;
    }
    recoded = std::move(windows.text);
    bytes = recoded;
    readAs = "Windows-1252, converted to UTF-8 (\"CSV UTF-8\" would also keep names in other scripts)";
  }

  const auto lines = static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n'));
  if (lines > kMaxRosterRows) {
    fail(0, "", "has " + std::to_string(lines) + " lines; a roster holds at most " + std::to_string(kMaxRosterRows) +
                    " employees");
    return result;
  }
  // Blank lines before the header are skipped, as parseCsv skips every blank line.
  const std::string_view headerLine = headerOf(bytes.substr(std::min(bytes.find_first_not_of("\r\n"), bytes.size())));
  if (headerLine.empty()) {
    fail(0, "", "the file is empty; expected the header " + std::string(kRosterHeader));
    return result;
  }
  if (headerLine.size() > kMaxHeaderBytes) {
    fail(0, "", "its first line is longer than " + std::to_string(kMaxHeaderBytes / 1024) +
                    " KiB: that is not a roster's header; expected " + std::string(kRosterHeader));
    return result;
  }

  // Separator: the one that splits the header into the most of the columns we look for; the
  // header's own quoting is respected ("Name; preferred" stays one column).
  std::array<std::string, kRosterColumns.size()> wanted;  // lower-case, as the header names each column
  for (std::size_t k = 0; k < kRosterColumns.size(); ++k) {
    const auto mapped = headers.find(kRosterColumns[k]);
    wanted[k] = lower(trim(mapped == headers.end() ? kRosterColumns[k] : std::string_view(mapped->second)));
  }
  const Separator* separator = &kSeparators[0];
  std::size_t mostFound = 0;
  for (const Separator& candidate : kSeparators) {
    std::vector<CsvRecord> header;
    std::string ignored;
    std::size_t ignoredLine = 0;
    if (!parseCsv(headerLine, header, ignored, ignoredLine, candidate.character) || header.empty()) continue;
    std::size_t found = 0;
    for (const std::string& name : wanted)
      found += std::any_of(header[0].fields.begin(), header[0].fields.end(),
                           [&name](const std::string& field) { return lower(trim(field)) == name; });
    if (found > mostFound) {
      mostFound = found;
      separator = &candidate;
    }
  }
  if (mostFound == 0) {
    std::string names;
    for (std::size_t k = 0; k < kRequiredRosterColumns; ++k) names += (k ? ", " : "") + wanted[k];
    fail(1, "", "the header has none of the roster's columns (" + names +
                    ") with a comma, a semicolon or a tab between them: check that this is the roster export, "
                    "saved as CSV; if HR's tool names the columns its own way, map them in fleet.toml's [roster] "
                    "table (employee_id = \"Worker ID\", ...)");
    return result;
  }
  readAs += "; separator: " + std::string(separator->said);
  if (!headers.empty()) {
    readAs += "; columns named in fleet.toml's [roster]:";
    for (const auto& [column, header] : headers) readAs += " " + column + " = \"" + header + "\"";
  }
  result.readAs = readAs;

  if (lines + static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), separator->character)) >
      kMaxRosterFields) {
    fail(0, "", "has more than " + std::to_string(kMaxRosterFields) + " fields (too many columns)");
    return result;
  }
  std::vector<CsvRecord> records;
  std::string error;
  std::size_t errorLine = 0;
  if (!parseCsv(bytes, records, error, errorLine, separator->character)) {
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
  std::array<std::optional<std::size_t>, kRosterColumns.size()> at{};
  for (std::size_t k = 0; k < kRosterColumns.size(); ++k) {
    if (const auto found = columnIndex.find(wanted[k]); found != columnIndex.end()) {
      at[k] = found->second;
    } else if (k < kRequiredRosterColumns) {
      const std::string column(kRosterColumns[k]);
      const auto mapped = headers.find(column);
      fail(records[0].line, column,
           mapped == headers.end()
               ? "the header has no column \"" + column + "\""
               : "the header has no column \"" + mapped->second + "\" (fleet.toml's [roster] key " + column +
                     " names it); correct the key, or the export's column");
    }
  }
  if (!result.problems.empty()) return result;

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
      return at[k] && *at[k] < record.fields.size() ? std::string(trim(record.fields[*at[k]])) : std::string();
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
    employee.latinName = field(kLatinName);
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
    for (const std::size_t k : kTextColumns) {
      if (countCodePoints(field(k)) > kMaxFieldChars)
        fail(record.line, std::string(kRosterColumns[k]),
             "is longer than " + std::to_string(kMaxFieldChars) + " characters");
      else if (field(k).find_first_of("\n\r") != std::string::npos)
        fail(record.line, std::string(kRosterColumns[k]), "contains a line break");
    }
    const auto active = parseBoolean(field(6));
    const auto consent = parseBoolean(field(7));
    if (!active) fail(record.line, "active", "is \"" + shown(field(6)) + "\"; " + std::string(kBooleanHelp));
    if (!consent) fail(record.line, "wall_consent", "is \"" + shown(field(7)) + "\"; " + std::string(kBooleanHelp));
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
