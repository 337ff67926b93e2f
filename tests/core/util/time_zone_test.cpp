// Spec: the company's clock. Months, days, the daily cap, champion months, report periods and the
// monthly counts follow fleet.toml's time_zone (else kiosk.toml's, else the system's), across
// month ends and daylight-saving changes, while stored instants stay UTC. Instants are written
// as UTC ISO 8601 and checked against the local wall time the system's tzdata gives.
#include <doctest/doctest.h>

#include <cstdlib>
#include <memory>

#include "core/config/config.hpp"
#include "core/config/fleet.hpp"
#include "core/reports/report.hpp"
#include "core/reports/report_csv.hpp"
#include "core/storage/migrations.hpp"
#include "core/storage/store.hpp"
#include "core/util/time_zone.hpp"
#include "support/test_kiosk.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;

namespace {

constexpr TimeMs kHour = 3'600'000;
constexpr TimeMs kMinute = 60'000;

// "2026-11-30T23:30" UTC to milliseconds.
TimeMs utc(const std::string& dateTime) {
  const TimeMs day = parseDateUtc(dateTime.substr(0, 10)).value();
  return day + std::stoll(dateTime.substr(11, 2)) * kHour + std::stoll(dateTime.substr(14, 2)) * kMinute;
}

TimeZone zone(const char* name) {
  const std::optional<TimeZone> found = TimeZone::named(name);
  REQUIRE_MESSAGE(found, name << " is missing from /usr/share/zoneinfo (install tzdata)");
  return *found;
}

// Sets TZ for one scope, as a kiosk's environment would.
struct ScopedTz {
  std::optional<std::string> before;
  explicit ScopedTz(const char* value) {
    if (const char* old = std::getenv("TZ")) before = old;
    ::setenv("TZ", value, 1);
  }
  ~ScopedTz() {
    if (before) ::setenv("TZ", before->c_str(), 1);
    else ::unsetenv("TZ");
  }
};

}  // namespace

TEST_CASE("a local time counts for the month and day of the company's calendar, not UTC's") {
  SUBCASE("2026-11-30 23:30 in Los Angeles (07:30 UTC on 1 December) is November") {
    const TimeZone la = zone("America/Los_Angeles");
    const TimeMs t = utc("2026-12-01T07:30");
    CHECK(la.formatMonth(t) == "2026-11");
    CHECK(la.formatDate(t) == "2026-11-30");
    CHECK(la.formatTime(t) == "23:30");
    CHECK(la.abbreviation(t) == "PST");
    CHECK(TimeZone::utc().formatMonth(t) == "2026-12");
  }
  SUBCASE("2026-12-01 00:30 in Berlin (23:30 UTC on 30 November) is December") {
    const TimeZone berlin = zone("Europe/Berlin");
    const TimeMs t = utc("2026-11-30T23:30");
    CHECK(berlin.formatMonth(t) == "2026-12");
    CHECK(berlin.formatDate(t) == "2026-12-01");
    CHECK(TimeZone::utc().formatMonth(t) == "2026-11");
  }
  SUBCASE("a month is from local midnight to local midnight, one DST change inside") {
    const Period october = zone("Europe/Berlin").parseMonth("2026-10").value();
    CHECK(october.from == utc("2026-09-30T22:00"));  // CEST, UTC+2
    CHECK(october.to == utc("2026-10-31T23:00"));    // CET, UTC+1
    const Period sydneyOctober = zone("Australia/Sydney").parseMonth("2026-10").value();
    CHECK(sydneyOctober.from == utc("2026-09-30T14:00"));  // AEST, UTC+10
    CHECK(sydneyOctober.to == utc("2026-10-31T13:00"));    // AEDT from 4 October, UTC+11
    CHECK_FALSE(zone("Asia/Tokyo").parseMonth("2026-13"));
    CHECK_FALSE(zone("Asia/Tokyo").parseDate("2026-02-29"));
  }
}

