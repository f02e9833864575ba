// Pieces the RDS modules beyond aws_db_instance share: a paginated Describe listing (Marker
// pages) whose items are matched to a batch by name, and tags as the provider reads them.
#pragma once

#include <map>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "aws/query_protocol.h"
#include "module_util.h"

namespace scanner::native::rds {

// Every `item` element under `list` of each page of the RDS call `action` (MaxRecords 100,
// following Marker), each page counted as one call; `keep` owns the elements.
core::result<std::vector<pugi::xml_node>, aws::error> describe_all(
    const read_context& ctx, const char* action, const aws::query_params& params, const char* list,
    const char* item, aws::xml_response& keep);

// The items keyed by the text of their child `key`.
std::map<std::string, pugi::xml_node> by_child(const std::vector<pugi::xml_node>& items,
                                               const char* key);

// `d` found with its tags: the item's own TagList when RDS answers one, else
// ListTagsForResource on `arn` (the provider's tag read).
live_resource found_with_rds_tags(const read_context& ctx, const doc_ptr& d,
                                  const terraform::resource_instance& inst,
                                  const pugi::xml_node& item, const std::string& arn);

// The texts of a list element's <member>s, or of its children named `child`.
std::vector<std::string> texts(const pugi::xml_node& list, const char* child, const char* field);

// The state's attributes of an instance.
rapidjson::Document state_of(const terraform::resource_instance& inst);

}  // namespace scanner::native::rds
