// UUIDv7 generation. Layer: core.
#include "core/util/uuid.hpp"

#include <cstdint>
#include <mutex>
#include <random>

namespace wof::core {

std::string newUuidV7(TimeMs now) {
  static std::mutex mutex;
  static std::mt19937_64 random{std::random_device{}()};
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  {
    const std::lock_guard lock(mutex);
    a = random();
    b = random();
  }
  std::uint8_t bytes[16];
  const auto ms = static_cast<std::uint64_t>(now);
  for (int i = 0; i < 6; ++i) bytes[i] = static_cast<std::uint8_t>(ms >> (40 - 8 * i));
  for (int i = 6; i < 16; ++i) bytes[i] = static_cast<std::uint8_t>((i < 14 ? a : b) >> (8 * (i % 8)));
  bytes[6] = static_cast<std::uint8_t>(0x70 | (bytes[6] & 0x0F));  // version 7
  bytes[8] = static_cast<std::uint8_t>(0x80 | (bytes[8] & 0x3F));  // variant 10
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 0x0F];
  }
  return out;
}

bool looksLikeUuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

}  // namespace wof::core
