// aws_lambda_permission: one statement of a function's resource policy (GetPolicy, one call
// per function and qualifier in the batch), read back the way the provider does: action,
// principal, the StringEquals and ArnLike conditions, and the statement id.
#include <map>
#include <utility>

#include "aws/json_protocol.h"
#include "aws/lambda_read.h"
#include "lambda_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

using namespace lambda;

// The provider stores a condition the policy does not have as null or "" depending on how the
// resource was created.
const std::vector<rule> rules = {
    {"source_arn", rule_kind::null_is_empty, "no ArnLike condition: null or \"\""},
    {"source_account", rule_kind::null_is_empty, "no AWS:SourceAccount condition: null or \"\""},
    {"event_source_token", rule_kind::null_is_empty, "no event source token: null or \"\""},
    {"principal_org_id", rule_kind::null_is_empty, "no aws:PrincipalOrgID condition: null or \"\""},
    {"function_url_auth_type", rule_kind::null_is_empty, "no URL auth condition: null or \"\""},
};

const depth_claim depth{
    {"action", "event_source_token", "function_url_auth_type", "principal", "principal_org_id",
     "source_account", "source_arn", "statement_id"},
    {
        {"function_name", skip_kind::create_only,
         "the function whose policy holds the statement: where it is read from"},
        {"qualifier", skip_kind::create_only,
         "the version or alias whose policy holds the statement: where it is read from"},
        {"statement_id_prefix", skip_kind::provider_only,
         "how the statement id was generated; the id itself is compared"},
    },
};

void set_optional(rapidjson::Document& d, const char* name, const rapidjson::Value* v) {
  if (v && v->IsString())
    set_string(d, name, v->GetString());
  else
    set_null(d, name);
}

// An account given as its id is stored by IAM as the account's root ARN.
std::string principal_of(const rapidjson::Value& st) {
  const auto* p = member(st, "Principal");
  if (p && p->IsString()) return p->GetString();
  if (!p || !p->IsObject()) return "";
  if (const auto* aws_p = member(*p, "AWS"); aws_p && aws_p->IsString()) {
    std::string s = aws_p->GetString();
    const std::string pre = "arn:aws:iam::", post = ":root";
    if (s.rfind(pre, 0) == 0 && s.size() > pre.size() + post.size() &&
        s.compare(s.size() - post.size(), post.size(), post) == 0)
      return s.substr(pre.size(), s.size() - pre.size() - post.size());
    return s;
  }
  return str_at(*p, {"Service"});
}

live_resource from_policy(const rapidjson::Value& policy,
                          const terraform::resource_instance& inst) {
  const auto* statements = member(policy, "Statement");
  if (!statements || !statements->IsArray()) return live_resource::gone();
  for (const auto& st : statements->GetArray()) {
    if (str_at(st, {"Sid"}) != inst.id) continue;
    auto d = new_object();
    const auto* action = member(st, "Action");
    set_string(*d, "action",
               action && action->IsString()
                   ? action->GetString()
                   : (action && action->IsArray() && !action->Empty() && (*action)[0].IsString()
                          ? (*action)[0].GetString()
                          : ""));
    set_string(*d, "principal", principal_of(st));
    const auto* eq = at(st, {"Condition", "StringEquals"});
    const auto* like = at(st, {"Condition", "ArnLike"});
    set_optional(*d, "source_account", eq ? member(*eq, "AWS:SourceAccount") : nullptr);
    set_optional(*d, "event_source_token", eq ? member(*eq, "lambda:EventSourceToken") : nullptr);
    set_optional(*d, "principal_org_id", eq ? member(*eq, "aws:PrincipalOrgID") : nullptr);
    set_optional(*d, "function_url_auth_type",
                 eq ? member(*eq, "lambda:FunctionUrlAuthType") : nullptr);
    set_optional(*d, "source_arn", like ? member(*like, "AWS:SourceArn") : nullptr);
    set_string(*d, "statement_id", inst.id);
    return live_resource::found(d);
  }
  return live_resource::gone();
}

std::vector<live_resource> read_batch(const read_context& ctx, const instance_list& batch) {
  // Statements of one function (and qualifier) come from one policy.
  std::map<std::pair<std::string, std::string>, std::shared_ptr<rapidjson::Document>> policies;
  std::map<std::pair<std::string, std::string>, live_resource> failures;
  std::vector<live_resource> out;
  for (const auto* inst : batch) {
    if (ctx.past_deadline()) {
      out.push_back(deadline_reached());
      continue;
    }
    const auto key =
        std::make_pair(state_string(*inst, "function_name"), state_string(*inst, "qualifier"));
    if (auto f = failures.find(key); f != failures.end()) {
      out.push_back(f->second);
      continue;
    }
    auto p = policies.find(key);
    if (p == policies.end()) {
      ctx.count();
      auto r = aws::lambda::get_policy(ctx.cloud, key.first, key.second);
      if (!r) {
        auto answer = gone_or_failed(r.error(), not_found);
        failures.emplace(key, answer);
        out.push_back(answer);
        continue;
      }
      auto doc = std::make_shared<rapidjson::Document>();
      auto text = string_member(*r, "Policy");
      auto parsed = core::json::parse(text, aws::aws_response_limits);
      if (parsed && parsed->IsObject())
        *doc = std::move(*parsed);
      else
        doc->SetObject();
      p = policies.emplace(key, std::move(doc)).first;
    }
    out.push_back(from_policy(*p->second, *inst));
  }
  return out;
}

const iam_actions permissions{{"lambda:GetPolicy"}, {}};

}  // namespace

const type_module& aws_lambda_permission_module() {
  static const type_module m{"aws_lambda_permission",
                             read_batch,
                             &rules,
                             50,
                             {},
                             &depth,
                             &permissions,
                             nullptr,
                             // one GetPolicy per function the batch names: at most one per instance
                             /*calls_per_batch=*/0,
                             /*calls_per_instance=*/1};
  return m;
}

}  // namespace scanner::native
