// Spec: the journal payload reader accepts and reads exactly what nlohmann::json does (the oracle
// it replaced on the import path).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/util/flat_json.hpp"

using wof::core::FlatJson;

namespace {

// What nlohmann::json makes of the top-level member `key`, in FlatJson's terms.
void checkSameAsOracle(const std::string& text) {
  CAPTURE(text);
  FlatJson flat;
  const bool ours = flat.parse(text);
  const nlohmann::json oracle = nlohmann::json::parse(text, nullptr, false);
  const bool theirs = !oracle.is_discarded() && oracle.is_object();
  REQUIRE(ours == theirs);
  if (!ours) return;
  for (const auto& [key, value] : oracle.items()) {
    CAPTURE(key);
    const FlatJson::Member* member = flat.find(key);
    REQUIRE(member != nullptr);
    if (value.is_string()) {
      REQUIRE(member->kind == FlatJson::Kind::String);
      CHECK(member->text == value.get<std::string>());
    } else if (value.is_number_integer() && !(value.is_number_unsigned() && value.get<std::uint64_t>() > INT64_MAX)) {
      REQUIRE(member->kind == FlatJson::Kind::Integer);
      CHECK(member->integer == value.get<std::int64_t>());
    } else if (value.is_number()) {
      CHECK(member->kind == FlatJson::Kind::Number);
    } else if (value.is_boolean()) {
      CHECK(member->kind == FlatJson::Kind::Bool);
      CHECK(member->integer == value.get<bool>());
    } else if (value.is_null()) {
      CHECK(member->kind == FlatJson::Kind::Null);
    } else {
      REQUIRE(member->kind == FlatJson::Kind::Nested);
      CHECK(nlohmann::json::parse(member->text) == value);
    }
  }
  CHECK(flat.find("no such key") == nullptr);
}

}  // namespace

TEST_CASE("the payload reader agrees with nlohmann::json on valid payloads") {
  for (const char* text : {
           R"({"behaviour":"real-face","created_at":1795521600000,"id":"0190f3a0-0000-7000-8000-000000000000","nominator_id":null,"nominee_id":"E1","status":"approved","story":"Fixed it.","visibility":"public"})",
           R"({"count":3,"id":"x"})",
           R"(  { "a" : "b" , "n" : -12 , "t" : true , "f" : false , "z" : null }  )",
           R"({})",
           R"({"escaped":"quote \" backslash \\ slash \/ tab \t line \n cr \r bs \b ff \f"})",
           R"({"unicode":"Jos\u00e9 N\u00fa\u00f1ez \u20ac \ud83d\ude00 \u0000 end"})",
           "{\"raw utf-8\":\"Zo\xc3\xab \xc3\x98" "deg\xc3\xa5rd \xe2\x80\x99 \xf0\x9f\x98\x80\"}",
           R"({"k\u00e9y":"escaped key","dup":1,"dup":2})",
           R"({"float":1.5,"exp":1e3,"negexp":-2E-2,"zero":0,"minus zero":-0})",
           R"({"big":9223372036854775807,"small":-9223372036854775808,"unsigned":18446744073709551615})",
           R"({"bigger":18446744073709551616})",
           R"({"nested":{"a":[1,2,{"b":"c"}]},"after":"still read","list":[]})",
           R"({"id":"e","payload":{"count":2,"id":"n\u00e9","ok":true},"seq":1})",  // a flat object inside
           R"({"payload":{} , "x":{"y":null}})",
       })
    checkSameAsOracle(text);
}

TEST_CASE("the payload reader refuses what nlohmann::json refuses") {
  for (const char* text : {
           "", "   ", "[]", "\"text\"", "42", "null", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{,}",
           "{\"a\":1 \"b\":2}", "{\"a\":1}x", "{\"a\":1}{}", "{a:1}", "{'a':1}", "{\"a\":01}", "{\"a\":1.}",
           "{\"a\":.5}", "{\"a\":1e}", "{\"a\":+1}", "{\"a\":-}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":True}",
           "{\"a\":\"unterminated}", "{\"a\":\"bad escape \\x\"}", "{\"a\":\"short \\u12\"}",
           "{\"a\":\"lone high \\ud83d\"}", "{\"a\":\"lone low \\ude00\"}", "{\"a\":\"high then x \\ud83d\\u0041\"}",
           "{\"a\":\"tab\tinside\"}", "{\"a\":\"new\nline\"}", "{\"a\":\"bad utf-8 \xc3\x28\"}",
           "{\"a\":\"overlong \xc0\xaf\"}", "{\"a\":\"truncated \xe2\x82\"}", "{\"a\":[1,}", "{\"a\":{\"b\":}}",
           "{\"a\":{\"b\":1,}}", "{\"a\":{\"b\" 1}}", "{\"a\":{\"b\":\"\\q\"}}", "{\"a\":{}",
           // numbers that overflow a double (found by fuzz/payload_fuzz.cpp), flat and nested
           "{\"a\":1e400}", "{\"a\":-2.5E+999}", "{\"i\":9223372e036854701}", "{\"a\":{\"b\":1e309}}",
       })
    checkSameAsOracle(text);
}

TEST_CASE("the payload reader refuses a number a double cannot hold, and takes one that underflows") {
  const std::string manyDigits = "{\"a\":" + std::string(400, '9') + "}";
  FlatJson flat;
  CHECK_FALSE(flat.parse(manyDigits));
  checkSameAsOracle(manyDigits);
  REQUIRE(flat.parse("{\"a\":1e-400,\"b\":18446744073709551615}"));
  CHECK(flat.find("a")->kind == FlatJson::Kind::Number);
  CHECK(flat.find("b")->kind == FlatJson::Kind::Number);  // over int64's range: not an Integer
  checkSameAsOracle("{\"a\":1e-400,\"b\":18446744073709551615}");
}

TEST_CASE("the payload reader's strings stay valid while it is alive, escaped or not") {
  FlatJson flat;
  REQUIRE(flat.parse(R"({"plain":"abc","escaped":"a\nb","more":"\u00e9\u00e9\u00e9\u00e9"})"));
  CHECK(*flat.text("plain") == "abc");
  CHECK(*flat.text("escaped") == "a\nb");
  CHECK(*flat.text("more") == "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
  CHECK(flat.text("missing") == nullptr);
  REQUIRE(flat.parse(R"({"count":7})"));  // a second parse replaces the first
  CHECK(flat.find("plain") == nullptr);
  CHECK(flat.find("count")->integer == 7);
  CHECK(flat.text("count") == nullptr);  // a number, not a string
}
