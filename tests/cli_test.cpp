// Spec: every command of the `wall-of-fame` executable, run as a separate process on a temp
// data dir, as scripts and IT would run it.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>

#include "core/uuid.hpp"
#include "test_support.hpp"

using namespace wof::test;

namespace {

struct Run {
  int exitCode = -1;
  std::string out;
  std::string err;
};

std::string shellQuote(std::string_view text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs the real binary with `args`; stdin is empty unless given.
Run run(const TempDir& dir, const std::vector<std::string>& args, const std::string& environment = "") {
  std::string command = environment + " " + shellQuote(WOF_BINARY);
  for (const std::string& arg : args) command += " " + shellQuote(arg);
  command += " </dev/null >" + shellQuote((dir / "stdout").string()) + " 2>" + shellQuote((dir / "stderr").string());
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

  explicit Kiosk(std::string extra = "") {
    writeFile(config, "kiosk_id = \"lobby-1\"\nsite = \"Lyon\"\ndata_dir = \"data\"\nshare_dir = \"share\"\n" + extra);
  }
  Run operator()(std::vector<std::string> args) {
    args.push_back("--config");
    args.push_back(config.string());
    return run(dir, args);
  }
  void withDemoRoster() {
    REQUIRE(run(dir, {"demo-data", "--out", (dir / "share").string()}).exitCode == 0);
    const Run imported = (*this)({"import-roster"});
    REQUIRE_MESSAGE(imported.exitCode == 0, imported.err);
  }
};

const std::string kStory = "Drove the replacement part to the customer's site herself so their line restarted by noon.";

}  // namespace

TEST_CASE("--version and --help work without a config") {
  TempDir dir;
  const Run version = run(dir, {"--version"});
  CHECK(version.exitCode == 0);
  CHECK(version.out.find(WOF_VERSION_STRING) != std::string::npos);
  for (const char* command : {"kiosk", "nominate", "import-roster", "status", "verify", "demo-data"}) {
    CAPTURE(command);
    const Run help = run(dir, {command, "--help"});
    CHECK(help.exitCode == 0);
    CHECK(help.out.find("--config") != std::string::npos);
  }
  const Run none = run(dir, {});
  CHECK(none.exitCode != 0);
}

TEST_CASE("demo-data writes a share with roster, photos and fleet.toml") {
  TempDir dir;
  const Run result = run(dir, {"demo-data", "--out", (dir / "share").string()});
  REQUIRE_MESSAGE(result.exitCode == 0, result.err);
  const std::string csv = readFile(dir / "share/roster/employees.csv");
  CHECK(csv.find("employee_id,display_name,department,title,site,email,active,wall_consent") != std::string::npos);
  CHECK(csv.find("Zoë Ødegård") != std::string::npos);
  CHECK(std::filesystem::is_regular_file(dir / "share/fleet.toml"));
  CHECK(std::distance(std::filesystem::directory_iterator(dir / "share/roster/photos"),
                      std::filesystem::directory_iterator()) > 40);
}

TEST_CASE("import-roster reads the share's roster and photos, and refuses a bad file whole") {
  Kiosk kiosk;
  kiosk.withDemoRoster();
  const Run status = kiosk({"status"});
  REQUIRE(status.exitCode == 0);
  CHECK(status.out.find("lobby-1 (site Lyon)") != std::string::npos);
  CHECK(status.out.find("employees      60 (60 active") != std::string::npos);

  writeFile(kiosk.dir / "broken.csv",
            "employee_id,display_name,department,title,site,active,wall_consent\nE1,Ana,D,T,S,yes,yes\n");
  const Run rejected = kiosk({"import-roster", (kiosk.dir / "broken.csv").string()});
  CHECK(rejected.exitCode == 1);
  CHECK(rejected.err.find("Roster rejected; the previous roster stays in force.") != std::string::npos);
  CHECK(rejected.err.find("broken.csv, line 1, column email: the header has no column \"email\"") !=
        std::string::npos);
  CHECK(kiosk({"status"}).out.find("employees      60 (60 active") != std::string::npos);

  SUBCASE("a missing file is named") {
    const Run missing = kiosk({"import-roster", (kiosk.dir / "nope.csv").string()});
    CHECK(missing.exitCode == 1);
    CHECK(missing.err.find("nope.csv") != std::string::npos);
  }
}

TEST_CASE("nominate enters a nomination and prints its id, or says which rule failed") {
  Kiosk kiosk;
  kiosk.withDemoRoster();
  const std::string csv = readFile(kiosk.dir / "share/roster/employees.csv");
  const Run made = kiosk({"nominate", "--nominee", "E1001", "--behaviour", "fixed-on-the-spot", "--story", kStory,
                          "--from", "E1002"});
  REQUIRE_MESSAGE(made.exitCode == 0, made.err);
  CHECK(wof::core::looksLikeUuid(made.out.substr(0, 36)));
  CHECK(kiosk({"status"}).out.find("nominations    1 (0 pending, 1 approved") != std::string::npos);

  SUBCASE("anonymous and private") {
    CHECK(kiosk({"nominate", "--nominee", "E1003", "--behaviour", "real-face", "--story", kStory}).exitCode == 0);
    CHECK(kiosk({"nominate", "--nominee", "E1003", "--behaviour", "real-face", "--story", kStory, "--from", "E1002",
                 "--private"})
              .exitCode == 0);
  }
  SUBCASE("a rule fails") {
    const Run self = kiosk({"nominate", "--nominee", "E1002", "--behaviour", "real-face", "--story", kStory,
                            "--from", "E1002"});
    CHECK(self.exitCode == 1);
    CHECK(self.err == "Nomination not saved: You cannot nominate yourself. Ask a colleague to tell your story "
                      "instead!\n");
    const Run shortStory = kiosk({"nominate", "--nominee", "E1001", "--behaviour", "real-face", "--story", "Nice"});
    CHECK(shortStory.exitCode == 1);
    CHECK(shortStory.err.find("at least 20 characters (you have 4)") != std::string::npos);
    const Run badKey = kiosk({"nominate", "--nominee", "E1001", "--behaviour", "nice", "--story", kStory});
    CHECK(badKey.err.find("\"nice\" is not one of the behaviours") != std::string::npos);
    CHECK(kiosk({"status"}).out.find("nominations    1 ") != std::string::npos);
  }
  SUBCASE("--private needs --from") {
    const Run bad = kiosk({"nominate", "--nominee", "E1001", "--behaviour", "real-face", "--story", kStory, "--private"});
    CHECK(bad.exitCode != 0);
    CHECK(bad.err.find("--from") != std::string::npos);
  }
  SUBCASE("HR moderation keeps it pending") {
    Kiosk moderated("moderation = \"hr\"\n");
    moderated.withDemoRoster();
    REQUIRE(moderated({"nominate", "--nominee", "E1001", "--behaviour", "real-face", "--story", kStory}).exitCode == 0);
    CHECK(moderated({"status"}).out.find("nominations    1 (1 pending") != std::string::npos);
  }
}

TEST_CASE("status and verify report share health") {
  Kiosk kiosk;
  SUBCASE("the share is missing: status still works, verify fails and says why") {
    const Run status = kiosk({"status"});
    CHECK(status.exitCode == 0);
    CHECK(status.out.find("not reachable") != std::string::npos);
    std::filesystem::create_directories(kiosk.dir / "data");
    const Run verify = kiosk({"verify"});
    CHECK(verify.exitCode == 1);
    CHECK(verify.out.find("FAIL share") != std::string::npos);
  }
  SUBCASE("a healthy kiosk verifies clean") {
    kiosk.withDemoRoster();
    const Run verify = kiosk({"verify"});
    CHECK_MESSAGE(verify.exitCode == 0, verify.out);
    CHECK(verify.out.find("ok   database integrity: ok") != std::string::npos);
  }
  SUBCASE("a corrupted database fails verify") {
    kiosk.withDemoRoster();
    const auto db = kiosk.dir / "data/wall-of-fame.db";
    REQUIRE(std::filesystem::file_size(db) > 3 * 4096);
    {
      std::fstream file(db, std::ios::in | std::ios::out | std::ios::binary);
      file.seekp(2 * 4096);  // page 3, header and all
      const std::string junk(4096, '\x5a');
      file.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    const Run verify = kiosk({"verify"});
    CHECK(verify.exitCode != 0);
    CHECK_FALSE((verify.out + verify.err).empty());
  }
}

TEST_CASE("config problems name the file and key, and $WOF_CONFIG is honoured") {
  TempDir dir;
  const Run missing = run(dir, {"status", "--config", (dir / "absent.toml").string()});
  CHECK(missing.exitCode == 1);
  CHECK(missing.err.find("absent.toml: cannot open the config file (no such file)") != std::string::npos);

  writeFile(dir / "bad.toml", "kiosk_id = \"k\"\nsite = \"Lyon\"\nsync_interval_s = 1\n");
  const Run bad = run(dir, {"status", "--config", (dir / "bad.toml").string()});
  CHECK(bad.exitCode == 1);
  CHECK(bad.err.find("bad.toml: key 'sync_interval_s' must be a whole number from 5 to 86400; found 1") !=
        std::string::npos);

  writeFile(dir / "env.toml", "kiosk_id = \"from-env\"\nsite = \"Leeds\"\ndata_dir = \"data\"\n");
  const Run fromEnvironment = run(dir, {"status"}, "WOF_CONFIG=" + shellQuote((dir / "env.toml").string()));
  CHECK(fromEnvironment.exitCode == 0);
  CHECK(fromEnvironment.out.find("from-env (site Leeds)") != std::string::npos);
}

TEST_CASE("kiosk with a broken config exits with the error instead of opening a window") {
  TempDir dir;
  writeFile(dir / "bad.toml", "site = \"Lyon\"\n");
  const Run result = run(dir, {"kiosk", "--config", (dir / "bad.toml").string()});
  CHECK(result.exitCode == 1);
  CHECK(result.err.find("key 'kiosk_id' is missing") != std::string::npos);
}
