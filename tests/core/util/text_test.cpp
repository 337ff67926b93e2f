// Spec: text helpers for user input and search.
#include <doctest/doctest.h>

#include "core/util/text.hpp"

using namespace wof::core;

TEST_CASE("UTF-8 validation finds the first bad byte") {
  CHECK(isValidUtf8("José Núñez, Nguyễn Thị Lan, 😀"));
  CHECK(findInvalidUtf8("abc\xff") == 3u);
  SUBCASE("truncated sequence") { CHECK(findInvalidUtf8("ab\xC3") == 2u); }
  SUBCASE("overlong encoding of '/'") { CHECK(findInvalidUtf8("\xC0\xAF") == 0u); }
  SUBCASE("UTF-16 surrogate") { CHECK(findInvalidUtf8("\xED\xA0\x80") == 0u); }
  SUBCASE("NUL byte") { CHECK(findInvalidUtf8(std::string_view("a\0b", 3)) == 1u); }
}

TEST_CASE("trim removes ASCII and Unicode spaces at both ends only") {
  CHECK(trim("  hello world \n") == "hello world");
  CHECK(trim("\xC2\xA0\xE3\x80\x80Zoë\xC2\xA0") == "Zoë");
  CHECK(trim("   ") == "");
  CHECK(trim("") == "");
}

TEST_CASE("countCodePoints counts characters, not bytes") {
  CHECK(countCodePoints("Zoë") == 3);
  CHECK(countCodePoints("Nguyễn") == 6);
}

TEST_CASE("foldForSearch lower-cases and strips accents") {
  CHECK(foldForSearch("José Núñez") == "jose nunez");
  CHECK(foldForSearch("Zoë Ødegård") == "zoe odegard");
  CHECK(foldForSearch("Nguyễn Thị Lan") == "nguyen thi lan");
  CHECK(foldForSearch("Łukasz Wróbel") == "lukasz wrobel");
  // Greek and Cyrillic: case and accents too, so "ΑΛΈΞΑΝΔΡΟΣ" and "αλεξανδροσ" meet.
  CHECK(foldForSearch("Αλέξανδρος Παπαδόπουλος") == foldForSearch("ΑΛΕΞΑΝΔΡΟΣ παπαδοπουλοσ"));
  CHECK(foldForSearch("Αλέξανδρος") == "αλεξανδροσ");
  CHECK(foldForSearch("Пётр Иванов") == "петр иванов");
  CHECK(foldForSearch("ЁЖИК Ђорђе") == "ежик ђорђе");
  CHECK(foldForSearch("Çağla Yıldız") == "cagla yildiz");
  CHECK(foldForSearch("Straße Æsir") == "strasse aesir");
  CHECK(foldForSearch("S\xCC\x8C" "amo") == "samo");  // decomposed: S + combining caron
  CHECK(foldForSearch("Ελένη") == "ελενη");
  CHECK(foldForSearch("李小龍 カタカナ") == "李小龍 カタカナ");  // scripts without case pass through
}

TEST_CASE("foldForSearch folds all of Unicode, not only the letters someone listed") {
  CHECK(foldForSearch("ΝΊΚΟΣ") == "νικοσ");  // capitals with tonos, final sigma
  CHECK(foldForSearch("Νίκος Παπαδόπουλος") == "νικοσ παπαδοπουλοσ");
  CHECK(foldForSearch("ΪΫ ϊϋ ΐ") == "ιυ ιυ ι");
  CHECK(foldForSearch("ДМИТРИЙ Дмитрий") == "дмитрий дмитрий");  // й is a letter: kept
  CHECK(foldForSearch("İstanbul") == "istanbul");
  CHECK(foldForSearch("Ĳsselmeer Œuvre Þór Đorđe Ħal") == "ijsselmeer oeuvre thor dorde hal");
  CHECK(foldForSearch("ＪＯＳＥ") == "jose");  // full-width letters from an Asian keyboard
  CHECK(foldForSearch("Ångström") == foldForSearch("A\xCC\x8Angstro\xCC\x88m"));  // composed or not
  CHECK(foldForSearch("अनिल कुमार") == "अनिल कुमार");  // vowel signs are letters' parts, not accents
  CHECK(foldForSearch("ガ") == "ガ");                  // so is kana voicing
  CHECK(foldForSearch("김민준") == "김민준");          // Hangul syllables composed again
  CHECK(foldForSearch("Ǆ ǅ ǆ") == "dz dz dz");  // compatibility ligatures
}

TEST_CASE("upperCase maps one code point to its capital") {
  CHECK(upperCase(U'a') == U'A');
  CHECK(upperCase(U'ø') == U'Ø');
  CHECK(upperCase(U'ς') == U'Σ');
  CHECK(upperCase(U'ά') == U'Ά');
  CHECK(upperCase(U'ё') == U'Ё');
  CHECK(upperCase(U'й') == U'Й');
  CHECK(upperCase(U'1') == U'1');
}

TEST_CASE("initials take the first and last words") {
  CHECK(initials("Seán O'Brien") == "SO");
  CHECK(initials("Nguyễn Thị Lan") == "NL");
  CHECK(initials("zoë") == "Z");
  CHECK(initials("Ødegård Zoë") == "ØZ");
  CHECK(initials("王秀英") == "王");
  CHECK(initials("สมชาย ใจดี") == "สจ");  // ใ is a vowel written before its consonant จ
  CHECK(initials("Νίκος Παπαδόπουλος") == "ΝΠ");
  CHECK(initials("محمد الأحمد") == "م\u200Cا");  // kept apart: Arabic letters would join
  CHECK(initials("") == "");
}

TEST_CASE("Windows-1252 becomes UTF-8, 0x80-0x9F as Windows has them, and its five unassigned bytes are refused") {
  const Recoded recoded = windows1252ToUtf8("\x80 \x82 \x8A \x8C \x8E \x93\x94 \x96 \x9F Jos\xE9 \xFF");
  REQUIRE_FALSE(recoded.badOffset);
  CHECK(recoded.text == "€ ‚ Š Œ Ž “” – Ÿ José ÿ");
  for (const char unassigned : {'\x81', '\x8D', '\x8F', '\x90', '\x9D'}) {
    const Recoded refused = windows1252ToUtf8(std::string("ab\xE9") + unassigned + "cd");
    CHECK(refused.badOffset == 3);
    CHECK(refused.text.empty());
  }
}
