// Shared drawing and input pieces for the kiosk screens. Layer: ui.
#define IMGUI_DEFINE_MATH_OPERATORS  // ImVec2 arithmetic from imgui_internal.h
#include "ui/widgets/widgets.hpp"

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>

#include "core/util/clock.hpp"
#include "core/util/text.hpp"
#include "ui/photo_cache.hpp"
#include "ui/widgets/text_layout.hpp"

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
  // A soft shadow: a few widening, fainter layers below the card. The card is opaque, so each
  // layer is drawn only as the band that shows around it (a thick outline reaching just under the
  // card): filling whole layers under it tripled the pixels a card costs, which a software
  // renderer pays for on every frame.
  for (int layer = 1; layer <= 3; ++layer) {
    const float spread = theme.px(2.0f * layer);
    const ImVec2 drop(0, theme.px(2.0f + 2.0f * layer));
    const ImRect shadow(rect.Min + drop - ImVec2(spread, 0), rect.Max + drop + ImVec2(spread, spread));
    const float band = drop.y + spread + 1.0f;
    if (shadow.GetWidth() <= 2 * band || shadow.GetHeight() <= 2 * band) {
      drawList->AddRectFilled(shadow.Min, shadow.Max, theme.palette().shadow, rounding + spread);
      continue;
    }
    const ImVec2 inset(band * 0.5f, band * 0.5f);
    drawList->AddRect(shadow.Min + inset, shadow.Max - inset, theme.palette().shadow, rounding + spread - band * 0.5f, 0,
                      band);
  }
  drawList->AddRectFilled(rect.Min, rect.Max, fill, rounding);
  auditBox(drawList, rect);
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
  auditBox(drawList, rect);
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
  auditBox(drawList, ImRect(rect.Min + sink, rect.Max + sink));
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
  auditBox(drawList, rect);
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
  drawLabel(drawList, font, font->FontSize, ImVec2(rect.Min.x + pad, y), palette.text, shown);
  const float caretX = rect.Min.x + pad + textWidth(font, shown) + theme.px(4);
  drawList->AddRectFilled(ImVec2(caretX, y), ImVec2(caretX + theme.px(3), y + font->FontSize), palette.accent);
}

void drawAvatar(ImDrawList* drawList, const Theme& theme, PhotoCache& photos, const std::string& photoFile,
                std::string_view personId, std::string_view name, ImVec2 centre, float diameter) {
  const float radius = diameter * 0.5f;
  auditBox(drawList, ImRect(centre - ImVec2(radius, radius), centre + ImVec2(radius, radius)));
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
  const ImVec2 extent = labelSize(font, size, letters);
  drawLabel(drawList, font, size, centre - extent * 0.5f, IM_COL32_WHITE, letters);
}

void drawChampionCard(const Theme& theme, PhotoCache& photos, const core::Winner& champion, std::string_view heading,
                      const ImRect& rect, bool pressed) {
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const Fonts& fonts = theme.fonts();
  const Palette& palette = theme.palette();
  drawCard(drawList, theme, rect, pressed ? palette.surfacePressed : palette.championSurface);
  const float pad = theme.px(22);
  const float avatar = rect.GetHeight() - 2 * pad;
  const ImVec2 centre(rect.Min.x + pad + avatar * 0.5f, rect.GetCenter().y);
  // The badge: a gold ring round the photo and a medal with a star at its foot.
  drawList->AddCircleFilled(centre, avatar * 0.5f, palette.champion, 64);
  drawAvatar(drawList, theme, photos, champion.photoFile, champion.employeeId, champion.displayName, centre,
             avatar - theme.px(10));
  const float medal = theme.px(44);
  const ImVec2 medalAt = centre + ImVec2(avatar * 0.34f, avatar * 0.34f);
  drawList->AddCircleFilled(medalAt, medal * 0.5f, palette.championSurface, 32);
  drawList->AddCircleFilled(medalAt, medal * 0.5f - theme.px(3), palette.champion, 32);
  ImFont* star = fonts.bodyBold;
  const float starWidth = textWidth(star, "\u2605");
  drawLabel(drawList, star, star->FontSize, medalAt - ImVec2(starWidth, star->FontSize) * 0.5f, palette.onChampion,
            "\u2605");

  // Beside it: "Customer Champion · November 2026", the name, the citation.
  const float textX = rect.Min.x + pad + avatar + theme.px(28);
  const float width = rect.Max.x - pad - textX;
  const TextBlock label = layoutText(fonts.small, heading, width, 1);
  const TextBlock name = layoutText(fonts.bodyBold, champion.displayName, width, 1);
  const std::string citationText =
      champion.citation.empty() ? departmentAndSite(champion.department, champion.site) : champion.citation;
  const float gap = theme.px(6);
  const float room = rect.GetHeight() - 2 * pad - label.height() - name.height() - 2 * gap;
  const TextBlock probe{fonts.small, {}, false};
  const int lines = std::max(1, static_cast<int>((room - fonts.small->FontSize) / probe.lineHeight()) + 1);
  const TextBlock citation = layoutText(fonts.small, citationText, width, std::min(lines, 3));
  const float height = label.height() + gap + name.height() + gap + citation.height();
  float y = rect.GetCenter().y - height * 0.5f;
  drawText(drawList, label, ImVec2(textX, y), palette.onChampion);
  y += label.height() + gap;
  drawText(drawList, name, ImVec2(textX, y), palette.text);
  y += name.height() + gap;
  drawText(drawList, citation, ImVec2(textX, y), palette.textMuted);
}

