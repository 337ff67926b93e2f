// The demo story generator: a bank of openings, outcomes and closings per behaviour, filled for
// the nominee's team and site, and a plan of who is recognised, when, by whom and how publicly.
// Layer: demo.
//
// Index of this file:
//   [SECTION] nominations: story bank        teams, customers, products, openings per behaviour
//   [SECTION] nominations: who, when, how    dates, nominees, fresh stories, nominators
//   [SECTION] public API                     demoNominations
#include "demo/demo_stories.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/util/clock.hpp"
#include "core/util/text.hpp"
#include "demo/demo_random.hpp"
#include "demo/demo_roster.hpp"

namespace wof::core {
namespace {

using namespace demo_detail;

// [SECTION] nominations: story bank

// Which teams a story opening fits, so Finance fixes invoices and drivers deliver machines.
enum Team : unsigned {
  kTeamSupport = 1u << 0,
  kTeamSales = 1u << 1,
  kTeamEngineering = 1u << 2,
  kTeamFinance = 1u << 3,
  kTeamOperations = 1u << 4,
  kTeamLogistics = 1u << 5,
  kTeamPeople = 1u << 6,
  kTeamMarketing = 1u << 7,
  kTeamAny = 0xFFu,
};

struct DepartmentTeam {
  std::string_view department;
  unsigned team;
};
constexpr std::array kDepartmentTeams = {
    DepartmentTeam{kSupport, kTeamSupport},         DepartmentTeam{kSales, kTeamSales},
    DepartmentTeam{kEngineering, kTeamEngineering}, DepartmentTeam{kFinance, kTeamFinance},
    DepartmentTeam{kOperations, kTeamOperations},   DepartmentTeam{kLogistics, kTeamLogistics},
    DepartmentTeam{kPeople, kTeamPeople},           DepartmentTeam{kMarketing, kTeamMarketing},
};

unsigned teamOf(std::string_view department) {
  for (const DepartmentTeam& entry : kDepartmentTeams) {
    if (entry.department == department) return entry.team;
  }
  return 0;  // an unknown department gets the openings that fit anyone
}

// Placeholders: {name} the nominee, {contact} and {business} a customer, {product} one of our
// coffee machines, {when} a moment. Business and product names may begin with "the", so no
// sentence starts with them and no article comes before them.
struct StoryOpening {
  unsigned teams;
  std::string_view text;
};

constexpr std::array kRealFaceOpenings = {
    StoryOpening{
        kTeamAny,
        "{contact} from {business} called in really upset about {product}. {name} didn't hide behind the script: said "
        "honestly \"I'd be fed up too, let's sort it out together\" and stayed on the line until it was."},
    StoryOpening{kTeamSupport,
                 "When {business} rang for the third time about {product}, {name} admitted straight away that we had "
                 "got it wrong twice, apologised like a human being and explained exactly what would happen next."},
    StoryOpening{kTeamSales,
                 "Meeting {contact} from {business} {when}, {name} said plainly that a bigger machine would be "
                 "overkill for their counter and recommended the cheaper one instead."},
    StoryOpening{kTeamOperations | kTeamEngineering,
                 "{name} was on site at {business} {when} and, instead of technician-speak, sat down with {contact} "
                 "over a coffee and talked through what had really gone wrong with {product}."},
    StoryOpening{kTeamAny,
                 "{name} remembered that {contact} at {business} had a daughter starting university, and asked how it "
                 "went before talking about {product}. No act, just genuine interest in a person."},
    StoryOpening{kTeamFinance,
                 "{contact} at {business} was embarrassed about a late payment. {name} was kind and straightforward, "
                 "offered to split the invoice, and never made them feel like an account number."},
    StoryOpening{kTeamLogistics,
                 "When a delivery to {business} arrived damaged {when}, {name} didn't make excuses: called {contact}, "
                 "said \"that one is on us\", and explained exactly what had happened in the warehouse."},
};
constexpr std::array<std::string_view, 4> kRealFaceOutcomes = {
    "{contact} told us afterwards it was the first time a supplier had felt like a person at the other end of the "
    "line.",
    "That kind of trust is earned: {business} renewed their service contract the following week.",
    "{contact} said that is exactly why they keep recommending us to other cafés.",
    "The customer felt listened to rather than handled, and that matters more than any script.",
};

constexpr std::array kTalkedOpenings = {
    StoryOpening{kTeamEngineering,
                 "{name} spent a morning behind the counter at {business} {when}, watching the baristas use {product} "
                 "and asking them what slows them down during the rush."},
    StoryOpening{kTeamFinance,
                 "Rather than guess why invoices for {business} kept being queried, {name} phoned {contact} and asked "
                 "how they actually read our bills. The answer surprised all of us."},
    StoryOpening{kTeamLogistics,
                 "{name} asked {contact} at {business} when our deliveries get in the way, and learned that the 8am "
                 "slot lands right in the middle of their breakfast rush."},
    StoryOpening{kTeamAny,
                 "{name} joined a customer visit to {business} {when} and asked {contact} three simple questions: what "
                 "do you love, what annoys you, and what would you change about {product}?"},
    StoryOpening{kTeamMarketing,
                 "Instead of sending another survey, {name} interviewed five cafés including {business}, asking how "
                 "{product} copes on a busy day and what they wish it did."},
    StoryOpening{kTeamPeople,
                 "{name} invited {contact} from {business} to speak at our new-starter induction and asked the "
                 "questions every new colleague should hear a real customer answer."},
    StoryOpening{kTeamSupport | kTeamSales,
                 "After closing a routine call {when}, {name} asked {contact} at {business} one more question: what is "
                 "the one thing about {product} we never ask about? Then listened for twenty minutes."},
};
constexpr std::array<std::string_view, 4> kTalkedOutcomes = {
    "We now know things about our customers that no dashboard could have told us.",
    "{contact} said nobody from a supplier had ever asked them that before.",
    "What {name} heard is already shaping our next changes, and {business} feels part of them.",
    "It reminded all of us that the best answers come from the people who use our machines every day.",
};

constexpr std::array kPeopleFirstOpenings = {
    StoryOpening{kTeamAny,
                 "When {contact} from {business} needed an answer about {product} fast, {name} found the colleague who "
                 "knew it best, introduced them, and made sure they got the credit for fixing it."},
    StoryOpening{kTeamSupport,
                 "{name} spent an hour coaching a new colleague through a tricky fault on {product} for {business} "
                 "rather than taking the call over, and let them close it themselves."},
    StoryOpening{kTeamOperations | kTeamEngineering,
                 "{name} swapped shifts {when} so that a colleague could finish the installation at {business} they "
                 "had started, because {contact} trusted them and continuity mattered."},
    StoryOpening{kTeamSales,
                 "{name} brought our service planner to the renewal meeting with {business} {when} and let them "
                 "present the maintenance plan, because they knew the customer's machines best."},
    StoryOpening{kTeamPeople | kTeamFinance | kTeamMarketing,
                 "{name} quietly took on extra work {when} so that the support team could stay on the phones, knowing "
                 "customers like {business} would be calling about {product}."},
    StoryOpening{kTeamLogistics,
                 "{name} stayed late to help a new driver plan the route to {business} and rode along on the first "
                 "delivery, then let the driver do all the talking with {contact}."},
};
constexpr std::array<std::string_view, 3> kPeopleFirstOutcomes = {
    "The customer got the best person for the job, and a colleague grew in confidence.",
    "{contact} got the best of us, and a colleague got the recognition they deserved.",
    "For {business} the service felt seamless, and our team is stronger for it.",
};

constexpr std::array kPromiseOpenings = {
    StoryOpening{kTeamLogistics,
                 "The team at {business} had been promised {product} in time for their reopening. When the courier let "
                 "us down {when}, {name} loaded a van and drove it over personally."},
    StoryOpening{kTeamSupport,
                 "{name} promised {contact} a call back by four o'clock with an answer about {product}. At five to "
                 "four the phone rang, with the answer and the spare part already on order."},
    StoryOpening{kTeamFinance,
                 "{name} told {contact} that the corrected invoice for {business} would be there by Friday. It arrived "
                 "on Thursday, complete, with a short note explaining every line."},
    StoryOpening{kTeamEngineering,
                 "{name} committed to {business} that the software update for {product} would be ready before their "
                 "busy season, and shipped it on the day promised, fully tested."},
    StoryOpening{kTeamOperations,
                 "{name} had promised {contact} that {product} would be serviced before their lunch service. Despite a "
                 "traffic jam and a missing part, it was running by half past eleven."},
    StoryOpening{kTeamAny,
                 "Weeks ago {name} promised {contact} at {business} a follow-up once {product} was back in stock. "
                 "Nobody would have remembered, but {name} did, and called the same morning."},
};
constexpr std::array<std::string_view, 4> kPromiseOutcomes = {
    "{contact} said it is the reason they trust us more than any other supplier.",
    "For {business} it meant one thing fewer to chase in a busy week.",
    "Small promises kept add up: {business} has since asked us to quote for their second site.",
    "No chasing and no surprises, which is exactly what a customer should be able to expect from us.",
};

constexpr std::array kFixedOpenings = {
    StoryOpening{kTeamSupport,
                 "{contact} at {business} called {when} with {product} leaking. Instead of raising a ticket, {name} "
                 "talked them through the fix on the phone and had it running within ten minutes."},
    StoryOpening{kTeamFinance,
                 "{contact} at {business} had been charged twice for {product}. {name} didn't wait for the monthly "
                 "review: refunded the duplicate there and then and told them before they had to ask."},
    StoryOpening{kTeamOperations,
                 "On a routine visit to {business}, {name} noticed that a seal on {product} was about to fail and "
                 "replaced it on the spot from the van, rather than booking another visit."},
    StoryOpening{kTeamLogistics,
                 "A pallet for {business} went to the wrong address {when}. {name} rerouted the next van on the spot "
                 "and called {contact} with the new time before anyone noticed a problem."},
    StoryOpening{kTeamSales,
                 "{contact} at {business} was unhappy with a clause in the renewal. {name} used the authority account "
                 "managers have to put it right in the meeting, with no escalation needed."},
    StoryOpening{kTeamAny,
                 "{name} saw {contact} from {business} struggling with {product} at our showroom {when} and fixed the "
                 "settings there and then, instead of promising to pass it on."},
};
constexpr std::array<std::string_view, 3> kFixedOutcomes = {
    "No escalation and no waiting: the problem was solved by the first person the customer spoke to.",
    "For {business} that was a morning saved and a queue of customers who never knew anything was wrong.",
    "{contact} wrote to thank us, saying they had expected to wait at least a week.",
};

constexpr std::array kVoiceOpenings = {
    StoryOpening{kTeamSupport,
                 "{name} noticed that three customers, including {business}, had asked the same question about "
                 "{product}, wrote it up in their own words and got the setup guide rewritten."},
    StoryOpening{kTeamSales,
                 "After {contact} from {business} complained that our quotes were hard to compare, {name} brought "
                 "their marked-up copy to the sales meeting. We changed the template the same month."},
    StoryOpening{kTeamEngineering,
                 "{name} brought a video of {contact} using {product} at {business} into the sprint review. Seeing the "
                 "real frustration made the team move the fix to the top of the list."},
    StoryOpening{kTeamLogistics | kTeamOperations,
                 "{name} passed on what {contact} at {business} said about our delivery notes, and now every note "
                 "lists the parts in the order they come out of the box."},
    StoryOpening{kTeamMarketing,
                 "{name} gathered feedback from cafés like {business} about our newsletter and took it to the team: "
                 "fewer promotions, more cleaning tips. Open rates doubled."},
    StoryOpening{kTeamAny,
                 "{name} kept hearing from {contact} at {business} that the alarms on {product} were confusing, took "
                 "it to the product team, and kept pushing until the wording changed."},
};
constexpr std::array<std::string_view, 3> kVoiceOutcomes = {
    "{contact} noticed the change and said it was the first time their feedback had gone anywhere.",
    "One customer's comment became a better experience for every customer.",
    "Every customer now benefits from what {business} told us.",
};

constexpr std::array kSolutionOpenings = {
    StoryOpening{kTeamEngineering,
                 "{contact} at {business} kept running out of beans at weekends. {name} built a small alert into "
                 "{product} that warns them a day before stock runs low."},
    StoryOpening{kTeamOperations,
                 "{name} designed a quick-swap kit so that {product} at sites like {business} can be exchanged in "
                 "twenty minutes instead of a half-day shutdown."},
    StoryOpening{kTeamLogistics,
                 "{name} worked out a shared route so that small customers like {business} get their deliveries "
                 "alongside the big accounts, at no extra cost to them."},
    StoryOpening{kTeamFinance,
                 "{name} set up a monthly instalment plan for small cafés like {business} that could not afford "
                 "{product} up front."},
    StoryOpening{kTeamSupport,
                 "{name} recorded short how-to videos, filmed with {contact} at {business}, so that new baristas can "
                 "descale {product} without having to call us."},
    StoryOpening{kTeamMarketing,
                 "{name} turned the questions cafés like {business} ask most into a one-page guide that now ships with "
                 "every new machine."},
    StoryOpening{kTeamAny,
                 "{name} came up with a loan-machine scheme so that {business} never has to close while {product} is "
                 "being repaired."},
};
constexpr std::array<std::string_view, 3> kSolutionOutcomes = {
    "{contact} says it saves them hours every week.",
    "It solved a problem {business} had lived with for years, and other customers are already asking for it.",
    "A small idea that made a real difference to how {business} runs on its busiest days.",
};

struct StoryBank {
  std::string_view behaviourKey;  // one of defaultBehaviours()
  std::span<const StoryOpening> openings;
  std::span<const std::string_view> outcomes;
};
constexpr std::array kStoryBanks = {
    StoryBank{"real-face", kRealFaceOpenings, kRealFaceOutcomes},
    StoryBank{"talked-to-customers", kTalkedOpenings, kTalkedOutcomes},
    StoryBank{"people-first", kPeopleFirstOpenings, kPeopleFirstOutcomes},
    StoryBank{"delivered-on-promise", kPromiseOpenings, kPromiseOutcomes},
    StoryBank{"fixed-on-the-spot", kFixedOpenings, kFixedOutcomes},
    StoryBank{"customer-voice", kVoiceOpenings, kVoiceOutcomes},
    StoryBank{"new-solution", kSolutionOpenings, kSolutionOutcomes},
};

struct Customer {
  std::string_view contact;
  std::string_view business;
};
constexpr std::array kLyonCustomers = {
    Customer{"Martine Giraud", "Boulangerie Pelletier"},
    Customer{"Karim Benzarti", "Le Comptoir des Pentes"},
    Customer{"Sophie Lemaire", "Hôtel Saint-Clair"},
    Customer{"Jean-Marc Fabre", "Brasserie du Rhône"},
    Customer{"Nathalie Perrin", "Clinique des Tilleuls"},
    Customer{"Malik Diallo", "Café des Canuts"},
    Customer{"Océane Roux", "La Tasse Rousse"},
    Customer{"Agnès Moulin", "the Médiathèque de Vaise café"},
    Customer{"Bruno Caillat", "Domaine des Saules golf club"},
};
constexpr std::array kLeedsCustomers = {
    Customer{"Dev Patel", "Brew & Bloom in Headingley"}, Customer{"Sarah Whitaker", "the Kirkgate Coffee House"},
    Customer{"Graham Holt", "the Aire Valley Hotel"},    Customer{"Amara Obi", "Northgate Leisure Centre"},
    Customer{"Joanne Clarke", "Riverside Care Home"},    Customer{"Tom Ashworth", "Calder Street Bakery"},
    Customer{"Bushra Iqbal", "the Maltings café"},       Customer{"Rhys Morgan", "Otley Road Deli"},
    Customer{"Kateřina Nováková", "Little Prague Café"},
};

// Espresso and bean-to-cup machines only: every story (beans, leaks, descaling) fits each of them.
constexpr std::array<std::string_view, 6> kProducts = {
    "the Barista 900",
    "the Barista 700 Duo",
    "the Cascade bean-to-cup machine",
    "the Cascade Mini",
    "the Aurora bean-to-cup machine",
    "the Barista 500 Compact",
};

constexpr std::array<std::string_view, 8> kMoments = {
    "last Tuesday",      "on a Friday evening", "during the lunchtime rush",   "on a Saturday morning",
    "early on a Monday", "last week",           "on a wet Thursday afternoon", "the day before a bank holiday",
};

// Three stories in eight end on their outcome, without a closing line.
constexpr std::array<std::string_view, 8> kClosings = {
    "",
    "",
    "",
    "Thank you, {name}!",
    "Proud to work alongside you, {name}.",
    "This is what customer focus looks like.",
    "More of this, please!",
    "Brilliant work.",
};

struct StorySlots {
  std::string_view name;
  std::string_view contact;  // full name; after the first mention only the first name is used
  std::string_view business;
  std::string_view product;
  std::string_view moment;
};

// Fills the placeholders of a whole story. A customer is introduced by full name once and called
// by their first name after that, as a person telling the story would.
std::string fillTemplate(std::string_view text, const StorySlots& slots) {
  std::string out;
  bool contactIntroduced = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t open = text.find('{', pos);
    const std::size_t close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) break;
    out += text.substr(pos, open - pos);
    const std::string_view key = text.substr(open + 1, close - open - 1);
    if (key == "name") {
      out += slots.name;
    } else if (key == "contact") {
      out += contactIntroduced ? slots.contact.substr(0, slots.contact.find(' ')) : slots.contact;
      contactIntroduced = true;
    } else if (key == "business") {
      out += slots.business;
    } else if (key == "product") {
      out += slots.product;
    } else if (key == "when") {
      out += slots.moment;
    } else {
      out += text.substr(open, close - open + 1);  // not ours: left for a test to catch
    }
    pos = close + 1;
  }
  out += text.substr(std::min(pos, text.size()));
  return out;
}

