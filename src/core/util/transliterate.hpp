// A name's reading in Latin letters, for people who search from a Latin keyboard ("dmitrij" finds
// Дмитрий, "wang" finds 王秀英). Layer: core (util). ICU does the work; this hides it.
#pragma once

#include <string>
#include <string_view>

namespace wof::core {

// ICU's "Any-Latin; Latin-ASCII" reading of UTF-8 `text`: Νίκος -> "Nikos", Дмитрий -> "Dmitrij",
// 王秀英 -> "wang xiu ying". ASCII text comes back as it is without touching ICU. Safe from any
// thread; the transliterator is built once, on first use (it takes milliseconds to build).
std::string latinReading(std::string_view text);

}  // namespace wof::core
