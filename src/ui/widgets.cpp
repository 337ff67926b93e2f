// Shared drawing and input pieces for the kiosk screens. Layer: ui.
#define IMGUI_DEFINE_MATH_OPERATORS  // ImVec2 arithmetic from imgui_internal.h
#include "ui/widgets.hpp"

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>

#include "core/text.hpp"
#include "ui/text_layout.hpp"

namespace wof::ui {

namespace {

constexpr float kTapSlop = 22.0f;  // design px a finger may wander and still tap

bool hasGlyphs(ImFont* font, std::string_view utf8) {
  for (std::size_t at = 0; at < utf8.size();) {
    if (font->FindGlyphNoFallback(static_cast<ImWchar>(core::decodeUtf8(utf8, at))) == nullptr) return false;
  }
  return true;
}

bool g_ignoreTaps = false;

bool heldStill(const Theme& theme) {
  const float slop = theme.px(kTapSlop);
  return ImGui::GetIO().MouseDragMaxDistanceSqr[0] <= slop * slop;
}

}  // namespace

IgnoreTaps::IgnoreTaps() : m_previous(g_ignoreTaps) { g_ignoreTaps = true; }
IgnoreTaps::~IgnoreTaps() { g_ignoreTaps = m_previous; }
bool tapsEnabled() { return !g_ignoreTaps; }

bool tapped(const Theme& theme, const ImRect& rect) {
  const ImGuiIO& io = ImGui::GetIO();
  // Where the finger came down decides, not where the pointer is now: on a slow frame the next
  // touch's position can arrive together with this one's release.
  return !g_ignoreTaps && ImGui::IsMouseReleased(0) && heldStill(theme) && rect.Contains(io.MouseClickedPos[0]);
}

bool pressing(const Theme& theme, const ImRect& rect) {
  const ImGuiIO& io = ImGui::GetIO();
  return !g_ignoreTaps && io.MouseDown[0] && heldStill(theme) && rect.Contains(io.MouseClickedPos[0]);
}

void drawCard(ImDrawList* drawList, const Theme& theme, const ImRect& rect, ImU32 fill) {
  const float rounding = theme.px(28);
  // A soft shadow: a few widening, fainter layers below the card.
  for (int layer = 1; layer <= 3; ++layer) {
    const float spread = theme.px(2.0f * layer);
    const ImVec2 drop(0, theme.px(2.0f + 2.0f * layer));
    drawList->AddRectFilled(rect.Min + drop - ImVec2(spread, 0), rect.Max + drop + ImVec2(spread, spread),
                            theme.palette().shadow, rounding + spread);
  }
  drawList->AddRectFilled(rect.Min, rect.Max, fill, rounding);
}

void drawScrollFades(ImDrawList* drawList, const Theme& theme, const ImRect& viewport, const TouchScroll& scroll) {
  const float fade = theme.px(56);
  const ImU32 solid = theme.palette().background;
  const ImU32 clear = solid & ~IM_COL32_A_MASK;
  if (scroll.offset() > 0.5f) {
    drawList->AddRectFilledMultiColor(viewport.Min, ImVec2(viewport.Max.x, viewport.Min.y + fade), solid, solid, clear,
                                      clear);
  }
  if (scroll.moreBelow()) {
    drawList->AddRectFilledMultiColor(ImVec2(viewport.Min.x, viewport.Max.y - fade), viewport.Max, clear, clear, solid,
                                      solid);
  }
}

float pillHeight(const Theme& theme, ImFont* font) { return font->FontSize + theme.px(22); }

ImRect drawPill(ImDrawList* drawList, const Theme& theme, ImFont* font, std::string_view text, ImVec2 topLeft,
                float maxWidth, ImU32 fill, ImU32 textColour) {
  const float padding = theme.px(20);
  const TextBlock label = layoutText(font, text, maxWidth - 2 * padding, 1);
  const float height = pillHeight(theme, font);
  const ImRect rect(topLeft, topLeft + ImVec2(label.width() + 2 * padding, height));
  drawList->AddRectFilled(rect.Min, rect.Max, fill, height * 0.5f);
  drawText(drawList, label, topLeft + ImVec2(padding, (height - font->FontSize) * 0.5f), textColour);
  return rect;
}

bool button(ImDrawList* drawList, const Theme& theme, const ImRect& rect, std::string_view label, bool primary,
            bool enabled) {
  const Palette& palette = theme.palette();
  const bool down = enabled && pressing(theme, rect);
  ImU32 fill = primary ? palette.accent : palette.surface;
  ImU32 ink = primary ? palette.onAccent : palette.text;
  if (!enabled) {
    fill = palette.badge;
    ink = palette.onBadge;
  }
  const float rounding = rect.GetHeight() * 0.5f;
  const ImVec2 sink = down ? ImVec2(0, theme.px(2)) : ImVec2(0, 0);
  drawList->AddRectFilled(rect.Min + sink, rect.Max + sink, fill, rounding);
  if (down) drawList->AddRectFilled(rect.Min + sink, rect.Max + sink, IM_COL32(0, 0, 0, 28), rounding);
  if (!primary && enabled) drawList->AddRect(rect.Min + sink, rect.Max + sink, palette.divider, rounding, 0, theme.px(2));
  ImFont* font = theme.fonts().bodyBold;
  const TextBlock text = layoutText(font, label, rect.GetWidth() - theme.px(32), 1);
  drawText(drawList, text, ImVec2(rect.Min.x, rect.GetCenter().y - font->FontSize * 0.5f) + sink, ink, rect.GetWidth(),
           true);
  return enabled && tapped(theme, rect);
}

void drawField(const Theme& theme, const ImRect& rect, const std::string& text, std::string_view hint) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Palette& palette = theme.palette();
  ImFont* font = theme.fonts().lead;
  drawList->AddRectFilled(rect.Min, rect.Max, palette.surface, theme.px(18));
  drawList->AddRect(rect.Min, rect.Max, palette.accent, theme.px(18), 0, theme.px(3));
  const float pad = theme.px(28);
  const float width = rect.GetWidth() - 2 * pad - theme.px(8);
  const float y = rect.GetCenter().y - font->FontSize * 0.5f;
  if (text.empty()) {
    drawText(drawList, layoutText(font, hint, width, 1), ImVec2(rect.Min.x + pad + theme.px(8), y), palette.textMuted);
    drawList->AddRectFilled(ImVec2(rect.Min.x + pad, y), ImVec2(rect.Min.x + pad + theme.px(3), y + font->FontSize),
                            palette.accent);
    return;
  }
  // Long text shows its end, where the typing is.
  std::string shown = text;
  while (textWidth(font, shown) > width && shown.size() > 1) shown.erase(0, 1 + (shown.size() > 1 && (static_cast<unsigned char>(shown[1]) & 0xC0) == 0x80));
  while (!shown.empty() && (static_cast<unsigned char>(shown[0]) & 0xC0) == 0x80) shown.erase(0, 1);
  drawList->AddText(font, font->FontSize, ImVec2(rect.Min.x + pad, y), palette.text, shown.c_str());
  const float caretX = rect.Min.x + pad + textWidth(font, shown) + theme.px(4);
  drawList->AddRectFilled(ImVec2(caretX, y), ImVec2(caretX + theme.px(3), y + font->FontSize), palette.accent);
}