constexpr std::size_t kStoryMinDemoChars = 80;
constexpr std::size_t kStoryMaxDemoChars = 600;

std::string composeStory(DemoRandom& random, const StoryBank& bank, const Employee& nominee) {
  const unsigned team = teamOf(nominee.department);
  std::vector<const StoryOpening*> fitting;
  for (const StoryOpening& opening : bank.openings) {
    if (opening.teams == kTeamAny || (opening.teams & team) != 0) fitting.push_back(&opening);
  }
  const std::string name = knownAs(nominee);
  const Customer& customer =
      nominee.site == kLyon ? pickFrom(random, kLyonCustomers) : pickFrom(random, kLeedsCustomers);
  const StorySlots slots{name, customer.contact, customer.business, pickFrom(random, kProducts),
                         pickFrom(random, kMoments)};

  std::string story(fitting[random.below(fitting.size())]->text);
  story += ' ';
  story += random.pick(bank.outcomes);
  const std::string_view closing = pickFrom(random, kClosings);
  if (!closing.empty()) {
    story += ' ';
    story += closing;
  }
  return fillTemplate(story, slots);
}

// [SECTION] nominations: who, when, how

constexpr std::uint64_t kNominationSeed = 0x5EED'CAFE'F00D'2024ull;
constexpr std::size_t kNominationCount = 150;
constexpr int kSpanDays = 90;
constexpr std::size_t kPendingCount = 8;
constexpr std::size_t kAnonymousCount = 12;
constexpr std::size_t kPrivateCount = 10;
constexpr std::size_t kTopPeople = 8;  // recognised again and again
constexpr TimeMs kMsPerHour = 3'600'000;
constexpr TimeMs kWorkdayStart = 7 * kMsPerHour;  // UTC: 08:00 in Lyon and Leeds in winter
constexpr TimeMs kWorkdayLength = 10 * kMsPerHour + kMsPerHour / 2;

