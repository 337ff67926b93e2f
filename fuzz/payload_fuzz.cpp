// Fuzz target: FlatJson, which reads every event payload on the import path instead of
// nlohmann::json, differentially against nlohmann::json: both must accept the same texts as
// objects, and read the same members with the same kinds and values.
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/util/flat_json.hpp"
#include "fuzz_check.hpp"

using wof::core::FlatJson;
using Kind = FlatJson::Kind;

namespace {

// The kind FlatJson promises for a value nlohmann::json read.
Kind expectedKind(const nlohmann::json& value) {
  if (value.is_string()) return Kind::String;
  if (value.is_number_unsigned()) return value.get<std::uint64_t>() > INT64_MAX ? Kind::Number : Kind::Integer;
  if (value.is_number_integer()) return Kind::Integer;
  if (value.is_number()) return Kind::Number;
  if (value.is_boolean()) return Kind::Bool;
  if (value.is_null()) return Kind::Null;
  return Kind::Nested;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  FlatJson flat;
  const bool read = flat.parse(text);
  const nlohmann::json document = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  WOF_FUZZ_CHECK(read == (!document.is_discarded() && document.is_object()));
  if (!read) return 0;

  for (const auto& [key, value] : document.items()) {
    const FlatJson::Member* member = flat.find(key);
    WOF_FUZZ_CHECK(member != nullptr);
    WOF_FUZZ_CHECK(member->kind == expectedKind(value));
    switch (member->kind) {
      case Kind::String:
        WOF_FUZZ_CHECK(member->text == value.get<std::string>());
        WOF_FUZZ_CHECK(flat.text(key) != nullptr && *flat.text(key) == member->text);
        break;
      case Kind::Integer:
        WOF_FUZZ_CHECK(member->integer == value.get<std::int64_t>());
        break;
      case Kind::Bool:
        WOF_FUZZ_CHECK(member->integer == (value.get<bool>() ? 1 : 0));
        break;
      case Kind::Nested: {
        // Compared as nlohmann::json writes both, which also turns an overflowing number into
        // null on each side alike.
        const nlohmann::json nested = nlohmann::json::parse(member->text, nullptr, false);
        WOF_FUZZ_CHECK(!nested.is_discarded());
        WOF_FUZZ_CHECK(nested.dump() == value.dump());
        break;
      }
      case Kind::Number:
      case Kind::Null:
        break;
    }
  }
  return 0;
}
