// Shared test helpers.
#include "support/test_support.hpp"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/util/files.hpp"

namespace wof::test {

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  m_path = std::filesystem::temp_directory_path() /
           ("wof-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(m_path);
  std::filesystem::create_directories(m_path);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(m_path, ignored);
}

void writeFile(const std::filesystem::path& file, std::string_view content) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

std::string readFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

core::Employee makeEmployee(std::string id, std::string name, std::string department) {
  core::Employee employee;
  employee.id = std::move(id);
  employee.displayName = std::move(name);
  employee.department = std::move(department);
  employee.title = "Advisor";
  employee.site = "Lyon";
  employee.email = employee.id + "@example.com";
  return employee;
}

std::vector<core::Employee> sampleRoster() {
  std::vector<core::Employee> roster = {
      makeEmployee("E1", "José Núñez"),
      makeEmployee("E2", "Zoë Ødegård", "Engineering"),
      makeEmployee("E3", "Seán O'Brien", "Sales"),
      makeEmployee("E4", "Nguyễn Thị Lan", "Finance"),
      makeEmployee("E5", "Private Person", "Sales"),
  };
  roster[4].wallConsent = false;
  return roster;
}

std::vector<std::string> leftoverTemporaries(const std::filesystem::path& dir) {
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(core::kOwnTempPrefix) || entry.path().extension() == ".tmp")
      found.push_back(entry.path().lexically_relative(dir).string());
  }
  return found;
}

}  // namespace wof::test
