// The demo kiosk. Layer: core.
#include "demo/demo_kiosk.hpp"

#include <algorithm>
#include <iterator>
#include <stdexcept>

#include "core/admin/admin_pin.hpp"
#include "core/util/clock.hpp"
#include "demo/demo_data.hpp"
#include "core/config/fleet.hpp"
#include "core/roster/roster_import.hpp"

namespace wof::core {

namespace {

// HR's Customer Champions for the three months before `now`: each month's most applauded stories
// (two for the latest month), so the wall has champions pinned and the hall of fame has history.
void selectDemoChampions(Store& store, TimeMs now) {
  static constexpr const char* kCitations[] = {
      "Turned a customer's worst morning into the reason they renewed.",
      "Never passed a problem on: fixed it, then told us how to stop it happening again.",
      "Brought the customer's own words back to the team, and the team changed how it works.",
      "Made a colleague the hero, and the customer noticed.",
  };
  std::size_t citation = 0;
  TimeMs monthStart = parseMonthUtc(formatMonthUtc(now))->from;
  for (int back = 1; back <= 3; ++back) {
    const Period month = *parseMonthUtc(formatMonthUtc(monthStart - 1));
    monthStart = month.from;
    std::vector<WallStory> stories = store.wallStories(month, 1000);
    std::stable_sort(stories.begin(), stories.end(),
                     [](const WallStory& a, const WallStory& b) { return a.applause > b.applause; });
    std::vector<std::string> chosen;  // one win per person per month
    for (const WallStory& story : stories) {
      if (static_cast<int>(chosen.size()) == (back == 1 ? 2 : 1)) break;
      if (std::find(chosen.begin(), chosen.end(), story.nomineeId) != chosen.end()) continue;
      chosen.push_back(story.nomineeId);
      store.selectWinner(story.nominationId, formatMonthUtc(month.from), kCitations[citation++ % std::size(kCitations)],
                         month.to);
    }
  }
}

}  // namespace

DemoKiosk prepareDemoKiosk(const std::filesystem::path& root, TimeMs now) {
  DemoKiosk demo;
  demo.config.kioskId = "demo";
  demo.config.site = "Lyon";
  demo.config.dataDir = root / "data";
  demo.config.shareDir = root / "share";
  demo.config.adminPinHash = hashPin(kDemoAdminPin);
  demo.databaseFile = databaseFileIn(demo.config.dataDir);
  demo.photosDir = photosDirIn(demo.config.dataDir);
  std::filesystem::create_directories(demo.config.dataDir);
  writeDemoShare(demo.config.shareDir);

  Store store(demo.databaseFile, demo.config.kioskId);
  // Seeding replays hundreds of commits; durability is pointless for a throw-away demo database.
  store.database().exec("PRAGMA synchronous=OFF");
  const RosterFileImport imported = importRosterFile(store, demo.config.shareDir / "roster" / "employees.csv",
                                                     demo.config.shareDir / "roster" / "photos", demo.photosDir);
  if (!imported.accepted)
    throw std::runtime_error("the demo roster was rejected:\n" + describeProblems(imported.problems, "employees.csv"));

  // Demo stories go through the same rules as real ones; the cap is lifted because the demo
  // replays three months of history at once.
  const NominationPolicy policy{ModerationPolicy::Auto, 1000};
  for (const DemoNomination& demoNomination : demoNominations(demoRoster(), now)) {
    const SubmitOutcome outcome = store.submitNomination(demoNomination.draft, demoNomination.createdAt, policy);
    if (!outcome.nomination)
      throw std::runtime_error("a demo story broke a rule: " + outcome.violation->message);
    if (demoNomination.status != NominationStatus::Approved)
      store.setStatus(outcome.nomination->id, demoNomination.status, "", demoNomination.createdAt);
    for (int i = 0; i < demoNomination.applause; ++i) store.applaud(outcome.nomination->id, demoNomination.createdAt);
  }
  selectDemoChampions(store, now);
  // The share's fleet settings (the banner above all) are on the wall from the first frame, as
  // they are on a kiosk that has synced once.
  const FleetParse parsed = parseFleetToml(demoFleetToml(), "fleet.toml");
  if (!parsed.settings) throw std::runtime_error("the demo fleet.toml was rejected: " + parsed.errors.front());
  applyFleetSettings(store, *parsed.settings);
  store.database().exec("PRAGMA synchronous=FULL");
  return demo;
}

}  // namespace wof::core
