// Amazon ElastiCache reads for the drift scanner (query protocol, API 2015-02-02): the
// service, and a Describe listing that follows Marker pages.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "aws/query_protocol.h"
#include "aws/service.h"
#include "aws/session.h"

namespace aws::elasticache {

inline constexpr service api{
    "ElastiCache", "ELASTICACHE", "elasticache", "elasticache", protocol::query, "2015-02-02", ""};

// Every `item` under `list` of each page of `action` (MaxRecords 100, following Marker),
// copied under `keep`'s root; `on_page` is told of each call.
core::result<std::vector<pugi::xml_node>, error> describe_all(session& s, const char* action,
                                                              const query_params& params,
                                                              const char* list, const char* item,
                                                              xml_response& keep,
                                                              const std::function<void()>& on_page);

// ListTagsForResource of an ARN.
core::result<std::map<std::string, std::string>, error> list_tags_for_resource(
    session& s, const std::string& arn);

}  // namespace aws::elasticache
