// The words on the kiosk screens in one language, read from assets/strings/<language>.toml (flat
// `key = "text"` pairs with {placeholders}; a [section]'s keys are "section.key"). Layer: core, so it is tested without a display.
// A key missing from a language falls back to English, and a key missing everywhere shows itself.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace wof::core {

class Strings {
 public:
  // Reads <dir>/en.toml and then <dir>/<language>.toml over it. Throws std::runtime_error naming
  // the file when one cannot be read or parsed (a missing language file is an error too).
  static Strings load(const std::filesystem::path& dir, std::string_view language);

  const std::string& language() const { return m_language; }
  // The text for `key`, or `key` itself when no file has it.
  std::string operator()(std::string_view key) const;
  // The text for `key`, or `fallback` when no file has it (words that come from the data, such as
  // HR's behaviour titles, translated where a language file offers a translation).
  std::string orDefault(std::string_view key, std::string_view fallback) const;
  // The text with each {name} replaced by its value.
  std::string format(std::string_view key,
                     std::initializer_list<std::pair<std::string_view, std::string_view>> values) const;

 private:
  std::string m_language;
  std::map<std::string, std::string, std::less<>> m_text;
};

}  // namespace wof::core