TEST_CASE("a local day is 23, 24 or 25 hours long across daylight-saving changes") {
  auto hours = [](const Period& day) { return (day.to - day.from) / kHour; };
  const TimeZone berlin = zone("Europe/Berlin");
  CHECK(hours(berlin.dayOf(utc("2026-03-29T12:00"))) == 23);
  CHECK(hours(berlin.dayOf(utc("2026-10-25T12:00"))) == 25);
  CHECK(hours(berlin.dayOf(utc("2026-11-24T12:00"))) == 24);
  const TimeZone la = zone("America/Los_Angeles");
  CHECK(hours(la.dayOf(utc("2026-03-08T20:00"))) == 23);
  CHECK(hours(la.dayOf(utc("2026-11-01T20:00"))) == 25);
  const TimeZone sydney = zone("Australia/Sydney");
  CHECK(hours(sydney.dayOf(utc("2026-10-04T02:00"))) == 23);  // 02:00 becomes 03:00 local
  CHECK(hours(sydney.dayOf(utc("2026-04-05T02:00"))) == 25);
  const TimeZone tokyo = zone("Asia/Tokyo");
  CHECK(tokyo.dayOf(utc("2026-11-24T00:30")).from == utc("2026-11-23T15:00"));  // 09:30 JST
  CHECK(tokyo.dayOf(utc("2026-11-24T00:30")).to == utc("2026-11-24T15:00"));

  SUBCASE("the last N days start at a local midnight, whatever the change in between") {
    const Period week = berlin.lastDays(utc("2026-10-27T10:00"), 3);  // 25, 26, 27 October
    CHECK(week.from == utc("2026-10-24T22:00"));
    CHECK(week.to == utc("2026-10-27T10:00") + 1);
    CHECK(berlin.daysBetween(utc("2026-10-24T22:30"), utc("2026-10-27T10:00")) == 2);
  }
}

TEST_CASE("report --from/--to cover whole local days, exact over the DST changes") {
  const TimeZone berlin = zone("Europe/Berlin");
  SUBCASE("March: the day of the change has 23 hours") {
    const PeriodParse march = parseReportPeriod("2026-03-29", "2026-03-29", berlin);
    REQUIRE(march.period);
    CHECK(march.period->from == utc("2026-03-28T23:00"));
    CHECK(march.period->to == utc("2026-03-29T22:00"));
  }
  SUBCASE("October: the day of the change has 25 hours") {
    const PeriodParse october = parseReportPeriod("2026-10-01", "2026-10-25", berlin);
    REQUIRE(october.period);
    CHECK(october.period->from == utc("2026-09-30T22:00"));
    CHECK(october.period->to == utc("2026-10-25T23:00"));
  }
  SUBCASE("Los Angeles, November") {
    const PeriodParse november = parseReportPeriod("2026-11-01", "2026-11-30", zone("America/Los_Angeles"));
    REQUIRE(november.period);
    CHECK(november.period->from == utc("2026-11-01T07:00"));  // PDT
    CHECK(november.period->to == utc("2026-12-01T08:00"));    // PST
  }
  CHECK(parseReportPeriod("2026-10-32", "", berlin).error.find("--from \"2026-10-32\"") != std::string::npos);
}

TEST_CASE("time_zone is an IANA name; an unknown one is an error naming the file and key") {
  CHECK(TimeZone::named("Europe/Berlin"));
  CHECK_FALSE(TimeZone::named("Europe/Atlantis"));
  CHECK_FALSE(TimeZone::named("../../etc/passwd"));
  CHECK_FALSE(TimeZone::named(""));

  const ConfigResult kiosk =
      parseConfig("kiosk_id = \"k1\"\nsite = \"Lyon\"\ntime_zone = \"Europe/Atlantis\"\n", "/etc/wall-of-fame/kiosk.toml");
  REQUIRE(kiosk.errors.size() == 1);
  CHECK(kiosk.errors[0].find("/etc/wall-of-fame/kiosk.toml") == 0);
  CHECK(kiosk.errors[0].find("key 'time_zone' must be an IANA time zone") != std::string::npos);
  CHECK(kiosk.errors[0].find("Europe/Atlantis") != std::string::npos);

  const FleetParse fleet = parseFleetToml("time_zone = \"Mars/Olympus\"\n", "fleet.toml");
  CHECK_FALSE(fleet.settings);
  REQUIRE(fleet.errors.size() == 1);
  CHECK(fleet.errors[0].find("fleet.toml: key 'time_zone'") == 0);
  CHECK(parseFleetToml("time_zone = \"Asia/Tokyo\"\n", "fleet.toml").settings->timeZone == "Asia/Tokyo");

  SUBCASE("without one, the kiosk follows the system's zone (TZ, then /etc/localtime)") {
    ScopedTz tz(":Australia/Sydney");
    const ConfigResult bare = parseConfig("kiosk_id = \"k1\"\nsite = \"Lyon\"\n", "kiosk.toml");
    REQUIRE(bare.config);
    CHECK(kioskTimeZone(*bare.config).name() == "Australia/Sydney");
    const ConfigResult tokyo = parseConfig("kiosk_id = \"k1\"\nsite = \"Lyon\"\ntime_zone = \"Asia/Tokyo\"\n", "kiosk.toml");
    REQUIRE(tokyo.config);
    CHECK(kioskTimeZone(*tokyo.config).name() == "Asia/Tokyo");
  }
}

