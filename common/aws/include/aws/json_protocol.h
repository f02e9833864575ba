// AWS JSON 1.0/1.1 (DynamoDB, SSM, SQS, EventBridge) and REST-JSON (Lambda) calls.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/session.h"
#include "core/json.h"

namespace aws {

// AWS answers are parsed with the guarded parser: large pages are fine, hostile nesting is not.
inline constexpr core::json::parse_limits aws_response_limits{64u * 1024 * 1024, 128};

// POSTs `body` (a JSON object) with X-Amz-Target <svc.version>.<operation>; the parsed
// response body ({} when empty).
core::result<rapidjson::Document, error> json_call(session& s, const service& svc,
                                                   std::string_view operation,
                                                   const std::string& body,
                                                   const call_options& o = {});
core::result<rapidjson::Document, error> json_call(session& s, const service& svc,
                                                   std::string_view operation,
                                                   const rapidjson::Value& body,
                                                   const call_options& o = {});

struct rest_request {
  std::string method = "GET";
  std::string path;  // already percent-encoded, starting with '/'
  std::vector<std::pair<std::string, std::string>> query;  // unencoded
  http::header_list headers;
  std::string body;
};

// A REST call on the service's endpoint; the raw response (2xx only).
core::result<http::response, error> rest_call(session& s, const service& svc, rest_request req,
                                              const call_options& o = {});

// Serialises a rapidjson value.
std::string to_json(const rapidjson::Value& v);

}  // namespace aws
