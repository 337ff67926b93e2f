// Demo data: the roster table, the portrait painter, the share writer and the story generator.
// Layer: core. Everything is driven by fixed seeds and our own PRNG (the std distributions differ
// between standard libraries), so every run produces the same people, pictures and nominations.
#include "demo/demo_data.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <numbers>
#include <optional>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "core/util/clock.hpp"
#include "core/util/files.hpp"
#include "core/roster/roster_csv.hpp"
#include "core/util/text.hpp"

namespace wof::core {
namespace {

// [SECTION] deterministic randomness

// splitmix64 (Steele, Lea and Flood, 2014). The std engines are portable but the std
// distributions are not (their algorithms are implementation-defined), so we draw by hand.
class DemoRandom {
 public:
  explicit DemoRandom(std::uint64_t seed) : m_state(seed) {}

  std::uint64_t next() {
    m_state += 0x9E3779B97F4A7C15ull;
    std::uint64_t z = m_state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  // Uniform in [0, bound), bound > 0; rejecting the short top range removes the modulo bias.
  std::size_t below(std::size_t bound) {
    const std::uint64_t range = bound;
    const std::uint64_t rejectBelow = (0 - range) % range;  // 2^64 mod range
    for (;;) {
      const std::uint64_t value = next();
      if (value >= rejectBelow) return static_cast<std::size_t>(value % range);
    }
  }

  // Uniform in [0, 1) with 53 random bits.
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  float unitFloat() { return static_cast<float>(unit()); }
  bool chance(double probability) { return unit() < probability; }

  template <typename T>
  const T& pick(std::span<const T> items) {
    return items[below(items.size())];
  }

  // An index drawn with probability proportional to weights[i] (all >= 0, not all 0).
  std::size_t weighted(std::span<const int> weights) {
    int total = 0;
    for (const int weight : weights) total += weight;
    int ticket = static_cast<int>(below(static_cast<std::size_t>(total)));
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (ticket < weights[i]) return i;
      ticket -= weights[i];
    }
    return weights.size() - 1;
  }

  // Fisher–Yates; std::shuffle's algorithm is implementation-defined.
  template <typename T>
  void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[below(i)]);
  }

 private:
  std::uint64_t m_state;
};

// FNV-1a: a stable hash of an employee id, the seed of that person's portrait.
std::uint64_t stableHash(std::string_view text) { return fnv1a64(text); }

// [SECTION] roster

constexpr std::string_view kSupport = "Customer Support";
constexpr std::string_view kSales = "Sales";
constexpr std::string_view kEngineering = "Engineering";
constexpr std::string_view kFinance = "Finance";
constexpr std::string_view kOperations = "Operations";
constexpr std::string_view kLogistics = "Logistics";
constexpr std::string_view kPeople = "People & Culture";
constexpr std::string_view kMarketing = "Marketing";

constexpr std::string_view kLyon = "Lyon";
constexpr std::string_view kLeeds = "Leeds";

constexpr bool kOnWall = true;
constexpr bool kOffWall = false;  // has not consented to appear on the wall

constexpr std::string_view kEmailDomain = "@example.com";
constexpr int kFirstEmployeeNumber = 1001;

struct DemoPerson {
  std::string_view displayName;
  std::string_view knownAs;     // what colleagues call them, used in stories
  std::string_view emailLocal;  // ASCII-folded by hand, family name as the person writes it
  std::string_view department;
  std::string_view title;
  std::string_view site;
  bool wallConsent;
};

