// GPU textures for decoded photos and shaped text: upload and release. Layer: platform (GL thread only).
#define GL_GLEXT_PROTOTYPES 1
#include <GL/glcorearb.h>

#include "platform/texture.hpp"

#include <utility>
#include <vector>

namespace wof::platform::gl {

Texture::~Texture() {
  if (m_id != 0) glDeleteTextures(1, &m_id);
}

Texture::Texture(Texture&& other) noexcept
    : m_id(std::exchange(other.m_id, 0)), m_width(other.m_width), m_height(other.m_height), m_mipmaps(other.m_mipmaps) {}

Texture& Texture::operator=(Texture&& other) noexcept {
  if (this != &other) {
    if (m_id != 0) glDeleteTextures(1, &m_id);
    m_id = std::exchange(other.m_id, 0);
    m_width = other.m_width;
    m_height = other.m_height;
    m_mipmaps = other.m_mipmaps;
  }
  return *this;
}

namespace {

// One RGBA8 texture of tightly packed rows, clamped at its edges; trilinear with mipmaps, or
// linear at its own size.
Texture upload(int width, int height, const void* rgba, bool mipmaps) {
  GLuint id = 0;
  glGenTextures(1, &id);
  glBindTexture(GL_TEXTURE_2D, id);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, mipmaps ? GL_LINEAR_MIPMAP_LINEAR : GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
  if (mipmaps) glGenerateMipmap(GL_TEXTURE_2D);
  glBindTexture(GL_TEXTURE_2D, 0);
  return Texture(id, width, height, mipmaps);
}

}  // namespace

Texture uploadTexture(const core::Rgba& image) {
  return upload(image.width, image.height, image.pixels.data(), true);
}

Texture uploadCoverage(int width, int height, const std::uint8_t* coverage) {
  std::vector<std::uint8_t> rgba(static_cast<std::size_t>(width) * height * 4, 0xFF);
  for (std::size_t i = 0, n = static_cast<std::size_t>(width) * height; i < n; ++i) rgba[i * 4 + 3] = coverage[i];
  return upload(width, height, rgba.data(), false);
}


}  // namespace wof::platform::gl
