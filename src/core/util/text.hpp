// Text helpers for user and file input: UTF-8 validation, trimming, counting and accent folding.
// Layer: core (no UI). Everything here is pure and allocation-light.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wof::core {

// Byte offset of the first invalid UTF-8 sequence (overlongs, surrogates and NUL bytes count as
// invalid: none of them belongs in a name or a story), or nullopt when `text` is clean.
std::optional<std::size_t> findInvalidUtf8(std::string_view text);
inline bool isValidUtf8(std::string_view text) { return !findInvalidUtf8(text).has_value(); }

// Windows-1252 (what Excel's plain "CSV" writes on Western European and American PCs) as UTF-8,
// through glibc's iconv: all 256 bytes, 0x80-0x9F as Windows has them (€, ‚, Š, …). The five
// bytes Windows-1252 leaves unassigned (0x81, 0x8D, 0x8F, 0x90, 0x9D) are refused: then `text` is
// empty and `badOffset` is the byte offset of the first of them.
struct Recoded {
  std::string text;
  std::optional<std::size_t> badOffset;
};
Recoded windows1252ToUtf8(std::string_view bytes);

// Strips ASCII and common Unicode spaces (NBSP, ideographic space) from both ends.
std::string_view trim(std::string_view text);

// Number of code points in valid UTF-8 (what a person calls "characters").
std::size_t countCodePoints(std::string_view utf8);

// Lower-cases and strips accents so that "José Núñez", "JOSE NUNEZ" and "jose nunez" compare equal,
// and "ΝΊΚΟΣ" and "νικος", "ЁЖИК" and "ежик" too: Unicode case folding and compatibility
// decomposition (libutf8proc) without the combining accents. Latin letters without a
// decomposition get their usual ASCII spelling (ø→o, æ→ae, ß→ss, đ→d, ł→l); Russian й stays й.
// Scripts without case or accents pass through unchanged.
std::string foldForSearch(std::string_view utf8);

// Splits on ASCII whitespace, dropping empty pieces.
std::vector<std::string_view> splitWords(std::string_view text);

// The words roster search matches against: folded (foldForSearch) and split at anything that is
// not a letter or digit, as SQLite's unicode61 tokenizer did ("Seán O'Brien" -> "sean" "o"
// "brien", "Anna-Lena" -> "anna" "lena"). Letters of other scripts stay in the word.
std::vector<std::string> searchTokens(std::string_view text);

// Decodes one code point at `pos` of valid UTF-8 and advances `pos`.
char32_t decodeUtf8(std::string_view utf8, std::size_t& pos);
void appendUtf8(std::string& out, char32_t cp);

// The upper-case form of one code point (ς→Σ, ё→Ё, ß→ẞ), or the code point itself.
char32_t upperCase(char32_t cp);

// The first letter of up to two words, upper-cased where ASCII: "Seán O'Brien" -> "SO".
std::string initials(std::string_view displayName);

}  // namespace wof::core
