// Spec: the PDF report and the certificate print every colleague's name and story in their own
// script (read back with poppler's pdftotext), and text that does not fit is wrapped and cut
// inside its column (word boxes from pdftotext -bbox-layout).
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "core/reports/report.hpp"
#include "core/reports/report_pdf.hpp"
#include "core/util/text.hpp"
#include "support/report_support.hpp"
#include "support/world_names.hpp"

using namespace wof::core;
using namespace wof::test;

namespace {

// The text of a PDF as pdftotext gives it: logical order, one line a line of the page.
std::string pdfText(const std::filesystem::path& pdf, const TempDir& dir, const std::string& options = "") {
  const auto out = dir / "text.txt";
  const std::string command =
      "pdftotext -enc UTF-8 " + options + " " + shellQuote(pdf.string()) + " " + shellQuote(out.string());
  REQUIRE_MESSAGE(std::system(command.c_str()) == 0, "pdftotext could not read " << pdf.string());
  return readFile(out);
}

// Without spaces, line breaks and the bidi marks pdftotext puts around a right-to-left run: a
// story wrapped over several lines reads as one string.
std::string withoutSpaces(std::string text) {
  for (const char* mark : {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e"})
    for (std::size_t at; (at = text.find(mark)) != std::string::npos;) text.erase(at, 3);
  std::erase_if(text, [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'; });
  return text;
}

bool isRightToLeft(char32_t c) { return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFEFC); }

// `expected` with the two letters of each Arabic lam-alef ligature swapped, as pdftotext reads
// them (the PDF's ActualText for the ligature is "لأ"; poppler 22.12 prints "أل").
std::u32string asPopplerReads(const std::string& expected) {
  std::u32string wide;
  for (std::size_t pos = 0; pos < expected.size();) wide += decodeUtf8(expected, pos);
  for (std::size_t i = 0; i + 1 < wide.size(); ++i)
    if (wide[i] == U'\u0644' && (wide[i + 1] == U'\u0627' || wide[i + 1] == U'\u0623' || wide[i + 1] == U'\u0625' ||
                                 wide[i + 1] == U'\u0622'))
      std::swap(wide[i], wide[i + 1]), ++i;
  return wide;
}

// A name (one direction): exactly, spaces included, but for poppler's lam-alef swap.
bool readsBackExactly(const std::string& text, const std::string& name) {
  std::string expected;
  for (const char32_t c : asPopplerReads(name)) appendUtf8(expected, c);
  return text.find(expected) != std::string::npos;
}

// What poppler's pdftotext (22.12) reads back from right-to-left text is not quite the text: each
// run comes in logical order between U+202B and U+202C, but the runs of a line with both
// directions come left to right as they stand on the page, with a space wherever glyphs sit apart,
// and lam-alef swapped (above). So `text` must hold each right-to-left and each left-to-right
// stretch of `expected` (letters and digits in order; spaces and punctuation left out). Text
// without right-to-left letters is compared whole, ignoring only spaces and line breaks.
bool readsBack(const std::string& text, const std::string& expected) {
  const std::u32string wide = asPopplerReads(expected);
  if (std::none_of(wide.begin(), wide.end(), isRightToLeft))
    return withoutSpaces(text).find(withoutSpaces(expected)) != std::string::npos;
  std::vector<std::string> stretches(1);
  int direction = 0;  // of the stretch being collected: 1 right to left, -1 left to right
  for (const char32_t c : wide) {
    const bool letter = isRightToLeft(c) || (c < 0x80 && std::isalnum(static_cast<int>(c)));
    if (!letter) {
      if (c != U' ' && !stretches.back().empty()) stretches.emplace_back(), direction = 0;
      continue;
    }
    const int own = isRightToLeft(c) ? 1 : -1;
    if (direction != 0 && own != direction && !stretches.back().empty()) stretches.emplace_back();
    direction = own;
    appendUtf8(stretches.back(), c);
  }
  const std::string flat = withoutSpaces(text);
  return std::all_of(stretches.begin(), stretches.end(),
                     [&](const std::string& stretch) { return flat.find(stretch) != std::string::npos; });
}

struct Word {
  double xMin, yMin, xMax, yMax;
  std::string text;
};

// Every word's box, in points from the page's top left, of the pages of `pdf` from `first` on.
std::vector<Word> wordBoxes(const std::filesystem::path& pdf, const TempDir& dir, int first) {
  const std::string xhtml = pdfText(pdf, dir, "-bbox-layout -f " + std::to_string(first));
  const std::regex word(R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re");
  std::vector<Word> words;
  for (auto it = std::sregex_iterator(xhtml.begin(), xhtml.end(), word); it != std::sregex_iterator(); ++it)
    words.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4]), (*it)[5]});
  return words;
}

// The thirteen colleagues of world_names.hpp, each nominated once with their own story (approved
// at once), and a nominator.
struct WorldStore {
  TempDir dir;
  Store store{dir / "kiosk.db", "kiosk-a"};
  std::vector<std::string> nominations;

