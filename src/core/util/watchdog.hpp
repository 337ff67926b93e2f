// When the kiosk's next liveness ping to systemd is due. systemd restarts a service whose pings
// stop for WatchdogSec; we ping at half of it, so one slow frame never trips it. Layer: core
// (pure: the caller passes its own monotonic seconds; platform/systemd_notify sends the ping).
#pragma once

#include <chrono>
#include <optional>

namespace wof::core {

class WatchdogTimer {
 public:
  // `timeout`: systemd's WatchdogUsec; nullopt (or zero) when no watchdog is armed.
  WatchdogTimer(std::optional<std::chrono::microseconds> timeout, double now);

  bool enabled() const { return m_interval > 0; }
  // Seconds between two pings (half the timeout); 0 when disabled.
  double interval() const { return m_interval; }
  bool due(double now) const { return enabled() && now >= m_dueAt; }
  // How long the loop may sleep and still ping in time: `wait` capped at the next due time.
  double capWait(double wait, double now) const;
  void pinged(double now) { m_dueAt = now + m_interval; }

 private:
  double m_interval = 0;
  double m_dueAt = 0;
};

}  // namespace wof::core
