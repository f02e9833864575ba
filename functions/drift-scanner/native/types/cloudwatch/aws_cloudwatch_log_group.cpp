// aws_cloudwatch_log_group: a log group's retention, KMS key, class and tags, as the provider
// refreshes them: DescribeLogGroups by name prefix (the exact name picked from the answer),
// then ListTagsForResource on the ARN without ":*". Two calls per group: Logs has no batch
// read by exact names.
#include <algorithm>

#include "../kms/keys_util.h"
#include "aws/logs_read.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from CloudWatch Logs"},
};

const depth_claim depth{
    {"kms_key_id", "log_group_class", "name", "retention_in_days", "tags", "tags_all"},
    {
        {"name_prefix", skip_kind::create_only, "only picks the name at creation"},
        {"skip_destroy", skip_kind::provider_only,
         "whether destroy leaves the group in place: never sent to AWS"},
    },
    false,
    {"kms_key_id"},
};

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  int pages = 0;
  auto groups = aws::logs::describe_log_groups(ctx.cloud, inst.id, &pages);
  ctx.count(pages);
  if (!groups) return failed(groups.error());
  const auto g = std::find_if(groups->begin(), groups->end(),
                              [&](const auto& x) { return x.name == inst.id; });
  if (g == groups->end()) return live_resource::gone();
  auto d = new_object();
  set_string(*d, "arn", g->arn);
  set_string(*d, "kms_key_id", g->kms_key_id);
  set_string(*d, "log_group_class", g->log_group_class);
  set_string(*d, "name", g->name);
  set_int(*d, "retention_in_days", g->retention_in_days);
  ctx.count();
  return found_with_tags(d, inst, aws::logs::list_tags_for_resource(ctx.cloud, g->arn),
                         aws::logs::is_not_found);
}

core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  int pages = 0;
  auto groups = aws::logs::describe_log_groups(ctx.cloud, "", &pages);
  ctx.count(pages);
  if (!groups) return groups.error();
  std::vector<discovered> out;
  for (const auto& g : *groups) out.push_back({g.name, g.name, {}});
  return out;
}

const iam_actions permissions{{"logs:DescribeLogGroups", "logs:ListTagsForResource"}, {}};

}  // namespace

const type_module& aws_cloudwatch_log_group_module() {
  static const type_module m{"aws_cloudwatch_log_group",
                             one_by_one(read_one),
                             &rules,
                             10,
                             list,
                             &depth,
                             &permissions,
                             nullptr,
                             /*calls_per_batch=*/0,
                             /*calls_per_instance=*/2};
  return m;
}

}  // namespace scanner::native