  WorldStore() {
    std::vector<Employee> roster;
    for (std::size_t i = 0; i < kWorldNames.size(); ++i)
      roster.push_back(makeEmployee("W" + std::to_string(i), std::string(kWorldNames[i].name)));
    roster.push_back(makeEmployee("N1", "Nora Nominator"));
    store.replaceRoster(roster);
    for (std::size_t i = 0; i < kWorldNames.size(); ++i) {
      const NominationDraft draft{"W" + std::to_string(i), "real-face", std::string(kWorldNames[i].story),
                                  std::string("N1"), NominatorVisibility::Public};
      const SubmitOutcome outcome =
          store.submitNomination(draft, kNow - 1000 * static_cast<TimeMs>(i), {ModerationPolicy::Auto, 100});
      REQUIRE_MESSAGE(outcome.nomination, kWorldNames[i].script << ": "
                                                                << (outcome.violation ? outcome.violation->message : ""));
      nominations.push_back(outcome.nomination->id);
    }
  }
};

// The geometry of report_pdf.cpp's story pages: two columns of cards, text set at least 20 pt
// inside each card's edges, the date 16 pt above its bottom.
constexpr double kPageW = 842, kMargin = 48;
constexpr double kCardW = (kPageW - 2 * kMargin - 20) / 2, kCardTop = 96, kCardH = 222, kCardGap = 16;

}  // namespace

TEST_CASE("the PDF report prints every colleague's name and story in their own script") {
  WorldStore world;
  // Every story featured, not only the first kFeaturedStories: four story pages, broken after
  // every fourth card.
  std::vector<ReportRow> rows;
  Report report = buildReport(world.store, {}, [&](const ReportRow& row) { rows.push_back(row); });
  REQUIRE(rows.size() == kWorldNames.size());
  report.featured = rows;
  const auto pdf = world.dir / "world.pdf";
  writePdfReport(report, world.dir / "photos", pdf);
  keep(pdf);
  TempDir pages;
  CHECK(countPages(pdf, pages) == 3 + 4);

  const std::string text = pdfText(pdf, world.dir);
  for (const WorldName& person : kWorldNames) {
    CAPTURE(person.script);
    CHECK_MESSAGE(readsBackExactly(text, std::string(person.name)), person.name << " is missing from:\n" << text);
    CHECK_MESSAGE(readsBack(text, std::string(person.story)), person.story << " is missing from:\n" << text);
  }
}

