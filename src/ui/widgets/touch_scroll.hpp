// Vertical touch scrolling for one viewport: drag to scroll, flick to coast to a stop, no
// scrollbar (a finger is the scrollbar). A mouse wheel works too, for desks and tests.
// Layer: ui.
#pragma once

#include <imgui.h>
#include <imgui_internal.h>

namespace wof::ui {

class TouchScroll {
 public:
  // Once per frame, before drawing what scrolls. `wheelStep`: pixels per wheel notch.
  void update(const ImRect& viewport, float contentHeight, double now, float wheelStep);
  // How far the content is scrolled up, in pixels.
  float offset() const { return m_offset; }
  // Coasting after a flick (while a finger drags, its moves bring their own frames).
  bool animating() const { return !m_dragging && m_velocity != 0.0f; }
  // More content below the viewport (draw a fade to hint at it).
  bool moreBelow() const { return m_offset < m_maxOffset - 0.5f; }
  void reset() { *this = TouchScroll(); }

 private:
  float m_offset = 0;
  float m_maxOffset = 0;
  float m_velocity = 0;  // px/s, positive scrolls content up
  float m_lastY = 0;
  double m_lastTime = 0;
  double m_lastMoveTime = 0;
  bool m_dragging = false;
};

}  // namespace wof::ui
