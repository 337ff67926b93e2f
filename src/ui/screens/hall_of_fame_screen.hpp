// The Hall of Fame: every month's Customer Champions, newest month first, one tap from the wall.
// Layer: ui. Draws from a read-only view and returns what a person asked for.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model/model.hpp"
#include "ui/strings.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/touch_scroll.hpp"

namespace wof::ui {

class PhotoCache;

struct HallOfFameView {
  const std::vector<core::Winner>& winners;  // newest period first (Store::hallOfFame)
  const core::Strings& text;
};

struct HallOfFameIntent {
  bool back = false;
  std::optional<std::string> openPerson;  // employee id: show their story wall
};

class HallOfFameScreen {
 public:
  HallOfFameIntent draw(const HallOfFameView& view, const Theme& theme, PhotoCache& photos, double now);
  bool animating() const { return m_scroll.animating(); }
  void reset() { m_scroll.reset(); }

 private:
  TouchScroll m_scroll;
};

}  // namespace wof::ui
