// The audit log's hash chain: each entry stores the hash of the entry before it and a SHA-256 of
// its own content, so editing, deleting or reordering a row breaks the chain at that row.
// Layer: core/store. Hashing only; the rows are written by Store::audit().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/storage/database.hpp"
#include "core/model/model.hpp"

namespace wof::core {

// prev_hash of the first entry: 64 zeros.
inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// Lower-case hex SHA-256 over the entry's fields, each length-prefixed so no two different
// entries hash the same text ("ab"+"c" vs "a"+"bc").
std::string auditEntryHash(std::string_view prevHash, std::int64_t id, TimeMs at, std::string_view actor,
                           std::string_view action, std::string_view detail);

// Lower-case hex SHA-256 of arbitrary bytes.
std::string sha256Hex(std::string_view bytes);

struct AuditChainBreak {
  std::int64_t id = 0;     // the first entry whose link or content does not match
  std::string reason;      // what did not match, for the person running verify
};

struct AuditChainReport {
  std::int64_t entries = 0;
  std::optional<AuditChainBreak> firstBreak;  // empty: the chain is intact
};

// Walks the log in id order and recomputes every link. Reports the first broken one.
AuditChainReport verifyAuditChain(Database& db);

}  // namespace wof::core
