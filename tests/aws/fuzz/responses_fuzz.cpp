// libFuzzer: arbitrary bytes as an AWS answer, through every reader of answers in common/aws:
// the error parser of each protocol (JSON, REST-JSON, query, EC2, REST-XML; with and without
// the error-type and request-id headers), the query/XML reader, the EC2 page reader, and the
// guarded JSON parser with DynamoDB's item reader. Nothing may crash; every error has a code;
// an item read from the wire reads back the same after being written.
//
// The sources also hold the calls themselves (sessions, HTTP): their objects are compiled with
// one section per function and linked with --gc-sections, so only what these readers reach is
// linked (tests/aws/fuzz/fuzz.cmake).
#include <rapidjson/document.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "aws/dynamodb_item.h"
#include "aws/ec2.h"
#include "aws/json_protocol.h"
#include "aws/query_protocol.h"
#include "error_parsing.h"

namespace {

namespace ddb = aws::dynamodb;

void read_error(const aws::service& svc, const std::string& body, bool with_headers) {
  http::response resp;
  resp.status = 400;
  resp.body = body;
  if (with_headers) {
    // The error type as some services send it, taken from the body's first line.
    std::string type = body.substr(0, std::min<std::size_t>(body.find('\n'), 64));
    resp.headers = {{"x-amzn-ErrorType", type}, {"x-amzn-RequestId", "req-1"}};
  }
  const aws::error e = aws::detail::parse_error(svc, resp);
  if (e.code.empty() || e.http_status != 400 || e.service != svc.id) __builtin_trap();
  if (with_headers && e.request_id != "req-1") __builtin_trap();
  if (e.describe().find(e.code) == std::string::npos) __builtin_trap();
}

void round_trip(const rapidjson::Value& wire) {
  if (!wire.IsObject()) return;
  const ddb::item first = ddb::item_from_wire(wire);
  rapidjson::Document out;
  const rapidjson::Value written = ddb::to_wire(first, out.GetAllocator());
  const ddb::item second = ddb::item_from_wire(written);
  if (second != first) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);

  for (const auto* svc : {&aws::services::dynamodb, &aws::services::lambda, &aws::services::sns,
                          &aws::services::ec2, &aws::services::s3}) {
    read_error(*svc, body, false);
    read_error(*svc, body, true);
  }

  if (auto r = aws::parse_xml(aws::services::sts, body, "GetCallerIdentityResult")) {
    if (!r->doc || !r->result) __builtin_trap();
    (void)aws::text(r->result, "Arn");
  } else if (r.error().code.empty()) {
    __builtin_trap();
  }
  if (auto page = aws::ec2::parse_describe_page(body, "reservationSet")) {
    for (auto it : page->result.child("reservationSet").children("item"))
      (void)aws::ec2::tags_of(it);
  }

  auto doc = core::json::parse(body, aws::aws_response_limits);
  if (doc && doc->IsObject()) {
    round_trip(*doc);
    if (const auto* item = core::json::member(*doc, "Item")) round_trip(*item);
    if (const auto* items = core::json::member(*doc, "Items"); items && items->IsArray())
      for (const auto& it : items->GetArray()) round_trip(it);
  }
  return 0;
}
