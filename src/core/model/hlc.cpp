// Hybrid logical clock. Layer: core/sync.
#include "core/model/hlc.hpp"

#include <algorithm>

namespace wof::core {

std::uint64_t HybridClock::tick(TimeMs now) {
  const std::uint64_t physical = static_cast<std::uint64_t>(std::max<TimeMs>(now, 0)) << 16;
  // Wall clock ahead of everything seen: take it. Otherwise (clock stepped back, or a remote
  // stamp from a kiosk whose clock runs ahead) keep counting up from the last stamp.
  m_last = physical > m_last ? physical : m_last + 1;
  return m_last;
}

void HybridClock::observe(std::uint64_t remote) { m_last = std::max(m_last, remote); }

}  // namespace wof::core
