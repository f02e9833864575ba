// aws_key_pair: the key's name, fingerprint, id, type and tags, from DescribeKeyPairs by name.
// The provider never reads the public key back (it keeps the configured one), so neither do we.
#include "ec2_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from EC2"},
};

const depth_claim depth{
    {"key_name", "tags", "tags_all"},
    {{"public_key", skip_kind::provider_only,
      "the provider keeps the configured key and never reads it from EC2; a re-imported key "
      "shows as a new `fingerprint` and `key_pair_id`"},
     {"key_name_prefix", skip_kind::create_only, "only used to generate the name at creation"}},
};

doc_ptr build(const read_context&, const terraform::resource_instance& inst,
              const pugi::xml_node& item) {
  auto d = new_object();
  set_string(*d, "key_name", xtext(item, "keyName"));
  // Computed, but they are what a key re-imported under the same name changes: Terraform's
  // refresh reports them.
  set_string(*d, "fingerprint", xtext(item, "keyFingerprint"));
  set_string(*d, "key_pair_id", xtext(item, "keyPairId"));
  set_string(*d, "key_type", xtext(item, "keyType"));
  set_tags(*d, inst, aws::ec2::tags_of(item));
  return d;
}

const iam_actions permissions{{"ec2:DescribeKeyPairs"}, {}};

// Tags are set on the key's `key-...` id, which the state's id (the name) cannot be matched
// with from the call alone: only the calls naming the key are declared.
const change_locator changes{
    ec2::event_source, {"ImportKeyPair", "DeleteKeyPair"}, [](const change_call& c) {
      return targets_of({ec2::request_param(c, "keyName")});
    }};

core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  ctx.count();
  // DescribeKeyPairs has no pagination (no MaxResults): one answer holds every key.
  auto r = aws::ec2::describe(ctx.cloud, "DescribeKeyPairs", "", "keySet", {});
  if (!r) return r.error();
  std::vector<discovered> out;
  for (auto item : r->result.children("item")) {
    std::string name = xtext(item, "keyName");
    out.push_back({name, name, aws::ec2::tags_of(item)});
  }
  return out;
}

}  // namespace

const type_module& aws_key_pair_module() {
  static const type_module m{"aws_key_pair",
                             [](const read_context& ctx, const instance_list& batch) {
                               return ec2::read_batch(ctx, batch, "DescribeKeyPairs", "keySet",
                                                      "key-name", "keyName", build);
                             },
                             &rules,
                             100,
                             list,
                             &depth,
                             &permissions,
                             &changes};
  return m;
}

}  // namespace scanner::native
