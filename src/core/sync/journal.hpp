// Journal segments on the share: `journal/<kiosk-id>/<segment>-<install>.jsonl`, one sealed file
// per publish. <install> (kInstallTagLength hex digits) is this installation's tag: a name that
// two installs cannot both write, on any file system and through any replication engine (two
// cloned kiosks under one kiosk id, a rebuilt kiosk whose old files are still arriving). Names of
// the first format, `<segment>.jsonl`, are still read.
// Layer: core/sync. Pure encoding/decoding plus the durable write (temp name, fsync, rename,
// fsync of the folder) and the rules for which names in a journal folder a reader may touch.
//
// Format (UTF-8, one JSON object per line, '\n' line ends):
//   {"id":"<uuidv7>","kiosk":"lobby-1","seq":12,"hlc":123456,"type":"applause","payload":{...}}
//   ... one line per event ...
//   {"trailer":{"count":2,"fnv1a64":"89abcdef01234567","install":"3f2a9c0b1d4e","kiosk":"lobby-1","segment":3}}
// ("install" only in names that carry it.)
// A pack (see compaction.hpp) is a segment like any other, numbered in its install's sequence,
// whose trailer also says which of that install's earlier segments it holds whole:
//   {"trailer":{"count":812,"covers":[41,176],"fnv1a64":"...","install":"...","kiosk":"lobby-1","segment":177}}
// A reader that does not know "covers" (an older version) imports it as one more segment: every
// event in it is already known or new, and applied once either way.
// The checksum is FNV-1a 64 over every byte before the trailer line (the event lines with their
// '\n'), written as 16 lower-case hex digits. A file without a whole, matching trailer is not a
// segment yet: readers skip it and try again on the next sync.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/events.hpp"
#include "core/util/files.hpp"

namespace wof::core {


inline constexpr std::size_t kMaxSegmentBytes = 64u * 1024u * 1024u;
// One event is a few KiB at most (a story is 1000 characters); a longer or deeper line is hostile
// and is refused before it is parsed, so it cannot cost memory or stack.
inline constexpr std::size_t kMaxEventLineBytes = 64u * 1024u;
inline constexpr int kMaxEventJsonDepth = 16;
inline constexpr std::string_view kSegmentExtension = ".jsonl";
// The file in a kiosk's journal folder that says which install owns the kiosk id.
inline constexpr std::string_view kClaimFileName = "owner.json";

inline constexpr std::size_t kInstallTagLength = 12;
// The tag of an installation in segment names: the last kInstallTagLength hex digits of its
// install id (its random part), lower case.
std::string installTag(std::string_view installId);

// The numbers of the earlier segments of the same install that a pack holds: every one numbered
// first..last that is not itself a pack.
struct SegmentRange {
  std::int64_t first = 0;
  std::int64_t last = 0;
  bool contains(std::int64_t segment) const { return first <= segment && segment <= last; }
  bool operator==(const SegmentRange&) const = default;
};

// `install` empty: a segment of the first format (no tag in its name or trailer). `covers`: a pack.
std::string encodeSegment(std::string_view kiosk, std::int64_t segment, const std::vector<JournalEvent>& events,
                          std::string_view install = {}, std::optional<SegmentRange> covers = std::nullopt);

struct SegmentParse {
  std::vector<JournalEvent> events;
  std::string checksum;  // the trailer's fnv1a64, when whole
  std::optional<SegmentRange> covers;  // a pack: the segments it holds
  std::string error;     // empty when the segment is whole and valid
  bool ok() const { return error.empty(); }
};
// Checks the trailer (kiosk, segment number, install tag, count, checksum) and every event line.
SegmentParse parseSegment(std::string_view bytes, std::string_view expectedKiosk, std::int64_t expectedSegment,
                          std::string_view expectedInstall = {});

// What a name inside `journal/<kiosk-id>/` is.
enum class JournalEntryKind {
  Segment,        // <digits>-<install tag>.jsonl, or <digits>.jsonl (first format)
  Claim,          // owner.json
  OwnTemp,        // .wof-tmp-*: our own half-written file
  SyncthingTemp,  // .syncthing.*.tmp
  Conflict,       // *.sync-conflict-*: Syncthing kept the other content of one name here
  NfsLeftover,    // .nfs*
  OtherTemp,      // *.tmp, *.part, ~*
  Unknown,
};
struct JournalEntry {
  JournalEntryKind kind = JournalEntryKind::Unknown;
  std::int64_t segment = 0;  // for Segment, and for a Conflict copy of one (0: of something else)
  std::string install;       // the tag in the name; empty in the first format
};
JournalEntry classifyJournalName(std::string_view name);
// Why a reader skips this kind, for reports ("Syncthing temporary file").
std::string_view describeSkip(JournalEntryKind kind);

std::string segmentFileName(std::int64_t segment, std::string_view install = {});

}  // namespace wof::core
