// GPU textures for decoded photos and shaped lines of text: a move-only owner of one GL texture, and the upload step.
// Layer: platform. Call only on the thread that owns the GL context (the UI thread); decoding
// happens elsewhere (core::decodePhoto on the photo cache's worker).
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/photos/photo.hpp"

namespace wof::platform::gl {

class Texture {
 public:
  Texture() = default;
  Texture(unsigned id, int width, int height, bool mipmaps)
      : m_id(id), m_width(width), m_height(height), m_mipmaps(mipmaps) {}
  ~Texture();
  Texture(Texture&& other) noexcept;
  Texture& operator=(Texture&& other) noexcept;
  Texture(const Texture&) = delete;
  Texture& operator=(const Texture&) = delete;

  unsigned id() const { return m_id; }
  int width() const { return m_width; }
  int height() const { return m_height; }
  // GPU memory held, mipmaps included, for the caches' budgets.
  std::size_t bytes() const {
    const std::size_t base = static_cast<std::size_t>(m_width) * m_height * 4;
    return m_mipmaps ? base * 4 / 3 : base;
  }
  // What ImGui::Image and ImDrawList::AddImage take.
  void* imguiId() const { return reinterpret_cast<void*>(static_cast<std::uintptr_t>(m_id)); }

 private:
  unsigned m_id = 0;
  int m_width = 0;
  int m_height = 0;
  bool m_mipmaps = false;
};

// Uploads RGBA pixels with mipmaps and trilinear filtering (one photo is drawn at many sizes).
Texture uploadTexture(const core::Rgba& image);
// Uploads 8-bit coverage (a line of text) as white with that alpha, so that the colour ImGui
// draws it with is the text's colour. Drawn at its own size: no mipmaps.
Texture uploadCoverage(int width, int height, const std::uint8_t* coverage);

}  // namespace wof::platform::gl
