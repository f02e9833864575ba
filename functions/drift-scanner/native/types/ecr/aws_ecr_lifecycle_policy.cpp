// aws_ecr_lifecycle_policy: a repository's image expiry rules (GetLifecyclePolicy); a
// repository without one, or gone, is gone.
#include <algorithm>

#include "aws/ecr.h"
#include "ecr_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {};

const depth_claim depth{{"policy", "repository"}, {}};

rapidjson::Document parsed(const std::string& text) {
  rapidjson::Document p;
  p.Parse(text.c_str(), text.size());
  return p;
}

rapidjson::Value* child(rapidjson::Value& v, const char* name) {
  if (!v.IsObject()) return nullptr;
  auto it = v.FindMember(name);
  return it == v.MemberEnd() ? nullptr : &it->value;
}

void sort_strings(rapidjson::Value* list) {
  if (!list || !list->IsArray()) return;
  std::sort(list->Begin(), list->End(), [](const rapidjson::Value& x, const rapidjson::Value& y) {
    return x.IsString() && y.IsString() &&
           std::string_view(x.GetString(), x.GetStringLength()) <
               std::string_view(y.GetString(), y.GetStringLength());
  });
}

// The policy as the provider compares two of them: rules by priority, each rule's tag
// prefixes and patterns sorted, keys in Go's order.
std::string canonical(rapidjson::Document& p) {
  if (auto* list = child(p, "rules"); list && list->IsArray()) {
    std::stable_sort(
        list->Begin(), list->End(), [](const rapidjson::Value& x, const rapidjson::Value& y) {
          return lambda::int_at(x, {"rulePriority"}) < lambda::int_at(y, {"rulePriority"});
        });
    for (auto& r : list->GetArray()) {
      auto* selection = child(r, "selection");
      if (!selection) continue;
      sort_strings(child(*selection, "tagPrefixList"));
      sort_strings(child(*selection, "tagPatternList"));
    }
  }
  return to_go_json(p);
}

// The provider keeps the state's text when it is equivalent to ECR's (rules in another
// order, tag lists reordered, whitespace), else stores ECR's re-encoded by Go's encoding/json.
std::string provider_policy(const std::string& live, const std::string& state) {
  auto l = parsed(live);
  if (l.HasParseError()) return live;
  const std::string stored = to_go_json(l);
  auto s = parsed(state);
  if (!s.HasParseError() && canonical(s) == canonical(l)) return state;
  return stored;
}

const iam_actions permissions{{"ecr:GetLifecyclePolicy"}, {}};

const change_locator changes =
    ecr::repository_changes({"PutLifecyclePolicy", "DeleteLifecyclePolicy", "DeleteRepository"});

}  // namespace

const type_module& aws_ecr_lifecycle_policy_module() {
  static const type_module m{
      "aws_ecr_lifecycle_policy",
      one_by_one(ecr::policy_part_reader(aws::ecr::get_lifecycle_policy, "lifecyclePolicyText",
                                         provider_policy)),
      &rules,
      10,
      {},
      &depth,
      &permissions,
      &changes,
      /*calls_per_batch=*/0,
      /*calls_per_instance=*/1};
  return m;
}

}  // namespace scanner::native