// Names use precomposed letters only (no combining marks), so any font with Latin Extended
// Additional (which Vietnamese needs anyway) shows them all.
constexpr std::array kDemoPeople = {
    DemoPerson{"Zoë Ødegård", "Zoë", "zoe.odegard", kSupport, "Support Team Lead", kLeeds, kOnWall},
    DemoPerson{"Seán O'Brien", "Seán", "sean.obrien", kSupport, "Customer Support Specialist", kLeeds, kOnWall},
    DemoPerson{"Nguyễn Thị Lan", "Lan", "lan.nguyen", kSupport, "Customer Support Specialist", kLyon, kOnWall},
    DemoPerson{"Kwame Mensah", "Kwame", "kwame.mensah", kSupport, "Senior Support Engineer", kLeeds, kOnWall},
    DemoPerson{"Inès Belkacem", "Inès", "ines.belkacem", kSupport, "Customer Support Specialist", kLyon, kOnWall},
    DemoPerson{"Fatima Zahra Benali", "Fatima", "fatima.benali", kSupport, "Customer Care Advisor", kLyon, kOnWall},
    DemoPerson{"Dylan Hughes-Roberts", "Dylan", "dylan.hughes-roberts", kSupport, "Customer Care Advisor", kLeeds,
               kOnWall},
    DemoPerson{"Chloé Lefèvre", "Chloé", "chloe.lefevre", kSupport, "Support Team Lead", kLyon, kOnWall},
    DemoPerson{"Aisha Rahman", "Aisha", "aisha.rahman", kSupport, "Customer Care Advisor", kLeeds, kOnWall},
    DemoPerson{"Mateus Conceição", "Mateus", "mateus.conceicao", kSupport, "Technical Support Engineer", kLyon,
               kOnWall},
    DemoPerson{"Hannah Brooks", "Hannah", "hannah.brooks", kSupport, "Customer Care Advisor", kLeeds, kOffWall},
    DemoPerson{"Yusuf Demir", "Yusuf", "yusuf.demir", kSupport, "Technical Support Engineer", kLyon, kOnWall},

    DemoPerson{"José Núñez", "José", "jose.nunez", kSales, "Account Manager", kLyon, kOnWall},
    DemoPerson{"Priya Raghunathan", "Priya", "priya.raghunathan", kSales, "Key Account Director", kLeeds, kOnWall},
    DemoPerson{"Olúwaseun Adébáyọ", "Seun", "oluwaseun.adebayo", kSales, "Business Development Manager", kLeeds,
               kOnWall},
    DemoPerson{"Anna-Lena Müller", "Anna-Lena", "anna-lena.muller", kSales, "Account Manager", kLyon, kOnWall},
    DemoPerson{"Thomas Durand", "Thomas", "thomas.durand", kSales, "Sales Representative", kLyon, kOnWall},
    DemoPerson{"Rachel Goldberg", "Rachel", "rachel.goldberg", kSales, "Account Manager", kLeeds, kOnWall},
    DemoPerson{"Callum MacLeod", "Callum", "callum.macleod", kSales, "Inside Sales Representative", kLeeds, kOnWall},
    DemoPerson{"Mariam Haddad", "Mariam", "mariam.haddad", kSales, "Sales Operations Analyst", kLyon, kOnWall},
    DemoPerson{"Kenji Watanabe", "Kenji", "kenji.watanabe", kSales, "Solutions Consultant", kLeeds, kOffWall},

    DemoPerson{"Mei-Ling Chen", "Mei-Ling", "mei-ling.chen", kEngineering, "Senior Software Engineer", kLeeds, kOnWall},
    DemoPerson{"Björn Åkesson", "Björn", "bjorn.akesson", kEngineering, "Engineering Manager", kLyon, kOnWall},
    DemoPerson{"Arjun Mehta", "Arjun", "arjun.mehta", kEngineering, "Firmware Engineer", kLeeds, kOnWall},
    DemoPerson{"Élodie Marchand", "Élodie", "elodie.marchand", kEngineering, "Product Designer", kLyon, kOnWall},
    DemoPerson{"Sofía Castillo", "Sofía", "sofia.castillo", kEngineering, "QA Engineer", kLyon, kOnWall},
    DemoPerson{"Tariq Al-Mansouri", "Tariq", "tariq.al-mansouri", kEngineering, "Site Reliability Engineer", kLeeds,
               kOnWall},
    DemoPerson{"Hyun-woo Park", "Hyun-woo", "hyunwoo.park", kEngineering, "Software Engineer", kLeeds, kOnWall},
    DemoPerson{"Camille Rousseau", "Camille", "camille.rousseau", kEngineering, "Hardware Engineer", kLyon, kOnWall},
    DemoPerson{"Ngozi Okafor", "Ngozi", "ngozi.okafor", kEngineering, "Data Engineer", kLeeds, kOnWall},
    DemoPerson{"Jānis Bērziņš", "Jānis", "janis.berzins", kEngineering, "Software Engineer", kLyon, kOnWall},

    DemoPerson{"Çağla Yıldız", "Çağla", "cagla.yildiz", kFinance, "Financial Controller", kLyon, kOnWall},
    DemoPerson{"Margaret Thompson", "Margaret", "margaret.thompson", kFinance, "Accounts Receivable Lead", kLeeds,
               kOnWall},
    DemoPerson{"Rahul Banerjee", "Rahul", "rahul.banerjee", kFinance, "Billing Specialist", kLeeds, kOnWall},
    DemoPerson{"Amélie Fontaine", "Amélie", "amelie.fontaine", kFinance, "Credit Controller", kLyon, kOnWall},
    DemoPerson{"Samuel Osei", "Samuel", "samuel.osei", kFinance, "Finance Business Partner", kLeeds, kOnWall},

    DemoPerson{"Aoife Ní Bhriain", "Aoife", "aoife.nibhriain", kOperations, "Operations Manager", kLeeds, kOnWall},
    DemoPerson{"Giulia Bianchi", "Giulia", "giulia.bianchi", kOperations, "Service Planner", kLyon, kOnWall},
    DemoPerson{"Mohammed El Idrissi", "Mohammed", "mohammed.elidrissi", kOperations, "Field Service Technician", kLyon,
               kOnWall},
    DemoPerson{"Gareth Llewellyn", "Gareth", "gareth.llewellyn", kOperations, "Field Service Technician", kLeeds,
               kOnWall},
    DemoPerson{"Leïla Mansour", "Leïla", "leila.mansour", kOperations, "Quality Coordinator", kLyon, kOnWall},
    DemoPerson{"Deepa Krishnan", "Deepa", "deepa.krishnan", kOperations, "Process Improvement Lead", kLeeds, kOnWall},
    DemoPerson{"Stéphane Girard", "Stéphane", "stephane.girard", kOperations, "Field Service Technician", kLyon,
               kOffWall},

    DemoPerson{"Łukasz Wróbel", "Łukasz", "lukasz.wrobel", kLogistics, "Warehouse Team Leader", kLeeds, kOnWall},
    DemoPerson{"Thabo Nkosi", "Thabo", "thabo.nkosi", kLogistics, "Logistics Coordinator", kLeeds, kOnWall},
    DemoPerson{"Maëlle Le Goff", "Maëlle", "maelle.legoff", kLogistics, "Dispatch Planner", kLyon, kOnWall},
    DemoPerson{"Andrés Gutiérrez", "Andrés", "andres.gutierrez", kLogistics, "Delivery Driver", kLyon, kOnWall},
    DemoPerson{"Kerry-Ann Campbell", "Kerry-Ann", "kerry-ann.campbell", kLogistics, "Returns Coordinator", kLeeds,
               kOnWall},
    DemoPerson{"Piotr Zieliński", "Piotr", "piotr.zielinski", kLogistics, "Warehouse Operative", kLeeds, kOnWall},
    DemoPerson{"Baptiste Morel", "Baptiste", "baptiste.morel", kLogistics, "Transport Manager", kLyon, kOnWall},

    DemoPerson{"Siobhán Kelly", "Siobhán", "siobhan.kelly", kPeople, "HR Business Partner", kLeeds, kOnWall},
    DemoPerson{"Nadia Boukhari", "Nadia", "nadia.boukhari", kPeople, "Learning & Development Lead", kLyon, kOnWall},
    DemoPerson{"Emeka Nwosu", "Emeka", "emeka.nwosu", kPeople, "People Advisor", kLeeds, kOnWall},
    DemoPerson{"Hélène Dubois", "Hélène", "helene.dubois", kPeople, "Head of People", kLyon, kOnWall},

    DemoPerson{"Freya Lindqvist", "Freya", "freya.lindqvist", kMarketing, "Content Lead", kLeeds, kOnWall},
    DemoPerson{"Théo Lambert", "Théo", "theo.lambert", kMarketing, "Digital Marketing Specialist", kLyon, kOnWall},
    DemoPerson{"Ana Lúcia Ferreira", "Ana Lúcia", "ana.ferreira", kMarketing, "Customer Insights Analyst", kLyon,
               kOnWall},
    DemoPerson{"Jamal Wright", "Jamal", "jamal.wright", kMarketing, "Events Manager", kLeeds, kOnWall},
    DemoPerson{"Yuki Tanaka", "Yuki", "yuki.tanaka", kMarketing, "Brand Designer", kLeeds, kOnWall},
    DemoPerson{"Lucía Moreno", "Lucía", "lucia.moreno", kMarketing, "Product Marketing Manager", kLyon, kOnWall},
};

std::string demoEmployeeId(std::size_t index) {
  return "E" + std::to_string(kFirstEmployeeNumber + static_cast<int>(index));
}

// What a story calls someone: their everyday name from the table, else their first word.
std::string knownAs(const Employee& employee) {
  for (std::size_t i = 0; i < kDemoPeople.size(); ++i) {
    if (kDemoPeople[i].displayName == employee.displayName && demoEmployeeId(i) == employee.id) {
      return std::string(kDemoPeople[i].knownAs);
    }
  }
  const std::string_view name = trim(employee.displayName);
  return std::string(name.substr(0, name.find(' ')));
}

// [SECTION] portraits: geometry

// Portrait coordinates: the picture is the unit square, x to the right, y downwards.
struct Vec2 {
  float x = 0;
  float y = 0;
};

