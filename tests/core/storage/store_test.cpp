// Spec: the local store's roster, wall, search and report queries.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/util/clock.hpp"
#include "core/storage/store.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;

namespace {

struct WallFixture {
  TempDir dir;
  Store store{dir / "kiosk.db", "kiosk-a"};
  NominationPolicy policy{ModerationPolicy::Auto, 100};

  WallFixture() { store.replaceRoster(sampleRoster()); }

  std::string nominate(std::string nominee, std::string behaviour, TimeMs at, std::optional<std::string> from = "E2",
                       NominatorVisibility visibility = NominatorVisibility::Public) {
    NominationDraft draft{std::move(nominee), std::move(behaviour), kGoodStory, std::move(from), visibility};
    const SubmitOutcome outcome = store.submitNomination(draft, at, policy);
    REQUIRE(outcome.nomination);
    return outcome.nomination->id;
  }
};

constexpr TimeMs kDay = 86'400'000;

}  // namespace

TEST_CASE_FIXTURE(WallFixture, "the wall shows approved stories of the period, newest first") {
  const std::string older = nominate("E1", "real-face", kNow - 10 * kDay);
  const std::string newer = nominate("E3", "new-solution", kNow - 1 * kDay);
  const std::string outside = nominate("E4", "real-face", kNow - 100 * kDay);
  const std::string hidden = nominate("E4", "customer-voice", kNow - 2 * kDay);
  store.setStatus(hidden, NominationStatus::Hidden, "duplicate", kNow);

  const auto stories = store.wallStories(lastDays(kNow, 90), 50);
  REQUIRE(stories.size() == 2);
  CHECK(stories[0].nominationId == newer);
  CHECK(stories[1].nominationId == older);
  CHECK(stories[0].nomineeName == "Seán O'Brien");
  CHECK(stories[0].behaviourTitle == "Brought a new solution");
  CHECK(stories[0].nominatorName == "Zoë Ødegård");
  SUBCASE("limit") { CHECK(store.wallStories(lastDays(kNow, 90), 1).size() == 1); }
}

TEST_CASE_FIXTURE(WallFixture, "the wall names a nominator only when they chose to be shown") {
  nominate("E1", "real-face", kNow - 3, "E3", NominatorVisibility::Private);
  nominate("E1", "real-face", kNow - 2, std::nullopt, NominatorVisibility::Anonymous);
  nominate("E1", "real-face", kNow - 1, "E5", NominatorVisibility::Public);  // E5 declined the wall
  for (const WallStory& story : store.wallStories(lastDays(kNow, 1), 10)) CHECK(story.nominatorName.empty());
}

TEST_CASE_FIXTURE(WallFixture, "people who declined the wall stay off it but stay in the counts") {
  nominate("E5", "real-face", kNow - 1);
  CHECK(store.wallStories(lastDays(kNow, 1), 10).empty());
  CHECK(store.recognisedPeople(lastDays(kNow, 1)).empty());
  CHECK(store.storiesFor("E5", 10).stories.empty());
  CHECK(store.countByBehaviour(lastDays(kNow, 1))[0].count == 1);
}

TEST_CASE_FIXTURE(WallFixture, "recognised people are counted, most recognised first") {
  nominate("E3", "real-face", kNow - 5);
  nominate("E1", "real-face", kNow - 4);
  nominate("E1", "people-first", kNow - 3);
  const auto people = store.recognisedPeople(lastDays(kNow, 30));
  REQUIRE(people.size() == 2);
  CHECK(people[0].employeeId == "E1");
  CHECK(people[0].count == 2);
  CHECK(people[1].displayName == "Seán O'Brien");
  CHECK(people[1].count == 1);
}

