// The assets lookup (see assets.hpp): the one place src/ui reads $WOF_ASSETS_DIR, a packager's
// runtime setting. Layer: ui.
#include "ui/assets.hpp"

#include <cstdlib>
#include <system_error>

namespace wof::ui {

std::filesystem::path stringsDirectory(const std::filesystem::path& asked) {
  if (!asked.empty()) return asked;
  if (const char* assets = std::getenv("WOF_ASSETS_DIR"); assets && *assets) return std::filesystem::path(assets) / "strings";
  std::error_code error;
  const std::filesystem::path program = std::filesystem::read_symlink("/proc/self/exe", error);
  const std::filesystem::path installed = program.parent_path().parent_path() / "share" / "wall-of-fame" / "strings";
  if (!error && std::filesystem::is_directory(installed, error)) return installed;
  return std::filesystem::path(WOF_SOURCE_ASSETS_DIR) / "strings";
}

}  // namespace wof::ui
