// Spec: the demo data — a diverse roster, illustrated portraits, a share written to a real temp
// folder, and three months of nominations that obey every nomination rule, the same on every run.
#include <doctest/doctest.h>
#include <stb/stb_image.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/util/clock.hpp"
#include "demo/demo_data.hpp"
#include "core/model/model.hpp"
#include "core/model/nomination_rules.hpp"
#include "core/roster/roster_csv.hpp"
#include "core/util/text.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;

namespace {

std::uint32_t pixelAt(const Rgba& image, int x, int y) {
  const std::size_t at =
      (static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) + static_cast<std::size_t>(x)) * 4;
  return static_cast<std::uint32_t>(image.pixels[at]) << 16 | static_cast<std::uint32_t>(image.pixels[at + 1]) << 8 |
         image.pixels[at + 2];
}

int channelDistance(std::uint32_t a, std::uint32_t b) {
  int total = 0;
  for (const int shift : {16, 8, 0})
    total += std::abs(static_cast<int>((a >> shift) & 0xFF) - static_cast<int>((b >> shift) & 0xFF));
  return total;
}

std::set<std::uint32_t> distinctColours(const Rgba& image) {
  std::set<std::uint32_t> colours;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) colours.insert(pixelAt(image, x, y));
  return colours;
}

const Employee& byId(const std::vector<Employee>& roster, const std::string& id) {
  const auto found = std::find_if(roster.begin(), roster.end(), [&](const Employee& e) { return e.id == id; });
  REQUIRE(found != roster.end());
  return *found;
}

bool isBehaviourKey(const std::string& key) {
  const auto& behaviours = defaultBehaviours();
  return std::any_of(behaviours.begin(), behaviours.end(), [&](const Behaviour& b) { return b.key == key; });
}

}  // namespace

// [SECTION] roster

TEST_CASE("demo roster: about seventy active people in several departments at two sites") {
  const std::vector<Employee> roster = demoRoster();
  CHECK(roster.size() >= 55);
  CHECK(roster.size() <= 70);
  REQUIRE_FALSE(roster.empty());
  CHECK(roster.front().id == "E1001");

  std::set<std::string> ids, names, departments, sites;
  int offWall = 0;
  for (const Employee& employee : roster) {
    ids.insert(employee.id);
    names.insert(employee.displayName);
    departments.insert(employee.department);
    sites.insert(employee.site);
    CHECK(employee.active);
    CHECK(employee.photoFile.empty());
    CHECK_FALSE(employee.title.empty());
    if (!employee.wallConsent) ++offWall;
  }
  CHECK(ids.size() == roster.size());
  CHECK(names.size() == roster.size());
  CHECK(departments.size() >= 7);
  CHECK(sites == std::set<std::string>{"Leeds", "Lyon"});
  CHECK(offWall >= 2);
  CHECK(offWall <= 3);
}

TEST_CASE("demo roster: names from many cultures in valid UTF-8, with plain ASCII emails") {
  const std::vector<Employee> roster = demoRoster();
  std::set<std::string> names;
  for (const Employee& employee : roster) names.insert(employee.displayName);
  for (const char* name : {"Zoë Ødegård", "Nguyễn Thị Lan", "Seán O'Brien", "José Núñez", "Anna-Lena Müller",
                           "Çağla Yıldız", "Łukasz Wróbel", "Aoife Ní Bhriain", "Kwame Mensah", "Priya Raghunathan",
                           "Mei-Ling Chen", "Björn Åkesson", "Olúwaseun Adébáyọ"}) {
    CAPTURE(name);
    CHECK(names.contains(name));
  }

  std::set<std::string> emails;
  for (const Employee& employee : roster) {
    CAPTURE(employee.displayName);
    CHECK(isValidUtf8(employee.displayName));
    CHECK(trim(employee.displayName) == employee.displayName);
    CHECK(std::all_of(employee.email.begin(), employee.email.end(),
                      [](char c) { return (c >= 'a' && c <= 'z') || c == '.' || c == '-' || c == '@'; }));
    CHECK(employee.email.ends_with("@example.com"));
    CHECK(employee.email.find('.') < employee.email.find('@'));
    emails.insert(employee.email);
  }
  CHECK(emails.size() == roster.size());
  CHECK(byId(roster, "E1001").email == "zoe.odegard@example.com");
}

// [SECTION] portraits

