// Spec: the disk fills up while someone is in the nomination wizard. The kiosk's data dir is a
// tiny tmpfs (tmpfs_support.hpp: as root, or in `unshare -rm`; skipped, saying why, where neither
// is allowed). The disk is filled while the review step is open; Send shows "Could not save — the
// kiosk's disk is full" on the review, saves nothing and keeps the draft. Space is freed, Send again:
// saved, with the story as typed. Taps only, through XTest (ui_support.hpp).
// WOF_SCREENSHOT_DIR keeps nominate-disk-full.png (docs/screenshots).
#define DOCTEST_CONFIG_IMPLEMENT  // main() below: it may re-run itself in a user namespace first
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <thread>

#include "support/test_support.hpp"
#include "support/tmpfs_support.hpp"
#include "support/ui_support.hpp"

using namespace wof::test;
using namespace wof::test::ui;
using namespace std::chrono_literals;

namespace {

constexpr std::uint32_t kAccent = 0xB34A23;  // theme.cpp: buttons, and a refusal's words

// Pixels of the accent colour in the review's bottom bar left of Send (itself accent), where a
// refusal is written, at 1920x1080.
std::size_t accentPixelsBesideSend(const wof::core::Rgba& image) {
  std::size_t count = 0;
  for (int y = image.height - 200; y < image.height; ++y) {
    for (int x = 0; x < 1250; ++x) {
      const std::uint8_t* p = &image.pixels[(std::size_t(y) * image.width + x) * 4];
      count += (std::uint32_t(p[0]) << 16 | std::uint32_t(p[1]) << 8 | p[2]) == kAccent;
    }
  }
  return count;
}

}  // namespace

TEST_CASE("a disk that fills up mid-wizard: Send says the disk is full and keeps the draft; freed, Send saves it") {
  KioskFixture kiosk;
  // The data dir moves onto a small tmpfs with what import-roster put there.
  const std::filesystem::path data = kiosk.dir / "data", kept = kiosk.dir / "data-before-tmpfs";
  std::filesystem::rename(data, kept);
  tmpfs::Tmpfs disk(data, "32m");
  std::filesystem::copy(kept, data, std::filesystem::copy_options::recursive);
  kiosk.start();

  const std::string story = "she fixed the printer for our customer";
  tapRecognise(kiosk.screen);
  typeOnKeyboard(kiosk.screen, "kwame");
  tapFirstResult(kiosk.screen, kWhoField);
  tapFirstBehaviour(kiosk.screen);
  typeOnKeyboard(kiosk.screen, story);
  tapNext(kiosk.screen);
  typeOnKeyboard(kiosk.screen, "zo");
  tapFirstResult(kiosk.screen, kFromField);
  const std::size_t reviewAccent = accentPixelsBesideSend(kiosk.screen.screenshot());

  const std::filesystem::path filler = disk.fill();
  tapSend(kiosk.screen);
  std::this_thread::sleep_for(1s);
  const wof::core::Rgba refused = kiosk.screen.screenshot();
  kiosk.screen.keep("nominate-disk-full.png");
  // The refusal's words, in the accent colour, beside Send on the review step that is still there.
  CHECK(reviewAccent == 0);
  CHECK(accentPixelsBesideSend(refused) > 300);
  CHECK(kiosk.query("SELECT count(*) FROM nominations") == 0);
  const std::string log = readFile(kiosk.dir / "kiosk.log");
  CHECK_MESSAGE(log.find("nomination not saved") != std::string::npos, log);

  std::filesystem::remove(filler);
  tapSend(kiosk.screen);
  std::this_thread::sleep_for(1s);
  kiosk.finish();
  CHECK(kiosk.query("SELECT count(*) FROM nominations") == 1);
  CHECK(kiosk.text("SELECT story FROM nominations") == story);
  CHECK(kiosk.text("SELECT nominee_id FROM nominations") == "E1004");
  CHECK(kiosk.text("SELECT nominator_id FROM nominations") == "E1001");
  CHECK(kiosk.text("PRAGMA integrity_check") == "ok");
}

int main(int argc, char** argv) { return tmpfs::runWhereTmpfsMounts(argc, argv); }
