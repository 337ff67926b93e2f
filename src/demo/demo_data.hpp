// Demo data for `wall-of-fame demo-data` and `kiosk --demo`: a made-up company's roster,
// illustrated portraits, a fleet.toml and three months of nominations, identical on every run.
// Layer: demo. An umbrella over the four concepts, each in its own header.
#pragma once

#include "demo/demo_portraits.hpp"
#include "demo/demo_roster.hpp"
#include "demo/demo_share.hpp"
#include "demo/demo_stories.hpp"
