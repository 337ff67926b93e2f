// Event payloads: encoded with nlohmann::json (sorted keys, the bytes every kiosk already wrote),
// decoded from FlatJson without copies. Layer: core/model.
#include "core/model/events.hpp"

#include <nlohmann/json.hpp>

#include "core/model/model.hpp"
#include "core/util/flat_json.hpp"
#include "core/util/uuid.hpp"

namespace wof::core {

namespace {

using nlohmann::json;

// The member `key` when it is a whole number, else nullptr.
const FlatJson::Member* integerField(const FlatJson& object, std::string_view key) {
  const FlatJson::Member* member = object.find(key);
  return member && member->kind == FlatJson::Kind::Integer ? member : nullptr;
}

// Why a payload is refused, naming the first field at fault: `what (field "name")`.
std::string refused(std::string_view what, std::string_view field) {
  return std::string(what) + " (field \"" + std::string(field) + "\")";
}

}  // namespace

// [SECTION] nomination.created

std::string encode(const NominationCreatedPayload& payload) {
  return json{{"id", payload.id},
              {"created_at", payload.createdAt},
              {"nominee_id", payload.nomineeId},
              {"behaviour", payload.behaviour},
              {"story", payload.story},
              {"nominator_id", payload.nominatorId ? json(*payload.nominatorId) : json(nullptr)},
              {"visibility", payload.visibility},
              {"status", payload.status}}
      .dump();
}

std::string decode(const FlatJson& payload, NominationCreatedPayload& out) {
  const std::string_view* id = payload.text("id");
  const std::string_view* nominee = payload.text("nominee_id");
  const std::string_view* behaviour = payload.text("behaviour");
  const std::string_view* story = payload.text("story");
  const std::string_view* visibility = payload.text("visibility");
  const std::string_view* status = payload.text("status");
  const FlatJson::Member* createdAt = integerField(payload, "created_at");
  const FlatJson::Member* nominator = payload.find("nominator_id");
  const char* bad = !id || !looksLikeUuid(*id)            ? "id"
                    : !nominee || nominee->empty()        ? "nominee_id"
                    : !behaviour                          ? "behaviour"
                    : !story                              ? "story"
                    : !visibility                         ? "visibility"
                    : !status                             ? "status"
                    : !createdAt                          ? "created_at"
                    : !nominator || !(nominator->kind == FlatJson::Kind::Null ||
                                      nominator->kind == FlatJson::Kind::String)
                        ? "nominator_id"
                        : nullptr;
  if (bad) return refused("nomination payload is missing a field or has one of the wrong type", bad);
  if (!parseNominatorVisibility(*visibility)) return "unknown visibility '" + std::string(*visibility) + "'";
  if (!parseNominationStatus(*status)) return "unknown status '" + std::string(*status) + "'";
  out.id = *id;
  out.createdAt = createdAt->integer;
  out.nomineeId = *nominee;
  out.behaviour = *behaviour;
  out.story = *story;
  out.nominatorId.reset();
  if (nominator->kind == FlatJson::Kind::String) out.nominatorId = nominator->text;
  out.visibility = *visibility;
  out.status = *status;
  return "";
}

// [SECTION] nomination.status

std::string encode(const NominationStatusPayload& payload) {
  return json{{"id", payload.id}, {"status", payload.status}, {"reason", payload.reason}}.dump();
}

std::string decode(const FlatJson& payload, NominationStatusPayload& out) {
  const std::string_view* id = payload.text("id");
  const std::string_view* status = payload.text("status");
  const std::string_view* reason = payload.text("reason");
  if (!id || !status) return refused("status payload needs \"id\" and \"status\"", !id ? "id" : "status");
  if (!parseNominationStatus(*status)) return "unknown status '" + std::string(*status) + "'";
  out.id = *id;
  out.status = *status;
  out.reason = reason ? *reason : std::string_view();
  return "";
}

// [SECTION] applause

std::string encode(const ApplausePayload& payload) {
  return json{{"id", payload.id}, {"count", payload.count}}.dump();
}

std::string decode(const FlatJson& payload, ApplausePayload& out) {
  const std::string_view* id = payload.text("id");
  const FlatJson::Member* count = integerField(payload, "count");
  if (!id || !count || count->integer < 0)
    return refused("applause payload needs \"id\" and a whole \"count\"", !id ? "id" : "count");
  out.id = *id;
  out.count = count->integer;
  return "";
}

// [SECTION] winner.selected

std::string encode(const WinnerSelectedPayload& payload) {
  return json{{"id", payload.id},
              {"period", payload.period},
              {"employee_id", payload.employeeId},
              {"nomination_id", payload.nominationId},
              {"citation", payload.citation},
              {"decided_at", payload.decidedAt}}
      .dump();
}

std::string decode(const FlatJson& payload, WinnerSelectedPayload& out) {
  const std::string_view* id = payload.text("id");
  const std::string_view* period = payload.text("period");
  const std::string_view* employeeId = payload.text("employee_id");
  const std::string_view* nominationId = payload.text("nomination_id");
  const std::string_view* citation = payload.text("citation");
  const FlatJson::Member* decidedAt = integerField(payload, "decided_at");
  const char* bad = !id || !looksLikeUuid(*id)              ? "id"
                    : !period || !parseMonthUtc(*period)      ? "period"
                    : !employeeId || employeeId->empty()      ? "employee_id"
                    : !nominationId                           ? "nomination_id"
                    : !citation                               ? "citation"
                    : !decidedAt                              ? "decided_at"
                                                              : nullptr;
  if (bad) return refused("winner payload is missing a field or has one of the wrong type", bad);
  out.id = *id;
  out.period = *period;
  out.employeeId = *employeeId;
  out.nominationId = *nominationId;
  out.citation = *citation;
  out.decidedAt = decidedAt->integer;
  return "";
}

// [SECTION] employee.erased

std::string encode(const EmployeeErasedPayload& payload) {
  json value = {{"employee_id", payload.employeeId}};
  if (payload.department) value["department"] = *payload.department;
  if (payload.site) value["site"] = *payload.site;
  return value.dump();
}

std::string decode(const FlatJson& payload, EmployeeErasedPayload& out) {
  const std::string_view* employeeId = payload.text("employee_id");
  if (!employeeId || employeeId->empty()) return refused("erasure payload needs \"employee_id\"", "employee_id");
  out.employeeId = *employeeId;
  if (const std::string_view* department = payload.text("department")) out.department = *department;
  if (const std::string_view* site = payload.text("site")) out.site = *site;
  return "";
}

}  // namespace wof::core
