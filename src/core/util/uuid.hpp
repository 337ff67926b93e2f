// UUIDv7 identifiers (time-ordered, random tail) for nominations and events.
// Layer: core. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/util/clock.hpp"

namespace wof::core {

// "0192f1c4-3b7a-7c1e-9f0a-6d2b8e4a1c3f": 48-bit ms timestamp, version 7, variant 10, random rest.
std::string newUuidV7(TimeMs now);
bool looksLikeUuid(std::string_view text);

}  // namespace wof::core
