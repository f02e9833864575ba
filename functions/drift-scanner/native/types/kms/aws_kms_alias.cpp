// aws_kms_alias: the alias's target key, from one paginated ListAliases per batch (KMS has no
// lookup by alias name).
#include "keys_util.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {};

const depth_claim depth{{"name", "name_prefix", "target_key_id"}, {}};

struct alias {
  std::string arn, target;
};

core::result<std::map<std::string, alias>, aws::error> all_aliases(const read_context& ctx) {
  std::map<std::string, alias> out;
  std::string marker;
  do {
    auto page = marker.empty()
                    ? keys::call(ctx, aws::services::kms, "ListAliases", {})
                    : keys::call(ctx, aws::services::kms, "ListAliases", {{"Marker", marker}});
    if (!page) return page.error();
    if (const auto* as = member(*page, "Aliases"); as && as->IsArray())
      for (const auto& x : as->GetArray())
        out[keys::str(x, "AliasName")] = {keys::str(x, "AliasArn"), keys::str(x, "TargetKeyId")};
    marker = keys::boolean(*page, "Truncated") ? keys::str(*page, "NextMarker") : "";
  } while (!marker.empty());
  return out;
}

std::vector<live_resource> read(const read_context& ctx, const instance_list& batch) {
  if (ctx.past_deadline()) return all_deadline_reached(batch.size());
  auto aliases = all_aliases(ctx);
  if (!aliases) return all_failed(batch.size(), aliases.error());
  std::vector<live_resource> out;
  for (const auto* inst : batch) {
    auto it = aliases->find(inst->id);
    // An alias of no key (AWS managed aliases before first use) cannot be in a state.
    if (it == aliases->end() || it->second.target.empty()) {
      out.push_back(live_resource::gone());
      continue;
    }
    const auto& [arn, target] = it->second;
    auto d = new_object();
    set_string(*d, "arn", arn);
    set_string(*d, "name", inst->id);
    set_string(*d, "name_prefix", keys::name_prefix_of(inst->id));
    set_string(*d, "target_key_id", target);
    // The key's ARN: the alias's with alias/<name> replaced by key/<id>.
    const auto colon = arn.rfind(':');
    set_string(*d, "target_key_arn",
               colon == std::string::npos ? "" : arn.substr(0, colon + 1) + "key/" + target);
    out.push_back(live_resource::found(d));
  }
  return out;
}

const iam_actions permissions{{"kms:ListAliases"}, {}};

}  // namespace

const type_module& aws_kms_alias_module() {
  static const type_module m{
      "aws_kms_alias",
      read,
      &rules,
      500,
      [](const read_context& ctx) -> core::result<std::vector<discovered>, aws::error> {
        auto aliases = all_aliases(ctx);
        if (!aliases) return aliases.error();
        std::vector<discovered> out;
        // aws/ aliases belong to AWS.
        for (const auto& [name, a] : *aliases)
          if (name.rfind("alias/aws/", 0) != 0 && !a.target.empty())
            out.push_back({name, name, {}});
        return out;
      },
      &depth,
      &permissions};
  return m;
}

}  // namespace scanner::native
