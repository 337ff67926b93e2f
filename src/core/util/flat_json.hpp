// A JSON object's top-level scalar members, the shape of every journal event payload, read
// without building a document tree: importing 100,000 events spent more time in nlohmann::json's
// tree than in SQLite. Layer: core/sync.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wof::core {

class FlatJson {
 public:
  enum class Kind { String, Integer, Number, Bool, Null, Nested };
  struct Member {
    std::string_view key;
    Kind kind = Kind::Null;
    std::string_view text;     // String: the unescaped value; Nested: its JSON text
    //                            (a view of the parsed text for a flat object, else re-serialised)
    std::int64_t integer = 0;  // Integer: the value (fits in 64 bits signed)
  };

  FlatJson() = default;
  FlatJson(const FlatJson&) = delete;  // members point into m_buffer
  FlatJson& operator=(const FlatJson&) = delete;

  // Reads `text`, which must outlive the members read from it; false when it is not valid JSON or
  // not an object (what nlohmann::json::parse refuses, strings checked for valid UTF-8 and
  // control characters). Members that are flat objects are read here as Kind::Nested; anything
  // deeper (arrays, objects in objects) is left to nlohmann::json. A repeated key: the last one
  // counts, as in nlohmann::json.
  bool parse(std::string_view text);
  // The same for an object of scalars and flat objects only (what this program writes), without
  // nlohmann::json: false for anything deeper, which parse() may still read.
  bool parseFlat(std::string_view text);

  // The member named `key`, or nullptr.
  const Member* find(std::string_view key) const;
  // The member's string value when it is a string, else nullptr.
  const std::string_view* text(std::string_view key) const;

 private:
  bool parseNested(std::string_view text);
  std::vector<Member> m_members;
  std::string m_buffer;  // unescaped strings and keys; reserved once, never reallocated while parsing
};

}  // namespace wof::core
