// aws_lambda_function_url: a function's HTTPS endpoint, its authorisation type, invoke mode and
// CORS policy (GetFunctionUrlConfig, one call per URL).
#include <utility>

#include "aws/lambda_read.h"
#include "lambda_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

using namespace lambda;

const std::vector<rule> rules = {};

const depth_claim depth{
    {"authorization_type", "cors", "invoke_mode"},
    {
        {"function_name", skip_kind::create_only,
         "the function that holds the URL: part of the id, where it is read from"},
        {"qualifier", skip_kind::create_only,
         "the alias or version that holds the URL: part of the id, where it is read from"},
    },
};

// The provider's id: the function's name, or name/qualifier.
std::pair<std::string, std::string> id_parts(const std::string& id) {
  const auto slash = id.find('/');
  if (slash == std::string::npos) return {id, ""};
  return {id.substr(0, slash), id.substr(slash + 1)};
}

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  const auto [name, qualifier] = id_parts(inst.id);
  ctx.count();
  auto r = aws::lambda::get_function_url_config(ctx.cloud, name, qualifier);
  if (!r) return gone_or_failed(r.error(), not_found);
  auto d = new_object();
  copy_fields(*d, *r,
              {{"authorization_type", "AuthType", field_kind::string},
               {"invoke_mode", "InvokeMode", field_kind::string}},
              d->GetAllocator());
  set_block_of(*d, "cors", member(*r, "Cors"),
               {{"allow_credentials", "AllowCredentials", field_kind::boolean},
                {"allow_headers", "AllowHeaders", field_kind::string_set},
                {"allow_methods", "AllowMethods", field_kind::string_set},
                {"allow_origins", "AllowOrigins", field_kind::string_set},
                {"expose_headers", "ExposeHeaders", field_kind::string_set},
                {"max_age", "MaxAge", field_kind::integer}});
  return live_resource::found(d);
}

// Lambda lists URLs per function only, so every function's unqualified URL is looked up (one
// call per function no state manages a URL of). A URL on an alias or version is not found.
core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  ctx.count();
  auto fns = aws::lambda::list_functions(ctx.cloud);
  if (!fns) return fns.error();
  std::vector<discovered> out;
  for (const auto& f : *fns) {
    const std::string name = string_member(f, "FunctionName");
    if (ctx.managed_ids && ctx.managed_ids->count(name)) {
      out.push_back({name, name, {}});
      continue;
    }
    ctx.count();
    auto url = aws::lambda::get_function_url_config(ctx.cloud, name, "");
    if (!url && not_found(url.error())) continue;
    if (!url) return url.error();
    out.push_back({name, name, {}});
  }
  return out;
}

const iam_actions permissions{{"lambda:GetFunctionUrlConfig"}, {"lambda:ListFunctions"}};

}  // namespace

const type_module& aws_lambda_function_url_module() {
  static const type_module m{"aws_lambda_function_url",
                             one_by_one(read_one),
                             &rules,
                             10,
                             list,
                             &depth,
                             &permissions,
                             nullptr,
                             /*calls_per_batch=*/0,
                             /*calls_per_instance=*/1};
  return m;
}

}  // namespace scanner::native
