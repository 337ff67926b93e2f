// Spec: moderation policies, and the Customer Champion of the month (winners, hall of fame,
// candidates grouped by person).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/util/clock.hpp"
#include "core/storage/store.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;

namespace {

// kNow is 2026-11-24; these are inside November 2026.
constexpr TimeMs kDay = 86'400'000;
const std::string kNovember = "2026-11";

struct ChampionFixture {
  TempDir dir;
  Store store{dir / "kiosk.db", "kiosk-a"};

  ChampionFixture() { store.replaceRoster(sampleRoster()); }

  std::string nominate(const std::string& nominee, TimeMs at, ModerationPolicy moderation = ModerationPolicy::Auto) {
    NominationDraft draft{nominee, "real-face", kGoodStory, std::string("E2"), NominatorVisibility::Public};
    const SubmitOutcome outcome = store.submitNomination(draft, at, {moderation, 100});
    REQUIRE(outcome.nomination);
    return outcome.nomination->id;
  }
};

}  // namespace

TEST_CASE_FIXTURE(ChampionFixture, "moderation 'auto' shows a story at once and HR can hide it later") {
  const std::string id = nominate("E1", kNow - kDay, ModerationPolicy::Auto);
  CHECK(store.nomination(id)->status == NominationStatus::Approved);
  CHECK(store.wallStories(lastDays(kNow, 30), 10).size() == 1);
  REQUIRE(store.setStatus(id, NominationStatus::Hidden, "names a customer", kNow));
  CHECK(store.wallStories(lastDays(kNow, 30), 10).empty());
  CHECK(store.nomination(id)->hideReason == "names a customer");
}

TEST_CASE_FIXTURE(ChampionFixture, "moderation 'hr' keeps a story off the wall until approved") {
  const std::string id = nominate("E1", kNow - kDay, ModerationPolicy::Hr);
  CHECK(store.nomination(id)->status == NominationStatus::Pending);
  CHECK(store.wallStories(lastDays(kNow, 30), 10).empty());
  REQUIRE(store.setStatus(id, NominationStatus::Approved, "", kNow));
  CHECK(store.wallStories(lastDays(kNow, 30), 10).size() == 1);
  CHECK(store.pendingEvents(10).back().type == "nomination.status");
}

TEST_CASE_FIXTURE(ChampionFixture, "a selected winner shows on the wall and in the hall of fame, as an event") {
  const std::string id = nominate("E1", kNow - 3 * kDay);
  const WinnerOutcome outcome = store.selectWinner(id, kNovember, "  Turned a refund into a renewal.  ", kNow);
  REQUIRE_MESSAGE(outcome.winner, outcome.error);
  CHECK(outcome.winner->employeeId == "E1");
  CHECK(outcome.winner->citation == "Turned a refund into a renewal.");
  CHECK(outcome.winner->displayName == "José Núñez");

  const auto wall = store.winnersForWall(kNovember);
  REQUIRE(wall.size() == 1);
  CHECK(wall[0].nominationId == id);
  CHECK(wall[0].behaviourKey == "real-face");
  CHECK(store.winnersForWall("2026-10").empty());
  REQUIRE(store.hallOfFame().size() == 1);

  const OutboxEvent event = store.pendingEvents(10).back();
  CHECK(event.type == "winner.selected");
  const auto payload = nlohmann::json::parse(event.payload);
  CHECK(payload["period"] == kNovember);
  CHECK(payload["employee_id"] == "E1");
  CHECK(payload["nomination_id"] == id);
  CHECK(payload["citation"] == "Turned a refund into a renewal.");
}

TEST_CASE_FIXTURE(ChampionFixture, "winners who declined the wall are kept for HR but not shown") {
  const std::string id = nominate("E5", kNow - kDay);  // E5 declined the wall
  REQUIRE(store.selectWinner(id, kNovember, "", kNow).winner);
  CHECK(store.winnersForWall(kNovember).empty());
  CHECK(store.hallOfFame().empty());
  REQUIRE(store.winnersForHr(kNovember).size() == 1);  // HR still sees them
  CHECK(store.winnersForHr("").size() == 1);
}

TEST_CASE_FIXTURE(ChampionFixture, "a winner selection that cannot stand is refused with a reason") {
  const std::string approved = nominate("E1", kNow - kDay);
  const std::string october = nominate("E3", kNow - 40 * kDay);
  const std::string pending = nominate("E4", kNow - kDay, ModerationPolicy::Hr);
  const std::string hidden = nominate("E3", kNow - kDay);
  store.setStatus(hidden, NominationStatus::Hidden, "duplicate", kNow);
  const std::int64_t eventsBefore = store.counts().pendingEvents;

  CHECK(store.selectWinner(approved, "2026-13", "", kNow).error.find("YYYY-MM") != std::string::npos);
  CHECK(store.selectWinner(approved, "Nov 2026", "", kNow).error.find("YYYY-MM") != std::string::npos);
  CHECK(store.selectWinner("no-such-id", kNovember, "", kNow).error.find("no nomination") != std::string::npos);
  CHECK(store.selectWinner(october, kNovember, "", kNow).error.find("2026-10") != std::string::npos);
  CHECK(store.selectWinner(pending, kNovember, "", kNow).error.find("approve it first") != std::string::npos);
  CHECK(store.selectWinner(hidden, kNovember, "", kNow).error.find("hidden") != std::string::npos);
  CHECK(store.counts().pendingEvents == eventsBefore);

  REQUIRE(store.selectWinner(approved, kNovember, "", kNow).winner);
  CHECK(store.selectWinner(approved, kNovember, "", kNow).error.find("already a winner") != std::string::npos);
}