float chipWidth(const Theme& theme, std::string_view label) {
  return textWidth(theme.fonts().body, label) + theme.px(56);
}

bool chip(ImDrawList* drawList, const Theme& theme, const ImRect& rect, std::string_view label, bool chosen) {
  const Palette& palette = theme.palette();
  const bool down = pressing(theme, rect);
  const float rounding = rect.GetHeight() * 0.5f;
  drawList->AddRectFilled(rect.Min, rect.Max, chosen ? palette.accent : down ? palette.surfacePressed : palette.surface,
                          rounding);
  if (!chosen) drawList->AddRect(rect.Min, rect.Max, palette.divider, rounding, 0, theme.px(2));
  auditBox(drawList, rect);
  ImFont* font = theme.fonts().body;
  const TextBlock text = layoutText(font, label, rect.GetWidth() - theme.px(40), 1);
  drawText(drawList, text, ImVec2(rect.Min.x, rect.GetCenter().y - font->FontSize * 0.5f),
           chosen ? palette.onAccent : palette.text, rect.GetWidth(), true);
  return tapped(theme, rect);
}

std::string formatWhen(core::TimeMs t, core::TimeMs now, const core::TimeZone& zone, const core::Strings& text) {
  const int daysAgo = zone.daysBetween(t, now);
  if (daysAgo <= 0) return text("today");  // a later stamp: another kiosk's clock runs ahead
  if (daysAgo == 1) return text("yesterday");
  if (daysAgo < 7) return text.format("days_ago", {{"n", std::to_string(daysAgo)}});
  const core::LocalDate day = zone.date(t);
  if (day.year == zone.date(now).year)
    return text.format("day_month_format",
                       {{"day", std::to_string(day.day)}, {"month", text("month_" + std::to_string(day.month))}});
  return text.format("day_format", {{"day", std::to_string(day.day)},
                                    {"month", text("month_short_" + std::to_string(day.month))},
                                    {"year", std::to_string(day.year)}});
}

std::string formatMonth(std::string_view period, const core::Strings& text) {
  const std::optional<core::Period> month = core::parseMonthUtc(period);
  if (!month) return std::string(period);
  using namespace std::chrono;
  const year_month_day day{floor<days>(sys_time<milliseconds>(milliseconds(month->from)))};
  return text.format("month_format", {{"month", text("month_" + std::to_string(static_cast<unsigned>(day.month())))},
                                      {"year", std::to_string(static_cast<int>(day.year()))}});
}

std::string behaviourName(const core::Strings& text, std::string_view key, std::string_view title) {
  return text.orDefault("behaviour_" + std::string(key), title);
}

std::string nominatedBy(const core::WallStory& story, const core::Strings& text) {
  return text.format("nominated_by",
                     {{"name", story.nominatorName.empty() ? text("a_colleague") : story.nominatorName}});
}

std::string formatDay(core::TimeMs t, const core::TimeZone& zone) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const core::LocalDate day = zone.date(t);
  return std::to_string(day.day) + " " + kMonths[day.month - 1] + " " + std::to_string(day.year);
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
