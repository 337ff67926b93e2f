// Spec: the kiosk pings systemd's watchdog at half of WatchdogUsec, and never sleeps past a ping.
#include <doctest/doctest.h>

#include "core/util/watchdog.hpp"

using namespace wof::core;
using namespace std::chrono_literals;

TEST_CASE("without a watchdog nothing is ever due and waits are left alone") {
  for (const std::optional<std::chrono::microseconds> timeout : {std::optional<std::chrono::microseconds>(), std::optional(0us)}) {
    const WatchdogTimer timer(timeout, 100);
    CHECK_FALSE(timer.enabled());
    CHECK_FALSE(timer.due(1e9));
    CHECK(timer.capWait(3600, 100) == 3600);
  }
}

TEST_CASE("pings are due every half timeout") {
  WatchdogTimer timer(30s, 100);  // WatchdogSec=30
  REQUIRE(timer.enabled());
  CHECK(timer.interval() == doctest::Approx(15));
  CHECK_FALSE(timer.due(114.9));
  CHECK(timer.due(115));
  timer.pinged(116);
  CHECK_FALSE(timer.due(130.9));
  CHECK(timer.due(131));
}

TEST_CASE("a long idle sleep is cut short for the next ping") {
  WatchdogTimer timer(2'000'000us, 10);  // the interval is 1 s
  CHECK(timer.capWait(3600, 10) == doctest::Approx(1));
  CHECK(timer.capWait(3600, 10.25) == doctest::Approx(0.75));
  CHECK(timer.capWait(0.1, 10.25) == doctest::Approx(0.1));  // a shorter wait stays
  CHECK(timer.capWait(3600, 12) == 0);                        // overdue: do not sleep at all
}
