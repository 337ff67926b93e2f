// Spec: every event payload round-trips through its one encoder and decoder, the encoders write
// the bytes kiosks have always written, and a decoder refuses a bad field by name.
#include <doctest/doctest.h>

#include <string>

#include "core/model/events.hpp"
#include "core/util/flat_json.hpp"

using namespace wof::core;

namespace {

constexpr std::string_view kId = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";

// Decodes `text` into `out`; `json` must outlive the views in `out`.
template <typename Payload>
std::string decodeText(FlatJson& json, const std::string& text, Payload& out) {
  REQUIRE(json.parse(text));
  return decode(json, out);
}

}  // namespace

TEST_CASE("nomination.created round-trips, writes today's bytes and names a bad field") {
  const NominationCreatedPayload sent{kId, 1700000000000, "E1", "customer", "Stayed late \"for\" us", std::nullopt,
                                      "anonymous", "pending"};
  const std::string text = encode(sent);
  // The bytes the store wrote with nlohmann::json before payloads had types: sorted keys, compact.
  CHECK(text ==
        R"({"behaviour":"customer","created_at":1700000000000,"id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",)"
        R"("nominator_id":null,"nominee_id":"E1","status":"pending","story":"Stayed late \"for\" us",)"
        R"("visibility":"anonymous"})");
  FlatJson json;
  NominationCreatedPayload got;
  REQUIRE(decodeText(json, text, got) == "");
  CHECK(got.id == sent.id);
  CHECK(got.createdAt == sent.createdAt);
  CHECK(got.nomineeId == "E1");
  CHECK(got.behaviour == "customer");
  CHECK(got.story == sent.story);
  CHECK_FALSE(got.nominatorId.has_value());
  CHECK(got.visibility == "anonymous");
  CHECK(got.status == "pending");

  NominationCreatedPayload named = sent;
  named.nominatorId = "E2";
  named.visibility = "public";
  FlatJson json2;
  const std::string namedText = encode(named);  // the decoded views point into it
  REQUIRE(decodeText(json2, namedText, got) == "");
  REQUIRE(got.nominatorId.has_value());
  CHECK(*got.nominatorId == "E2");

  FlatJson bad;
  CHECK(decodeText(bad, R"({"id":"not-a-uuid"})", got).find("\"id\"") != std::string::npos);
  const std::string noNominee =
      R"({"behaviour":"b","created_at":1,"id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","nominator_id":null,)"
      R"("status":"pending","story":"s","visibility":"anonymous"})";
  CHECK(decodeText(bad, noNominee, got).find("\"nominee_id\"") != std::string::npos);
  const std::string textCreatedAt =
      R"({"behaviour":"b","created_at":"1","id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","nominator_id":null,)"
      R"("nominee_id":"E1","status":"pending","story":"s","visibility":"anonymous"})";
  CHECK(decodeText(bad, textCreatedAt, got).find("\"created_at\"") != std::string::npos);
  const std::string numberNominator =
      R"({"behaviour":"b","created_at":1,"id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","nominator_id":7,)"
      R"("nominee_id":"E1","status":"pending","story":"s","visibility":"anonymous"})";
  CHECK(decodeText(bad, numberNominator, got).find("\"nominator_id\"") != std::string::npos);
  const std::string oddStatus =
      R"({"behaviour":"b","created_at":1,"id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","nominator_id":null,)"
      R"("nominee_id":"E1","status":"maybe","story":"s","visibility":"anonymous"})";
  CHECK(decodeText(bad, oddStatus, got) == "unknown status 'maybe'");
}

TEST_CASE("nomination.status round-trips, writes today's bytes and names a bad field") {
  const NominationStatusPayload sent{kId, "hidden", "off topic"};
  const std::string text = encode(sent);
  CHECK(text == R"({"id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","reason":"off topic","status":"hidden"})");
  FlatJson json;
  NominationStatusPayload got;
  REQUIRE(decodeText(json, text, got) == "");
  CHECK(got.id == kId);
  CHECK(got.status == "hidden");
  CHECK(got.reason == "off topic");
  // "reason" may be absent.
  FlatJson noReason;
  REQUIRE(decodeText(noReason, R"({"id":"x","status":"approved"})", got) == "");
  CHECK(got.reason.empty());
  FlatJson bad;
  CHECK(decodeText(bad, R"({"id":"x","status":3})", got).find("\"status\"") != std::string::npos);
  CHECK(decodeText(bad, R"({"status":"approved"})", got).find("\"id\"") != std::string::npos);
}

