// Spec: the rules a nomination must pass, through the store as the UI and CLI use them.
#include <doctest/doctest.h>

#include "core/storage/store.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;

namespace {

struct RulesFixture {
  TempDir dir;
  Store store{dir / "kiosk.db", "kiosk-a"};
  NominationPolicy policy{ModerationPolicy::Auto, 2};

  RulesFixture() {
    auto roster = sampleRoster();
    roster.push_back(makeEmployee("E9", "Left Already"));
    roster.back().active = false;
    store.replaceRoster(roster);
  }

  NominationDraft draft() {
    NominationDraft d;
    d.nomineeId = "E1";
    d.behaviourKey = "fixed-on-the-spot";
    d.story = kGoodStory;
    d.nominatorId = "E2";
    d.visibility = NominatorVisibility::Public;
    return d;
  }

  // Submits and checks that a failure wrote nothing at all.
  std::optional<RuleViolation> submit(const NominationDraft& d, TimeMs at = kNow) {
    const StoreCounts before = store.counts();
    const SubmitOutcome outcome = store.submitNomination(d, at, policy);
    if (outcome.violation) {
      CHECK_FALSE(outcome.nomination);
      CHECK(store.counts().nominations == before.nominations);
      CHECK(store.counts().pendingEvents == before.pendingEvents);
      CHECK_FALSE(outcome.violation->message.empty());
    }
    return outcome.violation;
  }
};

}  // namespace

TEST_CASE_FIXTURE(RulesFixture, "a good nomination passes and is stored durably with its event") {
  const SubmitOutcome outcome = store.submitNomination(draft(), kNow, policy);
  REQUIRE(outcome.nomination);
  CHECK(outcome.nomination->status == NominationStatus::Approved);
  const auto stored = store.nomination(outcome.nomination->id);
  REQUIRE(stored);
  CHECK(stored->story == kGoodStory);
  CHECK(stored->nominatorId == std::optional<std::string>("E2"));
  const auto events = store.pendingEvents(10);
  REQUIRE(events.size() == 1);
  CHECK(events[0].type == "nomination.created");
  CHECK(events[0].payload.find(outcome.nomination->id) != std::string::npos);
}

TEST_CASE_FIXTURE(RulesFixture, "the nominee must exist and be active") {
  auto d = draft();
  d.nomineeId = "E404";
  auto violation = submit(d);
  REQUIRE(violation);
  CHECK(violation->rule == Rule::NomineeUnknown);
  d.nomineeId = "E9";
  violation = submit(d);
  REQUIRE(violation);
  CHECK(violation->rule == Rule::NomineeInactive);
  CHECK(violation->message.find("Left Already") != std::string::npos);
}

TEST_CASE_FIXTURE(RulesFixture, "the behaviour key must be known") {
  auto d = draft();
  d.behaviourKey = "was-nice";
  const auto violation = submit(d);
  REQUIRE(violation);
  CHECK(violation->rule == Rule::BehaviourUnknown);
  CHECK(violation->message.find("was-nice") != std::string::npos);
}

TEST_CASE_FIXTURE(RulesFixture, "the story is 20 to 1000 characters of valid UTF-8, trimmed") {
  auto d = draft();
  SUBCASE("too short once trimmed") {
    d.story = "   Great job!           ";
    const auto violation = submit(d);
    REQUIRE(violation);
    CHECK(violation->rule == Rule::StoryTooShort);
    CHECK(violation->message.find("at least 20") != std::string::npos);
  }
  SUBCASE("exactly 20 characters counted as code points passes") {
    d.story = "Zoë helped a client!";  // 20 characters, 21 bytes
    CHECK_FALSE(submit(d));
  }
  SUBCASE("1000 passes, 1001 fails") {
    d.story = std::string(1000, 'a');
    CHECK_FALSE(submit(d));
    d.story = std::string(1001, 'a');
    const auto violation = submit(d);
    REQUIRE(violation);
    CHECK(violation->rule == Rule::StoryTooLong);
  }
  SUBCASE("invalid UTF-8") {
    d.story = kGoodStory + "\xff";
    const auto violation = submit(d);
    REQUIRE(violation);
    CHECK(violation->rule == Rule::StoryInvalidUtf8);
  }
  SUBCASE("surrounding whitespace is not stored") {
    d.story = "\n  " + kGoodStory + "  \n";
    const auto outcome = store.submitNomination(d, kNow, policy);
    REQUIRE(outcome.nomination);
    CHECK(store.nomination(outcome.nomination->id)->story == kGoodStory);
  }
}

TEST_CASE_FIXTURE(RulesFixture, "nobody nominates themselves") {
  auto d = draft();
  d.nominatorId = "E1";
  const auto violation = submit(d);
  REQUIRE(violation);
  CHECK(violation->rule == Rule::SelfNomination);
}

TEST_CASE_FIXTURE(RulesFixture, "a named nominator must be on the roster") {
  auto d = draft();
  d.nominatorId = "E404";
  const auto violation = submit(d);
  REQUIRE(violation);
  CHECK(violation->rule == Rule::NominatorUnknown);
}

TEST_CASE_FIXTURE(RulesFixture, "a nominator has a daily cap, counted per UTC day") {
  auto d = draft();
  CHECK_FALSE(submit(d, kNow));
  d.nomineeId = "E3";
  CHECK_FALSE(submit(d, kNow + 1000));
  d.nomineeId = "E4";
  const auto violation = submit(d, kNow + 2000);
  REQUIRE(violation);
  CHECK(violation->rule == Rule::DailyCapReached);
  CHECK(violation->message.find("2 nominations today") != std::string::npos);
  SUBCASE("the next day is fine") { CHECK_FALSE(submit(d, kNow + 86'400'000)); }
  SUBCASE("another nominator is not affected") {
    d.nominatorId = "E3";
    CHECK_FALSE(submit(d, kNow + 3000));
  }
}

TEST_CASE_FIXTURE(RulesFixture, "anonymous nominations record no nominator") {
  auto d = draft();
  d.visibility = NominatorVisibility::Anonymous;  // even if an id was picked earlier in the wizard
  const auto outcome = store.submitNomination(d, kNow, policy);
  REQUIRE(outcome.nomination);
  const auto stored = store.nomination(outcome.nomination->id);
  CHECK_FALSE(stored->nominatorId);
  CHECK(stored->visibility == NominatorVisibility::Anonymous);
  CHECK(store.pendingEvents(10).back().payload.find("\"nominator_id\":null") != std::string::npos);
}

TEST_CASE_FIXTURE(RulesFixture, "HR moderation keeps new nominations pending") {
  policy.moderation = ModerationPolicy::Hr;
  const auto outcome = store.submitNomination(draft(), kNow, policy);
  REQUIRE(outcome.nomination);
  CHECK(outcome.nomination->status == NominationStatus::Pending);
  CHECK(store.wallStories({0, kNow + 1}, 10).empty());
}

TEST_CASE("checkStory is the same rule the wizard shows live") {
  CHECK(checkStory("short")->rule == Rule::StoryTooShort);
  CHECK_FALSE(checkStory(kGoodStory));
}
