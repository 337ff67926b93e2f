// The wall: the kiosk's home and attract loop. A header (Hall of Fame, language), filter chips,
// a spotlight carousel of recent stories, the month's Customer Champions pinned above a
// touch-scrolled grid of the people recognised this period.
// Layer: ui. Draws from a read-only view of the stories and returns what a person asked for.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model/model.hpp"
#include "ui/strings.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/touch_scroll.hpp"

namespace wof::ui {

class PhotoCache;

struct WallView {
  const std::vector<core::WallStory>& stories;        // newest first, already filtered
  const std::vector<core::RecognisedPerson>& people;  // already filtered
  const std::vector<core::Winner>& champions;         // pinned at the top; often empty
  const std::vector<core::Behaviour>& behaviours;     // one chip each, in display order
  const std::vector<std::string>& departments;        // one chip each
  const core::WallFilter& filter;                     // what the chips show as chosen
  int days = 90;                                      // how far back the wall looks
  const core::Strings& text;                          // this session's language
  std::string_view banner = {};                       // fleet.toml's line for every wall; empty: none
  // For IT, small in the bottom-left corner: a kiosk or the share silent for long (fleet.toml's
  // show_silence_marker); empty: none.
  std::string_view silenceMarker = {};
};

struct WallIntent {
  std::optional<std::string> openPerson;  // employee id: show their story wall
  bool nominate = false;                  // "Recognise a colleague": open the wizard
  bool hallOfFame = false;
  bool switchLanguage = false;             // the next language, for this session only
  std::optional<core::WallFilter> filter;  // a chip was tapped: show this instead
};

class WallScreen {
 public:
  // `spotlightSeconds`: how long each story rests before the next slides in; 0: no slide.
  // `clipCards` false: every person's tile is laid out and submitted each frame, not only those in
  // view (bench/run's anchor for the cost of a frame; never on a kiosk).
  explicit WallScreen(double spotlightSeconds = 8, bool clipCards = true)
      : m_spotlightSeconds(spotlightSeconds), m_clipCards(clipCards) {}
  // Draws over the whole display into the current ImGui window.
  WallIntent draw(const WallView& view, const Theme& theme, PhotoCache& photos, double now);
  // Seconds until the wall may want a frame on its own (the carousel's next step or slide
  // frame, a coasting grid, the burn-in drift's next check); 0 while the grid coasts.
  double secondsUntilWake(double now) const;
  // Why the wall needs a frame now without any input, or nullptr when what is on screen is still
  // right: "slide", "scroll" or "drift".
  const char* frameReason(double now) const;
  // Something moves by itself (a screenshot waits for it to stop).
  bool animating() const { return m_carousel.animating() || m_peopleScroll.animating(); }
  // Back to the first story, the top of the grid and the first chips.
  void reset(double now);
  // The filter changed: the carousel and the grid start from their beginning.
  void restart(double now);

 private:
  // A continuous position along the stories: the card at round(position) rests in view.
  // A slide has a fixed length and pace (few frames on a software renderer), eased out.
  struct Carousel {
    double position = 0;
    double target = 0;
    double slideFrom = 0;   // where the running slide started
    double slideStart = 0;  // and when
    double lastStep = 0;    // when it last moved, by itself or by a finger
    double lastFrame = 0;   // when a frame of the running slide was last drawn
    bool dragging = false;
    float dragStartX = 0;
    double dragStartPosition = 0;

    void update(const ImRect& area, float pitch, int count, double now, double restSeconds);
    void slideTo(double to, double now);
    // Sliding on its own (a resting finger needs no frames: its moves bring their own).
    bool animating() const { return !dragging && position != target; }
  };
  // The chip strip scrolls sideways under a finger when the chips are wider than the screen.
  struct ChipStrip {
    float offset = 0;
    bool dragging = false;
    float dragStartX = 0;
    float dragStartOffset = 0;
    bool reveal = false;  // bring the chosen chips into sight on the next frame
  };

  float drawHeader(const WallView& view, const Theme& theme, ImVec2 drift, WallIntent& intent);
  // Returns the bottom of the banner, or `top` when there is none.
  float drawBanner(const WallView& view, const Theme& theme, float top, ImVec2 drift);
  void drawSilenceMarker(const WallView& view, const Theme& theme, ImVec2 drift);
  float drawChips(const WallView& view, const Theme& theme, float top, ImVec2 drift, WallIntent& intent);
  void drawSpotlight(const WallView& view, const Theme& theme, PhotoCache& photos, const ImRect& area, double now,
                     WallIntent& intent);
  // Returns how much of the top of `area` the champions took.
  float drawChampions(const WallView& view, const Theme& theme, PhotoCache& photos, const ImRect& area,
                      WallIntent& intent);
  void drawPeople(const WallView& view, const Theme& theme, PhotoCache& photos, const ImRect& area, double now,
                  WallIntent& intent);

  ImVec2 driftAt(double now) const;

  double m_spotlightSeconds;
  bool m_clipCards;
  Carousel m_carousel;
  ChipStrip m_chips;
  TouchScroll m_peopleScroll;
  int m_storyCount = 0;
  float m_pixel = 1;     // theme.px(1) as last drawn, for the drift between frames
  ImVec2 m_drawnDrift;   // the burn-in drift the last frame was drawn with
};

}  // namespace wof::ui
