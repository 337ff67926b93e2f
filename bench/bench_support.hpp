// Benchmark helpers: a steady clock, percentiles, and the one result table every benchmark prints
// (benchmark, ours, anchor, ratio, target). Layer: bench. Figures are only compared with an anchor
// measured in the same run, because kiosk hardware and CI machines are noisy.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace wof::bench {

inline double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The q-th quantile (0..1) of the samples, nearest rank.
inline double percentile(std::vector<double> samples, double q) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  const auto rank = static_cast<std::size_t>(q * static_cast<double>(samples.size() - 1) + 0.5);
  return samples[std::min(rank, samples.size() - 1)];
}

struct Row {
  std::string name;
  std::string ours;
  std::string anchor;
  double ratio = 0;  // ours / anchor in the direction the target is stated
  std::string target;
  bool met = false;
};

inline std::string formatMs(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f ms", seconds * 1000);
  return buffer;
}

inline void printTable(const std::vector<Row>& rows) {
  std::printf("\n%-44s %-16s %-16s %9s  %-26s %s\n", "benchmark", "ours", "anchor", "ratio", "target", "");
  for (const Row& row : rows)
    std::printf("%-44s %-16s %-16s %8.2fx  %-26s %s\n", row.name.c_str(), row.ours.c_str(), row.anchor.c_str(),
                row.ratio, row.target.c_str(), row.met ? "met" : "NOT MET");
  std::fflush(stdout);
}

}  // namespace wof::bench
