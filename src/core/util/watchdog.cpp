// The watchdog's ping timing. Layer: core.
#include "core/util/watchdog.hpp"

#include <algorithm>

namespace wof::core {

WatchdogTimer::WatchdogTimer(std::optional<std::chrono::microseconds> timeout, double now) {
  if (timeout && timeout->count() > 0) m_interval = std::chrono::duration<double>(*timeout).count() / 2;
  m_dueAt = now + m_interval;
}

double WatchdogTimer::capWait(double wait, double now) const {
  if (!enabled()) return wait;
  return std::max(0.0, std::min(wait, m_dueAt - now));
}

}  // namespace wof::core