Vec2 operator+(Vec2 a, Vec2 b) { return {a.x + b.x, a.y + b.y}; }
Vec2 operator-(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }
Vec2 operator*(Vec2 a, float s) { return {a.x * s, a.y * s}; }
float dot(Vec2 a, Vec2 b) { return a.x * b.x + a.y * b.y; }
float cross(Vec2 a, Vec2 b) { return a.x * b.y - a.y * b.x; }
float norm(Vec2 v) { return std::sqrt(dot(v, v)); }
Vec2 mirrored(Vec2 v, float side) { return {0.5f + (v.x - 0.5f) * side, v.y}; }  // side: -1 or +1

// Signed distances to shapes, negative inside. Only the band within a pixel or so of an outline
// matters (that is where coverage is computed), so the ellipse uses a first-order estimate.
float circleDistance(Vec2 p, Vec2 centre, float radius) { return norm(p - centre) - radius; }

float ellipseDistance(Vec2 p, Vec2 centre, Vec2 radii) {
  const Vec2 q = p - centre;
  const float scaled = norm({q.x / radii.x, q.y / radii.y});                            // 1 on the outline
  const float gradient = norm({q.x / (radii.x * radii.x), q.y / (radii.y * radii.y)});  // |∇scaled| * scaled
  if (gradient <= 0) return -std::min(radii.x, radii.y);
  return scaled * (scaled - 1) / gradient;
}

float roundBoxDistance(Vec2 p, Vec2 centre, Vec2 halfSize, float radius) {
  const Vec2 q{std::abs(p.x - centre.x) - halfSize.x + radius, std::abs(p.y - centre.y) - halfSize.y + radius};
  const float outside = norm({std::max(q.x, 0.f), std::max(q.y, 0.f)});
  return outside + std::min(std::max(q.x, q.y), 0.f) - radius;
}

float segmentDistance(Vec2 p, Vec2 a, Vec2 b) {
  const Vec2 ab = b - a;
  const float t = std::clamp(dot(p - a, ab) / dot(ab, ab), 0.f, 1.f);
  return norm(p - (a + ab * t));
}

float triangleDistance(Vec2 p, Vec2 a, Vec2 b, Vec2 c) {
  const float edge = std::min({segmentDistance(p, a, b), segmentDistance(p, b, c), segmentDistance(p, c, a)});
  const float s1 = cross(b - a, p - a);
  const float s2 = cross(c - b, p - b);
  const float s3 = cross(a - c, p - c);
  const bool inside = (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  return inside ? -edge : edge;
}

// The part of a circle within `halfAngle` radians either side of its lowest point (a smile, the
// bottom of a nose) or its highest point (an eyebrow), `halfWidth` thick with round ends.
enum class ArcOpens { Up, Down };
struct Arc {
  Vec2 centre;
  float radius = 0;
  float halfWidth = 0;
  ArcOpens opens = ArcOpens::Up;
  Vec2 end;  // the right-hand end relative to the centre, y measured towards the arc's middle
};

Arc makeArc(Vec2 centre, float radius, float halfAngle, float halfWidth, ArcOpens opens) {
  return {centre, radius, halfWidth, opens, {radius * std::sin(halfAngle), radius * std::cos(halfAngle)}};
}

float arcDistance(Vec2 p, const Arc& arc) {
  const Vec2 q{std::abs(p.x - arc.centre.x), arc.opens == ArcOpens::Up ? p.y - arc.centre.y : arc.centre.y - p.y};
  const bool beyondEnd = q.x * arc.end.y > q.y * arc.end.x;
  const float distance = beyondEnd ? norm(q - arc.end) : std::abs(norm(q) - arc.radius);
  return distance - arc.halfWidth;
}

float unite(float a, float b) { return std::min(a, b); }
float intersect(float a, float b) { return std::max(a, b); }
float subtract(float a, float b) { return std::max(a, -b); }
float outline(float distance, float halfWidth) { return std::abs(distance) - halfWidth; }

// A union whose seam is rounded over a width of about k: cloth and hair flow into each other.
float blend(float a, float b, float k) {
  const float h = std::clamp(0.5f + 0.5f * (b - a) / k, 0.f, 1.f);
  return b + (a - b) * h - k * h * (1 - h);
}

// [SECTION] portraits: colour

struct Rgb {
  float r = 0;
  float g = 0;
  float b = 0;
};

constexpr Rgb hexColour(std::uint32_t hex) {
  return {static_cast<float>((hex >> 16) & 0xFFu) / 255.f, static_cast<float>((hex >> 8) & 0xFFu) / 255.f,
          static_cast<float>(hex & 0xFFu) / 255.f};
}

Rgb mix(Rgb a, Rgb b, float t) { return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t}; }
Rgb shade(Rgb c, float factor) { return {c.r * factor, c.g * factor, c.b * factor}; }
float luminance(Rgb c) { return 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b; }

constexpr Rgb kWhite = hexColour(0xFFFFFF);
constexpr Rgb kEyeColour = hexColour(0x2B211E);
constexpr Rgb kMouthColour = hexColour(0x6E2626);
constexpr Rgb kLipColour = hexColour(0x9C4A44);
constexpr Rgb kTongueColour = hexColour(0xD9736E);
constexpr Rgb kBlushColour = hexColour(0xF28B82);

// From very light to deep, roughly evenly spaced in lightness.
constexpr std::array kSkinTones = {hexColour(0xF7DCCB), hexColour(0xF0C6A6), hexColour(0xE3AC88), hexColour(0xCB8F67),
                                   hexColour(0xAE7350), hexColour(0x8D573A), hexColour(0x6E4330), hexColour(0x4F3024)};

struct HairColour {
  Rgb colour;
  int weight;  // how common, out of the sum of weights
};
constexpr std::array kHairColours = {
    HairColour{hexColour(0x221C1B), 6},  // black
    HairColour{hexColour(0x3F2A1E), 6},  // dark brown
    HairColour{hexColour(0x6B4630), 4},  // brown
    HairColour{hexColour(0x9B4A26), 2},  // auburn
    HairColour{hexColour(0xD8AE68), 3},  // blond
    HairColour{hexColour(0x9C9A98), 2},  // grey
    HairColour{hexColour(0xD6D3CF), 1},  // silver
};

constexpr std::array kShirtColours = {
    hexColour(0x2F4A7A), hexColour(0x2A8C82), hexColour(0xE0A93B), hexColour(0xE06A5A), hexColour(0x3F7D4E),
    hexColour(0x8A2E4B), hexColour(0x4A4F57), hexColour(0x4F98D6), hexColour(0x6D4C8D), hexColour(0xF0EEEA)};

constexpr std::array kScarfColours = {hexColour(0x1F6F78), hexColour(0x7D2E46), hexColour(0x2D3E6B),
                                      hexColour(0xC9797A), hexColour(0x6B7A3A), hexColour(0xC08A2E)};

constexpr std::array kGlassesColours = {hexColour(0x2B2B2E), hexColour(0x6B3E26), hexColour(0xB08D57)};

