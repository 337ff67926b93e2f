// Spec: the admin PIN under attack. A brute force against the PIN check, restarting the kiosk
// (a new Store on the same database) as often as it likes, gets a handful of guesses per hour;
// and neither the PIN, nor a guess, nor its hash appears on the share, in the data dir (database,
// WAL, logs, audit log) or in anything the commands print: the hash lives only in kiosk.toml.
#include <doctest/doctest.h>

#include <algorithm>

#include "support/cli_support.hpp"
#include "core/admin/admin_pin.hpp"
#include "core/config/config.hpp"
#include "core/storage/store.hpp"

using namespace wof::core;
using namespace wof::test;
using namespace wof::test::cli;

namespace {

// Every file under `root` whose bytes contain `needle`.
std::vector<std::string> filesContaining(const std::filesystem::path& root, const std::string& needle) {
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    if (readFile(entry.path()).find(needle) != std::string::npos) found.push_back(entry.path().string());
  }
  return found;
}

}  // namespace

TEST_CASE("a brute force on the PIN, restarting the kiosk at will, gets a few guesses an hour and never the PIN") {
  TempDir dir;
  const std::string pin = "7391";
  const std::string hash = hashPin(pin);
  const PinLockoutPolicy policy;  // the kiosk's own: 3 free, 5 s doubling to 5 min, 10 lock 15 min
  constexpr TimeMs kEvery = 10'000;        // the attacker taps a PIN every 10 s...
  constexpr TimeMs kAttack = 6 * 3'600'000;  // ...for six hours
  int checked = 0;
  int refused = 0;
  int tries = 0;
  int guess = 0;  // 0000, 0001, ...: 7391 is far out of reach
  TimeMs at = 0;
  while (at < kAttack) {
    // Power-cycling the kiosk between tries is free for the attacker: every 20 tries, a new
    // Store and guard on the same database.
    Store store(dir / "kiosk.db", "lobby-1");
    AdminPinGuard guard(store, policy);
    for (int i = 0; i < 20 && at < kAttack; ++i, at += kEvery, ++tries) {
      char text[12];
      std::snprintf(text, sizeof text, "%04d", guess);
      const PinCheck result = guard.check(text, hash, kNow + at);
      REQUIRE(result.result != PinCheckResult::Accepted);
      if (result.result == PinCheckResult::Refused) {
        ++refused;
      } else {
        ++checked;
        ++guess;  // a refused try does not even tell the attacker whether the guess was wrong
      }
    }
  }
  MESSAGE("six hours, " << tries << " taps: " << checked << " PINs checked, " << refused << " refused");
  // 3 free, 7 more with waits from 5 s to 5 min, then one per 15-minute lockout: 10 + 6 h / 15 min.
  CHECK(checked <= 10 + 6 * 4 + 1);
  CHECK(refused == tries - checked);

  // The owner, after the lockout, still gets in: the lockout is not a denial of service forever.
  Store store(dir / "kiosk.db", "lobby-1");
  AdminPinGuard guard(store, policy);
  CHECK(guard.check(pin, hash, kNow + kAttack + policy.lockoutMs).result == PinCheckResult::Accepted);
}

TEST_CASE("neither the PIN, a guess, nor its hash is on the share, in the data dir, the audit log or any output") {
  Kiosk kiosk;
  kiosk.withDemoRoster();
  const std::string pin = "90817263";
  const std::string guess = "90817264";
  std::string printed;
  auto command = [&](std::vector<std::string> args, const std::string& input = "") {
    const Run run = kiosk(std::move(args), input);
    printed += run.out + run.err;
    REQUIRE_MESSAGE(run.exitCode == 0, run.err);
  };
  command({"set-pin"}, pin + "\n");
  const ConfigResult config = loadConfig(kiosk.config);
  REQUIRE(config.config);
  const std::string hash = config.config->adminPinHash;
  REQUIRE(verifyPin(pin, hash));

  {  // the PIN pad, as the kiosk drives it: a wrong guess, then the right PIN
    Store store(kiosk.database(), "lobby-1");
    AdminPinGuard guard(store);
    REQUIRE(guard.check(guess, hash, kNow).result == PinCheckResult::Rejected);
    REQUIRE(guard.check(pin, hash, kNow + 1).result == PinCheckResult::Accepted);
    std::string audit;
    for (const AuditEntry& entry : store.auditLog(1000)) audit += entry.actor + " " + entry.action + " " + entry.detail + "\n";
    CHECK(audit.find("pin-failure") != std::string::npos);  // the attempt is audited...
    CHECK(audit.find(pin) == std::string::npos);            // ...without what was typed
    CHECK(audit.find(guess) == std::string::npos);
    CHECK(audit.find("$argon2id$") == std::string::npos);
  }
  command({"nominate", "--nominee", "E1001", "--behaviour", "real-face", "--story", kStory});
  command({"sync"});
  command({"status"});
  command({"verify"});
  command({"export", "--format", "csv", "--out", (kiosk.dir / "data" / "export.csv").string()});

  const std::string salted = hash.substr(hash.rfind('$') + 1);  // the hash without its parameters
  for (const std::string& secret : {pin, guess, hash, salted, std::string("$argon2id$")}) {
    CAPTURE(secret);
    CHECK(filesContaining(kiosk.dir / "share", secret).empty());
    CHECK(filesContaining(kiosk.dir / "data", secret).empty());  // database, WAL, logs, exports
    CHECK(printed.find(secret) == std::string::npos);
  }
  CHECK(readFile(kiosk.config).find(hash) != std::string::npos);  // where it does live
}