TEST_CASE_FIXTURE(WallFixture, "the month's most recognised, read from the monthly counts, match the nominations") {
  const Period november = *parseMonthUtc("2026-11");
  // The same month one millisecond short is not a whole month: it counts the nominations row by row.
  const Period byRows{november.from, november.to - 1};
  nominate("E1", "real-face", november.from);  // first millisecond of the month
  nominate("E1", "people-first", kNow - 3);
  nominate("E3", "real-face", kNow - 2);
  nominate("E3", "new-solution", kNow - 1);
  nominate("E4", "real-face", kNow);
  nominate("E4", "real-face", november.from - 1);  // October
  const std::string hidden = nominate("E5", "real-face", kNow - 4);  // E5 declined the wall
  store.setStatus(hidden, NominationStatus::Hidden, "duplicate", kNow);
  policy.moderation = ModerationPolicy::Hr;
  const std::string pending = nominate("E4", "customer-voice", kNow - 5);
  nominate("E1", "customer-voice", kNow - 6);  // stays pending: not counted

  auto ids = [](const std::vector<RecognisedPerson>& people) {
    std::vector<std::string> out;
    for (const RecognisedPerson& person : people) out.push_back(person.employeeId + ":" + std::to_string(person.count));
    return out;
  };
  CHECK(ids(store.recognisedPeople(november)) == std::vector<std::string>{"E1:2", "E3:2", "E4:1"});
  CHECK(ids(store.recognisedPeople(november)) == ids(store.recognisedPeople(byRows)));
  // A filtered wall counts only the stories that pass the filter, even over a whole month (the
  // monthly counts are per person, not per behaviour).
  CHECK(ids(store.recognisedPeople(november, WallFilter{"real-face", ""})) ==
        std::vector<std::string>{"E1:1", "E4:1", "E3:1"});  // ties by name
  CHECK(ids(store.recognisedPeople(november, WallFilter{"real-face", ""}, 1)).size() == 1);

  SUBCASE("approving, hiding and erasing keep the counts right") {
    store.setStatus(pending, NominationStatus::Approved, "", kNow);
    store.setStatus(hidden, NominationStatus::Approved, "", kNow);
    store.eraseEmployee("E3", kNow);
    // E5 declined the wall; ties go by name: José (E1) before Nguyễn (E4).
    CHECK(ids(store.recognisedPeople(november)) == std::vector<std::string>{"E1:2", "E4:2"});
    CHECK(ids(store.recognisedPeople(november)) == ids(store.recognisedPeople(byRows)));
    CHECK(ids(store.recognisedPeople(november, {}, 2)).size() == 2);
    CHECK(ids(store.recognisedPeople(*parseMonthUtc("2026-10"))) == std::vector<std::string>{"E4:1"});
  }
}

TEST_CASE_FIXTURE(WallFixture, "one person's stories, newest first, with applause") {
  const std::string first = nominate("E1", "real-face", kNow - 5 * kDay);
  const std::string second = nominate("E1", "fixed-on-the-spot", kNow - 1 * kDay);
  nominate("E3", "real-face", kNow);
  CHECK(store.applaud(second, kNow) == 1);
  CHECK(store.applaud(second, kNow) == 2);
  CHECK_FALSE(store.applaud("no-such-id", kNow));
  const StoryPage page = store.storiesFor("E1", 10);
  CHECK(page.total == 2);
  CHECK_FALSE(page.next);
  const std::vector<WallStory>& stories = page.stories;
  REQUIRE(stories.size() == 2);
  CHECK(stories[0].nominationId == second);
  CHECK(stories[0].applause == 2);
  CHECK(stories[1].nominationId == first);
  CHECK(stories[1].applause == 0);
  // Applause events carry this kiosk's counter, so other kiosks merge by max.
  CHECK(store.pendingEvents(100).back().payload.find("\"count\":2") != std::string::npos);
}