TEST_CASE("demo portrait: an opaque square image, the same on every call") {
  const Employee employee = demoRoster().front();
  const Rgba portrait = renderDemoPortrait(employee, 96);
  CHECK(portrait.width == 96);
  CHECK(portrait.height == 96);
  REQUIRE(portrait.pixels.size() == 96u * 96u * 4u);
  bool opaque = true;
  for (std::size_t i = 3; i < portrait.pixels.size(); i += 4) opaque = opaque && portrait.pixels[i] == 255;
  CHECK(opaque);
  CHECK(renderDemoPortrait(employee, 96).pixels == portrait.pixels);

  SUBCASE("a size outside 1..4096 is refused") {
    CHECK_THROWS_AS(renderDemoPortrait(employee, 0), std::invalid_argument);
    CHECK_THROWS_AS(renderDemoPortrait(employee, -5), std::invalid_argument);
    CHECK_THROWS_AS(renderDemoPortrait(employee, 4097), std::invalid_argument);
    CHECK(renderDemoPortrait(employee, 1).pixels.size() == 4);
  }
}

TEST_CASE("demo portrait: an illustrated face on a background, not a flat square") {
  const Rgba portrait = renderDemoPortrait(demoRoster().front(), 256);
  // Flat shapes plus antialiased edges: many colours, but far fewer than a photo would have.
  const std::size_t colours = distinctColours(portrait).size();
  CHECK(colours >= 200);
  // The face (a third of the way down the middle) is not the background (a top corner).
  CHECK(channelDistance(pixelAt(portrait, 128, 100), pixelAt(portrait, 2, 2)) > 60);
  // The shirt at the bottom centre is neither.
  CHECK(channelDistance(pixelAt(portrait, 128, 250), pixelAt(portrait, 2, 2)) > 60);
}

TEST_CASE("demo portrait: everyone on the roster looks different") {
  const std::vector<Employee> roster = demoRoster();
  std::set<std::vector<std::uint8_t>> portraits;
  std::set<std::uint32_t> backgrounds;
  for (const Employee& employee : roster) {
    const Rgba portrait = renderDemoPortrait(employee, 48);
    portraits.insert(portrait.pixels);
    backgrounds.insert(pixelAt(portrait, 0, 0));
  }
  CHECK(portraits.size() == roster.size());
  CHECK(backgrounds.size() >= 4);

  const Rgba first = renderDemoPortrait(roster[0], 128);
  const Rgba second = renderDemoPortrait(roster[1], 128);
  int differing = 0;
  for (int y = 0; y < 128; ++y)
    for (int x = 0; x < 128; ++x) differing += channelDistance(pixelAt(first, x, y), pixelAt(second, x, y)) > 30;
  CHECK(differing > 128 * 128 / 4);
}

// [SECTION] share

// One case with plain blocks rather than SUBCASEs: doctest would write the share again for each.
TEST_CASE("demo share: a roster CSV, photos and a fleet.toml in a new folder") {
  const TempDir temp;
  const std::filesystem::path share = temp / "nested" / "share";
  writeDemoShare(share);
  const std::vector<Employee> roster = demoRoster();

  {
    INFO("the roster CSV has the documented header and parses back to the demo roster");
    const std::string csv = readFile(share / "roster" / "employees.csv");
    CHECK(csv.substr(0, csv.find('\n')) == std::string(kRosterHeader) + ",latin_name");
    CHECK(std::count(csv.begin(), csv.end(), '\n') == static_cast<long>(roster.size()) + 1);
    const RosterParse parsed = parseRosterCsv(csv);
    REQUIRE_MESSAGE(parsed.ok(), describeProblems(parsed.problems, "employees.csv"));
    REQUIRE(parsed.employees.size() == roster.size());
    for (std::size_t i = 0; i < roster.size(); ++i) {
      CAPTURE(roster[i].id);
      CHECK(parsed.employees[i].id == roster[i].id);
      CHECK(parsed.employees[i].displayName == roster[i].displayName);
      CHECK(parsed.employees[i].department == roster[i].department);
      CHECK(parsed.employees[i].email == roster[i].email);
      CHECK(parsed.employees[i].wallConsent == roster[i].wallConsent);
      CHECK(parsed.employees[i].latinName == roster[i].latinName);
    }
  }

  {
    INFO("most people have a decodable JPEG or PNG photo, a few have none");
    int jpegs = 0, pngs = 0, missing = 0;
    for (const Employee& employee : roster) {
      CAPTURE(employee.id);
      const std::filesystem::path jpeg = share / "roster" / "photos" / (employee.id + ".jpg");
      const std::filesystem::path png = share / "roster" / "photos" / (employee.id + ".png");
      const bool hasJpeg = std::filesystem::exists(jpeg);
      const bool hasPng = std::filesystem::exists(png);
      CHECK_FALSE((hasJpeg && hasPng));
      if (!hasJpeg && !hasPng) {
        ++missing;
        continue;
      }
      if (hasJpeg) {
        ++jpegs;
      } else {
        ++pngs;
      }
      int width = 0, height = 0, channels = 0;
      REQUIRE(stbi_info((hasJpeg ? jpeg : png).string().c_str(), &width, &height, &channels) == 1);
      CHECK(width == height);
      CHECK(width >= 256);
    }
    CHECK(missing >= 3);
    CHECK(missing <= 8);
    CHECK(pngs * 100 >= (jpegs + pngs) * 12);  // "about a fifth"
    CHECK(pngs * 100 <= (jpegs + pngs) * 30);
  }

  {
    INFO("fleet.toml sets moderation, the daily cap, a banner and the seven behaviours");
    const std::string toml = readFile(share / "fleet.toml");
    CHECK(toml.starts_with("#"));
    CHECK(toml.find("\nmoderation = \"auto\"\n") != std::string::npos);
    CHECK(toml.find("\ndaily_cap = 3\n") != std::string::npos);
    CHECK(toml.find("\nbanner = \"") != std::string::npos);
    std::size_t tables = 0;
    for (std::size_t at = toml.find("[[behaviours]]"); at != std::string::npos;
         at = toml.find("[[behaviours]]", at + 1))
      ++tables;
    CHECK(tables == defaultBehaviours().size());
    for (const Behaviour& behaviour : defaultBehaviours()) {
      CAPTURE(behaviour.key);
      CHECK(toml.find("key = \"" + behaviour.key + "\"\n") != std::string::npos);
    }
    CHECK(toml.find("title = \"Brought the customer's voice back\"\n") != std::string::npos);
  }

  {
    INFO("nothing temporary is left behind, and writing again gives the same files");
    CHECK(leftoverTemporaries(share).empty());
    const std::string before = readFile(share / "roster" / "employees.csv");
    const std::string photoBefore = readFile(share / "roster" / "photos" / "E1001.jpg");
    writeDemoShare(share);
    CHECK(readFile(share / "roster" / "employees.csv") == before);
    CHECK(readFile(share / "roster" / "photos" / "E1001.jpg") == photoBefore);
  }
}

