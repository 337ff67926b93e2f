// Journal segments: encoding, validation, names. Layer: core/sync. (The durable write is
// core/util/files.)
#include "core/sync/journal.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>
#include <nlohmann/json.hpp>

#include "core/util/flat_json.hpp"
#include "core/util/uuid.hpp"

namespace wof::core {

namespace {

using nlohmann::json;

std::string hex64(std::uint64_t value) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

bool endsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}


// How deeply arrays and objects nest in a JSON text (brackets inside strings do not count).
int jsonDepth(std::string_view text) {
  int depth = 0;
  int deepest = 0;
  bool inString = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (inString) {
      if (c == '\\') ++i;
      else if (c == '"') inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

// Reads one JSON string at `i` (its opening quote) as nlohmann::json::dump() writes strings:
// only the escapes it makes (\" \\ \b \f \n \r \t, \u00xx for other control characters). `out`
// is the value: a view of `text` when it has no escape (nearly always), else decoded into `scratch`.
bool readDumpedString(std::string_view text, std::size_t& i, std::string& scratch, std::string_view& out) {
  if (i >= text.size() || text[i] != '"') return false;
  const std::size_t start = ++i;
  std::size_t stop = start;
  while (stop < text.size() && text[stop] != '"' && text[stop] != '\\') ++stop;
  if (stop == text.size()) return false;
  if (text[stop] == '"') {
    out = text.substr(start, stop - start);
    i = stop + 1;
    return true;
  }
  scratch.assign(text.substr(start, stop - start));
  for (i = stop; i < text.size();) {
    const char c = text[i];
    if (c == '"') {
      ++i;
      out = scratch;
      return true;
    }
    if (c != '\\') {
      scratch += c;
      ++i;
      continue;
    }
    if (i + 1 >= text.size()) return false;
    const char e = text[i + 1];
    const std::string_view shortForms = "\"\\bfnrt", decoded = "\"\\\b\f\n\r\t";
    if (const std::size_t k = shortForms.find(e); k != std::string_view::npos) {
      scratch += decoded[k];
      i += 2;
      continue;
    }
    // \u00xx, lower-case hex, for a control character without a short form.
    if (e != 'u' || i + 6 > text.size() || text.substr(i + 2, 2) != "00") return false;
    const std::string_view hex = text.substr(i + 4, 2);
    const char* digits = "0123456789abcdef";
    const std::size_t hi = std::string_view(digits).find(hex[0]), lo = std::string_view(digits).find(hex[1]);
    if (hi > 1 || lo == std::string_view::npos) return false;
    const char control = static_cast<char>(hi * 16 + lo);
    if (decoded.find(control) != std::string_view::npos) return false;  // has a short form
    scratch += control;
    i += 6;
  }
  return false;
}

// True when `object`, a valid JSON object, is exactly what nlohmann::json::dump() writes for it:
// no spaces, keys in byte order and unique, strings escaped as it escapes them, integers only. A
// payload kept as written must equal the one the writer would write, so a segment read and
// written again comes back unchanged.
bool isDumpedFlatObject(std::string_view object) {
  if (object == "{}") return true;
  std::size_t i = 1;
  // Two scratch strings for keys, so the previous key's view stays valid while the next is read.
  thread_local std::string keyScratch[2], valueScratch;
  std::string_view previous, key, value;
  for (int n = 0;; ++n) {
    if (!readDumpedString(object, i, keyScratch[n % 2], key) || (n > 0 && !(previous < key))) return false;
    previous = key;
    if (i >= object.size() || object[i++] != ':' || i >= object.size()) return false;
    const char c = object[i];
    if (c == '"') {
      if (!readDumpedString(object, i, valueScratch, value)) return false;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      const std::size_t start = i;
      if (c == '-') ++i;
      while (i < object.size() && object[i] >= '0' && object[i] <= '9') ++i;
      // At most 18 digits: well inside 64 bits, where nlohmann keeps the integer as written.
      if (object.substr(start, i - start) == "-0" || i - start > 18) return false;
    } else if (object.substr(i, 4) == "true" || object.substr(i, 4) == "null") {
      i += 4;
    } else if (object.substr(i, 5) == "false") {
      i += 5;
    } else {
      return false;  // a fraction, an exponent, a nested value: let nlohmann write it
    }
    if (i < object.size() && object[i] == ',') {
      ++i;
      continue;
    }
    return i + 1 == object.size() && object[i] == '}';
  }
}

// One event line -> JournalEvent, or an error naming the line.
std::optional<std::string> readEventLine(std::string_view line, std::size_t lineNumber, std::string_view kiosk,
                                         JournalEvent& event) {
  const auto where = [lineNumber] { return "line " + std::to_string(lineNumber) + ": "; };
  // Before parsing: a huge line would cost its size several times over, and nesting thousands
  // deep would exhaust the stack when the payload is written back out.
  if (line.size() > kMaxEventLineBytes)
    return where() + "is " + std::to_string((line.size() + 1023) / 1024) + " KiB; an event is at most " +
           std::to_string(kMaxEventLineBytes / 1024) + " KiB";
  // Read without a document tree (the payload is a flat object on every event this program writes);
  // anything deeper goes to nlohmann::json, once its depth is known to be safe.
  thread_local FlatJson value;
  if (!value.parseFlat(line)) {
    if (jsonDepth(line) > kMaxEventJsonDepth)
      return where() + "nests deeper than " + std::to_string(kMaxEventJsonDepth) + " levels";
    if (!value.parse(line)) return where() + "not a JSON object";
  }
  const std::string_view* id = value.text("id");
  const std::string_view* eventKiosk = value.text("kiosk");
  const std::string_view* type = value.text("type");
  if (!id || !looksLikeUuid(*id)) return where() + "missing or malformed \"id\"";
  if (!eventKiosk || *eventKiosk != kiosk) return where() + "\"kiosk\" does not match the folder '" + std::string(kiosk) + "'";
  if (!type || type->empty()) return where() + "missing \"type\"";
  const FlatJson::Member* seq = value.find("seq");
  const FlatJson::Member* hlc = value.find("hlc");
  const FlatJson::Member* payload = value.find("payload");
  if (!seq || seq->kind != FlatJson::Kind::Integer || seq->integer < 1) return where() + "bad \"seq\"";
  // Stamps are stored as SQLite integers: at most 2^63 - 1 (Integer means it fits), never negative.
  if (!hlc || hlc->kind != FlatJson::Kind::Integer || hlc->integer < 0) return where() + "bad \"hlc\"";
  if (!payload || payload->kind != FlatJson::Kind::Nested || payload->text.empty() || payload->text.front() != '{')
    return where() + "\"payload\" is not an object";
  event.id = *id;
  event.kiosk = *eventKiosk;
  event.seq = seq->integer;
  event.hlc = static_cast<std::uint64_t>(hlc->integer);
  event.type = *type;
  // Kept as written when that is what the writer writes (always, for segments this program wrote);
  // otherwise in the writer's form, so reading and writing a segment again changes nothing.
  event.payload = isDumpedFlatObject(payload->text) ? std::string(payload->text)
                                                    : json::parse(payload->text).dump();
  return std::nullopt;
}

}  // namespace

// [SECTION] encode and parse

std::string installTag(std::string_view installId) {
  std::string tag;
  for (auto it = installId.rbegin(); it != installId.rend() && tag.size() < kInstallTagLength; ++it) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(*it)));
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) tag.insert(tag.begin(), c);
  }
  return tag;
}

