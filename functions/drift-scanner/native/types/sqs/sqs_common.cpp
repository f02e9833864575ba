#include "sqs_common.h"

#include "aws/sqs.h"
#include "aws/sqs_read.h"

namespace scanner::native::sqs {

core::result<std::map<std::string, std::string>, aws::error> queue_attributes(
    const read_context& ctx, const std::string& url) {
  return shared_read(ctx, "aws_sqs_queue", url, "sqs:GetQueueAttributes", [&] {
    ctx.count();
    return aws::sqs::get_queue_attributes(ctx.cloud, url);
  });
}

type_module attribute_module(std::string_view type, const char* api_name, build_fn build,
                             const std::vector<rule>* rules, const depth_claim* depth,
                             const iam_actions* permissions) {
  auto read_one = [api_name, build](const read_context& ctx,
                                    const terraform::resource_instance& inst) -> live_resource {
    auto attrs = queue_attributes(ctx, inst.id);
    if (!attrs) return gone_or_failed(attrs.error(), aws::sqs::is_missing_queue);
    // The provider drops the resource when the queue has no such attribute, or an empty one.
    auto it = attrs->find(api_name);
    if (it == attrs->end() || it->second.empty()) return live_resource::gone();
    auto d = build(inst, it->second);
    set_string(*d, "queue_url", inst.id);
    return live_resource::found(d);
  };
  return type_module{type,
                     one_by_one(read_one),
                     rules,
                     20,
                     {},
                     depth,
                     permissions,
                     nullptr,
                     /*calls_per_batch=*/0,
                     /*calls_per_instance=*/1,
                     /*shares_reads_with=*/"aws_sqs_queue"};
}

}  // namespace scanner::native::sqs
