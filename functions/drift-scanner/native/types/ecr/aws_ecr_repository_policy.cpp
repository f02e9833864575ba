// aws_ecr_repository_policy: a repository's access policy (GetRepositoryPolicy), compared as
// IAM reads it; a repository without one, or gone, is gone.
#include "aws/ecr.h"
#include "ecr_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"policy", rule_kind::policy_json,
     "key order, statement order, scalar vs one-element list and whitespace are not changes"},
};

const depth_claim depth{{"policy", "repository"}, {}};

// The provider stores the policy re-encoded by Go's encoding/json; equivalence with the
// state's text is the policy_json rule's.
std::string go_json_text(const std::string& live, const std::string&) {
  rapidjson::Document p;
  p.Parse(live.c_str(), live.size());
  return p.HasParseError() ? live : to_go_json(p);
}

const iam_actions permissions{{"ecr:GetRepositoryPolicy"}, {}};

const change_locator changes =
    ecr::repository_changes({"SetRepositoryPolicy", "DeleteRepositoryPolicy", "DeleteRepository"});

}  // namespace

const type_module& aws_ecr_repository_policy_module() {
  static const type_module m{"aws_ecr_repository_policy",
                             one_by_one(ecr::policy_part_reader(aws::ecr::get_repository_policy,
                                                                "policyText", go_json_text)),
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
