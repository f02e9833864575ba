// aws_ecr_repository: a repository's tag mutability, scan-on-push, encryption and tags
// (DescribeRepositories of the batch's names, then ListTagsForResource per repository).
#include "aws/ecr.h"
#include "ecr_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

using namespace ecr;

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "an empty tag map and no tags are the same"},
};

const depth_claim depth{
    {"encryption_configuration", "image_scanning_configuration", "image_tag_mutability", "name",
     "tags", "tags_all"},
    {
        {"force_delete", skip_kind::provider_only,
         "whether a destroy deletes the images too: a provider setting ECR never holds"},
    },
};

// The repository's attributes from its DescribeRepositories entry, then its tags (one call).
live_resource from_answer(const read_context& ctx, const terraform::resource_instance& inst,
                          const rapidjson::Document& r) {
  auto d = new_object();
  auto& a = d->GetAllocator();
  const std::string arn = str_at(r, {"repositoryArn"});
  set_string(*d, "arn", arn);
  set_string(*d, "name", str_at(r, {"repositoryName"}));
  set_string(*d, "registry_id", str_at(r, {"registryId"}));
  set_string(*d, "repository_url", str_at(r, {"repositoryUri"}));
  set_string(*d, "image_tag_mutability", str_at(r, {"imageTagMutability"}));
  // The provider stores an absent block as an empty list, a present one as one element.
  rapidjson::Value scanning(rapidjson::kObjectType);
  scanning.AddMember("scan_on_push", bool_at(r, {"imageScanningConfiguration", "scanOnPush"}), a);
  lambda::set_block(*d, "image_scanning_configuration",
                    at(r, {"imageScanningConfiguration"}) ? &scanning : nullptr);
  rapidjson::Value encryption(rapidjson::kObjectType);
  encryption.AddMember("encryption_type",
                       string_value(str_at(r, {"encryptionConfiguration", "encryptionType"}), a),
                       a);
  encryption.AddMember("kms_key", string_value(str_at(r, {"encryptionConfiguration", "kmsKey"}), a),
                       a);
  lambda::set_block(*d, "encryption_configuration",
                    at(r, {"encryptionConfiguration"}) ? &encryption : nullptr);
  ctx.count();
  return found_with_tags(d, inst, aws::ecr::list_tags(ctx.cloud, arn), not_found);
}

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  ctx.count();
  auto r = aws::ecr::describe_repository(ctx.cloud, inst.id, "");
  if (!r) return gone_or_failed(r.error(), not_found);
  return from_answer(ctx, inst, *r);
}

// One DescribeRepositories for the batch's names (the provider asks one by one). ECR fails the
// whole call when one name is gone: the batch is then asked name by name, so the gone one is
// found and the rest still compared.
std::vector<live_resource> read(const read_context& ctx, const instance_list& batch) {
  std::vector<std::string> names;
  for (const auto* inst : batch) names.push_back(inst->id);
  ctx.count();
  auto found = aws::ecr::describe_repositories_named(ctx.cloud, names);
  if (!found) {
    if (batch.size() > 1 && not_found(found.error()))
      return each_instance(ctx, batch, [&ctx](const terraform::resource_instance& inst) {
        return read_one(ctx, inst);
      });
    std::vector<live_resource> out;
    for (size_t i = 0; i < batch.size(); ++i)
      out.push_back(gone_or_failed(found.error(), not_found));
    return out;
  }
  return each_instance(ctx, batch, [&](const terraform::resource_instance& inst) {
    auto it = found->find(inst.id);
    if (it == found->end()) return live_resource::gone();
    return from_answer(ctx, inst, it->second);
  });
}

core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  return list_ids(ctx, aws::ecr::describe_repositories,
                  [](const rapidjson::Document& r) { return str_at(r, {"repositoryName"}); });
}

const iam_actions permissions{{"ecr:DescribeRepositories", "ecr:ListTagsForResource"}, {}};

const change_locator changes =
    ecr::repository_changes({"PutImageTagMutability", "PutImageScanningConfiguration",
                             "TagResource", "UntagResource", "DeleteRepository"});

}  // namespace

const type_module& aws_ecr_repository_module() {
  static const type_module m{"aws_ecr_repository", read, &rules, 100, list, &depth, &permissions,
                             &changes,
                             // DescribeRepositories per batch, the tags per repository.
                             /*calls_per_batch=*/1,
                             /*calls_per_instance=*/1};
  return m;
}

}  // namespace scanner::native
