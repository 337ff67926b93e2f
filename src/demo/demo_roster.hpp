// The demo company's roster: about seventy people in eight departments at two sites, with names
// from many scripts, plus the few facts about them that the demo's stories and share reuse.
// Layer: demo. A pure table; no I/O.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model/model.hpp"

namespace wof::core {

// About seventy people in eight departments at two sites (Lyon and Leeds), ids "E1001" upwards.
// Names come from many cultures (accents, apostrophes, hyphens) and one in ten is in another
// script (Greek, Cyrillic, Chinese, Japanese, Korean, Arabic, Devanagari, Thai); emails are ASCII. Everyone is
// active; three people have not consented to the wall. photoFile is empty: it is set on import.
std::vector<Employee> demoRoster();

namespace demo_detail {

// Departments and sites, shared with the story generator (which fits stories to teams and
// customers to sites).
inline constexpr std::string_view kSupport = "Customer Support";
inline constexpr std::string_view kSales = "Sales";
inline constexpr std::string_view kEngineering = "Engineering";
inline constexpr std::string_view kFinance = "Finance";
inline constexpr std::string_view kOperations = "Operations";
inline constexpr std::string_view kLogistics = "Logistics";
inline constexpr std::string_view kPeople = "People & Culture";
inline constexpr std::string_view kMarketing = "Marketing";

inline constexpr std::string_view kLyon = "Lyon";
inline constexpr std::string_view kLeeds = "Leeds";

// The daily nomination cap written into the demo fleet.toml, which the demo's stories obey.
inline constexpr int kDemoDailyCap = 3;

// What a story calls someone: their everyday name from the table, else their first word.
std::string knownAs(const Employee& employee);
// Stories written in the person's own script (Greek, Chinese, Arabic, ...), or none.
std::vector<std::string_view> ownStories(const Employee& employee);

}  // namespace demo_detail
}  // namespace wof::core