struct Backdrop {
  Rgb top;
  Rgb bottom;
};
constexpr std::array kBackdrops = {
    Backdrop{hexColour(0xDDF4E8), hexColour(0xB9E3CF)},  // mint
    Backdrop{hexColour(0xE9E3FA), hexColour(0xCDC1F0)},  // lavender
    Backdrop{hexColour(0xFDE6D6), hexColour(0xF6C8AC)},  // peach
    Backdrop{hexColour(0xDFF0FC), hexColour(0xB7DAF4)},  // sky
    Backdrop{hexColour(0xFFF4CC), hexColour(0xF7DF9C)},  // butter
    Backdrop{hexColour(0xFCE3E9), hexColour(0xF2C0CC)},  // rose
    Backdrop{hexColour(0xE6EFDE), hexColour(0xC6DAB9)},  // sage
    Backdrop{hexColour(0xF5EDE2), hexColour(0xE2D0B9)},  // sand
};

// [SECTION] portraits: style

enum class HairStyle { Short, SweptFringe, Long, Bun, Curly, Buzz, Bald, Headscarf };
enum class FacialHair { None, Stubble, Beard, Moustache };
enum class Neckline { Crew, VNeck, Collar };
enum class Smile { Closed, Open };

struct PortraitStyle {
  Backdrop backdrop;
  Rgb skin;
  Rgb hair;
  Rgb brows;
  Rgb shirt;
  Rgb scarf;
  Rgb glassesFrame;
  HairStyle hairStyle = HairStyle::Short;
  FacialHair facialHair = FacialHair::None;
  Neckline neckline = Neckline::Crew;
  Smile smile = Smile::Closed;
  bool glasses = false;
  float fringeSide = 1;      // -1: fringe swept to the picture's left, +1: to its right
  float hairLength = 0.82f;  // where long hair ends
  Vec2 head{0.5f, 0.43f};
  Vec2 headRadii{0.158f, 0.195f};
  float eyeSpacing = 0.058f;
  float browLift = 0;
};

// Curls: a ring of overlapping circles.
struct Curls {
  std::array<Vec2, 13> centres;
  float radius = 0;
};

// Curls on the ellipse (centre, radii) from angle `from` to `to` (radians, 0 = right, π/2 = down).
Curls makeCurls(Vec2 centre, Vec2 radii, float from, float to, float radius) {
  Curls curls;
  curls.radius = radius;
  const auto last = static_cast<float>(curls.centres.size() - 1);
  for (std::size_t i = 0; i < curls.centres.size(); ++i) {
    const float angle = from + (to - from) * static_cast<float>(i) / last;
    curls.centres[i] = {centre.x + radii.x * std::cos(angle), centre.y + radii.y * std::sin(angle)};
  }
  return curls;
}

constexpr float kShoulderTop = 0.73f;  // where the shirt's outline crosses the middle
// The figure is drawn a little larger than the unit square, anchored at the bottom centre, so
// the head and shoulders fill the frame.
constexpr float kFigureZoom = 1.15f;
constexpr Vec2 kFigureAnchor{0.5f, 1.0f};
constexpr float kEyesBelowHead = 0.03f;    // eye line below the head's centre
constexpr float kMouthBelowHead = 0.128f;  // middle of the mouth below the head's centre

// Shapes derived from the style once per portrait, so that the per-pixel work is arithmetic.
struct PortraitGeometry {
  Curls curlsBehind;
  Curls curlsInFront;
  Arc nose;
  Arc smile;
  std::array<Arc, 2> brows;
};

template <typename T, std::size_t N>
const T& pickFrom(DemoRandom& random, const std::array<T, N>& items) {
  return random.pick(std::span<const T>(items));
}

PortraitStyle choosePortraitStyle(std::string_view employeeId) {
  DemoRandom random(stableHash(employeeId));
  PortraitStyle style;
  style.backdrop = pickFrom(random, kBackdrops);
  style.skin = pickFrom(random, kSkinTones);

  std::array<int, kHairColours.size()> hairWeights{};
  for (std::size_t i = 0; i < kHairColours.size(); ++i) hairWeights[i] = kHairColours[i].weight;
  style.hair = kHairColours[random.weighted(hairWeights)].colour;
  // Light hair gets mid-brown brows: pale brows vanish against light skin at small sizes.
  style.brows = luminance(style.hair) > 0.45f ? mix(style.hair, hexColour(0x5A4030), 0.55f) : shade(style.hair, 0.9f);

  constexpr std::array kStyleWeights = {5, 3, 5, 2, 3, 2, 2, 1};  // in HairStyle order
  style.hairStyle = static_cast<HairStyle>(random.weighted(kStyleWeights));
  const bool canHaveFacialHair = style.hairStyle == HairStyle::Short || style.hairStyle == HairStyle::SweptFringe ||
                                 style.hairStyle == HairStyle::Curly || style.hairStyle == HairStyle::Buzz ||
                                 style.hairStyle == HairStyle::Bald;
  if (canHaveFacialHair && random.chance(0.45)) {
    constexpr std::array kFacialHairWeights = {0, 2, 3, 1};  // in FacialHair order
    style.facialHair = static_cast<FacialHair>(random.weighted(kFacialHairWeights));
  }

  style.shirt = pickFrom(random, kShirtColours);
  style.scarf = pickFrom(random, kScarfColours);
  style.neckline = static_cast<Neckline>(random.below(3));
  style.smile = random.chance(0.5) ? Smile::Open : Smile::Closed;
  style.glasses = random.chance(0.25);
  style.glassesFrame = pickFrom(random, kGlassesColours);
  style.fringeSide = random.chance(0.5) ? -1.f : 1.f;
  style.hairLength = 0.76f + 0.10f * random.unitFloat();
  style.headRadii = {0.150f + 0.016f * random.unitFloat(), 0.188f + 0.014f * random.unitFloat()};
  style.eyeSpacing = 0.054f + 0.008f * random.unitFloat();
  style.browLift = 0.006f * random.unitFloat();
  return style;
}

// Big curly hair: its volume behind the head.
Vec2 curlyVolumeCentre(const PortraitStyle& s) { return {s.head.x, s.head.y - 0.03f}; }
Vec2 curlyVolume(const PortraitStyle& s) { return {s.headRadii.x + 0.045f, s.headRadii.y * 0.85f}; }

constexpr float kPi = std::numbers::pi_v<float>;

