// Small helpers the type modules share: tags in Terraform's shape, failures as not-checked
// answers, and batched EC2 reads by id filter.
#pragma once

#include <map>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "aws/ec2.h"
#include "json_util.h"
#include "type_module.h"

namespace scanner::native {

// `tags` and `tags_all` as the provider refreshes them without default_tags: the cloud's
// tags less the aws: ones; an empty map stays null where the state holds null.
void set_tags(rapidjson::Document& live, const terraform::resource_instance& inst,
              const std::map<std::string, std::string>& cloud_tags);

// The same answer for every instance of a batch whose call failed.
std::vector<live_resource> all_failed(size_t n, const aws::error& e);
live_resource failed(const aws::error& e);

// Every item of an EC2 Describe call filtered by `filter` = ids (MaxResults pages), keyed by
// the item's `id_field`. Ids that are not in the answer are gone.
core::result<std::map<std::string, pugi::xml_node>, aws::error> ec2_by_id(
    const read_context& ctx, const std::string& action, const std::string& set_name,
    const std::string& filter, const std::string& id_field, const instance_list& batch,
    aws::xml_response& keep);

// pugixml helpers: child text, "true" test, integer.
std::string xtext(const pugi::xml_node& n, const char* path);
bool xbool(const pugi::xml_node& n, const char* path);
long long xint(const pugi::xml_node& n, const char* path);

// A list of strings under <set><item><field>.
std::vector<std::string> xitems(const pugi::xml_node& n, const char* set, const char* field);

}  // namespace scanner::native
