// The demo kiosk. Layer: core.
#include "core/demo_kiosk.hpp"

#include <stdexcept>

#include "core/admin_pin.hpp"
#include "core/demo_data.hpp"
#include "core/roster_import.hpp"

namespace wof::core {

std::filesystem::path databaseFileIn(const std::filesystem::path& dataDir) { return dataDir / "wall-of-fame.db"; }
std::filesystem::path photosDirIn(const std::filesystem::path& dataDir) { return dataDir / "photos"; }

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
  store.database().exec("PRAGMA synchronous=FULL");
  return demo;
}

}  // namespace wof::core
