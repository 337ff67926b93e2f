// Spec: text laid out for the kiosk never runs outside its box: it wraps at words, keeps to its
// line limit and ends in "…" when cut. Headless: a real DejaVu font in ImGui's atlas, no window.
#include <doctest/doctest.h>

#include <imgui.h>

#include <filesystem>
#include <string>

#include "ui/text_layout.hpp"

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
