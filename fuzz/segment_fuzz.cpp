// Fuzz target: the journal segment reader (parseSegment), as found on the share and, with the
// same bytes sealed under a valid trailer, down to the event lines behind the checksum.
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "core/sync/journal.hpp"
#include "fuzz_check.hpp"

using namespace wof::core;

namespace {

constexpr std::string_view kKiosk = "lobby-1";

// A segment that parsed must come back unchanged through the writer and the reader.
void checkRoundTrip(const SegmentParse& parse, std::int64_t segment) {
  if (!parse.ok()) {
    WOF_FUZZ_CHECK(parse.events.empty());
    return;
  }
  const SegmentParse again = parseSegment(encodeSegment(kKiosk, segment, parse.events), kKiosk, segment);
  WOF_FUZZ_CHECK(again.ok());
  WOF_FUZZ_CHECK(again.events.size() == parse.events.size());
  for (std::size_t i = 0; i < parse.events.size(); ++i) {
    const JournalEvent& a = parse.events[i];
    const JournalEvent& b = again.events[i];
    WOF_FUZZ_CHECK(a.id == b.id && a.kiosk == b.kiosk && a.seq == b.seq && a.hlc == b.hlc && a.type == b.type &&
                   a.payload == b.payload);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  checkRoundTrip(parseSegment(bytes, kKiosk, 7), 7);

  // The same bytes as the body of a sealed segment, so mutations reach the event lines.
  std::string body(bytes);
  if (!body.empty() && body.back() != '\n') body += '\n';
  std::size_t lines = 0;
  for (const char c : body) lines += c == '\n' ? 1 : 0;
  char checksum[17];
  std::snprintf(checksum, sizeof checksum, "%016llx", static_cast<unsigned long long>(fnv1a64(body)));
  const std::string sealed = body + R"({"trailer":{"kiosk":"lobby-1","segment":3,"count":)" + std::to_string(lines) +
                             R"(,"fnv1a64":")" + checksum + "\"}}\n";
  const SegmentParse parse = parseSegment(sealed, kKiosk, 3);
  if (parse.ok()) WOF_FUZZ_CHECK(parse.events.size() == lines);
  checkRoundTrip(parse, 3);
  return 0;
}
