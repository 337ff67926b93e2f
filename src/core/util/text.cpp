// Text helpers: UTF-8 validation, trimming, counting and accent folding for search.
// Layer: core.
#include "core/util/text.hpp"

#include <array>

namespace wof::core {

namespace {

bool isContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Unicode spaces a person may paste around a story: NBSP, en/em spaces, ideographic space.
bool isUnicodeSpace(char32_t cp) {
  return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
         cp == 0xFEFF;
}

bool isAsciiSpace(char32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v'; }

// Base letters for U+0100..U+017F (Latin Extended-A), in runs: each run's letter repeated.
std::array<const char*, 0x80> buildLatinExtendedA() {
  struct Run {
    int count;
    const char* base;
  };
  constexpr Run kRuns[] = {{6, "a"}, {8, "c"}, {4, "d"},  {10, "e"}, {8, "g"}, {4, "h"}, {10, "i"}, {2, "ij"},
                           {2, "j"}, {3, "k"}, {10, "l"}, {9, "n"},  {6, "o"}, {2, "oe"}, {6, "r"}, {8, "s"},
                           {6, "t"}, {12, "u"}, {2, "w"}, {3, "y"},  {6, "z"}, {1, "s"}};
  std::array<const char*, 0x80> table{};
  std::size_t at = 0;
  for (const Run& run : kRuns)
    for (int i = 0; i < run.count; ++i) table[at++] = run.base;
  return table;
}

// Base letters for U+00C0..U+00FF (Latin-1 letters); nullptr keeps the character (× ÷).
constexpr std::array<const char*, 0x40> kLatin1 = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // C0
    "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",  // D0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // E0
    "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "y",  // F0
};

// Folds one code point outside ASCII; returns nullptr when it has no Latin base letter.
const char* foldNonAscii(char32_t cp) {
  static const std::array<const char*, 0x80> kLatinExtendedA = buildLatinExtendedA();
  if (cp >= 0xC0 && cp <= 0xFF) return kLatin1[cp - 0xC0];
  if (cp >= 0x100 && cp <= 0x17F) return kLatinExtendedA[cp - 0x100];
  switch (cp) {
    case 0x180: case 0x243: return "b";
    case 0x1A0: case 0x1A1: return "o";  // Vietnamese ơ
    case 0x1AF: case 0x1B0: return "u";  // Vietnamese ư
    case 0x189: case 0x18A: return "d";
    case 0x192: return "f";
    case 0x1CD: case 0x1CE: return "a";
    case 0x1CF: case 0x1D0: return "i";
    case 0x1D1: case 0x1D2: return "o";
    case 0x218: case 0x219: return "s";  // Romanian ș
    case 0x21A: case 0x21B: return "t";  // Romanian ț
    default: break;
  }
  if (cp >= 0x1D3 && cp <= 0x1DC) return "u";
  // Latin Extended Additional, the Vietnamese block: A, E, I, O, U, Y with tone marks.
  if (cp >= 0x1EA0 && cp <= 0x1EB7) return "a";
  if (cp >= 0x1EB8 && cp <= 0x1EC7) return "e";
  if (cp >= 0x1EC8 && cp <= 0x1ECB) return "i";
  if (cp >= 0x1ECC && cp <= 0x1EE3) return "o";
  if (cp >= 0x1EE4 && cp <= 0x1EF1) return "u";
  if (cp >= 0x1EF2 && cp <= 0x1EF9) return "y";
  return nullptr;
}

bool isCombiningMark(char32_t cp) { return cp >= 0x300 && cp <= 0x36F; }

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

// Greek and Cyrillic letters to lower case without accents ("Ά" -> "α", "Ё" -> "е"), so a name
// in those scripts is found whatever the case typed; other letters come back as they are.
char32_t foldGreekCyrillic(char32_t cp) {
  if (cp >= 0x0391 && cp <= 0x03A9) return cp + 0x20;  // Α..Ω
  if (cp >= 0x0410 && cp <= 0x042F) return cp + 0x20;  // А..Я
  if (cp == 0x0401 || cp == 0x0451) return 0x0435;     // Ё ё -> е, as Russian search does
  if (cp >= 0x0400 && cp <= 0x040F) return cp + 0x50;  // Ѐ..Џ
  switch (cp) {
    case 0x0386: case 0x03AC: return 0x03B1;  // Ά ά
    case 0x0388: case 0x03AD: return 0x03B5;  // Έ έ
    case 0x0389: case 0x03AE: return 0x03B7;  // Ή ή
    case 0x038A: case 0x03AF: case 0x03AA: case 0x03CA: case 0x0390: return 0x03B9;  // Ί ί Ϊ ϊ ΐ
    case 0x038C: case 0x03CC: return 0x03BF;  // Ό ό
    case 0x038E: case 0x03CD: case 0x03AB: case 0x03CB: case 0x03B0: return 0x03C5;  // Ύ ύ Ϋ ϋ ΰ
    case 0x038F: case 0x03CE: return 0x03C9;  // Ώ ώ
    case 0x03C2: return 0x03C3;               // final ς -> σ
    default: return cp;
  }
}

}  // namespace

std::string foldForSearch(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    const char32_t cp = decodeUtf8(utf8, pos);
    if (cp < 0x80) {
      out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
    } else if (isCombiningMark(cp)) {
      continue;  // decomposed accents: "e" + U+0301
    } else if (const char* base = foldNonAscii(cp)) {
      out += base;
    } else {
      appendUtf8(out, foldGreekCyrillic(cp));
    }
  }
  return out;
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
