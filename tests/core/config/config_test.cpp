// Spec: kiosk.toml is validated key by key, and errors name the file, the key and what is expected.
#include <doctest/doctest.h>

#include <numeric>

#include "core/config/config.hpp"
#include "core/config/fleet.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;

namespace {

const std::filesystem::path kFile = "/etc/wall-of-fame/kiosk.toml";

std::string allErrors(const ConfigResult& result) {
  return std::accumulate(result.errors.begin(), result.errors.end(), std::string(),
                         [](std::string all, const std::string& e) { return all + e + "\n"; });
}

}  // namespace

TEST_CASE("a minimal config takes sensible defaults") {
  const ConfigResult result = parseConfig("kiosk_id = \"lobby-1\"\nsite = \"Lyon\"\n", kFile);
  REQUIRE_MESSAGE(result.config, allErrors(result));
  const Config& config = *result.config;
  CHECK(config.kioskId == "lobby-1");
  CHECK(config.dataDir == "/var/lib/wall-of-fame");
  CHECK(config.shareDir.empty());
  CHECK(config.syncIntervalS == 60);
  CHECK(config.moderation == ModerationPolicy::Auto);
  CHECK(config.dailyCap == 3);
  CHECK(config.idle.wizardTimeoutS == 60);
  CHECK(config.display.fullscreen);
  CHECK_FALSE(config.display.allowQuit);  // a kiosk cannot be quit unless a developer says so
  CHECK(config.display.spotlightSeconds == 8);
}

TEST_CASE("every key is read") {
  const ConfigResult result = parseConfig(R"toml(
kiosk_id = "canteen-2"
site = "Leeds"
data_dir = "data"
share_dir = "/mnt/wof"
sync_interval_s = 30
language = "en"
moderation = "hr"
daily_cap = 5
wall_days = 30
admin_pin_hash = "$argon2id$v=19$m=65536,t=2,p=1$abc$def"
log_level = "debug"
[idle]
wizard_timeout_s = 90
still_there_s = 20
admin_timeout_s = 300
[display]
fullscreen = false
width = 1080
height = 1920
monitor = 1
ui_scale = 1.5
allow_quit = true
spotlight_seconds = 0
)toml",
                                          kFile);
  REQUIRE_MESSAGE(result.config, allErrors(result));
  const Config& config = *result.config;
  CHECK(config.dataDir == "/etc/wall-of-fame/data");  // relative to the config file
  CHECK(config.shareDir == "/mnt/wof");
  CHECK(config.moderation == ModerationPolicy::Hr);
  CHECK(config.dailyCap == 5);
  CHECK(config.idle.stillThereS == 20);
  CHECK(config.display.height == 1920);
  CHECK(config.display.uiScale == doctest::Approx(1.5));
  CHECK(config.logLevel == LogLevel::Debug);
  CHECK(config.display.allowQuit);
  CHECK(config.display.spotlightSeconds == 0);  // the slide turned off
}