bool isWeekend(TimeMs dayStart) {
  TimeMs days = dayStart / kMsPerDay;
  if (dayStart % kMsPerDay < 0) --days;
  const TimeMs weekday = ((days + 4) % 7 + 7) % 7;  // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday == 0 || weekday == 6;
}

// A moment in the 90 days before `now`, in working hours; twice as likely today as 90 days ago,
// and kiosks in break rooms see little at weekends.
TimeMs drawCreatedAt(DemoRandom& random, TimeMs now) {
  const TimeMs today = startOfDayUtc(now);
  TimeMs day = today;
  for (int attempt = 0; attempt < 5; ++attempt) {
    // Inverse of the CDF of the density 2 - age (age in [0, 1]): recent days come up more often.
    const double age = 2.0 - std::sqrt(4.0 - 3.0 * random.unit());
    const auto daysAgo = std::min<TimeMs>(kSpanDays - 1, static_cast<TimeMs>(age * kSpanDays));
    day = today - daysAgo * kMsPerDay;
    if (!isWeekend(day) || !random.chance(0.8)) break;
  }
  TimeMs createdAt = day + kWorkdayStart + static_cast<TimeMs>(random.below(static_cast<std::size_t>(kWorkdayLength)));
  if (createdAt >= now) createdAt -= kMsPerDay;  // today's working hours are not over yet
  return createdAt;
}