std::string encodeSegment(std::string_view kiosk, std::int64_t segment, const std::vector<JournalEvent>& events,
                          std::string_view install, std::optional<SegmentRange> covers) {
  std::string body;
  for (const JournalEvent& event : events) {
    json line = {{"id", event.id},     {"kiosk", event.kiosk}, {"seq", event.seq},
                 {"hlc", event.hlc},   {"type", event.type},   {"payload", json::parse(event.payload)}};
    body += line.dump();
    body += '\n';
  }
  json trailer = {{"trailer",
                   {{"kiosk", kiosk}, {"segment", segment}, {"count", events.size()}, {"fnv1a64", hex64(fnv1a64(body))}}}};
  if (!install.empty()) trailer["trailer"]["install"] = install;
  if (covers) trailer["trailer"]["covers"] = {covers->first, covers->last};
  body += trailer.dump();
  body += '\n';
  return body;
}

SegmentParse parseSegment(std::string_view bytes, std::string_view expectedKiosk, std::int64_t expectedSegment,
                          std::string_view expectedInstall) {
  SegmentParse result;
  if (bytes.empty()) {
    result.error = "empty file (still being copied?)";
    return result;
  }
  if (bytes.back() != '\n') {
    result.error = "no trailer: the file is truncated or still being copied";
    return result;
  }
  const std::size_t trailerStart = bytes.find_last_of('\n', bytes.size() - 2);
  const std::size_t bodySize = trailerStart == std::string_view::npos ? 0 : trailerStart + 1;
  const std::string_view body = bytes.substr(0, bodySize);
  const std::string_view trailerLine = bytes.substr(bodySize, bytes.size() - 1 - bodySize);

  const json trailerJson = json::parse(trailerLine, nullptr, false);
  const json* trailer = nullptr;
  if (!trailerJson.is_discarded() && trailerJson.is_object()) {
    const auto it = trailerJson.find("trailer");
    if (it != trailerJson.end() && it->is_object()) trailer = &*it;
  }
  if (!trailer) {
    result.error = "no trailer: the file is truncated or still being copied";
    return result;
  }
  const auto kiosk = trailer->find("kiosk");
  const auto segment = trailer->find("segment");
  const auto count = trailer->find("count");
  const auto checksum = trailer->find("fnv1a64");
  if (kiosk == trailer->end() || !kiosk->is_string() || segment == trailer->end() || !segment->is_number_integer() ||
      count == trailer->end() || !count->is_number_unsigned() || checksum == trailer->end() ||
      !checksum->is_string()) {
    result.error = "malformed trailer";
    return result;
  }
  if (kiosk->get<std::string>() != expectedKiosk) {
    result.error = "trailer names kiosk '" + kiosk->get<std::string>() + "', not the folder's '" +
                   std::string(expectedKiosk) + "'";
    return result;
  }
  if (segment->get<std::int64_t>() != expectedSegment) {
    result.error = "trailer says segment " + std::to_string(segment->get<std::int64_t>()) + ", the file name says " +
                   std::to_string(expectedSegment);
    return result;
  }
  const auto install = trailer->find("install");
  const std::string installed = install != trailer->end() && install->is_string() ? install->get<std::string>() : "";
  if (installed != expectedInstall) {
    result.error = "trailer says install '" + installed + "', the file name says '" + std::string(expectedInstall) + "'";
    return result;
  }
  if (const auto covers = trailer->find("covers"); covers != trailer->end()) {
    // Only a tagged install packs, and only segments numbered before the pack itself.
    if (!covers->is_array() || covers->size() != 2 || !(*covers)[0].is_number_integer() ||
        !(*covers)[1].is_number_integer() || installed.empty()) {
      result.error = "malformed trailer: \"covers\" is not [first, last]";
      return result;
    }
    const SegmentRange range{(*covers)[0].get<std::int64_t>(), (*covers)[1].get<std::int64_t>()};
    if (range.first < 1 || range.first > range.last || range.last >= expectedSegment) {
      result.error = "malformed trailer: a pack numbered " + std::to_string(expectedSegment) + " cannot hold segments " +
                     std::to_string(range.first) + " to " + std::to_string(range.last);
      return result;
    }
    result.covers = range;
  }
  if (checksum->get<std::string>() != hex64(fnv1a64(body))) {
    result.error = "checksum mismatch: the file is damaged or incomplete";
    return result;
  }
  result.checksum = checksum->get<std::string>();

  // The trailer's count, as far as the body could hold it (the count is not trusted yet).
  result.events.reserve(std::min(count->get<std::size_t>(), body.size() / 64));
  std::size_t lineNumber = 0;
  std::size_t position = 0;
  while (position < body.size()) {
    const std::size_t end = body.find('\n', position);
    const std::string_view line = body.substr(position, end - position);
    position = end + 1;
    ++lineNumber;
    JournalEvent event;
    if (auto problem = readEventLine(line, lineNumber, expectedKiosk, event)) {
      result.error = *problem;
      result.events.clear();
      return result;
    }
    result.events.push_back(std::move(event));
  }
  if (result.events.size() != count->get<std::size_t>()) {
    result.error = "trailer counts " + std::to_string(count->get<std::size_t>()) + " events, the file holds " +
                   std::to_string(result.events.size());
    result.events.clear();
  }
  return result;
}