PortraitGeometry shapeGeometry(const PortraitStyle& s) {
  const Vec2 c = s.head;
  const Vec2 r = s.headRadii;
  PortraitGeometry g;
  g.curlsBehind = makeCurls(curlyVolumeCentre(s), curlyVolume(s), 0.8f * kPi, 2.2f * kPi, 0.05f);
  g.curlsInFront = makeCurls({c.x, c.y - 0.01f}, {r.x + 0.005f, r.y + 0.005f}, 1.05f * kPi, 1.95f * kPi, 0.042f);
  g.nose = makeArc({c.x, c.y + 0.067f}, 0.017f, 0.95f, 0.0045f, ArcOpens::Up);
  g.smile = makeArc({c.x, c.y + kMouthBelowHead - 0.035f}, 0.046f, 0.78f, 0.0058f, ArcOpens::Up);
  for (std::size_t i = 0; i < g.brows.size(); ++i) {
    const float side = i == 0 ? -1.f : 1.f;
    const Vec2 top{c.x + side * (s.eyeSpacing + 0.003f), c.y + kEyesBelowHead - 0.043f - s.browLift};
    g.brows[i] = makeArc(top + Vec2{0, 0.06f}, 0.06f, 0.4f, 0.0062f, ArcOpens::Down);
  }
  return g;
}

// [SECTION] portraits: painting

// Paints layers back to front onto one pixel; coverage comes from the signed distance, which
// antialiases every edge without supersampling.
class PixelPainter {
 public:
  PixelPainter(Rgb start, float pixelSize) : m_colour(start), m_pixel(pixelSize) {}

  void fill(float distance, Rgb paint, float opacity = 1) {
    const float coverage = std::clamp(0.5f - distance / m_pixel, 0.f, 1.f);
    if (coverage > 0) m_colour = mix(m_colour, paint, coverage * opacity);
  }

  // A soft-edged fill fading over `feather` (portrait units), kept inside the crisp shape `clip`:
  // blush, sheen on hair, the light behind the head.
  void glow(float distance, Rgb paint, float feather, float opacity, float clip = -std::numeric_limits<float>::max()) {
    const float coverage =
        std::clamp(0.5f - distance / feather, 0.f, 1.f) * std::clamp(0.5f - clip / m_pixel, 0.f, 1.f);
    if (coverage > 0) m_colour = mix(m_colour, paint, coverage * opacity);
  }

  Rgb colour() const { return m_colour; }

 private:
  Rgb m_colour;
  float m_pixel;
};

// The shapes shared by several layers, in portrait units.
struct PortraitShapes {
  float torso = 0;     // shoulders and chest, without the neckline cut
  float longHair = 0;  // the mass of long hair behind the head and shoulders
};

// Cheap bounding boxes: a pixel outside one skips every shape inside it, which makes rendering
// several times faster. Everything on the head lies in the first (curls and ears reach
// furthest); the neck, the neckline and the collar lie in the second.
bool nearHead(const PortraitStyle& s, Vec2 p) {
  return std::abs(p.x - s.head.x) < s.headRadii.x + 0.07f && std::abs(p.y - s.head.y) < s.headRadii.y + 0.07f;
}
bool nearNeck(const PortraitStyle& s, Vec2 p) {
  return std::abs(p.x - s.head.x) < 0.16f && p.y > s.head.y && p.y < kShoulderTop + 0.14f;
}

float curlsDistance(Vec2 p, const Curls& curls) {
  float distance = std::numeric_limits<float>::max();
  for (const Vec2 centre : curls.centres) distance = unite(distance, circleDistance(p, centre, curls.radius));
  return distance;
}

float hairBehindDistance(const PortraitStyle& s, const PortraitGeometry& g, Vec2 p, const PortraitShapes& shapes) {
  const Vec2 c = s.head;
  const Vec2 r = s.headRadii;
  switch (s.hairStyle) {
    case HairStyle::Long: return shapes.longHair;
    case HairStyle::Curly:
      return unite(ellipseDistance(p, curlyVolumeCentre(s), curlyVolume(s)), curlsDistance(p, g.curlsBehind));
    case HairStyle::Bun: return circleDistance(p, {c.x, c.y - r.y - 0.035f}, 0.068f);
    default: return std::numeric_limits<float>::max();
  }
}

// Hair in front of the forehead: the skull grown a little, minus the face below the hairline.
float hairCapDistance(const PortraitStyle& s, const PortraitGeometry& g, Vec2 p) {
  const Vec2 c = s.head;
  const Vec2 r = s.headRadii;
  const float skull = ellipseDistance(p, {c.x, c.y - 0.012f}, {r.x + 0.016f, r.y + 0.022f});
  const float face = ellipseDistance(p, {c.x, c.y + 0.075f}, {r.x * 0.96f, r.y * 0.99f});
  const float sides = p.y - (c.y + 0.03f);  // sideburns end level with the eyes
  const float cap = intersect(subtract(skull, face), sides);
  switch (s.hairStyle) {
    case HairStyle::Short: return cap;
    case HairStyle::SweptFringe: {
      const Vec2 fringeCentre{c.x - s.fringeSide * 0.05f, c.y - 0.12f};
      const float fringe = intersect(ellipseDistance(p, fringeCentre, {0.125f, 0.065f}), skull);
      return blend(cap, fringe, 0.02f);
    }
    case HairStyle::Long: {
      // A centre parting: two sweeps meeting at the top, falling past the cheeks.
      const float sweep = ellipseDistance(p, {c.x, c.y + 0.085f}, {r.x * 0.93f, r.y * 0.98f});
      return intersect(subtract(skull, sweep), p.y - (c.y + 0.12f));
    }
    case HairStyle::Bun: return intersect(subtract(skull, face), p.y - (c.y + 0.01f));
    case HairStyle::Curly: return unite(cap, intersect(curlsDistance(p, g.curlsInFront), p.y - (c.y - 0.04f)));
    case HairStyle::Buzz: {
      const float tight = ellipseDistance(p, {c.x, c.y - 0.004f}, {r.x + 0.006f, r.y + 0.008f});
      const float higherFace = ellipseDistance(p, {c.x, c.y + 0.06f}, {r.x * 0.97f, r.y * 0.95f});
      return intersect(subtract(tight, higherFace), sides);
    }
    case HairStyle::Bald: {
      // Only the hair above the ears is left.
      const float tight = ellipseDistance(p, {c.x, c.y}, {r.x + 0.008f, r.y + 0.008f});
      const float crown = ellipseDistance(p, {c.x, c.y - 0.10f}, {r.x + 0.03f, r.y * 0.75f});
      const float temples = ellipseDistance(p, {c.x, c.y + 0.005f}, {r.x + 0.05f, 0.065f});
      const float cheeks = ellipseDistance(p, c, {r.x - 0.028f, r.y});
      return subtract(subtract(intersect(tight, temples), crown), cheeks);
    }
    case HairStyle::Headscarf: return std::numeric_limits<float>::max();
  }
  return std::numeric_limits<float>::max();
}

// The colours every layer shares, worked out once per portrait.
struct PortraitPalette {
  Rgb skinShadow;
  Rgb shirtShadow;
  Rgb hairShadow;
  Rgb collar;
  float blush;  // opacity of the blush on the cheeks
};

