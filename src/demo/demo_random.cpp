// The demo's stable hash: the seed of each person's portrait.
// Layer: demo (internal).
#include "demo/demo_random.hpp"

#include "core/util/files.hpp"

namespace wof::core::demo_detail {

std::uint64_t stableHash(std::string_view text) { return fnv1a64(text); }

}  // namespace wof::core::demo_detail