TEST_CASE_FIXTURE(WallFixture, "one person's stories come a page at a time, keyed on (created_at, id)") {
  // Seven approved stories, three of them in the same millisecond (their ids break the tie), one
  // pending and one hidden (neither shown nor counted), and one about someone else.
  std::vector<std::pair<TimeMs, std::string>> expected;
  for (const TimeMs at : {kNow - 9 * kDay, kNow - 7 * kDay, kNow - 5 * kDay, kNow - 5 * kDay, kNow - 5 * kDay,
                          kNow - 2 * kDay, kNow - 1 * kDay})
    expected.emplace_back(at, nominate("E1", "real-face", at, expected.size() % 2 ? "E2" : "E3"));
  store.setStatus(nominate("E1", "real-face", kNow - 3 * kDay), NominationStatus::Hidden, "duplicate", kNow);
  const NominationPolicy moderated{ModerationPolicy::Hr, 100};
  REQUIRE(store.submitNomination({"E1", "real-face", kGoodStory, "E4", NominatorVisibility::Public}, kNow - 4 * kDay,
                                 moderated)
              .nomination);
  nominate("E3", "real-face", kNow - 5 * kDay);
  std::sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) { return a > b; });  // newest first

  std::vector<std::string> seen;
  std::optional<StoryCursor> cursor;
  std::vector<std::size_t> sizes;
  do {
    const StoryPage page = store.storiesFor("E1", 3, cursor);
    CHECK(page.total == 7);
    sizes.push_back(page.stories.size());
    for (const WallStory& story : page.stories) {
      CHECK(story.nomineeId == "E1");
      seen.push_back(story.nominationId);
    }
    cursor = page.next;
  } while (cursor);
  CHECK(sizes == std::vector<std::size_t>{3, 3, 1});
  std::vector<std::string> expectedIds;
  for (const auto& [at, id] : expected) expectedIds.push_back(id);
  CHECK(seen == expectedIds);

  SUBCASE("a story arriving between pages neither repeats nor hides one") {
    const StoryPage first = store.storiesFor("E1", 3);
    REQUIRE(first.next);
    const std::string fresh = nominate("E1", "people-first", kNow);
    const StoryPage second = store.storiesFor("E1", 3, first.next);
    REQUIRE(second.stories.size() == 3);
    CHECK(second.stories[0].nominationId == expectedIds[3]);
    CHECK(second.total == 8);
    CHECK(store.storiesFor("E1", 1).stories[0].nominationId == fresh);
  }
  SUBCASE("a page exactly at the end says there is no next one") {
    const StoryPage all = store.storiesFor("E1", 7);
    CHECK(all.stories.size() == 7);
    CHECK_FALSE(all.next);
  }
  SUBCASE("erasure empties the pages and the total") {
    store.eraseEmployee("E1", kNow);
    const StoryPage page = store.storiesFor("E1", 3);
    CHECK(page.stories.empty());
    CHECK(page.total == 0);
  }
}

TEST_CASE_FIXTURE(WallFixture, "a page of one person's stories is an index range, not a sort of all of them") {
  Statement plan = store.database().prepare(
      "EXPLAIN QUERY PLAN SELECT n.id FROM nominations n WHERE n.status = 'approved' AND n.nominee_id = ?1 "
      "AND (n.created_at, n.id) < (?2, ?3) ORDER BY n.created_at DESC, n.id DESC LIMIT ?4");
  std::string steps;
  while (plan.step()) steps += plan.getText(3) + "\n";
  CAPTURE(steps);
  CHECK(steps.find("USING INDEX nominations_by_nominee (nominee_id=? AND (created_at,id)<(?,?))") != std::string::npos);
  CHECK(steps.find("TEMP B-TREE") == std::string::npos);
}