namespace {

struct ZonedStore {
  TempDir dir;
  Store store;

  explicit ZonedStore(const char* localZone) : store(dir / "kiosk.db", "kiosk-a", zone(localZone)) {
    store.replaceRoster(sampleRoster());
  }
  std::optional<RuleViolation> submit(const std::string& nominee, TimeMs at, int cap = 100) {
    const NominationDraft draft{nominee, "real-face", kGoodStory, std::string("E2"), NominatorVisibility::Public};
    return store.submitNomination(draft, at, {ModerationPolicy::Auto, cap}).violation;
  }
  std::string nominate(const std::string& nominee, TimeMs at) {
    const NominationDraft draft{nominee, "real-face", kGoodStory, std::string("E2"), NominatorVisibility::Public};
    const SubmitOutcome outcome = store.submitNomination(draft, at, {ModerationPolicy::Auto, 100});
    REQUIRE(outcome.nomination);
    return outcome.nomination->id;
  }
  std::int64_t storiesIn(const char* month, const std::string& person) {
    for (const RecognisedPerson& recognised : store.recognisedPeople(*store.timeZone().parseMonth(month)))
      if (recognised.employeeId == person) return recognised.count;
    return 0;
  }
};

}  // namespace

TEST_CASE("Tokyo's daily cap resets at local midnight, not at 09:00") {
  ZonedStore tokyo("Asia/Tokyo");
  REQUIRE_FALSE(tokyo.submit("E1", utc("2026-11-23T23:30"), 1));  // 08:30 on the 24th, Tokyo
  const std::optional<RuleViolation> refused = tokyo.submit("E3", utc("2026-11-24T00:30"), 1);  // 09:30
  REQUIRE(refused);
  CHECK(refused->rule == Rule::DailyCapReached);
  CHECK(tokyo.submit("E3", utc("2026-11-24T14:59"), 1));         // 23:59, still the 24th
  CHECK_FALSE(tokyo.submit("E3", utc("2026-11-24T15:00"), 1));  // 00:00 on the 25th
}

TEST_CASE("monthly counts, champion months and report months follow the company's zone") {
  ZonedStore berlin("Europe/Berlin");
  const TimeMs decemberFirst = utc("2026-11-30T23:30");  // 00:30 on 1 December in Berlin
  const std::string id = berlin.nominate("E1", decemberFirst);
  berlin.nominate("E3", utc("2026-11-30T22:30"));  // 23:30 on 30 November

  CHECK(berlin.storiesIn("2026-12", "E1") == 1);
  CHECK(berlin.storiesIn("2026-11", "E1") == 0);
  CHECK(berlin.storiesIn("2026-11", "E3") == 1);
  const std::vector<LabelCount> months = berlin.store.countByMonth({0, INT64_MAX});
  REQUIRE(months.size() == 2);
  CHECK(months[0].label == "2026-11");
  CHECK(months[1].label == "2026-12");
  CHECK(buildReport(berlin.store, {}).byMonth.size() == 2);

  CHECK(berlin.store.selectWinner(id, "2026-11", "", decemberFirst).error.find("was made in 2026-12") !=
        std::string::npos);
  REQUIRE(berlin.store.selectWinner(id, "2026-12", "", decemberFirst).winner);
  CHECK(berlin.store.currentChampions(decemberFirst).size() == 1);
  CHECK(berlin.store.currentChampions(utc("2026-11-30T22:59")).empty());  // 23:59 in November

  SUBCASE("fleet.toml's zone wins over the kiosk's, and the counts are counted again in it") {
    applyFleetSettings(berlin.store, *parseFleetToml("time_zone = \"America/Los_Angeles\"\n", "fleet.toml").settings);
    CHECK(berlin.store.timeZone().name() == "America/Los_Angeles");
    CHECK(berlin.storiesIn("2026-11", "E1") == 1);
    CHECK(berlin.storiesIn("2026-12", "E1") == 0);
    CHECK(berlin.store.meta("calendar.time_zone") == "America/Los_Angeles");
  }
  SUBCASE("a store reopened in another zone counts again; in the same zone it does not") {
    const std::filesystem::path file = berlin.dir / "kiosk.db";
    {
      Store tokyo(file, "kiosk-a", zone("Asia/Tokyo"));
      CHECK(tokyo.meta("calendar.time_zone") == "Asia/Tokyo");
    }
    Store again(file, "kiosk-a", zone("Europe/Berlin"));
    CHECK(again.meta("calendar.time_zone") == "Europe/Berlin");
    CHECK(again.recognisedPeople(*again.timeZone().parseMonth("2026-12")).size() == 1);
  }
}