TEST_CASE("a certificate centres a name in any script and prints it and the story back exactly") {
  WorldStore world;
  for (std::size_t i = 0; i < kWorldNames.size(); ++i) {
    const WorldName& person = kWorldNames[i];
    CAPTURE(person.script);
    const WinnerOutcome outcome = world.store.selectWinner(world.nominations[i], "2026-11", "", kNow);
    REQUIRE_MESSAGE(outcome.winner, outcome.error);
    const auto pdf = world.dir / ("certificate-" + std::to_string(i) + ".pdf");
    writeWinnerCertificate(*outcome.winner, world.dir / "photos", pdf);
    keep(pdf);
    const std::string text = pdfText(pdf, world.dir);
    CHECK_MESSAGE(readsBackExactly(text, std::string(person.name)), person.name << " is missing from:\n" << text);
    CHECK_MESSAGE(readsBack(text, std::string(person.story)), person.story << " is missing from:\n" << text);

    // The name's line: the words between "is awarded to" and the department, centred on the page.
    const std::vector<Word> words = wordBoxes(pdf, world.dir, 1);
    double left = kPageW, right = 0;
    for (const Word& word : words)
      if (const double middle = (word.yMin + word.yMax) / 2; middle > 315 && middle < 352) left = std::min(left, word.xMin), right = std::max(right, word.xMax);
    REQUIRE(right > left);
    CHECK((left + right) / 2 == doctest::Approx(kPageW / 2).epsilon(0.01));
  }
}

TEST_CASE("text that does not fit wraps and ends in an ellipsis inside its column") {
  WorldStore world;
  std::vector<ReportRow> rows;
  Report report = buildReport(world.store, {}, [&](const ReportRow& row) { rows.push_back(row); });
  REQUIRE(rows.size() >= 4);
  // Stories far longer than a card: Chinese and Thai with no spaces, Arabic right to left,
  // Devanagari; and a name with no place to break.
  const auto longStory = [](std::string_view script) {
    const auto person = std::find_if(kWorldNames.begin(), kWorldNames.end(),
                                     [&](const WorldName& each) { return each.script == script; });
    REQUIRE(person != kWorldNames.end());
    std::string story;
    for (int i = 0; i < 12; ++i) story += std::string(person->story);
    return story;
  };
  rows[0].story = longStory("Chinese (Simplified)");
  rows[0].nomineeName = "\u738b\u79c0\u82f1" + std::string(60, 'W');
  rows[1].story = longStory("Thai");
  rows[2].story = longStory("Arabic");
  rows[3].story = longStory("Devanagari");
  report.featured = {rows[0], rows[1], rows[2], rows[3]};
  const auto pdf = world.dir / "long.pdf";
  writePdfReport(report, world.dir / "photos", pdf);
  keep(pdf);

  // Page 4, the first story page, four cards: every word inside its card's inner edges, and each
  // story's lines (those below the name block) above the card's date line, six at most.
  const std::vector<Word> words = wordBoxes(pdf, world.dir, 4);
  std::map<int, std::set<double>> storyTops;  // card (0 to 3, left to right, top to bottom) -> word tops
  for (const Word& word : words) {
    if (word.yMin < kCardTop || word.yMin > kCardTop + 2 * kCardH + kCardGap) continue;  // header, footer
    CAPTURE(word.text);
    const int column = word.xMin < kPageW / 2 ? 0 : 1;
    const int row = word.yMin < kCardTop + kCardH ? 0 : 1;
    const double left = kMargin + column * (kCardW + 20), top = kCardTop + row * (kCardH + kCardGap);
    CHECK(word.xMin >= left + 20 - 0.5);
    CHECK(word.xMax <= left + kCardW - 20 + 0.5);
    if (word.yMin > top + 90 && word.yMin < top + kCardH - 30) {
      CHECK(word.yMax < top + kCardH - 16 - 9);  // the date's 9 pt line
      storyTops[2 * row + column].insert(word.yMin);
    }
  }
  for (int card = 0; card < 4; ++card) {
    CAPTURE(card);
    // Words of one line differ in top by a point or two (fallback fonts, Thai marks); lines by 14.
    int lines = 0;
    double previous = -100;
    for (const double top : storyTops[card]) lines += top - previous > 7, previous = top;
    CHECK(lines == 6);
  }
  // The name and the stories are cut with an ellipsis (seen on the page; pdftotext reads the
  // whole text back, as the PDF maps the ellipsis glyph to the text it stands for).
}
