// Spec: journal segments: format, trailer checks, file names a reader may touch, durable writes.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/sync/journal.hpp"
#include "core/util/uuid.hpp"
#include "support/test_support.hpp"

using namespace wof::core;
using namespace wof::test;

namespace {

std::vector<JournalEvent> sampleEvents(int count) {
  std::vector<JournalEvent> events;
  for (int i = 1; i <= count; ++i)
    events.push_back({newUuidV7(kNow + i), "lobby-1", i, static_cast<std::uint64_t>(kNow + i) << 16, "applause",
                      R"({"count":)" + std::to_string(i) + R"(,"id":"x"})"});
  return events;
}

}  // namespace

TEST_CASE("FNV-1a 64 matches the published test vectors") {
  CHECK(fnv1a64("") == 0xcbf29ce484222325ull);
  CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cull);
  CHECK(fnv1a64("foobar") == 0x85944171f73967e8ull);
}

TEST_CASE("a segment round-trips: one event per line, then a trailer") {
  const std::vector<JournalEvent> events = sampleEvents(3);
  const std::string bytes = encodeSegment("lobby-1", 7, events);
  CHECK(std::count(bytes.begin(), bytes.end(), '\n') == 4);
  CHECK(bytes.find("\"trailer\"") != std::string::npos);
  const SegmentParse parsed = parseSegment(bytes, "lobby-1", 7);
  REQUIRE_MESSAGE(parsed.ok(), parsed.error);
  REQUIRE(parsed.events.size() == 3);
  CHECK(parsed.events[1].id == events[1].id);
  CHECK(parsed.events[1].seq == 2);
  CHECK(parsed.events[1].hlc == events[1].hlc);
  CHECK(parsed.events[1].payload == events[1].payload);
}

TEST_CASE("a segment without a whole, matching trailer is rejected with a reason") {
  const std::string bytes = encodeSegment("lobby-1", 2, sampleEvents(5));
  SUBCASE("truncated anywhere") {
    for (std::size_t cut : {std::size_t{0}, std::size_t{1}, bytes.size() / 2, bytes.size() - 2, bytes.size() - 1}) {
      CAPTURE(cut);
      CHECK_FALSE(parseSegment(bytes.substr(0, cut), "lobby-1", 2).ok());
    }
  }
  SUBCASE("one bit flipped in an event line") {
    std::string flipped = bytes;
    flipped[40] = static_cast<char>(flipped[40] ^ 0x04);
    const SegmentParse parsed = parseSegment(flipped, "lobby-1", 2);
    CHECK_FALSE(parsed.ok());
    CHECK(parsed.events.empty());
  }
  SUBCASE("renamed to another kiosk or another number") {
    CHECK(parseSegment(bytes, "lobby-2", 2).error.find("kiosk") != std::string::npos);
    CHECK(parseSegment(bytes, "lobby-1", 3).error.find("segment") != std::string::npos);
  }
  SUBCASE("an event line claiming another kiosk") {
    std::vector<JournalEvent> events = sampleEvents(1);
    events[0].kiosk = "lobby-9";
    CHECK_FALSE(parseSegment(encodeSegment("lobby-1", 1, events), "lobby-1", 1).ok());
  }
}

TEST_CASE("an event line that is too long or nests too deeply is refused before it is parsed") {
  std::vector<JournalEvent> events = sampleEvents(2);
  SUBCASE("deep: the payload would be written back out recursively") {
    events[1].payload = R"({"x":)" + std::string(kMaxEventJsonDepth, '[') + std::string(kMaxEventJsonDepth, ']') + "}";
    CHECK(parseSegment(encodeSegment("lobby-1", 1, events), "lobby-1", 1).error ==
          "line 2: nests deeper than 16 levels");
  }
  SUBCASE("brackets inside a string are text, not nesting") {
    events[1].payload = R"({"story":")" + std::string(100, '[') + R"(\"{"})";
    CHECK(parseSegment(encodeSegment("lobby-1", 1, events), "lobby-1", 1).ok());
  }
  SUBCASE("long") {
    events[0].payload = R"({"story":")" + std::string(kMaxEventLineBytes, 's') + R"("})";
    CHECK(parseSegment(encodeSegment("lobby-1", 1, events), "lobby-1", 1).error ==
          "line 1: is 65 KiB; an event is at most 64 KiB");
  }
}

