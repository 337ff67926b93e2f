// Spec: log lines carry the journald priority and never span lines.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdio>

#include "core/util/log.hpp"
#include "support/test_support.hpp"

using namespace wof::core;

namespace {

// Captures what logLine writes to stderr while `work` runs.
template <typename Work>
std::string captureStderr(Work&& work) {
  wof::test::TempDir dir;
  const auto file = dir / "stderr";
  std::FILE* sink = std::fopen(file.c_str(), "w");
  REQUIRE(sink);
  const int saved = ::dup(STDERR_FILENO);
  ::dup2(::fileno(sink), STDERR_FILENO);
  work();
  ::dup2(saved, STDERR_FILENO);
  ::close(saved);
  std::fclose(sink);
  return wof::test::readFile(file);
}

}  // namespace

TEST_CASE("a log line has the priority prefix, the component and an escaped message") {
  setLogLevel(LogLevel::Info);
  const std::string out = captureStderr([] {
    logWarning("sync", "segment skipped file=journal/k1/7.jsonl reason=bad trailer");
    logInfo("roster", "two\nlines");
    logDebug("ui", "not shown at info");
  });
  CHECK(out ==
        "<4>sync: segment skipped file=journal/k1/7.jsonl reason=bad trailer\n"
        "<6>roster: two\\nlines\n");
}

TEST_CASE("the level filters what is written") {
  setLogLevel(LogLevel::Error);
  CHECK(captureStderr([] { logWarning("sync", "quiet"); }).empty());
  setLogLevel(LogLevel::Debug);
  CHECK(captureStderr([] { logDebug("ui", "frame"); }) == "<7>ui: frame\n");
  setLogLevel(LogLevel::Info);
  CHECK(parseLogLevel("warning") == LogLevel::Warning);
  CHECK_FALSE(parseLogLevel("loud"));
}
