// Deterministic randomness for the demo generators: splitmix64 with hand-written draws and a stable
// hash of an id, so the roster's portraits and stories come out the same on every machine.
// Layer: demo (internal to src/demo; not part of the demo library's API).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace wof::core::demo_detail {

// splitmix64 (Steele, Lea and Flood, 2014). The std engines are portable but the std
// distributions are not (their algorithms are implementation-defined), so we draw by hand.
class DemoRandom {
 public:
  explicit DemoRandom(std::uint64_t seed) : m_state(seed) {}

  std::uint64_t next() {
    m_state += 0x9E3779B97F4A7C15ull;
    std::uint64_t z = m_state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  // Uniform in [0, bound), bound > 0; rejecting the short top range removes the modulo bias.
  std::size_t below(std::size_t bound) {
    const std::uint64_t range = bound;
    const std::uint64_t rejectBelow = (0 - range) % range;  // 2^64 mod range
    for (;;) {
      const std::uint64_t value = next();
      if (value >= rejectBelow) return static_cast<std::size_t>(value % range);
    }
  }

  // Uniform in [0, 1) with 53 random bits.
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  float unitFloat() { return static_cast<float>(unit()); }
  bool chance(double probability) { return unit() < probability; }

  template <typename T>
  const T& pick(std::span<const T> items) {
    return items[below(items.size())];
  }

  // An index drawn with probability proportional to weights[i] (all >= 0, not all 0).
  std::size_t weighted(std::span<const int> weights) {
    int total = 0;
    for (const int weight : weights) total += weight;
    int ticket = static_cast<int>(below(static_cast<std::size_t>(total)));
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (ticket < weights[i]) return i;
      ticket -= weights[i];
    }
    return weights.size() - 1;
  }

  // Fisher–Yates; std::shuffle's algorithm is implementation-defined.
  template <typename T>
  void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[below(i)]);
  }

 private:
  std::uint64_t m_state;
};

// FNV-1a: a stable hash of an employee id, the seed of that person's portrait.
std::uint64_t stableHash(std::string_view text);

template <typename T, std::size_t N>
const T& pickFrom(DemoRandom& random, const std::array<T, N>& items) {
  return random.pick(std::span<const T>(items));
}

}  // namespace wof::core::demo_detail