TEST_CASE("journal names: segments, claims and everything a reader must skip") {
  CHECK(classifyJournalName("1.jsonl").kind == JournalEntryKind::Segment);
  CHECK(classifyJournalName("42.jsonl").segment == 42);
  CHECK(classifyJournalName("owner.json").kind == JournalEntryKind::Claim);
  CHECK(classifyJournalName(".wof-tmp-3.jsonl-123").kind == JournalEntryKind::OwnTemp);
  CHECK(classifyJournalName(".syncthing.3.jsonl.tmp").kind == JournalEntryKind::SyncthingTemp);
  CHECK(classifyJournalName("3.sync-conflict-20261124-101010-ABCDEFG.jsonl").kind == JournalEntryKind::Conflict);
  CHECK(classifyJournalName(".nfs000000000123abcd").kind == JournalEntryKind::NfsLeftover);
  CHECK(classifyJournalName("3.jsonl.part").kind == JournalEntryKind::OtherTemp);
  for (const char* odd : {"0.jsonl", "007.jsonl", "+7.jsonl", "-1.jsonl", ".jsonl", "7.json", "..", "a.jsonl",
                          "99999999999999999999.jsonl"}) {
    CAPTURE(odd);
    CHECK(classifyJournalName(odd).kind == JournalEntryKind::Unknown);
  }
}

TEST_CASE("durable writes leave a whole file, never replace a sealed one, and clean up on failure") {
  TempDir dir;
  const auto file = dir / "1.jsonl";
  CHECK(writeFileDurably(file, "first\n").empty());
  CHECK(readFile(file) == "first\n");
  CHECK(writeFileDurably(file, "second\n").find("never rewritten") != std::string::npos);
  CHECK(readFile(file) == "first\n");
  CHECK(writeFileDurably(file, "second\n", true).empty());
  CHECK(readFile(file) == "second\n");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 1);

  if (::geteuid() != 0) {  // root ignores permissions
    std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
    CHECK_FALSE(writeFileDurably(dir / "2.jsonl", "x").empty());
    std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_all);
  }
}

namespace {
std::string checksum(const std::string& body) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a64(body)));
  return hex;
}
}  // namespace

TEST_CASE("a payload not written as the writer writes it is read in the writer's form, so a round trip changes nothing") {
  const std::string id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a00";
  for (const std::string& payload :
       {std::string(R"({"count":1,"nomination":"x"})"), std::string(R"({"nomination":"x","count":1})"),
        std::string(R"({ "count" : 1 })"), std::string(R"({"a":"\/ \u0041 \u00e9"})"), std::string(R"({"f":1.50})"),
        std::string(R"({"n":-0})"), std::string(R"({"c":"\u001f\u000a"})"), std::string(R"({"c":"\u001F"})"),
        std::string(R"({"deep":{"a":[1,2]}})"), std::string(R"({"a\"b":1,"a":2})"), std::string(R"({"a\n":1,"a!":2})"),
        std::string(R"({"a!":1,"a\n":2})")}) {
    CAPTURE(payload);
    const std::string body = R"({"id":")" + id + R"(","kiosk":"lobby-1","seq":1,"hlc":5,"type":"t","payload":)" +
                             payload + "}\n";
    const std::string segment = body + R"({"trailer":{"kiosk":"lobby-1","segment":7,"count":1,"fnv1a64":")" +
                                checksum(body) + "\"}}\n";
    const SegmentParse first = parseSegment(segment, "lobby-1", 7);
    REQUIRE_MESSAGE(first.ok(), first.error);
    CHECK(first.events[0].payload == nlohmann::json::parse(payload).dump());
    const SegmentParse again = parseSegment(encodeSegment("lobby-1", 7, first.events), "lobby-1", 7);
    REQUIRE(again.ok());
    CHECK(again.events[0].payload == first.events[0].payload);
  }
}