TEST_CASE("applause round-trips, writes today's bytes and names a bad field") {
  const std::string text = encode(ApplausePayload{kId, 12});
  CHECK(text == R"({"count":12,"id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"})");
  FlatJson json;
  ApplausePayload got;
  REQUIRE(decodeText(json, text, got) == "");
  CHECK(got.id == kId);
  CHECK(got.count == 12);
  FlatJson bad;
  CHECK(decodeText(bad, R"({"count":-1,"id":"x"})", got).find("\"count\"") != std::string::npos);
  CHECK(decodeText(bad, R"({"count":1.5,"id":"x"})", got).find("\"count\"") != std::string::npos);
  CHECK(decodeText(bad, R"({"count":1})", got).find("\"id\"") != std::string::npos);
}

TEST_CASE("winner.selected round-trips, writes today's bytes and names a bad field") {
  const WinnerSelectedPayload sent{kId, "2026-11", "E1", "N1", "Always there", 1700000000000};
  const std::string text = encode(sent);
  CHECK(text == R"({"citation":"Always there","decided_at":1700000000000,"employee_id":"E1",)"
                R"("id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","nomination_id":"N1","period":"2026-11"})");
  FlatJson json;
  WinnerSelectedPayload got;
  REQUIRE(decodeText(json, text, got) == "");
  CHECK(got.id == kId);
  CHECK(got.period == "2026-11");
  CHECK(got.employeeId == "E1");
  CHECK(got.nominationId == "N1");
  CHECK(got.citation == "Always there");
  CHECK(got.decidedAt == 1700000000000);
  FlatJson bad;
  const std::string badPeriod = R"({"citation":"c","decided_at":1,"employee_id":"E1",)"
                                R"("id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","nomination_id":"N1","period":"2026-13"})";
  CHECK(decodeText(bad, badPeriod, got).find("\"period\"") != std::string::npos);
  const std::string noCitation = R"({"decided_at":1,"employee_id":"E1",)"
                                 R"("id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","nomination_id":"N1","period":"2026-11"})";
  CHECK(decodeText(bad, noCitation, got).find("\"citation\"") != std::string::npos);
}

TEST_CASE("employee.erased round-trips, writes today's bytes and names a bad field") {
  // Without department and site: the bytes earlier versions wrote, still read.
  const std::string text = encode(EmployeeErasedPayload{"E7", std::nullopt, std::nullopt});
  CHECK(text == R"({"employee_id":"E7"})");
  FlatJson json;
  EmployeeErasedPayload got;
  REQUIRE(decodeText(json, text, got) == "");
  CHECK(got.employeeId == "E7");
  CHECK_FALSE(got.department);
  // With them: what the anonymous counts group the person by travels with the erasure.
  const std::string full = encode(EmployeeErasedPayload{"E7", "Support", "Tokyo"});
  CHECK(full == R"({"department":"Support","employee_id":"E7","site":"Tokyo"})");
  FlatJson fullJson;
  REQUIRE(decodeText(fullJson, full, got) == "");
  CHECK(got.department == "Support");
  CHECK(got.site == "Tokyo");
  FlatJson bad;
  CHECK(decodeText(bad, R"({"employee_id":""})", got).find("\"employee_id\"") != std::string::npos);
  CHECK(decodeText(bad, R"({"employee_id":7})", got).find("\"employee_id\"") != std::string::npos);
}

TEST_CASE("event type names are the ones on the wire") {
  CHECK(kEventNominationCreated == "nomination.created");
  CHECK(kEventNominationStatus == "nomination.status");
  CHECK(kEventApplause == "applause");
  CHECK(kEventWinnerSelected == "winner.selected");
  CHECK(kEventEmployeeErased == "employee.erased");
}
