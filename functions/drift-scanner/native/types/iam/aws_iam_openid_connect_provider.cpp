// aws_iam_openid_connect_provider: URL, client ids, thumbprints and tags. One
// GetOpenIDConnectProvider per provider (IAM has no batch read of them).
#include "iam_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"client_id_list", rule_kind::set_order, "a Terraform set of audiences"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from IAM"},
};

const depth_claim depth{
    {"client_id_list", "tags", "tags_all", "thumbprint_list", "url"},
    {},
    false,
    {"client_id_list"},
};

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  ctx.count();
  auto r = aws::iam::call(ctx.cloud, "GetOpenIDConnectProvider",
                          {{"OpenIDConnectProviderArn", inst.id}});
  if (!r) return gone_or_failed(r.error(), aws::iam::is_no_such_entity);
  auto live = new_object();
  set_string(*live, "url", r->result.child_value("Url"));
  iam::set_string_set(*live, "client_id_list", iam::member_texts(r->result, "ClientIDList"));
  // A list in the schema: IAM's order is the provider's.
  set_string_list(*live, "thumbprint_list", iam::member_texts(r->result, "ThumbprintList"));
  set_tags(*live, inst, iam::tags_of(r->result));
  return live_resource::found(live);
}

const iam_actions permissions{{"iam:GetOpenIDConnectProvider"}, {"iam:ListOpenIDConnectProviders"}};

// The provider's id is its ARN.
const change_locator changes = iam::iam_changes(
    {"DeleteOpenIDConnectProvider", "AddClientIDToOpenIDConnectProvider",
     "RemoveClientIDFromOpenIDConnectProvider", "UpdateOpenIDConnectProviderThumbprint",
     "TagOpenIDConnectProvider", "UntagOpenIDConnectProvider"},
    iam::named_by("openIDConnectProviderArn"));

}  // namespace

const type_module& aws_iam_openid_connect_provider_module() {
  static const type_module m{
      "aws_iam_openid_connect_provider",
      one_by_one(read_one),
      &rules,
      20,
      [](const read_context& ctx) -> core::result<std::vector<discovered>, aws::error> {
        if (!iam::is_home_region(ctx)) return std::vector<discovered>{};
        return list_ids(ctx, aws::iam::list_open_id_connect_providers);
      },
      &depth,
      &permissions,
      &changes,
      /*calls_per_batch=*/0,
      /*calls_per_instance=*/1};
  return m;
}

}  // namespace scanner::native
