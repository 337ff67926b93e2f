// Compaction of a kiosk's own journal folder. Layer: core/sync. See compaction.hpp.
#include "core/sync/compaction.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>

#include "core/model/hlc.hpp"

namespace wof::core {

namespace fs = std::filesystem;

namespace {

using nlohmann::json;

constexpr std::string_view kPackStateKey = "journal_packs";
// After a pass that stopped at an unreadable segment: try again this much later, not every sync.
constexpr TimeMs kRetryPassMs = 3600 * 1000;

// The first instant of the UTC month holding `at`, and of the month after. Packs follow UTC months:
// the boundary only groups files, nothing a person sees depends on it.
TimeMs monthStart(TimeMs at, int monthsLater = 0) {
  using namespace std::chrono;
  const year_month_day day{floor<days>(sys_time<milliseconds>(milliseconds(at)))};
  const year_month month = year_month(day.year(), day.month()) + months(monthsLater);
  return duration_cast<milliseconds>(sys_days(month / 1).time_since_epoch()).count();
}

struct OwnFile {
  std::int64_t segment = 0;
  fs::path path;
};

// This install's segments (and packs) in its folder, by number. False when the folder cannot be listed.
bool listOwn(const fs::path& folder, std::string_view tag, std::vector<OwnFile>& files, SyncReport& report,
             std::string_view shown) {
  std::error_code error;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    const JournalEntry entry = classifyJournalName(it->path().filename().string());
    if (entry.kind == JournalEntryKind::Segment && entry.install == tag) files.push_back({entry.segment, it->path()});
  }
  if (error) {
    report.skipped.push_back({std::string(shown), "cannot list for packing: " + error.message() + " (tried again later)"});
    return false;
  }
  std::sort(files.begin(), files.end(), [](const OwnFile& a, const OwnFile& b) { return a.segment < b.segment; });
  return true;
}

std::string shownName(std::string_view kiosk, const fs::path& file) {
  return "journal/" + std::string(kiosk) + "/" + file.filename().string();
}

struct Compactor {
  const fs::path& folder;
  std::string_view kiosk;
  std::string_view tag;
  TimeMs now;
  PackState& state;
  const PackStatePersist& persist;
  SyncReport& report;
  const CompactionObserver& afterStep;

  void step(std::string_view name) const {
    if (afterStep) afterStep(name);
  }

  SegmentParse parse(const std::vector<std::uint8_t>& bytes, std::int64_t segment) const {
    return parseSegment(asText(bytes), kiosk, segment, tag);
  }
  SegmentParse read(const fs::path& file, std::int64_t segment) const {
    const FileBytes bytes = readRegularFile(file, kMaxSegmentBytes);
    if (!bytes.bytes) return SegmentParse{{}, {}, {}, bytes.error};
    return parse(*bytes.bytes, segment);
  }

  // A pack announced before a crash: sealed if it is on the share whole, forgotten if it never got
  // there (its number stays used; its segments are packed again). False: not known yet (the share
  // could not be read), nothing else is done this time.
  bool settleAnnounced() {
    bool changed = false;
    for (auto it = state.packs.begin(); it != state.packs.end();) {
      if (it->sealedAt != 0) {
        ++it;
        continue;
      }
      const fs::path file = folder / segmentFileName(it->segment, tag);
      struct stat info {};
      if (::lstat(file.c_str(), &info) != 0) {
        if (errno != ENOENT) {
          report.skipped.push_back({shownName(kiosk, file), std::string("cannot check an unfinished pack: ") +
                                                                std::strerror(errno) + " (tried again later)"});
          return false;
        }
        it = state.packs.erase(it);
      } else if (const FileBytes bytes = readRegularFile(file, kMaxSegmentBytes); !bytes.bytes) {
        report.skipped.push_back({shownName(kiosk, file), "cannot check an unfinished pack: " + bytes.error +
                                                              " (tried again later)"});
        return false;
      } else if (const SegmentParse parsed = parse(*bytes.bytes, it->segment);
                 parsed.ok() && parsed.covers == it->covers) {
        it->sealedAt = now;
        state.packedThrough = std::max(state.packedThrough, it->covers.last);
        ++it;
      } else {
        // A pack is put in place whole or not at all: this file is something else (damage, or a
        // file that held the name first). It is left as it is; the months are packed again.
        report.skipped.push_back({shownName(kiosk, file), "not the pack this kiosk began to write there (" +
                                                              (parsed.ok() ? "other segments" : parsed.error) +
                                                              "); its months are packed again under a new number"});
        it = state.packs.erase(it);
      }
      changed = true;
    }
    if (changed) persist(state);
    return true;
  }