TEST_CASE("demo share: a destination that cannot be created is an error naming it") {
  const TempDir temp;
  writeFile(temp / "blocker", "a file, not a folder");
  try {
    writeDemoShare(temp / "blocker" / "share");
    FAIL("writeDemoShare should have thrown");
  } catch (const std::runtime_error& error) {
    CHECK(std::string(error.what()).find("blocker") != std::string::npos);
  }
}

// [SECTION] nominations

TEST_CASE("demo nominations: about 150 over the 90 days before now, oldest first") {
  const std::vector<DemoNomination> nominations = demoNominations(demoRoster(), kNow);
  CHECK(nominations.size() >= 140);
  CHECK(nominations.size() <= 160);
  CHECK(std::is_sorted(nominations.begin(), nominations.end(),
                       [](const DemoNomination& a, const DemoNomination& b) { return a.createdAt < b.createdAt; }));
  std::set<TimeMs> days;
  std::size_t recent = 0;
  for (const DemoNomination& nomination : nominations) {
    CHECK(nomination.createdAt < kNow);
    CHECK(nomination.createdAt > kNow - 90 * kMsPerDay);
    days.insert(startOfDayUtc(nomination.createdAt));
    if (nomination.createdAt > kNow - 45 * kMsPerDay) ++recent;
  }
  CHECK(days.size() >= 50);                    // spread out, not bunched on a few days
  CHECK(recent * 2 > nominations.size());      // busier lately
  CHECK(recent * 4 < nominations.size() * 3);  // but only slightly
}

TEST_CASE("demo nominations: every one passes the nomination rules") {
  const std::vector<Employee> roster = demoRoster();
  const std::vector<DemoNomination> nominations = demoNominations(roster, kNow);
  REQUIRE_FALSE(nominations.empty());
  std::set<std::string> stories;
  std::map<std::pair<std::string, TimeMs>, int> perNominatorDay;
  for (const DemoNomination& nomination : nominations) {
    const NominationDraft& draft = nomination.draft;
    CAPTURE(draft.story);
    CHECK_FALSE(checkStory(draft.story).has_value());
    const std::size_t length = countCodePoints(draft.story);
    CHECK(length >= 80);
    CHECK(length <= 600);
    CHECK(draft.story.find('{') == std::string::npos);  // every placeholder filled in
    stories.insert(draft.story);

    NominationFacts facts;
    facts.nominee = byId(roster, draft.nomineeId);
    facts.behaviourKnown = isBehaviourKey(draft.behaviourKey);
    if (draft.nominatorId) {
      CHECK(*draft.nominatorId != draft.nomineeId);
      facts.nominator = byId(roster, *draft.nominatorId);
      int& today = perNominatorDay[{*draft.nominatorId, startOfDayUtc(nomination.createdAt)}];
      facts.nominatorCountToday = today++;
    }
    const std::optional<RuleViolation> violation = checkNomination(draft, facts);
    CHECK_MESSAGE(!violation, (violation ? violation->message : std::string()));
  }
  CHECK(stories.size() == nominations.size());  // no two stories alike
  for (const auto& [nominatorDay, count] : perNominatorDay) CHECK(count <= 3);
}