PortraitPalette paletteFor(const PortraitStyle& s) {
  const bool lightShirt = luminance(s.shirt) > 0.8f;
  PortraitPalette palette{};
  palette.skinShadow = shade(s.skin, 0.86f);
  palette.shirtShadow = shade(s.shirt, lightShirt ? 0.88f : 0.8f);
  palette.hairShadow = shade(s.hair, 0.82f);
  palette.collar = lightShirt ? shade(s.shirt, 0.93f) : kWhite;
  // Blush reads as a bruise on deep skin tones, so it fades with them.
  palette.blush = 0.1f + 0.22f * std::clamp((luminance(s.skin) - 0.25f) / 0.5f, 0.f, 1.f);
  return palette;
}

PortraitShapes sharedShapes(const PortraitStyle& s, Vec2 p) {
  const Vec2 c = s.head;
  const Vec2 r = s.headRadii;
  const float top = kShoulderTop;
  PortraitShapes shapes{};
  shapes.torso = roundBoxDistance(p, {0.5f, top + 0.30f}, {0.36f, 0.30f}, 0.22f);
  shapes.longHair = std::numeric_limits<float>::max();
  if (s.hairStyle == HairStyle::Long) {
    // Long hair widens a little towards its ends.
    const float hairTop = c.y - 0.1f;
    const float flare = std::clamp((p.y - c.y) / (s.hairLength - c.y), 0.f, 1.f);
    const Vec2 warped{0.5f + (p.x - 0.5f) / (1 + 0.22f * flare), p.y};
    const float mass = roundBoxDistance(warped, {0.5f, (hairTop + s.hairLength) / 2},
                                        {r.x + 0.035f, (s.hairLength - hairTop) / 2}, 0.08f);
    shapes.longHair = blend(mass, ellipseDistance(p, {c.x, c.y - 0.012f}, {r.x + 0.02f, r.y + 0.025f}), 0.03f);
  }
  return shapes;
}

// The skin in the neckline, the neck above the shirt, and the collar.
void paintNeck(PixelPainter& painter, const PortraitStyle& s, const PortraitPalette& palette,
               const PortraitShapes& shapes, Vec2 p) {
  const Vec2 c = s.head;
  const float top = kShoulderTop;
  float neckline = 0;
  switch (s.neckline) {
    case Neckline::Crew: neckline = ellipseDistance(p, {0.5f, top}, {0.078f, 0.04f}); break;
    case Neckline::VNeck:
      neckline = triangleDistance(p, {0.41f, top - 0.03f}, {0.59f, top - 0.03f}, {0.5f, top + 0.105f});
      break;
    case Neckline::Collar:
      neckline = triangleDistance(p, {0.43f, top - 0.03f}, {0.57f, top - 0.03f}, {0.5f, top + 0.075f});
      break;
  }
  painter.fill(intersect(neckline, shapes.torso), palette.skinShadow);
  const float neck = roundBoxDistance(p, {c.x, top - 0.095f}, {0.066f, 0.115f}, 0.045f);
  painter.fill(subtract(neck, shapes.torso), s.skin);
  const float chinShadow = ellipseDistance(p, {c.x, c.y + 0.03f}, s.headRadii);
  painter.fill(intersect(intersect(neck, chinShadow), -shapes.torso), palette.skinShadow);
  if (s.neckline == Neckline::Collar) {
    for (const float side : {-1.f, 1.f}) {
      const float flap = triangleDistance(p, mirrored({0.415f, top - 0.035f}, side),
                                          mirrored({0.497f, top + 0.08f}, side), mirrored({0.385f, top + 0.05f}, side));
      painter.fill(flap, palette.collar);
      painter.fill(intersect(outline(flap, 0.0025f), shapes.torso), shade(palette.collar, 0.8f));
    }
  } else {
    painter.fill(intersect(outline(neckline, 0.006f), shapes.torso), palette.shirtShadow);
  }
}

// Backdrop, hair behind the head, shoulders, neckline and neck.
void paintBody(PixelPainter& painter, const PortraitStyle& s, const PortraitGeometry& g, const PortraitPalette& palette,
               const PortraitShapes& shapes, Vec2 p) {
  const Vec2 c = s.head;
  const Vec2 r = s.headRadii;
  const float top = kShoulderTop;
  painter.glow(circleDistance(p, {0.5f, 0.42f}, 0.30f), mix(s.backdrop.top, kWhite, 0.45f), 0.16f, 0.7f);

  const float behind = hairBehindDistance(s, g, p, shapes);
  if (s.hairStyle == HairStyle::Long) {
    painter.fill(behind, s.hair);
    // The hair seen behind the neck is in shadow.
    const float nape = roundBoxDistance(p, {c.x, c.y + 0.25f}, {r.x - 0.01f, 0.25f}, 0.04f);
    painter.glow(nape, palette.hairShadow, 0.05f, 1, behind);
  } else {
    painter.fill(behind, palette.hairShadow);
  }

  painter.fill(shapes.torso, s.shirt);
  if (nearNeck(s, p)) paintNeck(painter, s, palette, shapes, p);

  // Long hair falls in front of the shoulders, either side of the neck.
  if (s.hairStyle == HairStyle::Long) {
    const float column = roundBoxDistance(p, {0.5f, top + 0.1f}, {0.092f, 0.3f}, 0.05f);
    painter.fill(intersect(subtract(shapes.longHair, column), shapes.torso - 0.002f), s.hair);
  }
}

// Ears, the head and the hair on it.
void paintHead(PixelPainter& painter, const PortraitStyle& s, const PortraitGeometry& g, const PortraitPalette& palette,
               Vec2 p) {
  const Vec2 c = s.head;
  const Vec2 r = s.headRadii;
  const bool earsShow = s.hairStyle != HairStyle::Long && s.hairStyle != HairStyle::Headscarf;
  if (earsShow) {
    for (const float side : {-1.f, 1.f}) {
      const Vec2 ear{c.x + side * (r.x - 0.004f), c.y + 0.035f};
      painter.fill(ellipseDistance(p, ear, {0.028f, 0.042f}), s.skin);
      painter.fill(ellipseDistance(p, ear + Vec2{side * 0.006f, 0.002f}, {0.012f, 0.024f}), palette.skinShadow);
    }
  }
  const float head = ellipseDistance(p, c, r);
  painter.fill(head, s.skin);

  const float cap = hairCapDistance(s, g, p);
  switch (s.hairStyle) {
    case HairStyle::Buzz: painter.fill(cap, mix(s.hair, s.skin, 0.3f)); break;
    case HairStyle::Bald: {
      painter.fill(cap, s.hair);
      const float shine = ellipseDistance(p, {c.x - 0.05f, c.y - 0.13f}, {0.045f, 0.022f});
      painter.glow(shine, kWhite, 0.03f, 0.35f, head);
      break;
    }
    case HairStyle::Headscarf: break;  // painted over everything else, see paintHeadscarf
    default: {
      painter.fill(cap, s.hair);
      // A soft sheen on the crown gives the hair some volume.
      const float sheen = ellipseDistance(p, {c.x + 0.05f, c.y - 0.16f}, {0.06f, 0.02f});
      painter.glow(sheen, kWhite, 0.03f, 0.18f, cap);
      break;
    }
  }
}

