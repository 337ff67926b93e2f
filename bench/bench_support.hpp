// Benchmark helpers: a steady clock, percentiles, and the one result table every benchmark prints
// (benchmark, ours, anchor, ratio, target). Layer: bench. Figures are only compared with an anchor
// measured in the same run, because kiosk hardware and CI machines are noisy.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

extern char** environ;

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

// CPU time of this process so far (all threads, user + system): unlike wall time it hardly moves
// when other jobs share the machine.
inline double processCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// CPU time of the calling thread so far.
inline double threadCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// What a child process cost: wall and CPU seconds and its peak resident memory.
struct ProcessCost {
  double wall = 0;
  double cpu = 0;      // user + system, from wait4
  long peakRssKiB = 0; // VmHWM, sampled every 5 ms
  int exitCode = -1;
};

// Starts `argv` (argv[0] looked up in PATH) with stdout sent to `stdoutFile`, stdin from
// `stdinFile` and stderr to `stderrFile` (each inherited when empty); returns its pid, or -1 when
// it cannot start.
inline pid_t startProcess(const std::vector<std::string>& argv, const std::string& stdoutFile = {},
                          const std::string& stdinFile = {}, const std::string& stderrFile = {}) {
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!stdoutFile.empty())
    posix_spawn_file_actions_addopen(&actions, 1, stdoutFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (!stdinFile.empty()) posix_spawn_file_actions_addopen(&actions, 0, stdinFile.c_str(), O_RDONLY, 0);
  if (!stderrFile.empty())
    posix_spawn_file_actions_addopen(&actions, 2, stderrFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  if (posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ) != 0) {
    std::fprintf(stderr, "cannot start %s\n", args[0]);
    pid = -1;
  }
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

// Runs `argv` like startProcess and waits for it.
inline ProcessCost runProcess(const std::vector<std::string>& argv, const std::string& stdoutFile = {},
                              const std::string& stdinFile = {}) {
  ProcessCost cost;
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = startProcess(argv, stdoutFile, stdinFile);
  if (pid < 0) return cost;
  // Peak RSS from /proc's VmHWM, polled until the child exits: wait4's ru_maxrss would report at
  // least this process's own size (Linux carries the parent's high-water mark across exec).
  int status = 0;
  rusage usage{};
  const std::string statusFile = "/proc/" + std::to_string(pid) + "/status";
  while (wait4(pid, &status, WNOHANG, &usage) == 0) {
    if (FILE* file = std::fopen(statusFile.c_str(), "r")) {
      char line[256];
      while (std::fgets(line, sizeof line, file))
        if (std::strncmp(line, "VmHWM:", 6) == 0) cost.peakRssKiB = std::max(cost.peakRssKiB, std::atol(line + 6));
      std::fclose(file);
    }
    usleep(5000);
  }
  cost.wall = secondsSince(start);
  cost.cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
             static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
  cost.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (cost.exitCode != 0) std::fprintf(stderr, "%s exited with %d\n", argv[0].c_str(), cost.exitCode);
  return cost;
}

// The cheaper of `runs` runs (the least disturbed by other jobs on the machine), by CPU time.
template <typename Run>
ProcessCost bestOf(int runs, Run&& run) {
  ProcessCost best;
  for (int i = 0; i < runs; ++i) {
    const ProcessCost cost = run();
    if (i == 0 || cost.cpu < best.cpu) best = cost;
  }
  return best;
}

struct Row {
  std::string name;
  std::string ours;
  std::string anchor;
  double ratio = 0;  // ours / anchor in the direction the target is stated
  std::string target;
  bool met = false;
};

// One RFC 4180 cell, for the `sqlite3` CLI's .import anchors.
inline std::string csvCell(const std::string& text) {
  std::string cell = "\"";
  for (const char c : text) {
    if (c == '"') cell += '"';
    cell += c;
  }
  return cell + "\"";
}

inline std::string formatMs(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f ms", seconds * 1000);
  return buffer;
}

inline std::string formatSeconds(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f s", seconds);
  return buffer;
}

inline std::string formatMiB(long kib) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f MiB", static_cast<double>(kib) / 1024.0);
  return buffer;
}

// Prints the rows as a table, and appends them to $WOF_BENCH_TABLE (tab-separated) when set, so
// bench/run can print every benchmark's rows as one table at the end.
inline void printTable(const std::vector<Row>& rows) {
  std::printf("\n%-44s %-16s %-16s %9s  %-28s %s\n", "benchmark", "ours", "anchor", "ratio", "target", "");
  for (const Row& row : rows)
    std::printf("%-44s %-16s %-16s %8.2fx  %-28s %s\n", row.name.c_str(), row.ours.c_str(), row.anchor.c_str(),
                row.ratio, row.target.c_str(), row.met ? "met" : "NOT MET");
  std::fflush(stdout);
  if (const char* table = std::getenv("WOF_BENCH_TABLE"); table && *table) {
    if (FILE* file = std::fopen(table, "a")) {
      for (const Row& row : rows)
        std::fprintf(file, "%s\t%s\t%s\t%.2fx\t%s\t%s\n", row.name.c_str(), row.ours.c_str(), row.anchor.c_str(),
                     row.ratio, row.target.c_str(), row.met ? "met" : "NOT MET");
      std::fclose(file);
    }
  }
}

}  // namespace wof::bench
