// Events: what one kiosk tells the others (a nomination, a status change, applause, a Customer
// Champion, an erasure), with the one encoder and the one decoder of each payload.
// Layer: core/model. The share's file format that carries them is core/sync/journal.hpp; the
// store writes payloads through encode() and applies other kiosks' through decode().
//
// Index of this file
//   [SECTION] event types       the names on the wire ("nomination.created", ...)
//   [SECTION] JournalEvent      one event as it travels between kiosks
//   [SECTION] payloads          one struct per type; encode() -> compact JSON, decode() <- FlatJson
//
// Payload fields are views: an encoded payload copies them, a decoded one points into the FlatJson
// it was read from (the import path decodes 100,000s of events without copying a string).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/util/clock.hpp"

namespace wof::core {

class FlatJson;

// [SECTION] event types
inline constexpr std::string_view kEventNominationCreated = "nomination.created";
inline constexpr std::string_view kEventNominationStatus = "nomination.status";
inline constexpr std::string_view kEventApplause = "applause";
inline constexpr std::string_view kEventWinnerSelected = "winner.selected";
inline constexpr std::string_view kEventEmployeeErased = "employee.erased";

// [SECTION] JournalEvent
struct JournalEvent {
  std::string id;       // UUIDv7, unique across the fleet
  std::string kiosk;    // the kiosk that wrote it
  std::int64_t seq = 0; // that kiosk's outbox sequence number
  std::uint64_t hlc = 0;
  std::string type;     // one of the kEvent... names above
  std::string payload;  // a JSON object, compact
};

// [SECTION] payloads
// Each decode() checks what the receiving kiosk relies on and returns why a payload is refused,
// naming the first field at fault (empty: `out` is filled). Unknown extra members are ignored: a
// newer kiosk may add some.

// "nomination.created": a new story, with the status it was created with.
struct NominationCreatedPayload {
  std::string_view id;  // UUIDv7
  TimeMs createdAt = 0;
  std::string_view nomineeId;
  std::string_view behaviour;
  std::string_view story;
  std::optional<std::string_view> nominatorId;  // JSON null: anonymous
  std::string_view visibility;                  // toText(NominatorVisibility)
  std::string_view status;                      // toText(NominationStatus)
};
std::string encode(const NominationCreatedPayload& payload);
std::string decode(const FlatJson& json, NominationCreatedPayload& out);

// "nomination.status": approved, hidden (with HR's reason) or pending again.
struct NominationStatusPayload {
  std::string_view id;
  std::string_view status;
  std::string_view reason;  // may be absent on the wire: empty
};
std::string encode(const NominationStatusPayload& payload);
std::string decode(const FlatJson& json, NominationStatusPayload& out);

// "applause": the writing kiosk's running count of taps for one story (merged by max).
struct ApplausePayload {
  std::string_view id;
  std::int64_t count = 0;
};
std::string encode(const ApplausePayload& payload);
std::string decode(const FlatJson& json, ApplausePayload& out);

// "winner.selected": a Customer Champion of a month ("YYYY-MM").
struct WinnerSelectedPayload {
  std::string_view id;  // UUIDv7
  std::string_view period;
  std::string_view employeeId;
  std::string_view nominationId;
  std::string_view citation;
  TimeMs decidedAt = 0;
};
std::string encode(const WinnerSelectedPayload& payload);
std::string decode(const FlatJson& json, WinnerSelectedPayload& out);

// "employee.erased": a GDPR erasure, a tombstone that beats every other event about the person.
struct EmployeeErasedPayload {
  std::string_view employeeId;
  // What the anonymous counts keep grouping the person by, as the erasing kiosk held it: a kiosk
  // that learns of the erasure before (or without) the person's roster line still groups them
  // the same, so every kiosk exports the same bytes. Absent in events of earlier versions.
  std::optional<std::string_view> department;
  std::optional<std::string_view> site;
};
std::string encode(const EmployeeErasedPayload& payload);
std::string decode(const FlatJson& json, EmployeeErasedPayload& out);

}  // namespace wof::core
