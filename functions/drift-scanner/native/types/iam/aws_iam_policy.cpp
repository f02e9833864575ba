// aws_iam_policy: a customer managed policy's default document, description, path and tags.
// One GetAccountAuthorizationDetails (local policies, every version's document) per batch,
// plus ListPolicyTags per policy (the details carry no tags).
#include <cstdlib>

#include "iam_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"policy", rule_kind::policy_json,
     "key order, statement order, scalar vs one-element list and whitespace are not changes"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from IAM"},
};

const depth_claim depth{
    {"description", "name", "path", "policy", "tags", "tags_all"},
    {{"name_prefix", skip_kind::create_only,
      "derived from the name at creation; the name itself is compared"}},
};

// The name is the ARN's last segment (after the path).
std::string name_of(const std::string& arn) {
  const auto slash = arn.rfind('/');
  return slash == std::string::npos ? arn : arn.substr(slash + 1);
}

live_resource read_one(const read_context& ctx, const iam::details& d,
                       const terraform::resource_instance& inst) {
  auto it = d.policies.find(inst.id);
  if (it == d.policies.end()) return live_resource::gone();
  const auto& p = it->second;
  const auto state = iam::state_of(inst);
  auto live = new_object();
  set_string(*live, "name", name_of(inst.id));
  set_string(*live, "path", p.child_value("Path"));
  // Computed, but the provider refreshes it: attaching or detaching elsewhere shows here.
  set_int(*live, "attachment_count", std::strtoll(p.child_value("AttachmentCount"), nullptr, 10));
  iam::set_optional(*live, state, "description", p.child_value("Description"));
  const std::string current = p.child_value("DefaultVersionId");
  for (auto v : p.child("PolicyVersionList").children("member"))
    if (current == v.child_value("VersionId"))
      set_string(*live, "policy", iam::policy_text(v.child_value("Document")));
  ctx.count();
  auto tags = aws::iam::call(ctx.cloud, "ListPolicyTags", {{"PolicyArn", inst.id}});
  if (!tags) return gone_or_failed(tags.error(), aws::iam::is_no_such_entity);
  set_tags(*live, inst, iam::tags_of(tags->result));
  return live_resource::found(live);
}

const iam_actions permissions{{"iam:GetAccountAuthorizationDetails", "iam:ListPolicyTags"}, {}};

// The policy's id is its ARN: in the request, or for CreatePolicy in the response.
const change_locator changes =
    iam::iam_changes({"CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion",
                      "SetDefaultPolicyVersion", "TagPolicy", "UntagPolicy"},
                     [](const change_call& c) {
                       auto arn = string_at(c.request, {"policyArn"});
                       if (arn.empty()) arn = string_at(c.response, {"policy", "arn"});
                       return targets_of({arn});
                     });

}  // namespace

const type_module& aws_iam_policy_module() {
  static const type_module m{
      "aws_iam_policy",
      iam::batch_read({"LocalManagedPolicy"}, read_one),
      &rules,
      100,
      [](const read_context& ctx) -> core::result<std::vector<discovered>, aws::error> {
        std::vector<discovered> out;
        if (!iam::is_home_region(ctx)) return out;
        auto d = iam::read_details(ctx, {"LocalManagedPolicy"});
        if (!d) return d.error();
        for (const auto& [arn, p] : d->policies) out.push_back({arn, arn, {}});
        return out;
      },
      &depth,
      &permissions,
      &changes,
      /*calls_per_batch=*/1,
      /*calls_per_instance=*/1};
  return m;
}

}  // namespace scanner::native
