// Where the kiosk's assets are found at run time: as asked, $WOF_ASSETS_DIR (packagers), installed
// beside the program, or the source tree while developing. Layer: ui.
#pragma once

#include <filesystem>

namespace wof::ui {

// The folder of <language>.toml screen words: `asked` when not empty, else $WOF_ASSETS_DIR/strings,
// else <prefix>/share/wall-of-fame/strings beside the program (so an unpacked package works from
// any root), else the source tree's assets/strings.
std::filesystem::path stringsDirectory(const std::filesystem::path& asked);

}  // namespace wof::ui