// Everyone gets a first nomination until 85% of the roster is covered, then the rest go mostly
// to a handful of stand-out people, as on a real wall. The stand-outs are people who agreed to
// be on the wall, so that the demo's "most recognised" list is not mostly hidden.
std::vector<std::size_t> drawNominees(DemoRandom& random, const std::vector<Employee>& roster,
                                      std::vector<std::size_t> people) {
  random.shuffle(people);
  std::vector<int> weights(people.size(), 1);
  std::size_t rank = 0;
  for (std::size_t i = 0; i < people.size() && rank < kTopPeople; ++i) {
    if (roster[people[i]].wallConsent) weights[i] = static_cast<int>(kTopPeople + 2 - rank++);
  }
  std::vector<std::size_t> nominees;
  const std::size_t everyoneOnce = std::min(kNominationCount, people.size() * 17 / 20);
  for (std::size_t i = 0; i < everyoneOnce; ++i) nominees.push_back(people[i]);
  while (nominees.size() < kNominationCount) nominees.push_back(people[random.weighted(weights)]);
  random.shuffle(nominees);
  return nominees;
}

// A story for this nominee unlike any in `told`, which it is added to, and not opening like
// another story about the same person (their story wall would read like a template). The bank
// has thousands of combinations per behaviour, so a few draws find a fresh one; a stand-out
// person whose team has few openings for this behaviour may have used them all, and is then
// recognised for the next behaviour instead (`bank` is moved on).
std::string freshStory(DemoRandom& random, std::size_t& bank, const Employee& nominee, std::set<std::string>& told) {
  constexpr std::size_t kOpeningBytes = 48;
  std::string story;
  std::string opening;
  // Most stories about someone who writes in another script are told in it, while any is new.
  if (const auto own = ownStories(nominee); !own.empty() && random.chance(0.75)) {
    for (const std::string_view candidate : own) {
      story = candidate;
      opening = nominee.id + '|' + story.substr(0, kOpeningBytes);
      if (!told.contains(story) && !told.contains(opening)) {
        told.insert(story);
        told.insert(opening);
        return story;
      }
    }
  }
  for (std::size_t tried = 0; tried < kStoryBanks.size(); ++tried, bank = (bank + 1) % kStoryBanks.size()) {
    bool fresh = false;
    for (int attempt = 0; attempt < 50 && !fresh; ++attempt) {
      story = composeStory(random, kStoryBanks[bank], nominee);
      opening = nominee.id + '|' + story.substr(0, kOpeningBytes);
      const std::size_t length = countCodePoints(story);
      fresh = length >= kStoryMinDemoChars && length <= kStoryMaxDemoChars && !told.contains(story) &&
              !told.contains(opening);
    }
    if (fresh) break;
  }
  told.insert(story);
  told.insert(opening);
  return story;
}

