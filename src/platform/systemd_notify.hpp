// Tells systemd how the kiosk is doing when the unit is Type=notify: READY=1 once the first frame
// is up, WATCHDOG=1 from the frame loop, STATUS= lines for `systemctl status`. Layer: platform
// (wraps libsystemd); does nothing when not started by systemd (no NOTIFY_SOCKET).
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace wof::platform {

// WatchdogSec of our unit when systemd armed a watchdog for this very process (WATCHDOG_USEC,
// with WATCHDOG_PID naming us); nullopt otherwise.
std::optional<std::chrono::microseconds> systemdWatchdogTimeout();

// Sends one state line ("READY=1", "WATCHDOG=1", "STATUS=...") to systemd, if it listens.
void notifySystemd(const std::string& state);

}  // namespace wof::platform
