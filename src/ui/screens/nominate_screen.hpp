// The nomination wizard: who → behaviour → story → from → review → thank-you, touch only, with
// the on-screen keyboard. Layer: ui. Holds the draft in memory only (nothing half-typed reaches
// the disk); the router commits it and tells the screen how that went.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model/model.hpp"
#include "core/model/nomination_rules.hpp"
#include "ui/strings.hpp"
#include "ui/widgets/keyboard.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/touch_scroll.hpp"

namespace wof::ui {

class PhotoCache;

struct NominateView {
  const std::vector<core::Employee>& matches;        // the roster search for searchQuery()
  const std::vector<core::Behaviour>& behaviours;     // in display order
  std::optional<int> stillThereSeconds;               // set: ask "Still there?", clearing in N s
  const core::Strings& text;                          // this session's language
};

struct NominateIntent {
  bool cancel = false;  // wipe and back to the wall (also "Done" on the thank-you)
  bool submit = false;  // draft() is complete: commit it, then call submitted() or rejected()
  bool switchLanguage = false;  // the language button: the next language, for this session only
};

class NominateScreen {
 public:
  NominateIntent draw(const NominateView& view, const Theme& theme, PhotoCache& photos, double now);
  // Wipes everything typed and chosen, back to the first step.
  void reset();
  // What the current step searches the roster for ("" when it does not search).
  std::string searchQuery() const;
  core::NominationDraft draft() const;
  // The router committed the draft: show the thank-you (`published`: on the wall now, not after HR).
  void submitted(bool published);
  // A rule failed: back to the step it concerns, with the message shown there.
  void rejected(const core::RuleViolation& violation);
  bool finished() const { return m_step == Step::Thanks; }

  // For screenshots and the layout check: the wizard at `step` (0 who … 4 review, 5 thank-you)
  // as if these had been chosen and typed. `query` is what the search boxes show.
  struct Preview {
    core::Employee nominee;
    core::Behaviour behaviour;
    std::string story;
    core::Employee nominator;
    std::string whoQuery;
    std::string fromQuery;
    OnScreenKeyboard::Script keyboard = OnScreenKeyboard::Script::Latin;  // the letters shown
  };
  void preview(int step, const Preview& filled);

 private:
  enum class Step { Who, Behaviour, Story, From, Review, Thanks };

  void drawWho(const NominateView& view, const Theme& theme, PhotoCache& photos, const ImRect& area, double now);
  void drawBehaviour(const NominateView& view, const Theme& theme, const ImRect& area);
  void drawStory(const NominateView& view, const Theme& theme, const ImRect& area);
  void drawFrom(const NominateView& view, const Theme& theme, PhotoCache& photos, const ImRect& area, double now);
  void drawReview(const NominateView& view, const Theme& theme, PhotoCache& photos, const ImRect& area,
                  NominateIntent& intent);
  void drawThanks(const NominateView& view, const Theme& theme, const ImRect& area, NominateIntent& intent);
  // A search box, the matching people as photo tiles, and the keyboard. Returns the tapped person.
  std::optional<core::Employee> drawPicker(const NominateView& view, const Theme& theme, PhotoCache& photos,
                                           const ImRect& area, std::string& query, const std::string& selectedId,
                                           double now, KeyboardAction& action);
  // A–Z: tapping a letter searches for it.
  void drawAlphabet(const NominateView& view, const Theme& theme, const ImRect& area, std::string& query);
  bool canGoOn() const;
  void go(Step step);
  // The step is done: on to `next`, or back to the review when the step was opened from there.
  void advance(Step next);
  // The primary action where no keyboard is: bottom right, like Send. True when tapped or Enter.
  bool primaryButton(const Theme& theme, const ImRect& area, const std::string& label, bool enabled);
  KeyboardAction nextKey(const NominateView& view) const;
  // The inline message for this step, when a rule failed here.
  void drawViolation(const Theme& theme, ImVec2 at, float width) const;

  Step m_step = Step::Who;
  std::string m_whoQuery;
  std::optional<core::Employee> m_nominee;
  std::string m_behaviourKey;
  std::string m_behaviourTitle;
  std::string m_story;
  std::string m_fromQuery;
  std::optional<core::Employee> m_nominator;
  core::NominatorVisibility m_visibility = core::NominatorVisibility::Public;
  std::optional<core::RuleViolation> m_violation;
  Step m_violationStep = Step::Who;
  bool m_submitting = false;  // a submit is out: a second tap must not send it again
  bool m_published = false;
  bool m_returnToReview = false;  // a review row was tapped to change its step
  OnScreenKeyboard m_keyboard;
  TouchScroll m_scroll;
};

}  // namespace wof::ui
