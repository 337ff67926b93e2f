// A kiosk for sync specs: its own data dir and SQLite file, pointing at a shared temp share, with
// a clock offset. Several live in one test process.
#pragma once

#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/reports/report_csv.hpp"
#include "core/storage/store.hpp"
#include "core/sync/sync.hpp"
#include "support/test_support.hpp"

namespace wof::test {

inline constexpr core::Period kAllTime{std::numeric_limits<core::TimeMs>::min(),
                                       std::numeric_limits<core::TimeMs>::max()};

using core::ModerationPolicy;
using core::NominationDraft;
using core::NominatorVisibility;
using core::ReportRow;
using core::SegmentParse;
using core::Store;
using core::SubmitOutcome;
using core::SyncOptions;
using core::SyncReport;
using core::TimeMs;

struct TestKiosk {
  std::string id;
  std::filesystem::path dataDir;
  std::filesystem::path shareDir;
  TimeMs skew = 0;
  std::unique_ptr<Store> store;

  TestKiosk(const std::filesystem::path& root, std::string kioskId, std::filesystem::path share, TimeMs clockSkew = 0, bool withRoster = true)
      : id(std::move(kioskId)), dataDir(root / id), shareDir(std::move(share)), skew(clockSkew) {
    std::filesystem::create_directories(dataDir);
    store = std::make_unique<Store>(dataDir / "kiosk.db", id);
    if (withRoster) store->replaceRoster(sampleRoster());
  }
  SyncOptions options() const {
    SyncOptions options;
    options.shareDir = shareDir;
    options.dataDir = dataDir;
    options.photosDir = dataDir / "photos";
    options.version = "test";
    return options;
  }
  SyncReport sync(TimeMs now) { return core::syncWithShare(*store, options(), now + skew); }
  // The name of this install's segment `n` in its journal folder.
  std::string segment(std::int64_t n) const { return core::segmentFileName(n, core::installTag(store->installId())); }
  std::filesystem::path segmentPath(std::int64_t n) const { return shareDir / "journal" / id / segment(n); }
  SegmentParse readSegment(std::int64_t n) const {
    return core::parseSegment(readFile(segmentPath(n)), id, n, core::installTag(store->installId()));
  }
  std::optional<std::string> nominate(const std::string& nominee, TimeMs now, std::optional<std::string> from = "E2",
                                      ModerationPolicy moderation = ModerationPolicy::Auto) {
    NominationDraft draft{nominee, "real-face", kGoodStory + " (" + id + ")", from,
                          from ? NominatorVisibility::Public : NominatorVisibility::Anonymous};
    const SubmitOutcome outcome = store->submitNomination(draft, now + skew, {moderation, 1000});
    if (!outcome.nomination) return std::nullopt;
    return outcome.nomination->id;
  }
  std::string csv() { return core::exportNominationsCsv(*store, kAllTime); }
  std::vector<std::string> nominationIds() {
    std::vector<std::string> ids;
    for (const ReportRow& row : store->reportRows({kAllTime, "", ""}, true)) ids.push_back(row.nominationId);
    return ids;
  }
};

}  // namespace wof::test
