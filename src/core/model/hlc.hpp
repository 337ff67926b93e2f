// Hybrid logical clock: stamps that follow wall-clock time but never go backwards, so events
// from several kiosks order the same way everywhere (ties broken by kiosk id by the caller).
// Layer: core/sync. Stamp layout: milliseconds << 16 | logical counter.
#pragma once

#include <cstdint>

#include "core/model/model.hpp"

namespace wof::core {

class HybridClock {
 public:
  explicit HybridClock(std::uint64_t last = 0) : m_last(last) {}
  // A stamp for a local event happening at physical time `now`.
  std::uint64_t tick(TimeMs now);
  // Folds in a stamp seen on another kiosk's event.
  void observe(std::uint64_t remote);
  std::uint64_t last() const { return m_last; }

  static TimeMs physicalPart(std::uint64_t stamp) { return static_cast<TimeMs>(stamp >> 16); }

 private:
  std::uint64_t m_last;
};

}  // namespace wof::core