TEST_CASE("migration 12 counts existing stories again by the company's month") {
  TempDir dir;
  {
    Database db(dir / "kiosk.db");
    REQUIRE(migrate(db, 11) == 11);
    db.exec(R"sql(
      INSERT INTO employees(id, display_name) VALUES ('E1', 'José Núñez');
      INSERT INTO nominations(id, created_at, kiosk_id, nominee_id, behaviour_key, story, visibility, status)
      VALUES ('n1', 1796081400000, 'k', 'E1', 'real-face', 's', 'public', 'approved');  -- 2026-11-30T23:30Z
    )sql");
    CHECK(db.queryInt("SELECT COUNT(*) FROM monthly_recognition WHERE month = '2026-11'") == 1);
  }
  Store store(dir / "kiosk.db", "kiosk-a", zone("Europe/Berlin"));
  Database& db = store.database();
  CHECK(db.queryInt("PRAGMA user_version") >= 12);
  CHECK(db.queryInt("SELECT COUNT(*) FROM monthly_recognition WHERE month = '2026-11' AND stories > 0") == 0);
  CHECK(db.queryInt("SELECT stories FROM monthly_recognition WHERE month = '2026-12'") == 1);
  // The triggers count in the zone too: hiding the story takes it off December.
  REQUIRE(store.setStatus("n1", NominationStatus::Hidden, "", utc("2026-12-02T10:00")));
  CHECK(db.queryInt("SELECT stories FROM monthly_recognition WHERE month = '2026-12'") == 0);
}

TEST_CASE("three kiosks in different local zones under one fleet zone write byte-identical exports") {
  TempDir root;
  std::filesystem::create_directories(root / "share");
  writeFile(root / "share" / "fleet.toml", "time_zone = \"Europe/Berlin\"\n");
  std::vector<std::unique_ptr<TestKiosk>> kiosks;
  for (const auto& [id, local] : {std::pair{"kiosk-tokyo", "Asia/Tokyo"}, std::pair{"kiosk-la", "America/Los_Angeles"},
                                  std::pair{"kiosk-utc", "Etc/UTC"}}) {
    kiosks.push_back(std::make_unique<TestKiosk>(root.path(), id, root / "share"));
    TestKiosk& kiosk = *kiosks.back();
    kiosk.store = std::make_unique<Store>(kiosk.dataDir / "kiosk.db", kiosk.id, zone(local));
    CHECK(kiosk.store->timeZone().name() == local);
    kiosk.sync(utc("2026-11-30T12:00"));
    CHECK(kiosk.store->timeZone().name() == "Europe/Berlin");
  }
  // Around Berlin's midnight into December: 23:30 and 00:30 local.
  REQUIRE(kiosks[0]->nominate("E1", utc("2026-11-30T22:30")));
  REQUIRE(kiosks[1]->nominate("E1", utc("2026-11-30T23:30")));
  REQUIRE(kiosks[2]->nominate("E3", utc("2026-11-30T23:45")));
  for (int round = 0; round < 2; ++round)
    for (auto& kiosk : kiosks) kiosk->sync(utc("2026-12-01T08:00"));

  const std::string csv = kiosks[0]->csv();
  const std::string summary = exportSummaryCsv(buildReport(*kiosks[0]->store, {}));
  CHECK(summary.find("\r\nmonth,2026-11,") != std::string::npos);
  CHECK(summary.find("\r\nmonth,2026-12,") != std::string::npos);
  for (auto& kiosk : kiosks) {
    CAPTURE(kiosk->id);
    CHECK(kiosk->csv() == csv);
    CHECK(exportSummaryCsv(buildReport(*kiosk->store, {})) == summary);
    const auto december = kiosk->store->recognisedPeople(*kiosk->store->timeZone().parseMonth("2026-12"));
    REQUIRE(december.size() == 2);
    CHECK(december[0].count == 1);
  }
}