TEST_CASE("demo nominations: all seven behaviours, and a realistic spread of people") {
  const std::vector<Employee> roster = demoRoster();
  const std::vector<DemoNomination> nominations = demoNominations(roster, kNow);
  std::map<std::string, int> perBehaviour, perNominee;
  for (const DemoNomination& nomination : nominations) {
    ++perBehaviour[nomination.draft.behaviourKey];
    ++perNominee[nomination.draft.nomineeId];
  }
  for (const Behaviour& behaviour : defaultBehaviours()) {
    CAPTURE(behaviour.key);
    CHECK(perBehaviour[behaviour.key] >= 10);
  }
  CHECK(perBehaviour.size() == defaultBehaviours().size());

  // Most people appear at least once; a handful stand out with several stories.
  CHECK(perNominee.size() * 10 >= roster.size() * 8);
  int standOut = 0, top = 0;
  for (const auto& [id, count] : perNominee) {
    if (count >= 4) ++standOut;
    top = std::max(top, count);
  }
  CHECK(standOut >= 3);
  CHECK(top >= 6);
  CHECK(top <= 20);
}

TEST_CASE("demo nominations: one person's stories do not all open the same way") {
  // Their story wall lists them together, where a repeated template would show.
  std::set<std::pair<std::string, std::string>> openings;
  for (const DemoNomination& nomination : demoNominations(demoRoster(), kNow)) {
    CAPTURE(nomination.draft.story);
    CHECK(openings.emplace(nomination.draft.nomineeId, nomination.draft.story.substr(0, 48)).second);
  }
}

TEST_CASE("demo nominations: a few pending, anonymous and private ones") {
  const std::vector<DemoNomination> nominations = demoNominations(demoRoster(), kNow);
  REQUIRE(nominations.size() > 30);
  int pending = 0, anonymous = 0, privately = 0, applauded = 0;
  for (std::size_t i = 0; i < nominations.size(); ++i) {
    const DemoNomination& nomination = nominations[i];
    if (nomination.status == NominationStatus::Pending) {
      ++pending;
      CHECK(i + 20 >= nominations.size());  // only recent ones still wait for HR
      CHECK(nomination.applause == 0);
    } else {
      CHECK(nomination.status == NominationStatus::Approved);
      CHECK(nomination.applause >= 0);
      if (nomination.applause > 0) ++applauded;
    }
    switch (nomination.draft.visibility) {
      case NominatorVisibility::Anonymous:
        ++anonymous;
        CHECK_FALSE(nomination.draft.nominatorId.has_value());
        break;
      case NominatorVisibility::Private:
        ++privately;
        CHECK(nomination.draft.nominatorId.has_value());
        break;
      case NominatorVisibility::Public: CHECK(nomination.draft.nominatorId.has_value()); break;
    }
  }
  CHECK(pending >= 5);
  CHECK(pending <= 12);
  CHECK(anonymous >= 8);
  CHECK(anonymous <= 16);
  CHECK(privately >= 6);
  CHECK(privately <= 14);
  CHECK(applauded * 2 > static_cast<int>(nominations.size()));
}

TEST_CASE("demo nominations: the same on every call") {
  const std::vector<Employee> roster = demoRoster();
  const std::vector<DemoNomination> first = demoNominations(roster, kNow);
  const std::vector<DemoNomination> second = demoNominations(roster, kNow);
  REQUIRE(first.size() == second.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    CAPTURE(i);
    CHECK(first[i].createdAt == second[i].createdAt);
    CHECK(first[i].status == second[i].status);
    CHECK(first[i].applause == second[i].applause);
    CHECK(first[i].draft.nomineeId == second[i].draft.nomineeId);
    CHECK(first[i].draft.behaviourKey == second[i].draft.behaviourKey);
    CHECK(first[i].draft.story == second[i].draft.story);
    CHECK(first[i].draft.nominatorId == second[i].draft.nominatorId);
    CHECK(first[i].draft.visibility == second[i].draft.visibility);
  }
}

TEST_CASE("demo nominations: only active people take part") {
  std::vector<Employee> roster = demoRoster();
  std::set<std::string> inactive;
  for (std::size_t i = 0; i < roster.size(); i += 4) {
    roster[i].active = false;
    inactive.insert(roster[i].id);
  }
  for (const DemoNomination& nomination : demoNominations(roster, kNow)) {
    CHECK_FALSE(inactive.contains(nomination.draft.nomineeId));
    if (nomination.draft.nominatorId) CHECK_FALSE(inactive.contains(*nomination.draft.nominatorId));
  }

  SUBCASE("fewer than two active people give no nominations") {
    CHECK(demoNominations({}, kNow).empty());
    CHECK(demoNominations({roster[1]}, kNow).empty());
  }
}
