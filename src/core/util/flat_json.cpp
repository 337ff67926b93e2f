// Reading journal payloads without a document tree. Layer: core/sync.
#include "core/util/flat_json.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/util/text.hpp"

namespace wof::core {

namespace {

bool isJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The bytes that end a string's plain run: its closing quote, an escape, a control character
// (not allowed in a string).
constexpr std::array<bool, 256> kStopsString = [] {
  std::array<bool, 256> stops{};
  for (int c = 0; c < 0x20; ++c) stops[static_cast<std::size_t>(c)] = true;
  stops['"'] = stops['\\'] = true;
  return stops;
}();

// A cursor over the text; every read checks the end.
struct Reader {
  std::string_view text;
  std::size_t pos = 0;

  bool atEnd() const { return pos >= text.size(); }
  char peek() const { return atEnd() ? '\0' : text[pos]; }
  void skipSpace() {
    while (!atEnd() && isJsonSpace(text[pos])) ++pos;
  }
  bool consume(char c) {
    skipSpace();
    if (peek() != c) return false;
    ++pos;
    return true;
  }
  bool literal(std::string_view word) {
    if (text.substr(pos, word.size()) != word) return false;
    pos += word.size();
    return true;
  }

  bool hex4(char32_t& out) {
    if (pos + 4 > text.size()) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const int digit = hexValue(text[pos++]);
      if (digit < 0) return false;
      out = (out << 4) | static_cast<char32_t>(digit);
    }
    return true;
  }

  // A string at pos (after its opening quote was seen by the caller); appends the unescaped
  // value to `buffer` and returns a view of it there.
  bool string(std::string& buffer, std::string_view& out) {
    const std::size_t start = pos;
    // Fast path: no escape before the closing quote, so the value is the raw bytes.
    std::size_t end = start;
    unsigned char seen = 0;  // every byte or'ed: plain ASCII needs no UTF-8 check
    while (end < text.size() && !kStopsString[static_cast<unsigned char>(text[end])])
      seen |= static_cast<unsigned char>(text[end++]);
    if (end >= text.size() || static_cast<unsigned char>(text[end]) < 0x20) return false;
    if (text[end] == '"') {
      out = text.substr(start, end - start);
      if ((seen & 0x80) != 0 && !isValidUtf8(out)) return false;
      pos = end + 1;
      return true;
    }
    const std::size_t from = buffer.size();
    buffer.append(text, start, end - start);
    pos = end;
    while (true) {
      if (atEnd()) return false;
      const char c = text[pos++];
      if (c == '"') break;
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        buffer += c;
        continue;
      }
      if (atEnd()) return false;
      switch (text[pos++]) {
        case '"': buffer += '"'; break;
        case '\\': buffer += '\\'; break;
        case '/': buffer += '/'; break;
        case 'b': buffer += '\b'; break;
        case 'f': buffer += '\f'; break;
        case 'n': buffer += '\n'; break;
        case 'r': buffer += '\r'; break;
        case 't': buffer += '\t'; break;
        case 'u': {
          char32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {  // a surrogate pair, as nlohmann::json requires
            char32_t low = 0;
            if (!literal("\\u") || !hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return false;
          }
          appendUtf8(buffer, cp);
          break;
        }
        default:
          return false;
      }
    }
    out = std::string_view(buffer).substr(from);
    return isValidUtf8(out);
  }

  // A number per RFC 8259; `integer` set when it has no fraction or exponent and fits 64 bits.
  bool number(FlatJson::Member& member) {
    const std::size_t start = pos;
    if (peek() == '-') ++pos;
    if (peek() == '0') {
      ++pos;
    } else if (peek() >= '1' && peek() <= '9') {
      while (peek() >= '0' && peek() <= '9') ++pos;
    } else {
      return false;
    }
    bool whole = true;
    if (peek() == '.') {
      whole = false;
      ++pos;
      if (!(peek() >= '0' && peek() <= '9')) return false;
      while (peek() >= '0' && peek() <= '9') ++pos;
    }
    if (peek() == 'e' || peek() == 'E') {
      whole = false;
      ++pos;
      if (peek() == '+' || peek() == '-') ++pos;
      if (!(peek() >= '0' && peek() <= '9')) return false;
      while (peek() >= '0' && peek() <= '9') ++pos;
    }
    member.kind = FlatJson::Kind::Number;
    if (whole) {
      const char* first = text.data() + start;
      const auto [end, error] = std::from_chars(first, text.data() + pos, member.integer);
      if (error == std::errc() && end == text.data() + pos) member.kind = FlatJson::Kind::Integer;
    }
    // nlohmann::json refuses a number that overflows a double (1e400, or 400 digits), as strtod
    // reads it; so must this reader, or kiosks of two versions would disagree on a segment.
    if (member.kind == FlatJson::Kind::Number) {
      const std::string digits(text.substr(start, pos - start));
      if (!std::isfinite(std::strtod(digits.c_str(), nullptr))) return false;
    }
    return true;
  }
};

}  // namespace