  // Writes one pack of `events` (segments covers.first..covers.last). False when it could not be.
  bool writePack(const std::vector<JournalEvent>& events, SegmentRange covers, int segments) {
    OwnPack pack{++state.lastSegment, covers, 0, false};
    state.packs.push_back(pack);
    persist(state);
    step("announced");
    const fs::path file = folder / segmentFileName(pack.segment, tag);
    if (const std::string problem = writeFileDurably(file, encodeSegment(kiosk, pack.segment, events, tag, covers));
        !problem.empty()) {
      report.skipped.push_back({shownName(kiosk, file), "pack not written: " + problem + " (tried again later)"});
      return false;
    }
    step("written");
    state.packs.back().sealedAt = now;
    state.packedThrough = covers.last;
    persist(state);
    step("sealed");
    ++report.packsWritten;
    report.segmentsPacked += segments;
    return true;
  }

  // Packs this install's segments whose events all fall before this month, a pack per month.
  void packOldMonths() {
    std::vector<OwnFile> files;
    if (!listOwn(folder, tag, files, report, "journal/" + std::string(kiosk))) {
      state.nextPass = now + kRetryPassMs;
      persist(state);
      return;
    }
    std::set<std::int64_t> packNumbers;
    for (const OwnPack& pack : state.packs) packNumbers.insert(pack.segment);
    const TimeMs thisMonth = monthStart(now);
    std::vector<JournalEvent> events;
    std::size_t bytes = 0;
    SegmentRange covers;
    int segments = 0;
    TimeMs groupMonth = 0;
    bool complete = true;
    const auto flush = [&] {
      if (segments == 0) return true;
      const bool written = writePack(events, covers, segments);
      events.clear();
      bytes = 0;
      segments = 0;
      if (!written) {
        state.nextPass = now + kRetryPassMs;
        persist(state);
      }
      return written;
    };
    for (const OwnFile& file : files) {
      if (file.segment <= state.packedThrough || packNumbers.count(file.segment)) continue;
      SegmentParse parsed = read(file.path, file.segment);
      if (!parsed.ok()) {
        report.skipped.push_back({shownName(kiosk, file.path), parsed.error + "; packing stops before it (tried again "
                                                                              "later)"});
        complete = false;
        break;
      }
      if (parsed.covers || parsed.events.empty()) continue;  // a pack the state lost: never packed again
      const TimeMs newest = HybridClock::physicalPart(parsed.events.back().hlc);
      if (newest >= thisMonth) break;  // this month's: packed next month
      const TimeMs month = monthStart(newest);
      std::error_code sizeError;
      const std::uintmax_t fileSize = fs::file_size(file.path, sizeError);
      const std::size_t size = sizeError ? 0 : static_cast<std::size_t>(fileSize);
      // A pack's range never spans another pack's number: a reader skips unread what a range covers.
      const bool packBetween = segments > 0 && packNumbers.upper_bound(covers.last) != packNumbers.end() &&
                               *packNumbers.upper_bound(covers.last) < file.segment;
      if (segments > 0 && (month != groupMonth || packBetween || events.size() + parsed.events.size() > kMaxPackEvents ||
                           bytes + size > kMaxPackBytes)) {
        if (!flush()) return;
      }
      if (segments == 0) {
        covers.first = file.segment;
        groupMonth = month;
      }
      covers.last = file.segment;
      ++segments;
      bytes += size;
      for (JournalEvent& event : parsed.events) events.push_back(std::move(event));
    }
    if (!flush()) return;
    state.nextPass = complete ? monthStart(now, 1) : now + kRetryPassMs;
    persist(state);
  }

