// Shared test helpers: a real temporary folder, file writing, a populated store.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/model.hpp"
#include "core/storage/store.hpp"

namespace wof::test {

// A fresh folder under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(std::string_view name) const { return m_path / name; }

 private:
  std::filesystem::path m_path;
};

void writeFile(const std::filesystem::path& file, std::string_view content);
std::string readFile(const std::filesystem::path& file);
// Names under `dir` (recursively) of temporaries a writer left behind: core::kOwnTempPrefix ones
// (the durable writer's) and any "*.tmp". Empty when every write put its file in place.
std::vector<std::string> leftoverTemporaries(const std::filesystem::path& dir);

core::Employee makeEmployee(std::string id, std::string name, std::string department = "Customer Support");

// Five people, including "José Núñez", "Zoë Ødegård" and one who declined the wall ("E5").
std::vector<core::Employee> sampleRoster();

// 2026-11-24T12:00:00Z, a fixed "now" for tests.
inline constexpr core::TimeMs kNow = 1'795'521'600'000;

inline const std::string kGoodStory =
    "Stayed late to rebook a stranded customer's whole family onto the morning flight.";

}  // namespace wof::test
