// The domain: employees, behaviours, nominations and what the wall and reports read.
// Layer: core. Plain structs only; storage lives in store.hpp, rules in nomination_rules.hpp.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/clock.hpp"

namespace wof::core {

struct Employee {
  std::string id;
  std::string displayName;
  std::string latinName;  // the person's own Latin spelling ("Sato Hanako" for 佐藤 花子), or empty
  std::string department;
  std::string title;
  std::string site;
  std::string email;
  bool active = true;
  bool wallConsent = true;
  std::string photoFile;  // file name under <data_dir>/photos, empty when none
};

// A customer-focused behaviour someone can be recognised for ("Fixed it on the spot").
struct Behaviour {
  std::string key;  // stable, used by the CLI and exports: "fixed-on-the-spot"
  std::string title;
  std::string description;
  bool operator==(const Behaviour&) const = default;
};

// The seven behaviours from DESIGN.md, in their display order.
const std::vector<Behaviour>& defaultBehaviours();

enum class NominationStatus { Pending, Approved, Hidden };
std::string_view toText(NominationStatus status);
std::optional<NominationStatus> parseNominationStatus(std::string_view text);

// How the nominator appears: on the wall by name, known to HR only, or not recorded at all.
enum class NominatorVisibility { Public, Private, Anonymous };
std::string_view toText(NominatorVisibility visibility);
std::optional<NominatorVisibility> parseNominatorVisibility(std::string_view text);

enum class ModerationPolicy { Auto, Hr };  // auto: shown at once; hr: shown once approved

struct Nomination {
  std::string id;  // UUIDv7
  TimeMs createdAt = 0;
  std::string kioskId;
  std::string nomineeId;
  std::string behaviourKey;
  std::string story;
  std::optional<std::string> nominatorId;  // empty when anonymous
  NominatorVisibility visibility = NominatorVisibility::Anonymous;
  NominationStatus status = NominationStatus::Pending;
  std::string hideReason;
  std::int64_t applause = 0;
};

// One story as the wall shows it: names resolved, nominator only when they chose to be shown.
struct WallStory {
  std::string nominationId;
  TimeMs createdAt = 0;
  std::string nomineeId;
  std::string nomineeName;
  std::string department;
  std::string site;
  std::string photoFile;
  std::string behaviourKey;
  std::string behaviourTitle;
  std::string story;
  std::string nominatorName;  // empty: show "a colleague"
  std::int64_t applause = 0;
  bool operator==(const WallStory&) const = default;  // the kiosk redraws only when its wall changed
};

// Where the next page of one person's stories starts: the last story shown, newest-first order
// being (created_at DESC, id DESC). A key, not an offset, so a story added meanwhile neither
// repeats nor hides one.
struct StoryCursor {
  TimeMs createdAt = 0;
  std::string nominationId;
};

// One page of one person's stories, newest first.
struct StoryPage {
  std::vector<WallStory> stories;
  std::optional<StoryCursor> next;  // set when there may be more after the last one
  std::int64_t total = 0;           // all their approved stories, for "recognised N times"
};

struct RecognisedPerson {
  std::string employeeId;
  std::string displayName;
  std::string department;
  std::string photoFile;
  std::int64_t count = 0;
  bool operator==(const RecognisedPerson&) const = default;
};

// What the wall shows: every approved story, or only those for one behaviour and/or about people
// of one department (the wall's filter chips).
struct WallFilter {
  std::string behaviourKey;  // empty: every behaviour
  std::string department;    // empty: every department
  bool all() const { return behaviourKey.empty() && department.empty(); }
  bool operator==(const WallFilter&) const = default;
};

// The departments of `people`, most people first, then by name; empty departments left out.
std::vector<std::string> departmentsOf(const std::vector<RecognisedPerson>& people);

struct LabelCount {
  std::string label;  // behaviour key, department name or "YYYY-MM"
  std::int64_t count = 0;
};

// A Customer Champion of the month: one person, picked by HR for a period, for one story.
struct Winner {
  std::string id;            // UUIDv7
  std::string period;        // "YYYY-MM"
  std::string employeeId;
  std::string nominationId;  // the story the citation is about
  std::string citation;
  TimeMs decidedAt = 0;
  // Resolved for display (empty when the person is no longer in the roster).
  std::string displayName;
  std::string department;
  std::string site;
  std::string photoFile;
  std::string behaviourKey;
  std::string behaviourTitle;
  std::string story;
  bool operator==(const Winner&) const = default;
};

// One person's nominations in a period, for HR choosing the month's champions.
struct PeriodCandidate {
  std::string employeeId;
  std::string displayName;
  std::string department;
  std::string site;
  bool wallConsent = true;
  std::vector<Nomination> nominations;  // pending and approved, oldest first; hidden left out
};

// One nomination as reports see it: names resolved, everything HR may read (reports are not the
// public wall, so private nominators are named and people who declined the wall are counted).
struct ReportRow {
  std::string nominationId;
  TimeMs createdAt = 0;
  std::string kioskId;
  std::string nomineeId;
  std::string nomineeName;
  std::string department;
  std::string site;
  std::string photoFile;
  bool nomineeWallConsent = true;
  std::string behaviourKey;
  std::string behaviourTitle;
  std::string story;
  std::string nominatorName;  // empty: anonymous
  NominationStatus status = NominationStatus::Pending;
  std::int64_t applause = 0;
};

// The roster's columns (roster/employees.csv): the first kRequiredRosterColumns are required;
// latin_name, a person's own Latin spelling of a name in another script, is optional.
inline constexpr std::array<std::string_view, 9> kRosterColumns = {
    "employee_id", "display_name", "department", "title", "site", "email", "active", "wall_consent", "latin_name"};
inline constexpr std::size_t kRequiredRosterColumns = 8;

// fleet.toml's [roster]: one of kRosterColumns -> the header HR's export gives that column
// ("employee_id" -> "Worker ID"). A column not named is read under its own name.
using RosterHeaders = std::map<std::string, std::string, std::less<>>;

// fleet.toml's settings, shared by every kiosk of the fleet (parsed in core/config/fleet.hpp).
struct FleetSettings {
  std::optional<ModerationPolicy> moderation;
  std::optional<int> dailyCap;
  std::optional<std::string> banner;
  std::optional<std::string> timeZone;  // IANA name: the company's calendar for every kiosk
  std::vector<Behaviour> behaviours;  // empty: keep the current list
  RosterHeaders rosterHeaders;        // the whole [roster] table; empty: the roster uses our names
  // Monitoring: a kiosk whose heartbeat is older than this many minutes is silent (status --fleet,
  // the admin screen); with showSilenceMarker every wall shows IT a small marker for it.
  std::optional<int> silentAfterMin;
  std::optional<bool> showSilenceMarker;
};

}  // namespace wof::core