TEST_CASE_FIXTURE(ChampionFixture, "HR sees the period's nominations grouped by person, most nominated first") {
  nominate("E3", kNow - 2 * kDay);
  nominate("E1", kNow - 5 * kDay);
  nominate("E1", kNow - 4 * kDay);
  nominate("E5", kNow - 3 * kDay);                     // declined the wall: still a candidate for HR
  nominate("E4", kNow - 3 * kDay, ModerationPolicy::Hr);  // pending counts too
  nominate("E3", kNow - 40 * kDay);                    // October
  const std::string hidden = nominate("E4", kNow - kDay);
  store.setStatus(hidden, NominationStatus::Hidden, "", kNow);

  const auto candidates = store.candidatesFor(*parseMonthUtc(kNovember));
  REQUIRE(candidates.size() == 4);
  CHECK(candidates[0].employeeId == "E1");
  REQUIRE(candidates[0].nominations.size() == 2);
  CHECK(candidates[0].nominations[0].createdAt < candidates[0].nominations[1].createdAt);
  int total = 0;
  for (const auto& candidate : candidates) total += static_cast<int>(candidate.nominations.size());
  CHECK(total == 5);
}

TEST_CASE("months parse to half-open UTC ranges") {
  const auto november = parseMonthUtc("2026-11");
  REQUIRE(november);
  CHECK(formatDateUtc(november->from) == "2026-11-01");
  CHECK(formatDateUtc(november->to) == "2026-12-01");
  CHECK(formatDateUtc(parseMonthUtc("2026-12")->to) == "2027-01-01");
  CHECK_FALSE(parseMonthUtc("2026-1"));
  CHECK_FALSE(parseMonthUtc("2026-00"));
  CHECK_FALSE(parseMonthUtc("2026-11-01"));
  CHECK(formatMonthLongUtc(kNow) == "November 2026");
}

TEST_CASE_FIXTURE(ChampionFixture, "the wall pins this month's champions, or last month's until HR names new ones") {
  CHECK(store.currentChampions(kNow).empty());
  const std::string october = nominate("E3", *parseDateUtc("2026-10-20"));
  REQUIRE(store.selectWinner(october, "2026-10", "October's champion", kNow).winner);
  REQUIRE(store.currentChampions(kNow).size() == 1);
  CHECK(store.currentChampions(kNow)[0].employeeId == "E3");
  // Two months on, October's champion is history, not pinned.
  CHECK(store.currentChampions(*parseDateUtc("2026-12-15")).empty());

  const std::string november = nominate("E1", kNow - kDay);
  REQUIRE(store.selectWinner(november, kNovember, "November's champion", kNow).winner);
  REQUIRE(store.currentChampions(kNow).size() == 1);
  CHECK(store.currentChampions(kNow)[0].employeeId == "E1");
  CHECK(store.currentChampions(kNow)[0].citation == "November's champion");
  CHECK(store.hallOfFame().size() == 2);
}

TEST_CASE_FIXTURE(ChampionFixture, "the wall's filter narrows stories and people to a behaviour and a department") {
  nominate("E1", kNow - kDay);  // real-face, Customer Support
  nominate("E3", kNow - 2 * kDay);  // real-face, Sales
  NominationDraft draft{"E2", "fixed-on-the-spot", kGoodStory, std::string("E3"), NominatorVisibility::Public};
  REQUIRE(store.submitNomination(draft, kNow - 3 * kDay, {ModerationPolicy::Auto, 100}).nomination);
  const Period period = lastDays(kNow, 30);

  CHECK(store.wallStories(period, 10).size() == 3);
  CHECK(store.wallStories(period, 10, WallFilter{"real-face", ""}).size() == 2);
  CHECK(store.wallStories(period, 10, WallFilter{"", "Sales"}).size() == 1);
  CHECK(store.wallStories(period, 10, WallFilter{"fixed-on-the-spot", "Sales"}).empty());
  const auto engineers = store.recognisedPeople(period, WallFilter{"fixed-on-the-spot", "Engineering"});
  REQUIRE(engineers.size() == 1);
  CHECK(engineers[0].employeeId == "E2");
  CHECK(store.recognisedPeople(period, WallFilter{"real-face", ""}).size() == 2);

  const std::vector<std::string> departments = departmentsOf(store.recognisedPeople(period));
  CHECK(departments == std::vector<std::string>{"Customer Support", "Engineering", "Sales"});
}