// [SECTION] names

namespace {

// "<digits>" or "<digits>-<tag>" (the name without ".jsonl"), canonical only: "007" or "+7" would
// let two names mean one segment.
std::optional<JournalEntry> parseSegmentStem(std::string_view stem) {
  std::string_view digits = stem, install;
  if (const std::size_t dash = stem.find('-'); dash != std::string_view::npos) {
    digits = stem.substr(0, dash);
    install = stem.substr(dash + 1);
    if (install.size() != kInstallTagLength ||
        !std::all_of(install.begin(), install.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }))
      return std::nullopt;
  }
  std::int64_t segment = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), segment);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() || segment < 1 ||
      digits.front() == '0' || digits.size() > 18)
    return std::nullopt;
  return JournalEntry{JournalEntryKind::Segment, segment, std::string(install)};
}

}  // namespace

JournalEntry classifyJournalName(std::string_view name) {
  if (name == kClaimFileName) return {JournalEntryKind::Claim, 0, {}};
  if (name.starts_with(kOwnTempPrefix)) return {JournalEntryKind::OwnTemp, 0, {}};
  if (name.starts_with(".syncthing.") && endsWith(name, ".tmp")) return {JournalEntryKind::SyncthingTemp, 0, {}};
  if (const std::size_t conflict = name.find(".sync-conflict-"); conflict != std::string_view::npos) {
    // Syncthing's copy of the content that lost a conflict: <stem>.sync-conflict-<date>-<time>-<device><ext>.
    JournalEntry entry{JournalEntryKind::Conflict, 0, {}};
    if (endsWith(name, kSegmentExtension))
      if (const std::optional<JournalEntry> segment = parseSegmentStem(name.substr(0, conflict))) {
        entry.segment = segment->segment;
        entry.install = segment->install;
      }
    return entry;
  }
  if (name.starts_with(".nfs")) return {JournalEntryKind::NfsLeftover, 0, {}};
  if (endsWith(name, ".tmp") || endsWith(name, ".part") || name.starts_with("~") || name.starts_with(".~"))
    return {JournalEntryKind::OtherTemp, 0, {}};
  if (endsWith(name, kSegmentExtension))
    if (std::optional<JournalEntry> segment = parseSegmentStem(name.substr(0, name.size() - kSegmentExtension.size())))
      return std::move(*segment);
  return {JournalEntryKind::Unknown, 0, {}};
}

std::string_view describeSkip(JournalEntryKind kind) {
  switch (kind) {
    case JournalEntryKind::OwnTemp: return "a kiosk's unfinished temporary file";
    case JournalEntryKind::SyncthingTemp: return "Syncthing temporary file";
    case JournalEntryKind::Conflict: return "sync conflict copy of something that is not a segment";
    case JournalEntryKind::NfsLeftover: return "NFS leftover of a deleted file";
    case JournalEntryKind::OtherTemp: return "temporary or partial file";
    case JournalEntryKind::Unknown: return "not a journal segment name (<number>-<install>.jsonl)";
    case JournalEntryKind::Segment:
    case JournalEntryKind::Claim: break;
  }
  return "";
}

std::string segmentFileName(std::int64_t segment, std::string_view install) {
  return std::to_string(segment) + (install.empty() ? "" : "-" + std::string(install)) + std::string(kSegmentExtension);
}

}  // namespace wof::core
