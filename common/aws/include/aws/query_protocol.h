// AWS query protocol (form-encoded POST, XML answer): STS, SNS, CloudWatch, RDS, EC2.
#pragma once

#include <memory>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/session.h"

namespace aws {

using query_params = std::vector<std::pair<std::string, std::string>>;

struct xml_response {
  std::shared_ptr<pugi::xml_document> doc;
  // <ActionResult> for query services, the root element for EC2 (and S3).
  pugi::xml_node result;
  std::string request_id;
};

// POSTs Action=<action>&Version=<svc.version>&<params> and parses the XML answer.
core::result<xml_response, error> query_call(session& s, const service& svc,
                                             std::string_view action, const query_params& params,
                                             const call_options& o = {});

// Parses an XML body; `result_name` picks that element under the root (empty: the root).
core::result<xml_response, error> parse_xml(const service& svc, const std::string& body,
                                            const std::string& result_name = {});

// Text of a child element, "" when absent (pugixml's child_value, as std::string).
inline std::string text(const pugi::xml_node& n, const char* child) { return n.child_value(child); }

}  // namespace aws
