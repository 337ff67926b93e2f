// Admin PIN security: argon2id hashing (libsodium crypto_pwhash_str), the back-off and lockout
// policy for wrong PINs, and a guard that keeps the failure count in the local database so a
// restart does not reset it. Layer: core. The PIN pad UI calls AdminPinGuard::check().
#pragma once

#include <cstdint>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/model/model.hpp"

namespace wof::core {

class Store;

inline constexpr std::size_t kMinPinDigits = 4;
inline constexpr std::size_t kMaxPinDigits = 12;

// 4–12 ASCII digits.
bool isValidPinFormat(std::string_view pin);
// An argon2id string ("$argon2id$v=19$m=...") with libsodium's interactive limits and a fresh
// salt. Throws std::runtime_error when the system cannot provide the memory.
std::string hashPin(std::string_view pin);
// The memory one hash or check takes for a moment (Argon2's memory cost): the kiosk's largest
// transient, which the soak test allows for.
std::size_t pinHashMemoryBytes();
// True when `pin` matches `hash`; false for a wrong PIN or a hash that is not argon2id.
bool verifyPin(std::string_view pin, std::string_view hash);

struct PinLockoutPolicy {
  int freeAttempts = 3;                // failures allowed before any wait
  TimeMs firstDelayMs = 5'000;         // wait after the first failure beyond the free ones...
  TimeMs maxDelayMs = 5 * 60'000;      // ...doubling each time, up to this
  int lockoutAfter = 10;               // consecutive failures that lock the PIN pad
  TimeMs lockoutMs = 15 * 60'000;      // how long a lockout lasts
};

struct PinAttemptState {
  int failures = 0;        // consecutive failures since the last success
  TimeMs lastFailureAt = 0;
};

enum class PinGateKind { MayTry, Wait, Locked };

struct PinGate {
  PinGateKind kind = PinGateKind::MayTry;
  TimeMs until = 0;  // Wait/Locked: the first moment a try is allowed again
};

// Pure: may someone try a PIN at `now`, given the failures so far? A clock set back does not
// shorten a wait (the wait is measured from the last failure, whatever `now` says).
PinGate decidePinAttempt(const PinAttemptState& state, const PinLockoutPolicy& policy, TimeMs now);

enum class PinCheckResult {
  Accepted,       // right PIN: the failure count is reset
  Rejected,       // wrong PIN: counted, and the gate for the next try is in `gate`
  Refused,        // not tried: waiting or locked; see `gate`
  NotConfigured,  // kiosk.toml has no admin_pin_hash: admin mode is disabled
};

struct PinCheck {
  PinCheckResult result = PinCheckResult::Rejected;
  PinGate gate;      // what the next try faces
  int failures = 0;  // consecutive failures after this check
};

// Keeps the failure count in the store's database (admin_pin_attempts) and writes every
// success, failure, lockout and refused try to the audit log.
class AdminPinGuard {
 public:
  explicit AdminPinGuard(Store& store, PinLockoutPolicy policy = {});

  PinAttemptState state();
  PinGate gate(TimeMs now);
  // Checks `pin` against `storedHash` when the gate allows a try, and records the outcome.
  PinCheck check(std::string_view pin, std::string_view storedHash, TimeMs now);
  // Forgets past failures (a new PIN was set by someone with access to the kiosk's files).
  void reset(std::string_view actor, TimeMs now);

 private:
  void saveFailure(const PinAttemptState& state);

  Store& m_store;
  PinLockoutPolicy m_policy;
};

}  // namespace wof::core