bool FlatJson::parse(std::string_view text) { return parseFlat(text) || parseNested(text); }

namespace {

// An object whose members are scalars or, when `nestedObjects`, flat objects (read as Nested,
// their JSON text a view of the input), from `in`'s position to its closing brace.
bool readObject(Reader& in, std::string& buffer, std::vector<FlatJson::Member>& members, bool nestedObjects) {
  using Kind = FlatJson::Kind;
  if (!in.consume('{')) return false;
  if (in.consume('}')) return true;
  while (true) {
    FlatJson::Member member;
    if (!in.consume('"') || !in.string(buffer, member.key) || !in.consume(':')) return false;
    in.skipSpace();
    const char c = in.peek();
    if (c == '"') {
      ++in.pos;
      member.kind = Kind::String;
      if (!in.string(buffer, member.text)) return false;
    } else if (c == 't' || c == 'f') {
      member.kind = Kind::Bool;
      member.integer = c == 't';
      if (!in.literal(c == 't' ? "true" : "false")) return false;
    } else if (c == 'n') {
      member.kind = Kind::Null;
      if (!in.literal("null")) return false;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      if (!in.number(member)) return false;
    } else if (c == '{' && nestedObjects) {
      const std::size_t start = in.pos;
      // Read to check it; its members are not kept (the payload is read again when applied).
      thread_local std::vector<FlatJson::Member> inner;
      inner.clear();
      if (!readObject(in, buffer, inner, false)) return false;
      member.kind = Kind::Nested;
      member.text = in.text.substr(start, in.pos - start);
    } else {
      return false;  // deeper, or not JSON: parseNested decides
    }
    members.push_back(member);
    if (in.consume(',')) continue;
    return in.consume('}');
  }
}

}  // namespace

bool FlatJson::parseFlat(std::string_view text) {
  m_members.clear();
  m_buffer.clear();
  m_buffer.reserve(text.size());  // unescaped text is never longer than its JSON: views stay valid
  Reader in{text};
  if (!readObject(in, m_buffer, m_members, true)) return false;
  in.skipSpace();
  return in.atEnd();
}

bool FlatJson::parseNested(std::string_view text) {
  m_members.clear();
  m_buffer.clear();
  const nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded() || !document.is_object()) return false;
  // Strings first, then views of them once m_buffer has its final size.
  struct Read {
    std::string key;
    Kind kind = Kind::Null;
    std::string text;
    std::int64_t integer = 0;
  };
  std::vector<Read> read;
  std::size_t bytes = 0;
  for (const auto& [key, value] : document.items()) {
    Read one;
    one.key = key;
    if (value.is_string()) {
      one.kind = Kind::String;
      one.text = value.get<std::string>();
    } else if (value.is_number_integer() && !(value.is_number_unsigned() && value.get<std::uint64_t>() > INT64_MAX)) {
      one.kind = Kind::Integer;
      one.integer = value.get<std::int64_t>();
    } else if (value.is_number()) {
      one.kind = Kind::Number;
    } else if (value.is_boolean()) {
      one.kind = Kind::Bool;
      one.integer = value.get<bool>();
    } else if (value.is_null()) {
      one.kind = Kind::Null;
    } else {
      one.kind = Kind::Nested;
      one.text = value.dump();
    }
    bytes += one.key.size() + one.text.size();
    read.push_back(std::move(one));
  }
  m_buffer.reserve(bytes);
  auto keep = [this](const std::string& value) {
    const std::size_t from = m_buffer.size();
    m_buffer += value;
    return std::string_view(m_buffer).substr(from);
  };
  for (const Read& one : read) {
    Member member;
    member.key = keep(one.key);
    member.kind = one.kind;
    member.text = keep(one.text);
    member.integer = one.integer;
    m_members.push_back(member);
  }
  return true;
}

const FlatJson::Member* FlatJson::find(std::string_view key) const {
  for (auto it = m_members.rbegin(); it != m_members.rend(); ++it)
    if (it->key == key) return &*it;
  return nullptr;
}

const std::string_view* FlatJson::text(std::string_view key) const {
  const Member* member = find(key);
  return member && member->kind == Kind::String ? &member->text : nullptr;
}

}  // namespace wof::core
