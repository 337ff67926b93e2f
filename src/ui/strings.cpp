// Screen words per language from TOML. Layer: core.
#include "ui/strings.hpp"

#include <stdexcept>

#include <toml++/toml.h>

namespace wof::core {

namespace {

void readInto(const std::filesystem::path& file, std::map<std::string, std::string, std::less<>>& text) {
  toml::table table;
  try {
    table = toml::parse_file(file.string());
  } catch (const toml::parse_error& error) {
    throw std::runtime_error(file.string() + ": " + std::string(error.description()));
  }
  // A [section]'s keys read as "section.key" (the admin screen's words live in [admin]).
  for (const auto& [key, value] : table) {
    if (const auto* string = value.as_string()) text[std::string(key.str())] = string->get();
    if (const auto* section = value.as_table()) {
      for (const auto& [inner, innerValue] : *section) {
        if (const auto* string = innerValue.as_string())
          text[std::string(key.str()) + "." + std::string(inner.str())] = string->get();
      }
    }
  }
}

}  // namespace

Strings Strings::load(const std::filesystem::path& dir, std::string_view language) {
  Strings strings;
  strings.m_language = language;
  readInto(dir / "en.toml", strings.m_text);
  if (language != "en") readInto(dir / (std::string(language) + ".toml"), strings.m_text);
  return strings;
}

std::string Strings::operator()(std::string_view key) const {
  const auto found = m_text.find(key);
  return found == m_text.end() ? std::string(key) : found->second;
}

std::string Strings::orDefault(std::string_view key, std::string_view fallback) const {
  const auto found = m_text.find(key);
  return found == m_text.end() ? std::string(fallback) : found->second;
}

std::string Strings::format(std::string_view key,
                            std::initializer_list<std::pair<std::string_view, std::string_view>> values) const {
  std::string text = (*this)(key);
  for (const auto& [name, value] : values) {
    const std::string placeholder = "{" + std::string(name) + "}";
    for (std::size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size())) {
      text.replace(at, placeholder.size(), value);
    }
  }
  return text;
}

}  // namespace wof::core
