// The kiosk's look: fonts (DejaVu Sans, with the accented Latin and Vietnamese glyphs that names
// need) at sizes scaled to the screen, a warm high-contrast palette and touch-sized metrics.
// Layer: ui. Built once after the window opens and before the first frame.
#pragma once

#include <filesystem>
#include <string_view>

#include <imgui.h>

#include "ui/widgets/shaped_text.hpp"

namespace wof::ui {

struct Fonts {
  ImFont* small = nullptr;     // captions, departments
  ImFont* body = nullptr;
  ImFont* bodyBold = nullptr;  // names in lists, buttons
  ImFont* lead = nullptr;      // story text on the spotlight
  ImFont* heading = nullptr;
  ImFont* display = nullptr;   // the title and the spotlight's name
  ImFont* initials = nullptr;  // capitals only, for the largest initials avatars
};

struct Palette {
  ImU32 background;
  ImU32 surface;       // cards
  ImU32 surfacePressed;
  ImU32 text;
  ImU32 textMuted;
  ImU32 accent;        // buttons, active page dot
  ImU32 onAccent;      // text on accent
  ImU32 badge;         // behaviour badge background
  ImU32 onBadge;
  ImU32 count;         // recognition count badges
  ImU32 onCount;
  ImU32 divider;
  ImU32 champion;       // the Customer Champion's medal and label
  ImU32 onChampion;
  ImU32 championSurface;  // a champion's card (used for nothing else: tests look for it)
  ImU32 shadow;
};

class Theme {
 public:
  // `scale` is 1.0 for a 1080 px short side. `atlasCache`: where the built font atlas is kept
  // between starts (none when empty). Throws std::runtime_error when a font is missing.
  explicit Theme(float scale, const std::filesystem::path& atlasCache = {});

  float scale() const { return m_scale; }
  // A length designed at 1080p, in pixels for this screen.
  float px(float designPixels) const { return designPixels * m_scale; }
  const Fonts& fonts() const { return m_fonts; }
  const Palette& palette() const { return m_palette; }
  // A calm colour for an initials avatar, the same for an id on every kiosk.
  ImU32 avatarColour(std::string_view id) const;

 private:
  ShapedTextScope m_shapedText;  // first: the fonts register with it
  float m_scale;
  Fonts m_fonts;
  Palette m_palette;
};

}  // namespace wof::ui
