// Helpers for tests that run the real `wall-of-fame` binary as a separate process on a temp
// kiosk folder. Header-only; WOF_BINARY is set by tests/CMakeLists.txt.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "support/test_support.hpp"

namespace wof::test::cli {

// A story that passes every rule, for nominations made through the command line.
inline const std::string kStory =
    "Drove the replacement part to the customer's site herself so their line restarted by noon.";

struct Run {
  int exitCode = -1;
  std::string out;
  std::string err;
};

inline std::string shellQuote(std::string_view text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs the real binary with `args`, feeding `input` on stdin (empty: /dev/null), with
// `environment` ("NAME=value ...", shell-quoted) set for it.
inline Run run(const TempDir& dir, const std::vector<std::string>& args, const std::string& input = "",
               const std::string& environment = "") {
  std::string command = environment + " " + shellQuote(WOF_BINARY);
  for (const std::string& arg : args) command += " " + shellQuote(arg);
  std::string stdinFile = "/dev/null";
  if (!input.empty()) {
    writeFile(dir / "stdin", input);
    stdinFile = (dir / "stdin").string();
  }
  command += " <" + shellQuote(stdinFile) + " >" + shellQuote((dir / "stdout").string()) + " 2>" +
             shellQuote((dir / "stderr").string());
  const int status = std::system(command.c_str());
  Run result;
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = readFile(dir / "stdout");
  result.err = readFile(dir / "stderr");
  return result;
}

// A kiosk folder: kiosk.toml pointing at data/ and share/ inside the temp dir.
struct Kiosk {
  TempDir dir;
  std::filesystem::path config = dir / "kiosk.toml";

  explicit Kiosk(const std::string& extra = "") {
    writeFile(config, "kiosk_id = \"lobby-1\"\nsite = \"Lyon\"\ndata_dir = \"data\"\nshare_dir = \"share\"\n" + extra);
  }
  Run operator()(std::vector<std::string> args, const std::string& input = "") {
    args.push_back("--config");
    args.push_back(config.string());
    return run(dir, args, input);
  }
  void withDemoRoster() {
    REQUIRE(run(dir, {"demo-data", "--out", (dir / "share").string()}).exitCode == 0);
    const Run imported = (*this)({"import-roster"});
    REQUIRE_MESSAGE(imported.exitCode == 0, imported.err);
  }
  std::filesystem::path database() const { return dir / "data" / "wall-of-fame.db"; }
};

}  // namespace wof::test::cli