TEST_CASE_FIXTURE(WallFixture, "roster search: word prefixes of name, department, title and id, by name") {
  auto roster = sampleRoster();
  roster.push_back(makeEmployee("E6", "Jonas Jonsson", "Support"));  // two words match "jon": listed once
  roster.push_back(makeEmployee("E7", "Anna-Lena Berg", "Support"));
  roster.push_back(makeEmployee("E8", "Björn Åkesson", "Support"));
  roster.push_back(makeEmployee("E9", "Agnes Jönsson", "Support"));
  store.replaceRoster(roster);
  auto names = [this](std::string_view query, int limit = 10) {
    std::vector<std::string> out;
    for (const Employee& e : store.searchEmployees(query, limit)) out.push_back(e.displayName);
    return out;
  };
  CHECK(names("jon") == std::vector<std::string>{"Agnes Jönsson", "Jonas Jonsson"});
  CHECK(names("jo") == std::vector<std::string>{"Agnes Jönsson", "Jonas Jonsson", "José Núñez"});
  CHECK(names("jo", 2) == std::vector<std::string>{"Agnes Jönsson", "Jonas Jonsson"});
  CHECK(names("lena") == std::vector<std::string>{"Anna-Lena Berg"});         // hyphens split words
  CHECK(names("anna-le") == std::vector<std::string>{"Anna-Lena Berg"});      // in the query too
  CHECK(names("AKE") == std::vector<std::string>{"Björn Åkesson"});
  CHECK(names("jonsson agn") == std::vector<std::string>{"Agnes Jönsson"});  // every word, any order
  CHECK(names("sup b") == std::vector<std::string>{"Anna-Lena Berg", "Björn Åkesson"});
  CHECK(names("e7") == std::vector<std::string>{"Anna-Lena Berg"});
  CHECK(names("ona").empty());  // the start of a word, not the middle
  CHECK(names("O\u2019Brien") == std::vector<std::string>{"Seán O'Brien"});  // a curly apostrophe splits too

  Statement plan = store.database().prepare(
      "EXPLAIN QUERY PLAN SELECT t.employee_id FROM employee_tokens t WHERE t.token >= ?1 AND t.token < ?2 "
      "ORDER BY t.display_name, t.employee_id LIMIT ?3");
  std::string steps;
  while (plan.step()) steps += plan.getText(3) + "\n";
  CAPTURE(steps);
  CHECK(steps.find("COVERING INDEX employee_tokens_by_token (token>? AND token<?)") != std::string::npos);

  SUBCASE("leavers and people marked inactive drop out; coming back brings them back") {
    roster.erase(roster.begin() + 5);  // Jonas left
    roster.back().active = false;      // Agnes is on leave
    store.replaceRoster(roster);
    CHECK(names("jo") == std::vector<std::string>{"José Núñez"});
    roster = sampleRoster();
    roster.push_back(makeEmployee("E6", "Jonas Jonsson", "Support"));
    store.replaceRoster(roster);
    CHECK(names("jo") == std::vector<std::string>{"Jonas Jonsson", "José Núñez"});
  }
  SUBCASE("a prefix of many different words (one range scan) and of a few (merged per word) agree") {
    std::vector<std::string> expected;
    for (int i = 10; i < 40; ++i) {
      roster.push_back(makeEmployee("X" + std::to_string(i), "Zed " + std::to_string(69 - i), "Support"));
      expected.push_back("Zed " + std::to_string(69 - i));
    }
    store.replaceRoster(roster);
    std::sort(expected.begin(), expected.end());
    // "x" starts 30 different ids; "x1" ten of them; "zed" one word of 30 people.
    CHECK(names("x", 10) == std::vector<std::string>(expected.begin(), expected.begin() + 10));
    CHECK(names("zed", 40) == expected);
    CHECK(names("x1", 40) == std::vector<std::string>(expected.end() - 10, expected.end()));
    CHECK(names("x zed 5", 40) == std::vector<std::string>{"Zed 50", "Zed 51", "Zed 52", "Zed 53", "Zed 54",
                                                         "Zed 55", "Zed 56", "Zed 57", "Zed 58", "Zed 59"});
  }
  SUBCASE("a renamed person is found by the new name only") {
    roster[0].displayName = "Josefina Núñez";
    roster[1].displayName = "Zoë Berg";
    store.replaceRoster(roster);
    CHECK(names("odegard").empty());
    CHECK(names("berg") == std::vector<std::string>{"Anna-Lena Berg", "Zoë Berg"});
  }
}

