// systemd's notify protocol through libsystemd. Layer: platform.
#include "platform/systemd_notify.hpp"

#include <systemd/sd-daemon.h>

#include <cstdint>

namespace wof::platform {

std::optional<std::chrono::microseconds> systemdWatchdogTimeout() {
  std::uint64_t usec = 0;
  // 0 keeps WATCHDOG_USEC/WATCHDOG_PID in the environment; > 0 only when they name this process.
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
  return std::chrono::microseconds(static_cast<std::int64_t>(usec));
}

void notifySystemd(const std::string& state) { sd_notify(0, state.c_str()); }

}  // namespace wof::platform