  // Removes the segments of packs sealed long enough ago.
  void removePacked() {
    std::vector<OwnPack*> due;
    for (OwnPack& pack : state.packs)
      if (pack.sealedAt != 0 && !pack.cleared && now - pack.sealedAt >= kPackedSegmentsKeptMs) due.push_back(&pack);
    if (due.empty()) return;
    std::vector<OwnFile> files;
    if (!listOwn(folder, tag, files, report, "journal/" + std::string(kiosk))) return;
    std::set<std::int64_t> packNumbers;
    for (const OwnPack& pack : state.packs) packNumbers.insert(pack.segment);
    for (OwnPack* pack : due) {
      bool all = true;
      for (const OwnFile& file : files) {
        if (!pack->covers.contains(file.segment) || packNumbers.count(file.segment)) continue;
        if (::unlink(file.path.c_str()) != 0 && errno != ENOENT) {
          report.skipped.push_back({shownName(kiosk, file.path), std::string("packed, but cannot be removed: ") +
                                                                     std::strerror(errno) + " (tried again later)"});
          all = false;
          continue;
        }
        ++report.segmentsRemoved;
        step("removed");
      }
      pack->cleared = all;
    }
    // Forgotten once cleared, unless a later pack's range could still reach its number.
    std::erase_if(state.packs, [&](const OwnPack& pack) { return pack.cleared && pack.segment <= state.packedThrough; });
    persist(state);
    step("cleared");
  }
};

}  // namespace

std::string encodePackState(const PackState& state) {
  json packs = json::array();
  for (const OwnPack& pack : state.packs)
    packs.push_back({pack.segment, pack.covers.first, pack.covers.last, pack.sealedAt, pack.cleared});
  return json{{"last_segment", state.lastSegment},
              {"packed_through", state.packedThrough},
              {"next_pass", state.nextPass},
              {"packs", packs}}
      .dump();
}

PackState decodePackState(std::string_view text) {
  PackState state;
  const json value = json::parse(text, nullptr, false);
  if (value.is_discarded() || !value.is_object()) return state;
  const auto integer = [&](const char* key) {
    const auto it = value.find(key);
    return it != value.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
  };
  state.lastSegment = integer("last_segment");
  state.packedThrough = integer("packed_through");
  state.nextPass = integer("next_pass");
  if (const auto packs = value.find("packs"); packs != value.end() && packs->is_array())
    for (const json& pack : *packs)
      if (pack.is_array() && pack.size() == 5 && pack[0].is_number_integer() && pack[1].is_number_integer() &&
          pack[2].is_number_integer() && pack[3].is_number_integer() && pack[4].is_boolean())
        state.packs.push_back({pack[0].get<std::int64_t>(),
                               {pack[1].get<std::int64_t>(), pack[2].get<std::int64_t>()},
                               pack[3].get<TimeMs>(),
                               pack[4].get<bool>()});
  return state;
}

bool compactionDue(const PackState& state, TimeMs now) {
  if (now >= state.nextPass) return true;
  return std::any_of(state.packs.begin(), state.packs.end(), [&](const OwnPack& pack) {
    return pack.sealedAt == 0 || (!pack.cleared && now - pack.sealedAt >= kPackedSegmentsKeptMs);
  });
}

void compactJournalFolder(const fs::path& folder, std::string_view kiosk, std::string_view tag, TimeMs now,
                          PackState& state, const PackStatePersist& persist, SyncReport& report,
                          const CompactionObserver& afterStep) {
  if (tag.empty() || !compactionDue(state, now)) return;
  Compactor compactor{folder, kiosk, tag, now, state, persist, report, afterStep};
  if (!compactor.settleAnnounced()) return;
  if (now >= state.nextPass) compactor.packOldMonths();
  compactor.removePacked();
}

void compactOwnJournal(Store& store, const fs::path& shareDir, TimeMs now, SyncReport& report,
                       const CompactionObserver& afterStep, std::int64_t usedThrough) {
  PackState state = decodePackState(store.meta(kPackStateKey).value_or(""));
  // Publishing moves the last number on; the store's figure is the one in force.
  state.lastSegment = std::max({state.lastSegment, store.lastPublishedSegment(), usedThrough});
  if (!compactionDue(state, now)) return;
  const PackStatePersist persist = [&store](const PackState& changed) {
    store.setMetas({{"journal_segment", std::to_string(changed.lastSegment)},
                    {std::string(kPackStateKey), encodePackState(changed)}});
  };
  compactJournalFolder(shareDir / "journal" / store.kioskId(), store.kioskId(), installTag(store.installId()), now,
                       state, persist, report, afterStep);
}

}  // namespace wof::core