// Who tells the story: a teammate half the time, otherwise anyone active; never the nominee and
// never beyond the daily cap. Counts the nomination against the nominator's day when found.
using NominatorDays = std::map<std::pair<std::size_t, TimeMs>, int>;
std::optional<std::size_t> pickNominator(DemoRandom& random, const std::vector<Employee>& roster,
                                         const std::vector<std::size_t>& active, std::size_t nominee, TimeMs createdAt,
                                         NominatorDays& perNominatorDay) {
  std::vector<std::size_t> teammates;
  for (const std::size_t person : active) {
    if (person != nominee && roster[person].department == roster[nominee].department) teammates.push_back(person);
  }
  const TimeMs day = startOfDayUtc(createdAt);
  for (int attempt = 0; attempt < 100; ++attempt) {
    const bool teammate = !teammates.empty() && random.chance(0.5);
    const std::size_t candidate =
        teammate ? teammates[random.below(teammates.size())] : active[random.below(active.size())];
    if (candidate == nominee) continue;
    int& count = perNominatorDay[{candidate, day}];
    if (count >= kDemoDailyCap) continue;
    ++count;
    return candidate;
  }
  return std::nullopt;
}

}  // namespace

// [SECTION] public API

std::vector<DemoNomination> demoNominations(const std::vector<Employee>& roster, TimeMs now) {
  std::vector<std::size_t> active;
  for (std::size_t i = 0; i < roster.size(); ++i) {
    if (roster[i].active) active.push_back(i);
  }
  if (active.size() < 2) return {};

  DemoRandom random(kNominationSeed);

  // What is recognised and when, then sorted so that the rest unfolds in time order.
  struct Plan {
    std::size_t nominee;
    std::size_t bank;
    TimeMs createdAt;
  };
  const std::vector<std::size_t> nominees = drawNominees(random, roster, active);
  std::vector<std::size_t> banks(kNominationCount);
  for (std::size_t i = 0; i < banks.size(); ++i) banks[i] = i % kStoryBanks.size();
  random.shuffle(banks);
  std::vector<Plan> plans;
  plans.reserve(kNominationCount);
  for (std::size_t i = 0; i < kNominationCount; ++i) {
    plans.push_back({nominees[i], banks[i], drawCreatedAt(random, now)});
  }
  std::stable_sort(plans.begin(), plans.end(), [](const Plan& a, const Plan& b) { return a.createdAt < b.createdAt; });
  // A few of the stories just older than the ones still waiting for HR are about colleagues who
  // write their names in other scripts, so that the wall's first minute shows them.
  std::vector<std::size_t> ownScript;
  for (const std::size_t person : active) {
    if (roster[person].wallConsent && !ownStories(roster[person]).empty()) ownScript.push_back(person);
  }
  for (std::size_t k = 0; k < std::min<std::size_t>(3, ownScript.size()); ++k) {
    const std::size_t fromNewest = kPendingCount + 5 + 3 * k;
    if (fromNewest < plans.size()) plans[plans.size() - 1 - fromNewest].nominee = ownScript[(5 + 5 * k) % ownScript.size()];
  }

  std::vector<NominatorVisibility> visibility(kNominationCount, NominatorVisibility::Public);
  std::fill_n(visibility.begin(), kAnonymousCount, NominatorVisibility::Anonymous);
  std::fill_n(visibility.begin() + kAnonymousCount, kPrivateCount, NominatorVisibility::Private);
  random.shuffle(visibility);

  std::vector<DemoNomination> result;
  result.reserve(kNominationCount);
  std::set<std::string> told;
  NominatorDays perNominatorDay;
  for (std::size_t i = 0; i < plans.size(); ++i) {
    const Plan& plan = plans[i];
    DemoNomination nomination;
    nomination.createdAt = plan.createdAt;
    nomination.draft.nomineeId = roster[plan.nominee].id;
    std::size_t bank = plan.bank;
    nomination.draft.story = freshStory(random, bank, roster[plan.nominee], told);
    nomination.draft.behaviourKey = kStoryBanks[bank].behaviourKey;
    nomination.draft.visibility = visibility[i];
    if (visibility[i] != NominatorVisibility::Anonymous) {
      const std::optional<std::size_t> nominator =
          pickNominator(random, roster, active, plan.nominee, plan.createdAt, perNominatorDay);
      // Only a tiny roster can run out of nominators; the story is then told anonymously.
      if (nominator) {
        nomination.draft.nominatorId = roster[*nominator].id;
      } else {
        nomination.draft.visibility = NominatorVisibility::Anonymous;
      }
    }
    result.push_back(std::move(nomination));
  }

  // The newest few still wait for HR; the rest have collected applause, more the longer they
  // have been on the wall.
  std::size_t pending = 0;
  for (auto it = result.rbegin(); it != result.rend(); ++it) {
    if (pending < kPendingCount && random.chance(0.75)) {
      it->status = NominationStatus::Pending;
      ++pending;
      continue;
    }
    const double ageDays = static_cast<double>(now - it->createdAt) / static_cast<double>(kMsPerDay);
    it->applause = static_cast<int>(random.below(4)) + static_cast<int>(ageDays * (0.08 + 0.22 * random.unit()));
  }
  return result;
}

}  // namespace wof::core
