// Shared pieces of the IAM types. IAM is global: one paginated GetAccountAuthorizationDetails
// per batch serves every role, user, group or policy of the batch with its inline and attached
// policies, instead of the provider's four to six calls per entity.
#pragma once

#include <functional>
#include <map>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "aws/iam.h"
#include "module_util.h"

namespace scanner::native::iam {

// The account's entities of the kinds one read asked for, by name (policies by ARN).
struct details {
  aws::xml_response xml;  // owns the nodes below
  std::map<std::string, pugi::xml_node> roles, users, groups, policies;
};

core::result<details, aws::error> read_details(const read_context& ctx,
                                               const std::vector<std::string>& filters);

// A policy document as IAM answers it (percent-encoded) in the provider's stored shape: the
// decoded JSON written as Go's encoding/json writes it. Not JSON: the decoded text.
std::string policy_text(std::string_view raw);
// The shape the provider stores for inline policy documents (a role's `inline_policy`, the
// aws_iam_*_policy types): the same, with "Version":"2012-10-17" moved first.
std::string legacy_policy_text(std::string_view raw);
// IAM's policy equivalence (key order, statement, action and resource order, a scalar vs a
// one-element list, whitespace): the provider keeps the configured text when it holds.
bool equivalent_policies(std::string_view a, std::string_view b);

// The instance's state attributes, parsed.
rapidjson::Document state_of(const terraform::resource_instance& inst);
std::string state_string(const rapidjson::Document& state, const char* name);

// A string IAM may leave out: "" when absent, or the state's null where the state holds null.
void set_optional(rapidjson::Document& live, const rapidjson::Document& state, const char* name,
                  const std::string& value);

// <Tags><member><Key/><Value/></member></Tags> as a map.
std::map<std::string, std::string> tags_of(const pugi::xml_node& entity);
// The text of `field` of every <member> under `list`.
std::vector<std::string> member_texts(const pugi::xml_node& entity, const char* list,
                                      const char* field = nullptr);
// A Terraform set of strings in Terraform's order.
void set_string_set(rapidjson::Document& d, const char* name, std::vector<std::string> v);

// One instance's read from the batch's details.
using read_one = std::function<live_resource(const read_context&, const details&,
                                             const terraform::resource_instance&)>;
// The read of a type served by GetAccountAuthorizationDetails(filters): one call per batch.
std::function<std::vector<live_resource>(const read_context&, const instance_list&)> batch_read(
    std::vector<std::string> filters, read_one one);

// IAM is global: its entities are listed from the home region of its endpoint only, so a
// scan of several regions of one account reports an unmanaged entity once.
bool is_home_region(const read_context& ctx);

// Paths AWS creates roles under for its services (never Terraform's).
bool is_aws_path(const std::string& path);

// "a:b" -> {"a", "b"}; false when `sep` is not in `id`.
bool split_id(const std::string& id, char sep, std::string& first, std::string& second);

}  // namespace scanner::native::iam

namespace scanner::native::iam {

// Where an entity kind lives in the details: its filter, its map, the state attribute naming
// it, and its lists of inline and attached policies.
struct entity_kind {
  const char* filter;  // "Role", "User", "Group"
  std::map<std::string, pugi::xml_node> details::*entities;
  const char* owner;        // "role", "user", "group"
  const char* inline_list;  // "RolePolicyList", ...
};
extern const entity_kind role_kind, user_kind, group_kind;

// aws_iam_{role,user,group}_policy: id "<owner>:<name>"; `name`, `policy` (stored by the
// provider Version first, as legacy_policy_text writes it) and the owner read. The three
// share their rules and IAM actions (one read); each type claims its own depth.
type_module inline_policy_module(std::string_view type, const entity_kind& kind,
                                 const depth_claim* depth, const change_locator* changes = nullptr);
// aws_iam_{role,user,group}_policy_attachment: the owner and `policy_arn` from the state;
// gone when the policy is no longer attached.
type_module attachment_module(std::string_view type, const entity_kind& kind,
                              const depth_claim* depth, const change_locator* changes = nullptr);

// Change locators of the IAM types: IAM's calls (global, recorded in us-east-1) with the
// entity in requestParameters under IAM's lowerCamel names.
using locate_fn = std::function<std::vector<change_target>(const change_call&)>;
change_locator iam_changes(std::vector<std::string_view> events, locate_fn locate);
// The one entity named by request parameter `param` ("roleName", "policyArn").
locate_fn named_by(const char* param);
// An inline policy, "<owner>:<policyName>" with the owner in `owner_param` ("roleName").
locate_fn inline_policy_named(const char* owner_param);
// A managed policy attachment (its id is generated): every attachment of `kind` whose state
// holds the owner in `owner_param` and policyArn.
locate_fn attachment_of(const entity_kind& kind, const char* owner_param);

}  // namespace scanner::native::iam
