// The demo portrait painter: shapes as signed distances, colours, a style per person, and the
// layers painted back to front onto each pixel. Same id, same picture, on every machine.
// Layer: demo.
//
// Index of this file:
//   [SECTION] portraits: geometry   Vec2, distance functions to circles, boxes, arcs, and blends
//   [SECTION] portraits: colour     Rgb, skin tones, hair, clothes and background palettes
//   [SECTION] portraits: style      PortraitStyle chosen from a hash of the id, its geometry
//   [SECTION] portraits: painting   PixelPainter and the layers: hair, body, neck, head, face
//   [SECTION] public API            renderDemoPortrait
#include "demo/demo_portraits.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numbers>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "demo/demo_random.hpp"

namespace wof::core {
namespace {

using namespace demo_detail;

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

}  // namespace

// [SECTION] public API

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

}  // namespace wof::core
