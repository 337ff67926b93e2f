// The built font atlas kept on disk: FreeType's glyphs packed into one texture, and each font's
// glyph metrics. Rasterising thousands of glyphs at seven sizes is the largest step of a kiosk's
// start after opening its window; a later start with the same fonts reads the result instead.
// Keyed by everything the build depends on (ImGui's version, the atlas and builder settings, and
// per font its file's bytes, pixel size, glyph ranges and options); anything else in the file,
// or a file cut short, is ignored and the atlas built again. Layer: ui. The file is this
// machine's own (native byte order), never shared.
#pragma once

#include <filesystem>
#include <string>

#include <imgui.h>

namespace wof::ui {

// The key of `atlas` as its fonts were added (before Build()).
std::string fontAtlasKey(const ImFontAtlas& atlas);

// Fills `atlas` (fonts added, not built) from `file` when it holds a build for `key`: the atlas
// is then built. Returns false, leaving the atlas as it was, when the file is missing, for
// another key, or damaged; `why` says which (empty when missing).
bool loadFontAtlas(ImFontAtlas& atlas, const std::filesystem::path& file, const std::string& key, std::string& why);

// Writes the built `atlas` to `file` (a temporary file renamed over it). Returns why it could
// not, or an empty string.
std::string saveFontAtlas(const ImFontAtlas& atlas, const std::filesystem::path& file, const std::string& key);

}  // namespace wof::ui
