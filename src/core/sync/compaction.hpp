// Compaction: each kiosk packs its own old journal segments into one sealed file a month, and
// removes the small ones a week later, so the share holds files in proportion to months, not to
// publishes. Layer: core/sync. See README.md "The shared folder", Packs.
//
// Only the owning install writes in its folder, under the sync lock, so nothing here races with
// another writer. Every step leaves a valid share:
//   1. announce: the pack's number is taken in the store (so publishing continues after it)
//      before anything is written; a crash here leaves an unused number.
//   2. write: the pack is put in place like a segment (temporary name, fsync, exclusive link or
//      rename, fsync of the folder): a reader or a replication engine sees all of it or nothing.
//   3. seal: the store records the pack as on the share. A crash between 2 and 3 is settled on
//      the next run by reading the pack back.
//   4. remove (kPackedSegmentsKeptMs later): the segments the pack holds are unlinked one by one;
//      a crash part-way leaves some of them, removed on the next run. A reader that still lists
//      one finds it gone, and reads the pack.
// A pack is named and read like a segment (`<n>-<install>.jsonl`, its trailer adds "covers"), so
// every version of the program imports it; its events are applied once whatever file carries them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/sync/journal.hpp"
#include "core/sync/sync.hpp"

namespace wof::core {

// How long the segments a pack holds stay beside it: kiosks that sync meanwhile import them as
// usual and never need the pack's body twice, and a replicated share (Syncthing) has days to carry
// the pack to every site before the files it replaces go. A kiosk offline for longer imports the
// pack instead: nothing depends on this delay for correctness.
inline constexpr TimeMs kPackedSegmentsKeptMs = 7LL * 24 * 3600 * 1000;
// A pack is split before it grows past either: it stays far below a reader's kMaxSegmentBytes, and
// one is read and applied in well under a second.
inline constexpr std::size_t kMaxPackEvents = 50'000;
inline constexpr std::size_t kMaxPackBytes = 16u * 1024u * 1024u;

struct OwnPack {
  std::int64_t segment = 0;
  SegmentRange covers;
  TimeMs sealedAt = 0;   // 0: announced (its number taken), not yet known to be on the share
  bool cleared = false;  // the segments it holds are gone from the share
  bool operator==(const OwnPack&) const = default;
};

// What this install knows of its own packs (kept in the store between syncs).
struct PackState {
  std::int64_t lastSegment = 0;    // the last number this install used; a pack takes the next
  std::int64_t packedThrough = 0;  // every segment of this install numbered up to here is in a pack
  TimeMs nextPass = 0;             // when to look for a month to pack next (the next month's start)
  // Packs whose segments may still be on the share, and every pack numbered after packedThrough
  // (a later pack's range must never include one).
  std::vector<OwnPack> packs;
  bool operator==(const PackState&) const = default;
};

std::string encodePackState(const PackState& state);
// A missing or damaged record reads as no packs yet: the next pass packs again from the start,
// and readers apply each event once whatever file carries it.
PackState decodePackState(std::string_view text);

// Whether compactJournalFolder has anything to do at `now` (no call on the share).
bool compactionDue(const PackState& state, TimeMs now);

// Called with the state after each change that must be durable before the next step on the share.
using PackStatePersist = std::function<void(const PackState&)>;
// Called after each step ("announced", "written", "sealed", "removed", "cleared"): the crash tests
// kill the process there.
using CompactionObserver = std::function<void(std::string_view step)>;

// Runs whatever is due in `folder` (journal/<kiosk>/, this install's `tag`): settles a pack a crash
// interrupted, packs each whole month before `now`'s (UTC) not packed yet, and removes the segments
// of packs sealed kPackedSegmentsKeptMs ago. Problems land in report.skipped; counts in
// report.packsWritten, segmentsPacked and segmentsRemoved.
void compactJournalFolder(const std::filesystem::path& folder, std::string_view kiosk, std::string_view tag, TimeMs now,
                          PackState& state, const PackStatePersist& persist, SyncReport& report,
                          const CompactionObserver& afterStep = {});

// compactJournalFolder for this kiosk's own folder, its state kept in the store (meta
// "journal_packs", with "journal_segment"). syncWithShare calls it before publishing new events.
// `usedThrough`: a segment number already taken on the share that the store does not know of (an
// unreadable segment of this install found by recovery).
void compactOwnJournal(Store& store, const std::filesystem::path& shareDir, TimeMs now, SyncReport& report,
                       const CompactionObserver& afterStep = {}, std::int64_t usedThrough = 0);

}  // namespace wof::core