TEST_CASE_FIXTURE(WallFixture, "roster search folds accents and case and matches word prefixes") {
  auto names = [this](std::string_view query) {
    std::vector<std::string> out;
    for (const Employee& e : store.searchEmployees(query, 10)) out.push_back(e.displayName);
    return out;
  };
  CHECK(names("jose") == std::vector<std::string>{"José Núñez"});
  CHECK(names("JOSÉ") == std::vector<std::string>{"José Núñez"});
  CHECK(names("nunez") == std::vector<std::string>{"José Núñez"});
  CHECK(names("jo nu") == std::vector<std::string>{"José Núñez"});
  CHECK(names("odegard") == std::vector<std::string>{"Zoë Ødegård"});
  CHECK(names("zoe") == std::vector<std::string>{"Zoë Ødegård"});
  CHECK(names("nguyen") == std::vector<std::string>{"Nguyễn Thị Lan"});
  CHECK(names("o'brien") == std::vector<std::string>{"Seán O'Brien"});
  CHECK(names("engineering") == std::vector<std::string>{"Zoë Ødegård"});
  CHECK(names("xyz").empty());
  CHECK(names("\"unbalanced").empty());  // quotes in the query are data, not syntax
  CHECK(names("").size() == 5);           // empty query lists everyone active
  SUBCASE("Greek and Cyrillic names are found whatever the case and accents typed") {
    auto roster = sampleRoster();
    roster.push_back(makeEmployee("E6", "Αλέξανδρος Παπαδόπουλος", "Support"));
    roster.push_back(makeEmployee("E7", "Пётр Иванов", "Support"));
    store.replaceRoster(roster);
    CHECK(names("αλεξ") == std::vector<std::string>{"Αλέξανδρος Παπαδόπουλος"});
    CHECK(names("ΠΑΠΑΔΟ") == std::vector<std::string>{"Αλέξανδρος Παπαδόπουλος"});
    CHECK(names("петр") == std::vector<std::string>{"Пётр Иванов"});
    CHECK(names("ИВ") == std::vector<std::string>{"Пётр Иванов"});
  }
  SUBCASE("inactive people are not offered") {
    auto roster = sampleRoster();
    roster.erase(roster.begin());  // José left
    store.replaceRoster(roster);
    CHECK(names("jose").empty());
  }
}

TEST_CASE_FIXTURE(WallFixture, "replacing the roster adds, updates and deactivates, keeping history") {
  nominate("E1", "real-face", kNow);
  auto roster = sampleRoster();
  roster.erase(roster.begin());                 // E1 left
  roster[0].department = "Platform";            // E2 moved
  roster.push_back(makeEmployee("E6", "Kwame Mensah"));
  const RosterImportSummary summary = store.replaceRoster(roster);
  CHECK(summary.added == 1);
  CHECK(summary.updated == 1);
  CHECK(summary.unchanged == 3);
  CHECK(summary.deactivated == 1);
  CHECK_FALSE(store.employee("E1")->active);
  CHECK(store.storiesFor("E1", 10).stories.size() == 1);  // history stays
  CHECK(store.employee("E2")->department == "Platform");
  SUBCASE("coming back reactivates") {
    store.replaceRoster(sampleRoster());
    CHECK(store.employee("E1")->active);
  }
}

