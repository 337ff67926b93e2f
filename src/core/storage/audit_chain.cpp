// The audit log's hash chain (SHA-256 via libsodium). Layer: core/store.
#include "core/storage/audit_chain.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace wof::core {

namespace {

void appendField(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += '\n';
}

void ensureSodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

}  // namespace

std::string sha256Hex(std::string_view bytes) {
  ensureSodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

std::string auditEntryHash(std::string_view prevHash, std::int64_t id, TimeMs at, std::string_view actor,
                           std::string_view action, std::string_view detail) {
  std::string content = "wof-audit-v1\n";
  appendField(content, prevHash);
  appendField(content, std::to_string(id));
  appendField(content, std::to_string(at));
  appendField(content, actor);
  appendField(content, action);
  appendField(content, detail);
  return sha256Hex(content);
}

AuditChainReport verifyAuditChain(Database& db) {
  AuditChainReport report;
  Statement select =
      db.prepare("SELECT id, at, actor, action, detail, prev_hash, entry_hash FROM audit_log ORDER BY id");
  std::string expectedPrev(kAuditGenesisHash);
  while (select.step()) {
    ++report.entries;
    const std::int64_t id = select.getInt(0);
    const std::string prevHash = select.getText(5);
    const std::string entryHash = select.getText(6);
    if (prevHash != expectedPrev) {
      report.firstBreak = AuditChainBreak{
          id, "its link to the entry before does not match (an entry before it was changed, removed or inserted)"};
      return report;
    }
    const std::string recomputed = auditEntryHash(prevHash, id, select.getInt(1), select.getText(2),
                                                  select.getText(3), select.getText(4));
    if (recomputed != entryHash) {
      report.firstBreak = AuditChainBreak{id, "its content does not match its hash (the entry was edited)"};
      return report;
    }
    expectedPrev = entryHash;
  }
  return report;
}

}  // namespace wof::core
