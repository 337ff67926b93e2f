// Writes the demo share: portraits on a few threads, then the roster CSV and fleet.toml, each
// replaced atomically so that a kiosk reading the share never sees half a file.
// Layer: demo.
//
// Index of this file:
//   [SECTION] share writer   photo kinds, the photo threads, atomic writes, roster CSV, fleet.toml
//   [SECTION] public API     demoFleetToml, writeDemoShare
#include "demo/demo_share.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstddef>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include "core/model/nomination_rules.hpp"
#include "core/photos/photo.hpp"
#include "core/roster/roster_csv.hpp"
#include "core/util/files.hpp"
#include "demo/demo_portraits.hpp"
#include "demo/demo_roster.hpp"

namespace wof::core {
namespace {

using namespace demo_detail;

// [SECTION] share writer

constexpr int kDemoPhotoSide = 512;
constexpr int kDemoJpegQuality = 88;
constexpr unsigned kMaxPhotoThreads = 8;

enum class PhotoKind { Jpeg, Png, None };

// Spread over the roster: five people without a photo, about a fifth of the rest as PNG.
PhotoKind demoPhotoKind(std::size_t index) {
  if (index % 12 == 5) return PhotoKind::None;
  if (index % 5 == 2) return PhotoKind::Png;
  return PhotoKind::Jpeg;
}

// Rendering dominates the time taken, and portraits are independent, so a few threads share them.
void writeDemoPhotos(const std::filesystem::path& photosDir, const std::vector<Employee>& roster) {
  std::vector<std::string> problems(roster.size());
  std::atomic<std::size_t> nextIndex{0};
  const auto drawAndWrite = [&] {
    for (std::size_t i = nextIndex++; i < roster.size(); i = nextIndex++) {
      const PhotoKind kind = demoPhotoKind(i);
      if (kind == PhotoKind::None) continue;
      const std::filesystem::path file = photosDir / (roster[i].id + (kind == PhotoKind::Png ? ".png" : ".jpg"));
      try {
        if (!writeImage(file, renderDemoPortrait(roster[i], kDemoPhotoSide), kDemoJpegQuality)) {
          problems[i] = "cannot write " + file.string();
        }
      } catch (const std::exception& error) {  // an exception must not escape a thread
        problems[i] = "cannot write " + file.string() + ": " + error.what();
      }
    }
  };
  {
    const unsigned threadCount = std::clamp(std::thread::hardware_concurrency(), 1u, kMaxPhotoThreads);
    std::vector<std::jthread> threads;
    for (unsigned t = 1; t < threadCount; ++t) threads.emplace_back(drawAndWrite);
    drawAndWrite();
  }  // the jthreads join here
  for (const std::string& problem : problems) {
    if (!problem.empty()) throw std::runtime_error(problem);
  }
}

void createFolder(const std::filesystem::path& folder) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) throw std::runtime_error("cannot create folder " + folder.string() + ": " + error.message());
}

// Writes next to the target and renames over it, so a kiosk reading the share never sees half a
// roster (a shortened but well-formed CSV would deactivate everyone it lost).
void writeFileAtomically(const std::filesystem::path& file, std::string_view contents) {
  const std::string error = writeFileDurably(file, contents, /*replace=*/true);
  if (!error.empty()) throw std::runtime_error("cannot write " + file.string() + ": " + error);
}

std::string rosterCsv(const std::vector<Employee>& roster) {
  std::string csv(kRosterHeader);
  csv += ",latin_name\n";  // the optional column: how some demo colleagues spell their names in Latin
  for (const Employee& employee : roster) {
    const std::array<std::string_view, 9> fields = {employee.id,
                                                    employee.displayName,
                                                    employee.department,
                                                    employee.title,
                                                    employee.site,
                                                    employee.email,
                                                    employee.active ? "yes" : "no",
                                                    employee.wallConsent ? "yes" : "no",
                                                    employee.latinName};
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) csv += ',';
      csv += csvQuote(fields[i]);
    }
    csv += '\n';
  }
  return csv;
}

// A TOML basic string: quotes, backslashes and control characters escaped.
std::string tomlString(std::string_view text) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7F) {
      out += "\\u00";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

std::string fleetToml() {
  std::string toml =
      "# Fleet-wide settings for every Wall of Fame kiosk that reads this share.\n"
      "# Written by `wall-of-fame demo-data`; edit freely. Kiosks pick up changes on their next sync.\n"
      "\n"
      "# \"auto\": nominations go on the wall at once (HR can still hide them);\n"
      "# \"hr\": they wait in the moderation queue until HR approves them.\n"
      "moderation = \"auto\"\n"
      "\n"
      "# Nominations one person may make per day (UTC).\n"
      "daily_cap = " +
      std::to_string(kDemoDailyCap) +
      "\n"
      "\n"
      "# Shown across the top of the wall.\n"
      "banner = " +
      tomlString("Who put the customer first this week? Tap “Recognise a colleague” and tell their story.") +
      "\n"
      "\n"
      "# The behaviours people are recognised for, in display order. `key` is stable: exports and the\n"
      "# command line use it, so rename a title freely but never reuse a key for something else.\n";
  for (const Behaviour& behaviour : defaultBehaviours()) {
    toml += "\n[[behaviours]]\n";
    toml += "key = " + tomlString(behaviour.key) + "\n";
    toml += "title = " + tomlString(behaviour.title) + "\n";
    toml += "description = " + tomlString(behaviour.description) + "\n";
  }
  return toml;
}

}  // namespace

// [SECTION] public API

std::string demoFleetToml() { return fleetToml(); }

void writeDemoShare(const std::filesystem::path& dir) {
  const std::filesystem::path rosterDir = dir / "roster";
  const std::filesystem::path photosDir = rosterDir / "photos";
  createFolder(photosDir);
  const std::vector<Employee> roster = demoRoster();

  // Photos first: when the roster appears, its photos are already there to import.
  writeDemoPhotos(photosDir, roster);
  writeFileAtomically(rosterDir / "employees.csv", rosterCsv(roster));
  writeFileAtomically(dir / "fleet.toml", fleetToml());
}

}  // namespace wof::core
