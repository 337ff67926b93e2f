// Text helpers: UTF-8 validation, trimming, counting and accent folding for search.
// Layer: core.
#include "core/util/text.hpp"

#include <iconv.h>
#include <utf8proc.h>

#include <algorithm>
#include <cerrno>

namespace wof::core {

namespace {

bool isContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Unicode spaces a person may paste around a story: NBSP, en/em spaces, ideographic space.
bool isUnicodeSpace(char32_t cp) {
  return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
         cp == 0xFEFF;
}

bool isAsciiSpace(char32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v'; }

}  // namespace

std::optional<std::size_t> findInvalidUtf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    const unsigned char lead = bytes[i];
    if (lead == 0) return i;
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    char32_t cp = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      cp = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      cp = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      cp = lead & 0x07;
    } else {
      return i;  // continuation byte as lead, overlong C0/C1, or F5..FF
    }
    if (i + length > size) return i;
    for (std::size_t k = 1; k < length; ++k) {
      if (!isContinuation(bytes[i + k])) return i;
      cp = (cp << 6) | (bytes[i + k] & 0x3F);
    }
    if ((length == 3 && cp < 0x800) || (length == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += length;
  }
  return std::nullopt;
}

char32_t decodeUtf8(std::string_view utf8, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(utf8[pos]);
  std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (pos + length > utf8.size()) length = utf8.size() - pos;  // defensive on invalid input
  char32_t cp = length == 1 ? lead : length == 2 ? (lead & 0x1F) : length == 3 ? (lead & 0x0F) : (lead & 0x07);
  for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[pos + k]) & 0x3F);
  pos += length;
  return cp;
}

void appendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string_view trim(std::string_view text) {
  // Front: decode forward while the code point is a space.
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t next = start;
    const char32_t cp = decodeUtf8(text, next);
    if (!isAsciiSpace(cp) && !isUnicodeSpace(cp)) break;
    start = next;
  }
  // Back: step back to each code point's lead byte.
  std::size_t end = text.size();
  while (end > start) {
    std::size_t lead = end - 1;
    while (lead > start && isContinuation(static_cast<unsigned char>(text[lead]))) --lead;
    std::size_t probe = lead;
    const char32_t cp = decodeUtf8(text, probe);
    if (!isAsciiSpace(cp) && !isUnicodeSpace(cp)) break;
    end = lead;
  }
  return text.substr(start, end - start);
}

std::size_t countCodePoints(std::string_view utf8) {
  std::size_t count = 0;
  for (const char c : utf8)
    if (!isContinuation(static_cast<unsigned char>(c))) ++count;
  return count;
}

namespace {

// Letters that Unicode does not decompose into a base letter and an accent, spelt as people
// write them without the accent (after case folding: only the lower-case forms come here).
std::string_view asciiSpellingOf(char32_t cp) {
  switch (cp) {
    case 0xE6: return "ae";  // æ
    case 0x153: return "oe";  // œ
    case 0xFE: return "th";  // þ
    case 0xF8: return "o";  // ø
    case 0xF0: case 0x111: case 0x256: case 0x257: return "d";  // ð đ ɖ ɗ
    case 0x142: return "l";  // ł
    case 0x131: return "i";  // dotless ı
    case 0x127: return "h";  // ħ
    case 0x167: return "t";  // ŧ
    case 0x138: return "k";  // ĸ
    case 0x14B: return "n";  // ŋ
    case 0x180: return "b";  // ƀ
    case 0x192: return "f";  // ƒ
    default: return {};
  }
}

// Combining accents of Latin, Greek and Cyrillic (the Combining Diacritical Marks blocks), which
// folding drops. Marks of other scripts (Devanagari vowel signs, kana voicing) are letters' parts.
bool isDiacritic(char32_t cp) {
  return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
         (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F);
}

}  // namespace