// A headscarf frames the face and drapes over the shoulders.
void paintHeadscarf(PixelPainter& painter, const PortraitStyle& s, Vec2 p) {
  const Vec2 c = s.head;
  const Vec2 r = s.headRadii;
  const float hood = ellipseDistance(p, {c.x, c.y - 0.012f}, {r.x + 0.04f, r.y + 0.04f});
  const float drape = ellipseDistance(p, {0.5f, kShoulderTop}, {0.255f, 0.16f});
  const float opening = ellipseDistance(p, {c.x, c.y + 0.01f}, {r.x - 0.012f, r.y - 0.01f});
  const float scarf = subtract(blend(hood, drape, 0.09f), opening);
  painter.fill(scarf, s.scarf);
  painter.fill(intersect(outline(opening, 0.007f), scarf), shade(s.scarf, 0.78f));
}

// Facial hair, cheeks, eyes, brows, nose, mouth and glasses.
void paintFace(PixelPainter& painter, const PortraitStyle& s, const PortraitGeometry& g, const PortraitPalette& palette,
               Vec2 p) {
  const Vec2 c = s.head;
  const Vec2 r = s.headRadii;
  const float mouthY = c.y + kMouthBelowHead;
  const float eyeY = c.y + kEyesBelowHead;

  if (s.facialHair != FacialHair::None && p.y > c.y) {
    const float mouthWindow = ellipseDistance(p, {c.x, mouthY + 0.004f}, {0.044f, 0.021f});
    const float jaw = intersect(subtract(ellipseDistance(p, c, {r.x + 0.008f, r.y + 0.01f}),
                                         ellipseDistance(p, {c.x, c.y - 0.035f}, {r.x + 0.004f, r.y * 0.8f})),
                                c.y - p.y);
    const float moustache =
        segmentDistance(p, {c.x - 0.032f, mouthY - 0.021f}, {c.x + 0.032f, mouthY - 0.021f}) - 0.011f;
    switch (s.facialHair) {
      case FacialHair::None: break;
      case FacialHair::Stubble: painter.fill(subtract(jaw, mouthWindow), s.hair, 0.35f); break;
      case FacialHair::Beard: painter.fill(unite(subtract(jaw, mouthWindow), moustache), s.hair); break;
      case FacialHair::Moustache: painter.fill(moustache, s.hair); break;
    }
  }

  for (const float side : {-1.f, 1.f}) {
    painter.glow(circleDistance(p, {c.x + side * 0.088f, c.y + 0.088f}, 0.022f), kBlushColour, 0.03f, palette.blush);
  }
  // Eyes, brows and glasses lie within this band.
  const bool nearEyes = std::abs(p.y - eyeY) < 0.07f;
  if (nearEyes) {
    for (const float side : {-1.f, 1.f}) {
      const Vec2 eye{c.x + side * s.eyeSpacing, eyeY};
      painter.fill(ellipseDistance(p, eye, {0.0125f, 0.0165f}), kEyeColour);
      painter.fill(circleDistance(p, eye + Vec2{0.004f, -0.0055f}, 0.0042f), kWhite);
    }
    for (const Arc& brow : g.brows) painter.fill(arcDistance(p, brow), s.brows);
  }
  painter.fill(arcDistance(p, g.nose), shade(s.skin, 0.72f));

  if (s.smile == Smile::Open) {
    const Vec2 centre{c.x, mouthY - 0.013f};
    const float mouth = intersect(circleDistance(p, centre, 0.037f), centre.y - p.y);
    painter.fill(mouth, kMouthColour);
    painter.fill(intersect(mouth, circleDistance(p, {c.x, mouthY + 0.034f}, 0.024f)), kTongueColour);
    painter.fill(intersect(mouth, p.y - (centre.y + 0.011f)), kWhite);
  } else {
    painter.fill(arcDistance(p, g.smile), kLipColour);
  }

  if (s.glasses && nearEyes) {
    constexpr float kLensRadius = 0.034f;
    constexpr float kRim = 0.0036f;
    const Vec2 left{c.x - s.eyeSpacing, eyeY};
    const Vec2 right{c.x + s.eyeSpacing, eyeY};
    const float lenses = unite(circleDistance(p, left, kLensRadius), circleDistance(p, right, kLensRadius));
    painter.fill(lenses, kWhite, 0.14f);
    float frame = outline(lenses, kRim);
    frame =
        unite(frame, segmentDistance(p, left + Vec2{kLensRadius, -0.004f}, right - Vec2{kLensRadius, 0.004f}) - kRim);
    for (const float side : {-1.f, 1.f}) {
      const Vec2 hinge{c.x + side * (s.eyeSpacing + kLensRadius), eyeY - 0.004f};
      frame = unite(frame, segmentDistance(p, hinge, {c.x + side * (r.x - 0.002f), eyeY - 0.01f}) - kRim);
    }
    painter.fill(frame, s.glassesFrame);
  }
}

Rgb paintPortraitPixel(const PortraitStyle& s, const PortraitGeometry& g, const PortraitPalette& palette, Vec2 p,
                       float pixel) {
  const PortraitShapes shapes = sharedShapes(s, p);
  PixelPainter painter(mix(s.backdrop.top, s.backdrop.bottom, p.y), pixel);
  paintBody(painter, s, g, palette, shapes, p);
  const bool onHead = nearHead(s, p);
  if (onHead) paintHead(painter, s, g, palette, p);
  if (s.hairStyle == HairStyle::Headscarf) paintHeadscarf(painter, s, p);
  if (onHead) paintFace(painter, s, g, palette, p);
  return painter.colour();
}

std::uint8_t toByte(float channel) {
  return static_cast<std::uint8_t>(std::lround(std::clamp(channel, 0.f, 1.f) * 255.f));
}

// [SECTION] share writer

constexpr int kDemoPhotoSide = 512;
constexpr int kDemoDailyCap = 3;
constexpr int kDemoJpegQuality = 88;
constexpr unsigned kMaxPhotoThreads = 8;

enum class PhotoKind { Jpeg, Png, None };

// Spread over the roster: five people without a photo, about a fifth of the rest as PNG.
PhotoKind demoPhotoKind(std::size_t index) {
  if (index % 12 == 5) return PhotoKind::None;
  if (index % 5 == 2) return PhotoKind::Png;
  return PhotoKind::Jpeg;
}

