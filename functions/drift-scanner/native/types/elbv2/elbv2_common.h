// What the Elastic Load Balancing v2 modules share: one Describe per batch of ARNs, tags in
// calls of 20 ARNs, attribute lists in the provider's names, listings for unmanaged discovery.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/elbv2.h"
#include "module_util.h"

namespace scanner::native::elbv2 {

using tag_map = std::map<std::string, std::string>;
using attribute_map = std::map<std::string, std::string>;

// Builds one found item's read (it may make further calls, such as its attributes).
using build_fn =
    std::function<live_resource(const read_context&, const terraform::resource_instance&,
                                const pugi::xml_node& item, const tag_map& tags)>;

// One `action` for the batch's ARNs (`id_param`: "LoadBalancerArns", ...), the items of
// `list_name` keyed by `arn_field`, their tags (DescribeTags), then `build` for each. The
// service fails the whole call when one ARN no longer exists, so after a not-found answer
// each ARN is asked alone: the missing ones are gone, the others read as usual.
std::vector<live_resource> read_batch(const read_context& ctx, const instance_list& batch,
                                      const char* action, const char* id_param,
                                      const char* list_name, const char* arn_field,
                                      const build_fn& build);

// Tags of `arns`, DescribeTags in calls of at most 20 ARNs.
core::result<std::map<std::string, tag_map>, aws::error> tags_of(
    const read_context& ctx, const std::vector<std::string>& arns);

// One counted attribute call (DescribeLoadBalancerAttributes, ...).
core::result<attribute_map, aws::error> attributes(const read_context& ctx, const char* action,
                                                   const char* id_param, const std::string& arn);

// Every item of an unfiltered Describe (all pages) as discovered resources, id and import id
// the ARN in `arn_field`.
core::result<std::vector<discovered>, aws::error> list_all(const read_context& ctx,
                                                           const char* action,
                                                           const char* list_name,
                                                           const char* arn_field);

// The instance's state attributes, parsed.
rapidjson::Document state_of(const terraform::resource_instance& inst);

// An attribute AWS did not return keeps its state value, as the provider's read leaves it
// (null when the state has none).
void keep_state(rapidjson::Document& live, const rapidjson::Document& state, const char* name);

// The attribute `key` as the provider sets a bool, int or string from it; absent keys keep
// the state's value.
void set_bool_attr(rapidjson::Document& live, const rapidjson::Document& state, const char* name,
                   const attribute_map& a, const char* key);
void set_int_attr(rapidjson::Document& live, const rapidjson::Document& state, const char* name,
                  const attribute_map& a, const char* key);
void set_string_attr(rapidjson::Document& live, const rapidjson::Document& state, const char* name,
                     const attribute_map& a, const char* key);

// An optional attribute value: nullopt when absent.
std::optional<std::string> attr(const attribute_map& a, const char* key);

// A list of strings under <list><member>.
std::vector<std::string> members_of(const pugi::xml_node& n, const char* list);

// Change locators of the ELBv2 types.
inline constexpr std::string_view event_source = "elasticloadbalancing.amazonaws.com";
// The resource a call names in its request parameter `param` ("loadBalancerArn"), or, for
// AddTags and RemoveTags, every tagged ARN of the kind `kind` (":loadbalancer/").
std::vector<change_target> arn_changes(const change_call& c, const char* param,
                                       std::string_view kind);
// The ARNs of `list` (an array of strings, or of objects whose `field` is one) in a request.
std::vector<std::string> arns_in(const rapidjson::Value& request, const char* list,
                                 const char* field = nullptr);

// A JSON object built member by member in the live document's allocator (the nested blocks
// of the provider's schema).
class object {
 public:
  explicit object(rapidjson::Document& d) : a_(d.GetAllocator()), v_(rapidjson::kObjectType) {}
  object& str(const char* name, std::string_view v);
  object& boolean(const char* name, bool v);
  object& integer(const char* name, long long v);
  object& null(const char* name);
  // An optional attribute: the string, or null when absent.
  object& str_or_null(const char* name, const std::optional<std::string>& v);
  object& value(const char* name, rapidjson::Value v);
  rapidjson::Value take() { return std::move(v_); }

 private:
  rapidjson::Document::AllocatorType& a_;
  rapidjson::Value v_;
};

// A JSON array of `items`, in `d`'s allocator.
rapidjson::Value array_of(std::vector<rapidjson::Value> items, rapidjson::Document& d);
// `name` set to a one-element list holding `block` (a MaxItems 1 block).
void set_block(rapidjson::Document& live, const char* name, rapidjson::Value block);
// `name` set to the list `items`.
void set_list(rapidjson::Document& live, const char* name, std::vector<rapidjson::Value> items);

}  // namespace scanner::native::elbv2