TEST_CASE_FIXTURE(WallFixture, "counts by behaviour, department and month leave out hidden stories") {
  nominate("E1", "real-face", parseDateUtc("2026-09-15").value());
  nominate("E2", "real-face", parseDateUtc("2026-10-02").value(), "E1");
  nominate("E3", "new-solution", parseDateUtc("2026-10-20").value());
  const std::string hidden = nominate("E4", "new-solution", parseDateUtc("2026-10-21").value());
  store.setStatus(hidden, NominationStatus::Hidden, "not customer-related", kNow);
  const Period all{0, kNow};

  const auto byBehaviour = store.countByBehaviour(all);
  REQUIRE(byBehaviour.size() == 7);  // every behaviour, zeros included, in display order
  CHECK(byBehaviour[0].label == "real-face");
  CHECK(byBehaviour[0].count == 2);
  CHECK(byBehaviour[6].label == "new-solution");
  CHECK(byBehaviour[6].count == 1);

  const auto byDepartment = store.countByDepartment(all);
  REQUIRE(byDepartment.size() == 3);
  CHECK(byDepartment[0].label == "Customer Support");

  const auto byMonth = store.countByMonth(all);
  REQUIRE(byMonth.size() == 2);
  CHECK(byMonth[0].label == "2026-09");
  CHECK(byMonth[0].count == 1);
  CHECK(byMonth[1].label == "2026-10");
  CHECK(byMonth[1].count == 2);
}

TEST_CASE_FIXTURE(WallFixture, "every change is an outbox event with a rising clock") {
  const std::string id = nominate("E1", "real-face", kNow);
  store.setStatus(id, NominationStatus::Hidden, "test", kNow - 5000);  // clock stepped back
  store.applaud(id, kNow);
  const auto events = store.pendingEvents(10);
  REQUIRE(events.size() == 3);
  CHECK(events[0].seq == 1);
  CHECK(events[2].seq == 3);
  CHECK(events[1].type == "nomination.status");
  CHECK(events[0].hlc < events[1].hlc);
  CHECK(events[1].hlc < events[2].hlc);
  CHECK(events[0].eventId != events[1].eventId);
  SUBCASE("the clock survives a restart") {
    const std::uint64_t last = events[2].hlc;
    Store reopened(dir / "kiosk.db", "kiosk-a");
    reopened.applaud(id, kNow - 60'000);
    CHECK(reopened.pendingEvents(10).back().hlc > last);
  }
}

TEST_CASE_FIXTURE(WallFixture, "the events waiting to be published are found without reading the published ones") {
  const std::string id = nominate("E1", "real-face", kNow);
  for (int i = 0; i < 3; ++i) store.applaud(id, kNow + i);
  REQUIRE(store.pendingEventCount() == 4);
  store.markPublished(3, 1, kNow);
  CHECK(store.pendingEventCount() == 1);
  REQUIRE(store.pendingEvents(10).size() == 1);
  CHECK(store.pendingEvents(10)[0].seq == 4);
  // Each sync asks: a whole-outbox scan would grow with every event this kiosk ever made.
  for (const char* query : {"SELECT COUNT(*) FROM outbox WHERE published_at IS NULL",
                            "SELECT seq FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT 10"}) {
    CAPTURE(query);
    Statement plan = store.database().prepare("EXPLAIN QUERY PLAN " + std::string(query));
    std::string steps;
    while (plan.step()) steps += plan.getText(3) + "\n";
    CHECK(steps.find("outbox_unpublished") != std::string::npos);
  }
}

TEST_CASE_FIXTURE(WallFixture, "the audit log keeps who did what, newest first") {
  store.audit("hr", "approve", "n1", kNow);
  store.audit("cli", "nominate", "n2", kNow + 1);
  const auto log = store.auditLog(10);
  REQUIRE(log.size() == 2);
  CHECK(log[0].action == "nominate");
  CHECK(log[1].actor == "hr");
}

TEST_CASE_FIXTURE(WallFixture, "integrity check and counts report a healthy store") {
  nominate("E1", "real-face", kNow);
  CHECK(store.integrityCheck() == "ok");
  const StoreCounts counts = store.counts();
  CHECK(counts.employees == 5);
  CHECK(counts.activeEmployees == 5);
  CHECK(counts.nominations == 1);
  CHECK(counts.approved == 1);
  CHECK(counts.pendingEvents == 1);
}