TEST_CASE("errors name the file, the key and what is expected") {
  auto errorsFor = [](std::string body) {
    return allErrors(parseConfig("kiosk_id = \"k1\"\nsite = \"Lyon\"\n" + body, kFile));
  };
  SUBCASE("wrong type") {
    CHECK(errorsFor("sync_interval_s = \"fast\"\n") ==
          "/etc/wall-of-fame/kiosk.toml: key 'sync_interval_s' must be a whole number from 5 to 86400; "
          "found \"fast\"\n");
  }
  SUBCASE("out of range") {
    CHECK(errorsFor("daily_cap = 0\n").find("key 'daily_cap' must be a whole number from 1 to 100; found 0") !=
          std::string::npos);
  }
  SUBCASE("bad choice") {
    CHECK(errorsFor("moderation = \"manual\"\n").find("key 'moderation' must be \"auto\"") != std::string::npos);
    CHECK(errorsFor("language = \"xx\"\n").find("key 'language' must be one of \"en\", \"de\"; found \"xx\"") !=
          std::string::npos);
  }
  SUBCASE("log level") {
    CHECK(errorsFor("log_level = \"verbose\"\n").find("key 'log_level' must be \"error\", \"warning\", \"info\" or "
                                                     "\"debug\"; found \"verbose\"") != std::string::npos);
  }
  SUBCASE("unknown key, usually a typo") {
    CHECK(errorsFor("sync_intervall_s = 5\n").find("key 'sync_intervall_s' is not a setting") != std::string::npos);
  }
  SUBCASE("spotlight seconds") {
    CHECK(errorsFor("[display]\nspotlight_seconds = -1\n")
              .find("key 'display.spotlight_seconds' must be a whole number from 0 to 3600; found -1") !=
          std::string::npos);
  }
  SUBCASE("nested key") {
    CHECK(errorsFor("[display]\nfullscreen = \"yes\"\n")
              .find("key 'display.fullscreen' must be true or false (without quotes); found \"yes\"") !=
          std::string::npos);
  }
  SUBCASE("a plain PIN where the hash belongs") {
    CHECK(errorsFor("admin_pin_hash = \"1234\"\n").find("key 'admin_pin_hash' must be an argon2id hash") !=
          std::string::npos);
  }
  SUBCASE("a key defined twice") {
    CHECK(errorsFor("[site]\nx = 1\n").find("not valid TOML") != std::string::npos);  // duplicate key 'site'
  }
  SUBCASE("an empty kiosk_id") {
    const ConfigResult result = parseConfig("kiosk_id = \"\"\nsite = \"Lyon\"\n", kFile);
    CHECK_FALSE(result.config);
    CHECK(allErrors(result) ==
          "/etc/wall-of-fame/kiosk.toml: key 'kiosk_id' must be 1 to 40 lower-case letters, digits or '-' (it "
          "names this kiosk's folder on the share); found \"\"\n");
  }
  SUBCASE("all problems at once") {
    const ConfigResult result = parseConfig("kiosk_id = \"Lobby 1\"\ndaily_cap = 0\n", kFile);
    CHECK_FALSE(result.config);
    CHECK(result.errors.size() == 3);  // bad kiosk_id, missing site, bad daily_cap
  }
}

TEST_CASE("[schedule] sets the screen's hours per weekday and the wake time") {
  SUBCASE("absent: always on, a touch wakes for 5 minutes") {
    const ConfigResult result = parseConfig("kiosk_id = \"k1\"\nsite = \"Lyon\"\n", kFile);
    REQUIRE_MESSAGE(result.config, allErrors(result));
    CHECK(result.config->schedule.hours.alwaysOn());
    CHECK(result.config->schedule.wakeMinutes == 5);
  }
  SUBCASE("every key") {
    const ConfigResult result = parseConfig(R"toml(kiosk_id = "k1"
site = "Lyon"
[schedule]
mon = "07:00-19:00"
tue = "07:00-12:00, 13:00-19:00"
wed = "on"
thu = "22:00-06:00"
fri = "07:00-24:00"
sat = "off"
sun = "off"
wake_minutes = 10
)toml",
                                            kFile);
    REQUIRE_MESSAGE(result.config, allErrors(result));
    const ScreenSchedule& hours = result.config->schedule.hours;
    CHECK(hours.onAt(0, 7 * 60));
    CHECK_FALSE(hours.onAt(0, 19 * 60));
    CHECK_FALSE(hours.onAt(1, 12 * 60 + 30));
    CHECK(hours.onAt(2, 3 * 60));
    CHECK(hours.onAt(4, 3 * 60));  // Thursday's night runs into Friday
    CHECK_FALSE(hours.onAt(5, 12 * 60));
    CHECK(result.config->schedule.wakeMinutes == 10);
  }
  auto errorsFor = [](std::string body) {
    return allErrors(parseConfig("kiosk_id = \"k1\"\nsite = \"Lyon\"\n[schedule]\n" + body, kFile));
  };
  SUBCASE("bad hours name the file and the day") {
    const std::string errors = errorsFor("sat = \"7-19\"\n");
    CHECK(errors.find("/etc/wall-of-fame/kiosk.toml: key 'schedule.sat' must be \"on\", \"off\" or hours such as "
                      "\"07:00-19:00\"") != std::string::npos);
    CHECK(errors.find("\"7-19\" is not") != std::string::npos);
  }
  SUBCASE("wrong type, range and unknown day") {
    CHECK(errorsFor("mon = 7\n").find("key 'schedule.mon' must be text in quotes; found 7") != std::string::npos);
    CHECK(errorsFor("wake_minutes = 0\n").find("key 'schedule.wake_minutes' must be a whole number from 1 to 240") !=
          std::string::npos);
    CHECK(errorsFor("monday = \"off\"\n").find("key 'schedule.monday' is not a setting") != std::string::npos);
  }
}

