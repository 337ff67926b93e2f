// Spec: the raw CSV export: a UTF-8 BOM then DESIGN.md's header, order, RFC 4180 quoting, UTC
// times, formula neutralising, and the --from/--to period.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/util/clock.hpp"
#include "core/reports/report_csv.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;

TEST_CASE("the CSV export has a BOM, DESIGN.md's header and one row per nomination, oldest first") {
  TempDir dir;
  Store store(dir / "kiosk.db", "kiosk-a");
  store.replaceRoster(sampleRoster());
  const NominationPolicy policy{ModerationPolicy::Auto, 100};
  const std::string later =
      store.submitNomination({"E1", "real-face", kGoodStory, "E2", NominatorVisibility::Private}, kNow, policy)
          .nomination->id;
  const std::string earlier =
      store.submitNomination({"E3", "new-solution", "=HYPERLINK(\"http://x\"), said \"the customer\"\nthen left",
                              std::nullopt, NominatorVisibility::Anonymous},
                             kNow - 1000, policy)
          .nomination->id;
  store.applaud(later, kNow);
  const std::string csv = exportNominationsCsv(store, {0, kNow + kMsPerDay});
  const std::string expected =
      "\xEF\xBB\xBFnomination_id,created_at,kiosk_id,nominee_id,nominee_name,department,site,behaviour,story,nominator,status,"
      "applause\r\n" +
      earlier + ",2026-11-24T11:59:59Z,kiosk-a,E3,Seán O'Brien,Sales,Lyon,new-solution," +
      "\"'=HYPERLINK(\"\"http://x\"\"), said \"\"the customer\"\"\nthen left\",,approved,0\r\n" + later +
      ",2026-11-24T12:00:00Z,kiosk-a,E1,José Núñez,Customer Support,Lyon,real-face," + kGoodStory +
      ",Zoë Ødegård,approved,1\r\n";
  CHECK(csv == expected);
}

TEST_CASE("a large CSV export is written in pieces that add up to the whole file") {
  TempDir dir;
  Store store(dir / "kiosk.db", "kiosk-a");
  store.replaceRoster(sampleRoster());
  const NominationPolicy policy{ModerationPolicy::Auto, 1000};
  for (int i = 0; i < 400; ++i)  // about 100 KiB, more than one 64 KiB piece
    REQUIRE(store.submitNomination({i % 2 ? "E1" : "E3", "real-face", kGoodStory, "E2", NominatorVisibility::Public},
                                   kNow - i, policy)
                .nomination);
  const Period all{0, kNow + kMsPerDay};
  std::vector<std::string> pieces;
  writeNominationsCsv(store, all, "", "", [&pieces](std::string_view piece) { pieces.emplace_back(piece); });
  CHECK(pieces.size() >= 2);
  std::string joined;
  for (const std::string& piece : pieces) {
    CHECK(piece.size() <= 80 * 1024);
    joined += piece;
  }
  const std::string whole = exportNominationsCsv(store, all);
  CHECK(joined == whole);
  CHECK(std::count(whole.begin(), whole.end(), '\n') == 401);

  const auto file = dir / "export.csv";
  REQUIRE(writeFileDurably(file, [&](const ByteSink& sink) { writeNominationsCsv(store, all, "", "", sink); }, true)
              .empty());
  CHECK(readFile(file) == whole);
}

TEST_CASE("cells a spreadsheet would run are neutralised") {
  for (const char* risky : {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"}) {
    CAPTURE(risky);
    CHECK(neutraliseFormula(risky) == std::string("'") + risky);
  }
  CHECK(neutraliseFormula("plain") == "plain");
  CHECK(neutraliseFormula("") == "");
}

TEST_CASE("--from and --to select whole days of the zone, and a bad date names the option") {
  const TimeZone utc = TimeZone::utc();
  const PeriodParse both = parseReportPeriod("2026-11-01", "2026-11-30", utc);
  REQUIRE(both.period);
  CHECK(both.period->from == *parseDateUtc("2026-11-01"));
  CHECK(both.period->to == *parseDateUtc("2026-12-01"));
  CHECK(parseReportPeriod("", "", utc).period);
  CHECK(parseReportPeriod("2026-11-31", "", utc).error.find("--from") != std::string::npos);
  CHECK(parseReportPeriod("", "yesterday", utc).error.find("--to") != std::string::npos);
  CHECK_FALSE(parseReportPeriod("2026-12-01", "2026-11-01", utc).period);
}
