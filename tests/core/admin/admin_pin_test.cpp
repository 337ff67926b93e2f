// Spec: admin PIN hashing (argon2id), exponential back-off, lockout, and persistence of the
// failure count across a restart (the database is closed and reopened).
#include <doctest/doctest.h>

#include "core/admin/admin_pin.hpp"
#include "core/storage/store.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;

TEST_CASE("a PIN is stored as a salted argon2id hash that verifies only the same PIN") {
  const std::string hash = hashPin("482913");
  CHECK(hash.rfind("$argon2id$", 0) == 0);
  CHECK(hash.find("482913") == std::string::npos);
  CHECK(verifyPin("482913", hash));
  CHECK_FALSE(verifyPin("482914", hash));
  CHECK_FALSE(verifyPin("", hash));
  CHECK(hashPin("482913") != hash);  // a fresh salt each time
  CHECK_FALSE(verifyPin("482913", "482913"));  // a plain PIN in the config is never accepted
  CHECK_FALSE(verifyPin("482913", "$argon2i$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaA"));
}

TEST_CASE("PINs are 4 to 12 digits") {
  CHECK(isValidPinFormat("1234"));
  CHECK(isValidPinFormat("123456789012"));
  CHECK_FALSE(isValidPinFormat("123"));
  CHECK_FALSE(isValidPinFormat("1234567890123"));
  CHECK_FALSE(isValidPinFormat("12a4"));
  CHECK_FALSE(isValidPinFormat(" 1234"));
  CHECK_FALSE(isValidPinFormat("١٢٣٤"));  // Arabic-Indic digits are not ASCII digits
}

TEST_CASE("wrong PINs back off exponentially after the free attempts, then lock out") {
  const PinLockoutPolicy policy;  // 3 free, 5 s doubling to 5 min, lock at 10 for 15 min
  const TimeMs t = kNow;
  CHECK(decidePinAttempt({0, 0}, policy, t).kind == PinGateKind::MayTry);
  CHECK(decidePinAttempt({2, t}, policy, t).kind == PinGateKind::MayTry);

  SUBCASE("the wait doubles with each failure") {
    const PinGate third = decidePinAttempt({3, t}, policy, t);
    CHECK(third.kind == PinGateKind::Wait);
    CHECK(third.until == t + 5'000);
    CHECK(decidePinAttempt({4, t}, policy, t).until == t + 10'000);
    CHECK(decidePinAttempt({5, t}, policy, t).until == t + 20'000);
    CHECK(decidePinAttempt({9, t}, policy, t).until == t + 300'000);  // capped (5 s * 2^6 = 320 s)
    CHECK(decidePinAttempt({3, t}, policy, t + 5'000).kind == PinGateKind::MayTry);
  }
  SUBCASE("the threshold locks the pad for the lockout time") {
    const PinGate locked = decidePinAttempt({10, t}, policy, t + 1'000);
    CHECK(locked.kind == PinGateKind::Locked);
    CHECK(locked.until == t + 15 * 60'000);
    CHECK(decidePinAttempt({10, t}, policy, t + 15 * 60'000).kind == PinGateKind::MayTry);
  }
  SUBCASE("a clock set back does not shorten a wait") {
    CHECK(decidePinAttempt({10, t}, policy, t - 3'600'000).kind == PinGateKind::Locked);
  }
}

TEST_CASE("back-off and lockout survive a restart, and every failure is audited") {
  TempDir dir;
  const std::string hash = hashPin("2468");
  PinLockoutPolicy policy;
  policy.freeAttempts = 1;
  policy.lockoutAfter = 3;
  {
    Store store(dir / "kiosk.db", "kiosk-a");
    AdminPinGuard guard(store, policy);
    const PinCheck first = guard.check("1111", hash, kNow);
    CHECK(first.result == PinCheckResult::Rejected);
    CHECK(first.failures == 1);
    CHECK(first.gate.kind == PinGateKind::Wait);
    const PinCheck tooSoon = guard.check("2468", hash, kNow + 1'000);
    CHECK(tooSoon.result == PinCheckResult::Refused);  // even the right PIN waits
  }
  {
    Store store(dir / "kiosk.db", "kiosk-a");  // a restart
    AdminPinGuard guard(store, policy);
    CHECK(guard.state().failures == 1);
    CHECK(guard.gate(kNow + 1'000).kind == PinGateKind::Wait);
    CHECK(guard.check("1111", hash, kNow + 5'000).result == PinCheckResult::Rejected);
    const PinCheck third = guard.check("12", hash, kNow + 20'000);  // malformed counts as wrong
    CHECK(third.result == PinCheckResult::Rejected);
    CHECK(third.gate.kind == PinGateKind::Locked);
  }
  Store store(dir / "kiosk.db", "kiosk-a");
  AdminPinGuard guard(store, policy);
  CHECK(guard.check("2468", hash, kNow + 60'000).result == PinCheckResult::Refused);
  const PinCheck after = guard.check("2468", hash, kNow + 20'000 + policy.lockoutMs);
  CHECK(after.result == PinCheckResult::Accepted);
  CHECK(guard.state().failures == 0);

  int failures = 0, lockouts = 0, refused = 0, logins = 0;
  for (const AuditEntry& entry : store.auditLog(100)) {
    failures += entry.action == "pin-failure";
    lockouts += entry.action == "pin-lockout";
    refused += entry.action == "pin-refused";
    logins += entry.action == "admin-login";
  }
  CHECK(failures == 2);
  CHECK(lockouts == 1);
  CHECK(refused == 2);
  CHECK(logins == 1);
}

TEST_CASE("without a stored hash admin mode is disabled, not open") {
  TempDir dir;
  Store store(dir / "kiosk.db", "kiosk-a");
  AdminPinGuard guard(store);
  CHECK(guard.check("1234", "", kNow).result == PinCheckResult::NotConfigured);
}