TEST_CASE("missing required keys and broken files are reported") {
  SUBCASE("empty file") {
    const ConfigResult result = parseConfig("", kFile);
    CHECK_FALSE(result.config);
    CHECK(allErrors(result) ==
          "/etc/wall-of-fame/kiosk.toml: key 'kiosk_id' is missing; expected a text value in quotes\n"
          "/etc/wall-of-fame/kiosk.toml: key 'site' is missing; expected a text value in quotes\n");
  }
  SUBCASE("TOML syntax error with line and column") {
    const ConfigResult result = parseConfig("kiosk_id = \"k1\nsite = 1\n", kFile);
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].rfind("/etc/wall-of-fame/kiosk.toml:1:", 0) == 0);
    CHECK(result.errors[0].find("not valid TOML") != std::string::npos);
  }
  SUBCASE("no such file") {
    TempDir dir;
    const ConfigResult result = loadConfig(dir / "nope.toml");
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].find("nope.toml: cannot open the config file (no such file)") != std::string::npos);
  }
}

TEST_CASE("the shipped example config is valid") {
  const ConfigResult result = loadConfig(std::filesystem::path(WOF_SOURCE_DIR) / "kiosk-config" / "kiosk.toml");
  REQUIRE_MESSAGE(result.config, allErrors(result));
  CHECK(result.config->schedule.hours.alwaysOn());  // the example shows the keys at their defaults
  CHECK(result.config->display.spotlightSeconds == DisplaySettings{}.spotlightSeconds);
}

TEST_CASE("kiosk ids are safe folder names") {
  CHECK(isValidKioskId("lobby-1"));
  CHECK_FALSE(isValidKioskId(""));
  CHECK_FALSE(isValidKioskId("../etc"));
  CHECK_FALSE(isValidKioskId("Lobby"));
  CHECK_FALSE(isValidKioskId("-x"));
  CHECK_FALSE(isValidKioskId(std::string(41, 'a')));
}

TEST_CASE("the shipped example fleet.toml is valid and shows the defaults") {
  const std::string text = readFile(std::filesystem::path(WOF_SOURCE_DIR) / "kiosk-config" / "fleet.toml");
  const FleetParse parsed = parseFleetToml(text, "kiosk-config/fleet.toml");
  REQUIRE_MESSAGE(parsed.settings, std::accumulate(parsed.errors.begin(), parsed.errors.end(), std::string()));
  CHECK_MESSAGE(parsed.warnings.empty(), std::accumulate(parsed.warnings.begin(), parsed.warnings.end(), std::string()));
  CHECK(parsed.settings->moderation == ModerationPolicy::Auto);
  CHECK(parsed.settings->dailyCap == Config().dailyCap);
  CHECK(parsed.settings->silentAfterMin == kDefaultSilentAfterMin);
  CHECK(parsed.settings->showSilenceMarker == false);
  const std::vector<Behaviour>& defaults = defaultBehaviours();
  REQUIRE(parsed.settings->behaviours.size() == defaults.size());
  for (std::size_t i = 0; i < defaults.size(); ++i) {
    CHECK(parsed.settings->behaviours[i].key == defaults[i].key);
    CHECK(parsed.settings->behaviours[i].title == defaults[i].title);
    CHECK(parsed.settings->behaviours[i].description == defaults[i].description);
  }
}
