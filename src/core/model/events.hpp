// Events: what one kiosk tells the others (a nomination, a status change, applause, an erasure).
// Layer: core/model. The share's file format that carries them is core/sync/journal.hpp.
#pragma once

#include <cstdint>
#include <string>

namespace wof::core {

// One event as it travels between kiosks.
struct JournalEvent {
  std::string id;       // UUIDv7, unique across the fleet
  std::string kiosk;    // the kiosk that wrote it
  std::int64_t seq = 0; // that kiosk's outbox sequence number
  std::uint64_t hlc = 0;
  std::string type;     // "nomination.created", "nomination.status", "applause", "employee.erased"
  std::string payload;  // a JSON object, compact
};

}  // namespace wof::core
