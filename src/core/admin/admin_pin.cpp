// Admin PIN hashing, back-off and lockout. Layer: core.
#include "core/admin/admin_pin.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

#include "core/util/clock.hpp"
#include "core/storage/store.hpp"

namespace wof::core {

namespace {

void ensureSodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string describeGate(const PinGate& gate) {
  switch (gate.kind) {
    case PinGateKind::MayTry: return "next try allowed now";
    case PinGateKind::Wait: return "next try at " + formatIsoUtc(gate.until);
    case PinGateKind::Locked: return "locked until " + formatIsoUtc(gate.until);
  }
  return {};
}

}  // namespace

// [SECTION] hashing

bool isValidPinFormat(std::string_view pin) {
  return pin.size() >= kMinPinDigits && pin.size() <= kMaxPinDigits &&
         std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string hashPin(std::string_view pin) {
  ensureSodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("could not hash the PIN: argon2id needs " +
                             std::to_string(crypto_pwhash_MEMLIMIT_INTERACTIVE / (1024 * 1024)) +
                             " MiB of memory and the system refused it");
  return std::string(out.data());
}

std::size_t pinHashMemoryBytes() { return crypto_pwhash_MEMLIMIT_INTERACTIVE; }

bool verifyPin(std::string_view pin, std::string_view hash) {
  ensureSodium();
  if (hash.rfind("$argon2id$", 0) != 0 || hash.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string terminated(hash);  // libsodium wants a NUL-terminated string
  return crypto_pwhash_str_verify(terminated.c_str(), pin.data(), pin.size()) == 0;
}

// [SECTION] back-off and lockout policy

PinGate decidePinAttempt(const PinAttemptState& state, const PinLockoutPolicy& policy, TimeMs now) {
  if (state.failures >= policy.lockoutAfter) {
    const TimeMs until = state.lastFailureAt + policy.lockoutMs;
    return now < until ? PinGate{PinGateKind::Locked, until} : PinGate{};
  }
  if (state.failures < policy.freeAttempts) return PinGate{};
  // failures == freeAttempts waits firstDelay; each further failure doubles it, up to the cap.
  TimeMs delay = policy.firstDelayMs;
  for (int i = policy.freeAttempts; i < state.failures && delay < policy.maxDelayMs; ++i) delay *= 2;
  delay = std::min(delay, policy.maxDelayMs);
  const TimeMs until = state.lastFailureAt + delay;
  return now < until ? PinGate{PinGateKind::Wait, until} : PinGate{};
}

// [SECTION] guard over the store

AdminPinGuard::AdminPinGuard(Store& store, PinLockoutPolicy policy) : m_store(store), m_policy(policy) {}

PinAttemptState AdminPinGuard::state() {
  Statement select = m_store.database().prepare("SELECT failures, last_failure_at FROM admin_pin_attempts WHERE id = 1");
  if (!select.step()) return {};
  return {static_cast<int>(select.getInt(0)), select.getInt(1)};
}

PinGate AdminPinGuard::gate(TimeMs now) { return decidePinAttempt(state(), m_policy, now); }

void AdminPinGuard::saveFailure(const PinAttemptState& attempt) {
  m_store.database()
      .prepare(R"sql(
        INSERT INTO admin_pin_attempts(id, failures, last_failure_at) VALUES (1, ?1, ?2)
        ON CONFLICT(id) DO UPDATE SET failures = ?1, last_failure_at = ?2)sql")
      .bind(1, attempt.failures)
      .bind(2, attempt.lastFailureAt)
      .run();
}

PinCheck AdminPinGuard::check(std::string_view pin, std::string_view storedHash, TimeMs now) {
  PinCheck outcome;
  if (storedHash.empty()) {
    outcome.result = PinCheckResult::NotConfigured;
    return outcome;
  }
  const PinAttemptState before = state();
  const PinGate gateNow = decidePinAttempt(before, m_policy, now);
  if (gateNow.kind != PinGateKind::MayTry) {
    outcome.result = PinCheckResult::Refused;
    outcome.gate = gateNow;
    outcome.failures = before.failures;
    m_store.audit("pin-pad", "pin-refused", describeGate(gateNow), now);
    return outcome;
  }
  // Hash outside the transaction: argon2id takes a noticeable moment and must not hold the lock.
  const bool right = isValidPinFormat(pin) && verifyPin(pin, storedHash);
  Database& db = m_store.database();
  Transaction transaction(db);
  if (right) {
    db.exec("DELETE FROM admin_pin_attempts");
    m_store.audit("pin-pad", "admin-login", "PIN accepted", now);
    transaction.commit();
    outcome.result = PinCheckResult::Accepted;
    return outcome;
  }
  const PinAttemptState after{before.failures + 1, std::max(now, before.lastFailureAt)};
  saveFailure(after);
  outcome.result = PinCheckResult::Rejected;
  outcome.failures = after.failures;
  outcome.gate = decidePinAttempt(after, m_policy, now);
  m_store.audit("pin-pad", outcome.gate.kind == PinGateKind::Locked ? "pin-lockout" : "pin-failure",
                "failure " + std::to_string(after.failures) + "; " + describeGate(outcome.gate), now);
  transaction.commit();
  return outcome;
}

void AdminPinGuard::reset(std::string_view actor, TimeMs now) {
  Database& db = m_store.database();
  Transaction transaction(db);
  db.exec("DELETE FROM admin_pin_attempts");
  m_store.audit(actor, "pin-attempts-reset", "a new admin PIN was set", now);
  transaction.commit();
}

}  // namespace wof::core
