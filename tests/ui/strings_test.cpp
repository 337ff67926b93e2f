// Spec: the kiosk's words come from assets/strings, per language, falling back to English.
#include <doctest/doctest.h>

#include "core/config/config.hpp"
#include "ui/strings.hpp"
#include "ui/widgets/widgets.hpp"
#include "core/util/time_zone.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;

namespace {
const std::filesystem::path kStrings = std::filesystem::path(WOF_SOURCE_DIR) / "assets" / "strings";
}

TEST_CASE("every supported language has a strings file with every English key") {
  const Strings english = Strings::load(kStrings, "en");
  for (const std::string& language : supportedLanguages()) {
    CAPTURE(language);
    const Strings strings = Strings::load(kStrings, language);
    CHECK(strings("recognise") != "recognise");
    CHECK(strings("other_language") != strings("language_name"));
  }
  CHECK(Strings::load(kStrings, "de")("cancel") == "\u2715 Abbrechen");
}

TEST_CASE("placeholders are filled and unknown keys show themselves") {
  const Strings strings = Strings::load(kStrings, "en");
  CHECK(strings.format("step", {{"n", "2"}, {"total", "5"}}) == "Step 2 of 5");
  CHECK(strings("no-such-key") == "no-such-key");
}

TEST_CASE("a missing language file is an error naming it") {
  TempDir dir;
  writeFile(dir / "en.toml", "cancel = \"Cancel\"\n");
  CHECK_THROWS_WITH_AS(Strings::load(dir.path(), "fr"), doctest::Contains("fr.toml"), std::runtime_error);
  writeFile(dir / "fr.toml", "cancel = \"Annuler\"\n");
  CHECK(Strings::load(dir.path(), "fr")("cancel") == "Annuler");
}

TEST_CASE("a [section]'s keys read as section.key, in every language") {
  const Strings english = Strings::load(kStrings, "en");
  const Strings german = Strings::load(kStrings, "de");
  CHECK(english("admin.pin_unlock") == "Unlock");
  CHECK(german("admin.pin_unlock") == "Entsperren");
  CHECK(german.format("admin.pin_locked", {{"minutes", "14"}}) == "Zu viele falsche PINs. Gesperrt für 14 Min.");
  CHECK(english("cancel") == "\u2715 Cancel");  // top-level keys before the section are untouched

  TempDir dir;
  writeFile(dir / "en.toml", "top = \"Top\"\n[admin]\nkey = \"Inner\"\n");
  const Strings strings = Strings::load(dir.path(), "en");
  CHECK(strings("top") == "Top");
  CHECK(strings("admin.key") == "Inner");
  CHECK(strings("key") == "key");
}

TEST_CASE("dates read as people say them, in the session's language and the company's calendar") {
  const Strings english = Strings::load(kStrings, "en");
  const Strings german = Strings::load(kStrings, "de");
  const TimeZone berlin = *TimeZone::named("Europe/Berlin");
  const TimeMs now = *berlin.parseDate("2026-11-24") + 10 * 3'600'000;  // 10:00 in Berlin
  const TimeMs earlyToday = *berlin.parseDate("2026-11-24") + 60'000;   // 00:01, 23:01 UTC the day before
  CHECK(wof::ui::formatWhen(earlyToday, now, berlin, english) == "Today");
  CHECK(wof::ui::formatWhen(earlyToday, now, TimeZone::utc(), english) == "Yesterday");
  CHECK(wof::ui::formatWhen(earlyToday - 120'000, now, berlin, german) == "Gestern");  // 23:59
  CHECK(wof::ui::formatWhen(*berlin.parseDate("2026-11-21"), now, berlin, english) == "3 days ago");
  CHECK(wof::ui::formatWhen(*berlin.parseDate("2026-11-21"), now, berlin, german) == "vor 3 Tagen");
  CHECK(wof::ui::formatWhen(*berlin.parseDate("2026-11-12"), now, berlin, english) == "12 November");
  CHECK(wof::ui::formatWhen(*berlin.parseDate("2026-11-12"), now, berlin, german) == "12. November");
  CHECK(wof::ui::formatWhen(*berlin.parseDate("2025-11-12"), now, berlin, english) == "12 Nov 2025");
  CHECK(wof::ui::formatDay(earlyToday, berlin) == "24 Nov 2026");
  CHECK(wof::ui::formatDay(earlyToday, TimeZone::utc()) == "23 Nov 2026");
}
