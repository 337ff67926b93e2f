// The wall: the kiosk's home and attract loop. A header, a spotlight carousel of recent stories
// and a touch-scrolled grid of the people recognised this period.
// Layer: ui. Draws from a read-only view of the stories and returns what a person asked for.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/strings.hpp"
#include "ui/photo_cache.hpp"
#include "ui/theme.hpp"
#include "ui/touch_scroll.hpp"

namespace wof::ui {

struct WallView {
  const std::vector<core::WallStory>& stories;  // newest first
  const std::vector<core::RecognisedPerson>& people;
  int days = 90;           // how far back the wall looks
  core::TimeMs since = 0;  // the period's first day
  const core::Strings* text = nullptr;  // the kiosk's language
};

struct WallIntent {
  std::optional<std::string> openPerson;  // employee id: show their story wall
  bool nominate = false;                  // "Recognise a colleague": open the wizard
};

class WallScreen {
 public:
  // Draws over the whole display into the current ImGui window.
  WallIntent draw(const WallView& view, const Theme& theme, PhotoCache& photos, double now);
  // Seconds until the wall changes on its own (the carousel's next step); 0 while it animates.
  double secondsUntilChange(double now) const;
  // Back to the first story and the top of the grid.
  void reset(double now);

 private:
  // A continuous position along the stories: the card at round(position) rests in view.
  struct Carousel {
    double position = 0;
    double target = 0;
    double lastStep = 0;  // when it last moved, by itself or by a finger
    double lastUpdate = 0;
    bool dragging = false;
    float dragStartX = 0;
    double dragStartPosition = 0;

    void update(const ImRect& area, float pitch, int count, double now);
    // Sliding on its own (a resting finger needs no frames: its moves bring their own).
    bool animating() const { return !dragging && position != target; }
  };

  void drawSpotlight(const WallView& view, const Theme& theme, PhotoCache& photos, const ImRect& area, double now,
                     WallIntent& intent);
  void drawPeople(const WallView& view, const Theme& theme, PhotoCache& photos, const ImRect& area, double now,
                  WallIntent& intent);

  Carousel m_carousel;
  TouchScroll m_peopleScroll;
  int m_storyCount = 0;
};

}  // namespace wof::ui