// Rendering dominates the time taken, and portraits are independent, so a few threads share them.
void writeDemoPhotos(const std::filesystem::path& photosDir, const std::vector<Employee>& roster) {
  std::vector<std::string> problems(roster.size());
  std::atomic<std::size_t> nextIndex{0};
  const auto drawAndWrite = [&] {
    for (std::size_t i = nextIndex++; i < roster.size(); i = nextIndex++) {
      const PhotoKind kind = demoPhotoKind(i);
      if (kind == PhotoKind::None) continue;
      const std::filesystem::path file = photosDir / (roster[i].id + (kind == PhotoKind::Png ? ".png" : ".jpg"));
      try {
        if (!writeImage(file, renderDemoPortrait(roster[i], kDemoPhotoSide), kDemoJpegQuality)) {
          problems[i] = "cannot write " + file.string();
        }
      } catch (const std::exception& error) {  // an exception must not escape a thread
        problems[i] = "cannot write " + file.string() + ": " + error.what();
      }
    }
  };
  {
    const unsigned threadCount = std::clamp(std::thread::hardware_concurrency(), 1u, kMaxPhotoThreads);
    std::vector<std::jthread> threads;
    for (unsigned t = 1; t < threadCount; ++t) threads.emplace_back(drawAndWrite);
    drawAndWrite();
  }  // the jthreads join here
  for (const std::string& problem : problems) {
    if (!problem.empty()) throw std::runtime_error(problem);
  }
}

void createFolder(const std::filesystem::path& folder) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) throw std::runtime_error("cannot create folder " + folder.string() + ": " + error.message());
}

// Writes next to the target and renames over it, so a kiosk reading the share never sees half a
// roster (a shortened but well-formed CSV would deactivate everyone it lost).
void writeFileAtomically(const std::filesystem::path& file, std::string_view contents) {
  const std::string error = writeFileDurably(file, contents, /*replace=*/true);
  if (!error.empty()) throw std::runtime_error("cannot write " + file.string() + ": " + error);
}

std::string rosterCsv(const std::vector<Employee>& roster) {
  std::string csv(kRosterHeader);
  csv += '\n';
  for (const Employee& employee : roster) {
    const std::array<std::string_view, 8> fields = {employee.id,
                                                    employee.displayName,
                                                    employee.department,
                                                    employee.title,
                                                    employee.site,
                                                    employee.email,
                                                    employee.active ? "yes" : "no",
                                                    employee.wallConsent ? "yes" : "no"};
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) csv += ',';
      csv += csvQuote(fields[i]);
    }
    csv += '\n';
  }
  return csv;
}

// A TOML basic string: quotes, backslashes and control characters escaped.
std::string tomlString(std::string_view text) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7F) {
      out += "\\u00";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

std::string fleetToml() {
  std::string toml =
      "# Fleet-wide settings for every Wall of Fame kiosk that reads this share.\n"
      "# Written by `wall-of-fame demo-data`; edit freely. Kiosks pick up changes on their next sync.\n"
      "\n"
      "# \"auto\": nominations go on the wall at once (HR can still hide them);\n"
      "# \"hr\": they wait in the moderation queue until HR approves them.\n"
      "moderation = \"auto\"\n"
      "\n"
      "# Nominations one person may make per day (UTC).\n"
      "daily_cap = " +
      std::to_string(kDemoDailyCap) +
      "\n"
      "\n"
      "# Shown across the top of the wall.\n"
      "banner = " +
      tomlString("Who put the customer first this week? Tap “Recognise a colleague” and tell their story.") +
      "\n"
      "\n"
      "# The behaviours people are recognised for, in display order. `key` is stable: exports and the\n"
      "# command line use it, so rename a title freely but never reuse a key for something else.\n";
  for (const Behaviour& behaviour : defaultBehaviours()) {
    toml += "\n[[behaviours]]\n";
    toml += "key = " + tomlString(behaviour.key) + "\n";
    toml += "title = " + tomlString(behaviour.title) + "\n";
    toml += "description = " + tomlString(behaviour.description) + "\n";
  }
  return toml;
}

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
// has thousands of combinations per behaviour, so a handful of draws always finds a fresh one.
std::string freshStory(DemoRandom& random, const StoryBank& bank, const Employee& nominee,
                       std::set<std::string>& told) {
  constexpr std::size_t kOpeningBytes = 48;
  std::string story;
  std::string opening;
  for (int attempt = 0; attempt < 50; ++attempt) {
    story = composeStory(random, bank, nominee);
    opening = nominee.id + '|' + story.substr(0, kOpeningBytes);
    const std::size_t length = countCodePoints(story);
    if (length >= kStoryMinDemoChars && length <= kStoryMaxDemoChars && !told.contains(story) &&
        !told.contains(opening))
      break;
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

std::string demoFleetToml() { return fleetToml(); }

std::vector<Employee> demoRoster() {
  std::vector<Employee> roster;
  roster.reserve(kDemoPeople.size());
  for (std::size_t i = 0; i < kDemoPeople.size(); ++i) {
    const DemoPerson& person = kDemoPeople[i];
    Employee employee;
    employee.id = demoEmployeeId(i);
    employee.displayName = person.displayName;
    employee.department = person.department;
    employee.title = person.title;
    employee.site = person.site;
    employee.email = std::string(person.emailLocal) + std::string(kEmailDomain);
    employee.active = true;
    employee.wallConsent = person.wallConsent;
    roster.push_back(std::move(employee));
  }
  return roster;
}

Rgba renderDemoPortrait(const Employee& employee, int size) {
  constexpr int kMaxSide = 4096;
  if (size < 1 || size > kMaxSide) {
    throw std::invalid_argument("portrait size must be 1 to " + std::to_string(kMaxSide) + " pixels, not " +
                                std::to_string(size));
  }
  const PortraitStyle style = choosePortraitStyle(employee.id);
  const PortraitGeometry geometry = shapeGeometry(style);
  const PortraitPalette palette = paletteFor(style);
  const float pixel = 1.f / static_cast<float>(size);
  const float figurePixel = pixel / kFigureZoom;
  Rgba image;
  image.width = size;
  image.height = size;
  image.pixels.resize(static_cast<std::size_t>(size) * static_cast<std::size_t>(size) * 4);
  std::size_t at = 0;
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      const Vec2 p{(static_cast<float>(x) + 0.5f) * pixel, (static_cast<float>(y) + 0.5f) * pixel};
      const Vec2 figure = kFigureAnchor + (p - kFigureAnchor) * (1 / kFigureZoom);
      const Rgb colour = paintPortraitPixel(style, geometry, palette, figure, figurePixel);
      image.pixels[at++] = toByte(colour.r);
      image.pixels[at++] = toByte(colour.g);
      image.pixels[at++] = toByte(colour.b);
      image.pixels[at++] = 255;
    }
  }
  return image;
}

void writeDemoShare(const std::filesystem::path& dir) {
  const std::filesystem::path rosterDir = dir / "roster";
  const std::filesystem::path photosDir = rosterDir / "photos";
  createFolder(photosDir);
  const std::vector<Employee> roster = demoRoster();

  // Photos first: when the roster appears, its photos are already there to import.
  writeDemoPhotos(photosDir, roster);
  writeFileAtomically(rosterDir / "employees.csv", rosterCsv(roster));
  writeFileAtomically(dir / "fleet.toml", fleetToml());
}

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
    nomination.draft.behaviourKey = kStoryBanks[plan.bank].behaviourKey;
    nomination.draft.story = freshStory(random, kStoryBanks[plan.bank], roster[plan.nominee], told);
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
