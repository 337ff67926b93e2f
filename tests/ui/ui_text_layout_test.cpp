// Spec: text laid out for the kiosk never runs outside its box: it wraps at words, keeps to its
// line limit and ends in "…" when cut. Headless: a real DejaVu font in ImGui's atlas, no window.
#include <doctest/doctest.h>

#include <imgui.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "ui/widgets/shaped_text.hpp"
#include "ui/widgets/text_layout.hpp"

using namespace wof::ui;

namespace {

// An ImGui context with DejaVu Sans at 28 px, for the duration of a test.
struct FontFixture {
  ImFont* font = nullptr;
  FontFixture() {
    ImGui::CreateContext();
    const char* path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    REQUIRE(std::filesystem::exists(path));
    static const ImWchar kRanges[] = {0x0020, 0x00FF, 0x2026, 0x2026, 0};
    font = ImGui::GetIO().Fonts->AddFontFromFileTTF(path, 28.0f, nullptr, kRanges);
    REQUIRE(font != nullptr);
    REQUIRE(ImGui::GetIO().Fonts->Build());
  }
  ~FontFixture() { ImGui::DestroyContext(); }
};

const std::string kStory =
    "Stayed late to rebook a stranded customer's whole family onto the morning flight, and called them at "
    "six to say the taxi was on its way.";

}  // namespace

TEST_CASE("wrapped text stays inside its width and line limit") {
  FontFixture fixture;
  for (const float width : {180.0f, 400.0f, 900.0f}) {
    CAPTURE(width);
    const TextBlock block = layoutText(fixture.font, kStory, width, 3);
    CHECK(block.lines.size() <= 3);
    for (const std::string& line : block.lines) CHECK(textWidth(fixture.font, line) <= width + 0.5f);
  }
}

TEST_CASE("a shaped paragraph is laid out in whole pixels, so a card sliding by reuses its layout") {
  FontFixture fixture;
  const ShapedTextScope shaped;  // Arabic: wrapped and measured by the shaper, not the atlas
  const std::string story =
      "\u0633\u0627\u0639\u062F \u0627\u0644\u0639\u0645\u064A\u0644 \u0641\u064A \u0625\u0635\u0644\u0627\u062D "
      "\u0627\u0644\u0637\u0644\u0628 \u0641\u064A \u0646\u0641\u0633 \u0627\u0644\u064A\u0648\u0645 "
      "\u0648\u0627\u062A\u0635\u0644 \u0628\u0647 \u0641\u064A \u0627\u0644\u064A\u0648\u0645 "
      "\u0627\u0644\u062A\u0627\u0644\u064A \u0644\u0644\u062A\u0623\u0643\u062F";
  REQUIRE_FALSE(atlasDraws(fixture.font, story));
  // The same card one frame later: its width went through other float sums.
  const float width = 300.0f;
  const TextBlock first = layoutText(fixture.font, story, width, 3);
  const TextBlock next = layoutText(fixture.font, story, std::nextafter(width, 0.0f), 3);
  CHECK(first.room == width);
  CHECK(next.room == first.room);
  CHECK(next.lines == first.lines);
  REQUIRE(first.lines.size() >= 2);
  for (const std::string& line : first.lines) CHECK(textWidth(fixture.font, line) <= width + 0.5f);
}

TEST_CASE("text that does not fit ends in an ellipsis after a whole word") {
  FontFixture fixture;
  const TextBlock cut = layoutText(fixture.font, kStory, 400, 2);
  REQUIRE(cut.truncated);
  REQUIRE(cut.lines.size() == 2);
  const std::string& last = cut.lines.back();
  CHECK(last.size() >= 3);
  CHECK(last.substr(last.size() - 3) == "\u2026");
  CHECK(last[last.size() - 4] != ' ');

  const TextBlock whole = layoutText(fixture.font, "Short story.", 400, 2);
  CHECK_FALSE(whole.truncated);
  CHECK(whole.lines == std::vector<std::string>{"Short story."});
}

TEST_CASE("the text audit names text that leaves its box, the screen or runs into other text") {
  FontFixture fixture;
  const ImVec2 display(1000, 800);
  const ImRect screen(ImVec2(0, 0), display);
  const ImRect card(ImVec2(100, 100), ImVec2(500, 300));
  const float width = textWidth(fixture.font, kStory);  // one long line, far wider than the card
  startTextAudit();

  SUBCASE("a line inside its card, and one beside it, are fine") {
    auditBox(card, screen);
    auditText(ImRect(ImVec2(120, 120), ImVec2(480, 148)), screen, "inside");
    auditText(ImRect(ImVec2(520, 120), ImVec2(700, 148)), screen, "beside");
    CHECK(textAuditProblems(display).empty());
  }
  SUBCASE("a line that crosses its card's edge") {
    auditBox(card, screen);
    auditText(ImRect(ImVec2(120, 120), ImVec2(120 + width, 148)), screen, kStory);
    const std::vector<std::string> problems = textAuditProblems(display);
    REQUIRE(problems.size() == 2);  // out of the card, and off the screen's right edge
    CHECK(problems[0].find("leaves the screen") != std::string::npos);
    CHECK(problems[1].find("sticks out of the box") != std::string::npos);
  }
  SUBCASE("a line clipped by a scrolled viewport is judged on what shows") {
    auditBox(card, screen);
    const ImRect viewport(ImVec2(100, 100), ImVec2(500, 200));
    auditText(ImRect(ImVec2(120, 190), ImVec2(300, 218)), viewport, "half scrolled out");
    auditText(ImRect(ImVec2(120, 400), ImVec2(300, 428)), viewport, "scrolled out");
    CHECK(textAuditProblems(display).empty());
  }
  SUBCASE("two lines on top of each other") {
    auditText(ImRect(ImVec2(10, 10), ImVec2(300, 38)), screen, "a long title");
    auditText(ImRect(ImVec2(250, 20), ImVec2(400, 48)), screen, "a label");
    const std::vector<std::string> problems = textAuditProblems(display);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("runs into \"a label\"") != std::string::npos);
  }
  SUBCASE("a modal card over the page is checked on its own layer") {
    auditText(ImRect(ImVec2(120, 120), ImVec2(480, 148)), screen, "under the modal");
    auditOverlay();
    auditBox(card, screen);
    auditText(ImRect(ImVec2(140, 130), ImVec2(400, 158)), screen, "the question");
    CHECK(textAuditProblems(display).empty());
  }
  stopTextAudit();
  CHECK_FALSE(textAuditRunning());
}

TEST_CASE("the text audit sees a line cut off at its card's edge by a clip") {
  FontFixture fixture;
  const ImVec2 display(1000, 800);
  const ImRect card(ImVec2(100, 100), ImVec2(500, 300));
  startTextAudit();
  auditBox(card, card);  // a carousel clips to its card
  auditText(ImRect(ImVec2(120, 120), ImVec2(720, 148)), card, "a name too wide for the card");
  const std::vector<std::string> problems = textAuditProblems(display);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("sticks out of the box") != std::string::npos);
  stopTextAudit();
}
