// aws_lambda_alias: the alias's version, description and weighted routing (GetAlias, one call
// per alias).
#include "aws/lambda_read.h"
#include "lambda_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

using namespace lambda;

const std::vector<rule> rules = {};

const depth_claim depth{
    {"description", "function_version", "name", "routing_config"},
    {
        {"function_name", skip_kind::create_only,
         "the function that holds the alias: where it is read from"},
    },
};

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  ctx.count();
  auto r = aws::lambda::get_alias(ctx.cloud, state_string(inst, "function_name"),
                                  state_string(inst, "name"));
  if (!r) return gone_or_failed(r.error(), not_found);
  auto d = new_object();
  auto& a = d->GetAllocator();
  set_string(*d, "description", str_at(*r, {"Description"}));
  set_string(*d, "function_version", str_at(*r, {"FunctionVersion"}));
  set_string(*d, "name", str_at(*r, {"Name"}));
  // The provider keeps a routing block only when Lambda returns one.
  const auto* routing = member(*r, "RoutingConfig");
  rapidjson::Value block(rapidjson::kObjectType);
  if (routing && routing->IsObject()) {
    rapidjson::Value weights(rapidjson::kObjectType);
    if (const auto* w = member(*routing, "AdditionalVersionWeights"); w && w->IsObject())
      for (auto it = w->MemberBegin(); it != w->MemberEnd(); ++it)
        if (it->value.IsNumber())
          weights.AddMember(string_value(it->name.GetString(), a),
                            rapidjson::Value(it->value.GetDouble()), a);
    block.AddMember("additional_version_weights", weights, a);
  }
  set_block(*d, "routing_config", routing && routing->IsObject() ? &block : nullptr);
  return live_resource::found(d);
}

const iam_actions permissions{{"lambda:GetAlias"}, {}};

}  // namespace

const type_module& aws_lambda_alias_module() {
  static const type_module m{
      "aws_lambda_alias",    one_by_one(read_one),    &rules, 10, {}, &depth, &permissions, nullptr,
      /*calls_per_batch=*/0, /*calls_per_instance=*/1};
  return m;
}

}  // namespace scanner::native
