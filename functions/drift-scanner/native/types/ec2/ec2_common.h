// What the EC2 modules share: one filtered Describe per batch, and listings for unmanaged
// discovery that skip what AWS itself creates (default VPC, subnets, groups; root volumes).
#pragma once

#include <functional>

#include "module_util.h"

namespace scanner::native::ec2 {

// Builds each found item's attributes with `build`; ids missing from the answer are gone.
using build_fn = std::function<doc_ptr(const read_context&, const terraform::resource_instance&,
                                       const pugi::xml_node& item)>;
std::vector<live_resource> read_batch(const read_context& ctx, const instance_list& batch,
                                      const std::string& action, const std::string& set_name,
                                      const std::string& filter, const std::string& id_field,
                                      const build_fn& build);

// Every item of an unfiltered Describe (all pages), as discovered resources; `keep` may
// drop items (AWS-created defaults).
core::result<std::vector<discovered>, aws::error> list_all(
    const read_context& ctx, const std::string& action, const std::string& set_name,
    const std::string& id_field, const std::function<bool(const pugi::xml_node&)>& keep = {});

// Change locators of the EC2 types.
inline constexpr std::string_view event_source = "ec2.amazonaws.com";
// The request parameter `name` ("groupId"): at the top of the request, or, for the newer APIs
// CloudTrail records as {"<EventName>Request": {"GroupId": ...}}, in that wrapper.
std::string request_param(const change_call& c, std::string_view name);
// The ids under <set>.items[].<field> of a request or response (StopInstances' instancesSet).
std::vector<std::string> item_ids(const rapidjson::Value& v, const char* set, const char* field);
// CreateTags/DeleteTags: the tagged resources whose id starts with `prefix` ("sg-", "i-").
std::vector<std::string> tagged_ids(const change_call& c, std::string_view prefix);
// Whether the call tags resources (CreateTags, DeleteTags).
bool is_tagging(const change_call& c);

}  // namespace scanner::native::ec2
