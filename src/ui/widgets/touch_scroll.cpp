// Drag-and-flick scrolling with exponential friction. Layer: ui.
#include "ui/widgets/touch_scroll.hpp"

#include <algorithm>
#include <cmath>

namespace wof::ui {

namespace {
constexpr float kFriction = 3.5f;      // per second: a flick coasts for about a second
constexpr float kStopSpeed = 12.0f;    // px/s below which coasting stops
constexpr double kFlickWindow = 0.08;  // a finger that rested this long before lifting doesn't flick
}  // namespace

void TouchScroll::update(const ImRect& viewport, float contentHeight, double now, float wheelStep) {
  const ImGuiIO& io = ImGui::GetIO();
  const float dt = static_cast<float>(std::clamp(now - m_lastTime, 0.0, 0.1));
  m_lastTime = now;
  m_maxOffset = std::max(0.0f, contentHeight - viewport.GetHeight());

  if (ImGui::IsMouseClicked(0) && viewport.Contains(io.MousePos)) {
    m_dragging = true;
    m_velocity = 0;
    m_lastY = io.MousePos.y;
  }
  if (m_dragging && io.MouseDown[0]) {
    const float dy = io.MousePos.y - m_lastY;
    m_lastY = io.MousePos.y;
    m_offset -= dy;
    if (dy != 0.0f && dt > 0.0f) {
      m_velocity = 0.7f * (-dy / dt) + 0.3f * m_velocity;
      m_lastMoveTime = now;
    }
  } else if (m_dragging) {
    m_dragging = false;
    if (now - m_lastMoveTime > kFlickWindow) m_velocity = 0;
  } else if (m_velocity != 0.0f) {
    m_offset += m_velocity * dt;
    m_velocity *= std::exp(-kFriction * dt);
    if (std::fabs(m_velocity) < kStopSpeed) m_velocity = 0;
  }
  if (io.MouseWheel != 0.0f && viewport.Contains(io.MousePos)) m_offset -= io.MouseWheel * wheelStep;

  if (m_offset < 0 || m_offset > m_maxOffset) {
    m_offset = std::clamp(m_offset, 0.0f, m_maxOffset);
    if (!m_dragging) m_velocity = 0;
  }
}

}  // namespace wof::ui
