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

// A REST GET whose answer is a JSON object (an empty body reads as {}); `operation` names the
// call in a parse error.
core::result<rapidjson::Document, error> rest_get_json(
    session& s, const service& svc, std::string_view operation, std::string path,
    std::vector<std::pair<std::string, std::string>> query = {});

// Every item of a REST listing paged by Marker/NextMarker (Lambda, EFS): each page's `items`
// array copied out, `page_size` asked per page through MaxItems.
core::result<std::vector<rapidjson::Document>, error> rest_list_marker_pages(
    session& s, const service& svc, std::string_view operation, const std::string& path,
    std::vector<std::pair<std::string, std::string>> query, const char* items, int page_size);

// Serialises a rapidjson value.
std::string to_json(const rapidjson::Value& v);

}  // namespace aws
