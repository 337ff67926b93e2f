// Reading back what the report writers made: an XLSX's sheet XML (via unzip), its numeric cells,
// a PDF's page count (via pdftoppm). Used by the report tests on hand-made and on demo data.
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <regex>
#include <string>

#include "support/test_support.hpp"

namespace wof::test {


inline std::string shellQuote(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// One member of a zip file, via unzip(1).
inline std::string unzipMember(const std::filesystem::path& zip, const std::string& member, const TempDir& dir) {
  const auto out = dir / "member.xml";
  const std::string command = "unzip -p " + shellQuote(zip.string()) + " " + shellQuote(member) + " > " +
                              shellQuote(out.string()) + " 2>/dev/null";
  REQUIRE_MESSAGE(std::system(command.c_str()) == 0, "unzip failed for " << member);
  return readFile(out);
}

// Numeric cells of one column, by row number (string cells carry t="s" and are left out).
inline std::map<int, double> numbersInColumn(const std::string& sheetXml, char column) {
  std::map<int, double> values;
  const std::regex cell(std::string("<c r=\"") + column + "([0-9]+)\"(?: s=\"[0-9]+\")?><v>([-0-9.eE]+)</v></c>");
  for (auto it = std::sregex_iterator(sheetXml.begin(), sheetXml.end(), cell); it != std::sregex_iterator(); ++it)
    values[std::stoi((*it)[1])] = std::stod((*it)[2]);
  return values;
}

inline int countPages(const std::filesystem::path& pdf, const TempDir& dir) {
  const auto prefix = dir / "page";
  const std::string command = "pdftoppm -r 20 -png " + shellQuote(pdf.string()) + " " + shellQuote(prefix.string());
  REQUIRE_MESSAGE(std::system(command.c_str()) == 0, "pdftoppm could not render " << pdf.string());
  int pages = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
    pages += entry.path().filename().string().rfind("page", 0) == 0 && entry.path().extension() == ".png";
  return pages;
}

inline void keep(const std::filesystem::path& file) {
  if (const char* folder = std::getenv("WOF_KEEP_REPORTS"); folder && *folder)
    std::filesystem::copy_file(file, std::filesystem::path(folder) / file.filename(),
                               std::filesystem::copy_options::overwrite_existing);
}

}  // namespace wof::test