std::string foldForSearch(std::string_view utf8) {
  if (std::all_of(utf8.begin(), utf8.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    std::string out(utf8);  // most names: no table needed
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  // NFKD with Unicode case folding (utf8proc), accents dropped, then composed again (NFC) so that
  // what is left of other scripts reads as it was written.
  constexpr auto kDecompose =
      static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
  const auto length = static_cast<utf8proc_ssize_t>(utf8.size());
  std::vector<utf8proc_int32_t> decomposed(utf8.size() + 8);
  utf8proc_ssize_t count = 0;
  while (true) {
    count = utf8proc_decompose(bytes, length, decomposed.data(), static_cast<utf8proc_ssize_t>(decomposed.size()),
                               kDecompose);
    if (count < 0) return std::string(utf8);  // not UTF-8: callers validate, so this is not reached
    if (static_cast<std::size_t>(count) <= decomposed.size()) break;
    decomposed.resize(static_cast<std::size_t>(count));
  }
  // Room for the ASCII spellings (two letters for one) and the UTF-8 bytes written in place.
  std::vector<utf8proc_int32_t> folded;
  folded.reserve(static_cast<std::size_t>(count) * 2 + 1);
  for (utf8proc_ssize_t i = 0; i < count; ++i) {
    const auto cp = static_cast<char32_t>(decomposed[static_cast<std::size_t>(i)]);
    // Russian й is a letter of its own, not и with an accent: its breve stays.
    if (isDiacritic(cp) && !(cp == 0x306 && !folded.empty() && folded.back() == 0x438)) continue;
    if (const std::string_view ascii = asciiSpellingOf(cp); !ascii.empty()) {
      for (const char c : ascii) folded.push_back(c);
    } else {
      folded.push_back(static_cast<utf8proc_int32_t>(cp));
    }
  }
  folded.push_back(0);  // utf8proc_reencode writes a terminating NUL byte
  const utf8proc_ssize_t size = utf8proc_reencode(
      folded.data(), static_cast<utf8proc_ssize_t>(folded.size() - 1),
      static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_STABLE));
  if (size < 0) return std::string(utf8);
  return std::string(reinterpret_cast<const char*>(folded.data()), static_cast<std::size_t>(size));
}

std::vector<std::string_view> splitWords(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && isAsciiSpace(static_cast<unsigned char>(text[i]))) ++i;
    const std::size_t start = i;
    while (i < text.size() && !isAsciiSpace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

std::vector<std::string> searchTokens(std::string_view text) {
  // Separators outside ASCII: Latin-1 punctuation (NBSP, guillemets, middle dot, inverted marks),
  // general punctuation (dashes, curly quotes, ellipsis) and CJK punctuation.
  auto separates = [](char32_t cp) {
    if (cp < 0x80) return !((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'));  // folded: no upper case
    return (cp >= 0xA0 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F) ||
           (cp >= 0x3000 && cp <= 0x303F) || cp == 0xFEFF;
  };
  const std::string folded = foldForSearch(text);
  std::vector<std::string> tokens;
  std::string current;
  std::size_t pos = 0;
  while (pos < folded.size()) {
    const std::size_t start = pos;
    const char32_t cp = decodeUtf8(folded, pos);
    if (separates(cp)) {
      if (!current.empty()) tokens.push_back(std::move(current));
      current.clear();
    } else {
      current.append(folded, start, pos - start);
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

char32_t upperCase(char32_t cp) { return static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(cp))); }

Recoded windows1252ToUtf8(std::string_view bytes) {
  Recoded result;
  const iconv_t converter = ::iconv_open("UTF-8", "WINDOWS-1252");
  if (converter == reinterpret_cast<iconv_t>(-1)) {  // glibc always has it; no gconv modules would be a broken install
    result.badOffset = 0;
    return result;
  }
  // Every byte becomes at most three in UTF-8 (U+20AC for 0x80 is the widest).
  result.text.resize(bytes.size() * 3);
  char* in = const_cast<char*>(bytes.data());  // iconv's signature; it does not write there
  std::size_t inLeft = bytes.size();
  char* out = result.text.data();
  std::size_t outLeft = result.text.size();
  const std::size_t converted = ::iconv(converter, &in, &inLeft, &out, &outLeft);
  ::iconv_close(converter);
  if (converted == static_cast<std::size_t>(-1)) {
    result.badOffset = static_cast<std::size_t>(in - bytes.data());
    result.text.clear();
    return result;
  }
  result.text.resize(result.text.size() - outLeft);
  return result;
}

std::string initials(std::string_view displayName) {
  // First letter of the first and last words: "Nguyễn Thị Lan" -> "NL", "Seán O'Brien" -> "SO".
  const std::vector<std::string_view> words = splitWords(displayName);
  std::string out;
  auto takeFirstLetter = [&out](std::string_view word) {
    std::size_t pos = 0;
    char32_t cp = decodeUtf8(word, pos);
    // Thai and Lao write some vowels before their consonant: the initial is the consonant.
    const bool preposedVowel = (cp >= 0x0E40 && cp <= 0x0E44) || (cp >= 0x0EC0 && cp <= 0x0EC4);
    if (preposedVowel && pos < word.size()) cp = decodeUtf8(word, pos);
    if (cp >= 'a' && cp <= 'z') cp -= 'a' - 'A';
    appendUtf8(out, cp);
  };
  if (!words.empty()) takeFirstLetter(words.front());
  if (words.size() > 1) {
    // Letters of joining scripts (Arabic, Syriac, N'Ko, Mongolian) would join into a word:
    // a zero-width non-joiner keeps the two initials apart ("م‌ا", not "ما").
    std::size_t pos = 0;
    const char32_t first = decodeUtf8(out, pos);
    if ((first >= 0x0600 && first <= 0x08FF) || (first >= 0x1800 && first <= 0x18AF)) appendUtf8(out, 0x200C);
    takeFirstLetter(words.back());
  }
  return out;
}

}  // namespace wof::core
