// Latin readings of names through ICU. Layer: core (util).
#include "core/util/transliterate.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace wof::core {

std::string latinReading(std::string_view text) {
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return std::string(text);
  // One transliterator for the process: building it parses ICU's rule tables. transliterate() is
  // not safe to call from two threads at once on one instance, hence the mutex (indexing is rare).
  static std::mutex mutex;
  static const std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> created(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !created)
      throw std::runtime_error(std::string("ICU transliterator Any-Latin; Latin-ASCII: ") + u_errorName(status));
    return created;
  }();
  icu::UnicodeString unicode =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<std::int32_t>(text.size())));
  {
    const std::lock_guard lock(mutex);
    transliterator->transliterate(unicode);
  }
  std::string out;
  unicode.toUTF8String(out);
  return out;
}

}  // namespace wof::core