void drawAvatar(ImDrawList* drawList, const Theme& theme, PhotoCache& photos, const std::string& photoFile,
                std::string_view personId, std::string_view name, ImVec2 centre, float diameter) {
  const float radius = diameter * 0.5f;
  const int segments = std::clamp(static_cast<int>(radius * 0.6f), 32, 256);
  if (const platform::gl::Texture* texture = photos.get(photoFile)) {
    // Centre-crop to a square, then fill a finely tessellated circle with the photo.
    const float w = static_cast<float>(texture->width());
    const float h = static_cast<float>(texture->height());
    const float side = std::min(w, h);
    const ImVec2 uvMin((w - side) * 0.5f / w, (h - side) * 0.5f / h);
    const ImVec2 uvMax(1.0f - uvMin.x, 1.0f - uvMin.y);
    const ImVec2 min = centre - ImVec2(radius, radius);
    const ImVec2 max = centre + ImVec2(radius, radius);
    drawList->PushTextureID(texture->imguiId());
    const int firstVertex = drawList->VtxBuffer.Size;
    drawList->PathArcTo(centre, radius, 0.0f, IM_PI * 2.0f * (segments - 1) / segments, segments - 1);
    drawList->PathFillConvex(IM_COL32_WHITE);
    ImGui::ShadeVertsLinearUV(drawList, firstVertex, drawList->VtxBuffer.Size, min, max, uvMin, uvMax, true);
    drawList->PopTextureID();
    return;
  }
  drawList->AddCircleFilled(centre, radius, theme.avatarColour(personId), segments);
  const std::string letters = core::initials(name);
  // The smallest bold font at least as big as the letters should be, drawn scaled down; the
  // capitals-only font for big avatars when it has the letters.
  const float size = diameter * 0.36f;
  const Fonts& fonts = theme.fonts();
  ImFont* font = hasGlyphs(fonts.initials, letters) ? fonts.initials : fonts.display;
  for (ImFont* candidate : {fonts.display, fonts.heading, fonts.bodyBold}) {
    if (candidate->FontSize >= size) font = candidate;
  }
  const ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, 0.0f, letters.c_str());
  drawList->AddText(font, size, centre - extent * 0.5f, IM_COL32_WHITE, letters.c_str());
}

std::string formatDay(core::TimeMs t) {
  using namespace std::chrono;
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const year_month_day day{floor<days>(sys_time<milliseconds>(milliseconds(t)))};
  return std::to_string(static_cast<unsigned>(day.day())) + " " + kMonths[static_cast<unsigned>(day.month()) - 1] +
         " " + std::to_string(static_cast<int>(day.year()));
}

std::string departmentAndSite(const std::string& department, const std::string& site) {
  if (department.empty() || site.empty()) return department + site;
  return department + " \u00B7 " + site;
}

std::string nominatedBy(const core::WallStory& story) {
  return "\u2014 nominated by " + (story.nominatorName.empty() ? std::string("a colleague") : story.nominatorName);
}

std::string quotedStory(const core::WallStory& story) {
  return "\u201C" + std::string(core::trim(story.story)) + "\u201D";
}

}  // namespace wof::ui
