// aws_sqs_queue: every attribute GetQueueAttributes returns (the access policy, the redrive and
// redrive-allow policies, SSE-KMS or SQS-managed encryption, timings and sizes, FIFO settings)
// in the provider's attribute map, plus the tags (two calls per queue: SQS has no batch read).
#include "aws/sqs.h"
#include "aws/sqs_read.h"
#include "registry.h"
#include "sns/attribute_map.h"
#include "sqs_common.h"

namespace scanner::native {
namespace {

using messaging::attr_kind;

const std::vector<rule> rules = {
    {"policy", rule_kind::policy_json,
     "key order, statement order, scalar vs one-element list and whitespace are not changes"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from SQS"},
};

// The redrive policies are stored as SQS returns them: the provider neither normalises them
// on read nor keeps an equal state value, so Terraform reports their text as it is.
const std::vector<messaging::attr_spec> attributes = {
    {"arn", "QueueArn", attr_kind::string},
    {"content_based_deduplication", "ContentBasedDeduplication", attr_kind::boolean},
    {"deduplication_scope", "DeduplicationScope", attr_kind::string},
    {"delay_seconds", "DelaySeconds", attr_kind::integer},
    {"fifo_queue", "FifoQueue", attr_kind::boolean},
    {"fifo_throughput_limit", "FifoThroughputLimit", attr_kind::string},
    {"kms_data_key_reuse_period_seconds", "KmsDataKeyReusePeriodSeconds", attr_kind::integer},
    {"kms_master_key_id", "KmsMasterKeyId", attr_kind::string},
    {"max_message_size", "MaximumMessageSize", attr_kind::integer},
    {"message_retention_seconds", "MessageRetentionPeriod", attr_kind::integer},
    {"policy", "Policy", attr_kind::policy},
    {"receive_wait_time_seconds", "ReceiveMessageWaitTimeSeconds", attr_kind::integer},
    {"redrive_allow_policy", "RedriveAllowPolicy", attr_kind::string},
    {"redrive_policy", "RedrivePolicy", attr_kind::string},
    {"sqs_managed_sse_enabled", "SqsManagedSseEnabled", attr_kind::boolean},
    {"visibility_timeout_seconds", "VisibilityTimeout", attr_kind::integer},
};

const depth_claim depth{
    {"content_based_deduplication", "deduplication_scope", "delay_seconds", "fifo_queue",
     "fifo_throughput_limit", "kms_data_key_reuse_period_seconds", "kms_master_key_id",
     "max_message_size", "message_retention_seconds", "name", "name_prefix", "policy",
     "receive_wait_time_seconds", "redrive_allow_policy", "redrive_policy",
     "sqs_managed_sse_enabled", "tags", "tags_all", "visibility_timeout_seconds"},
    {},
};

// The queue's name: the URL's last path segment (the state's id is the URL).
std::string name_of(const std::string& url) { return url.substr(url.rfind('/') + 1); }

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  auto attrs = sqs::queue_attributes(ctx, inst.id);
  if (!attrs) return gone_or_failed(attrs.error(), aws::sqs::is_missing_queue);
  auto d = new_object();
  messaging::set_attributes(*d, inst, *attrs, attributes);
  // The provider stores SQS's default reuse period where SQS does not return one.
  if (!attrs->count("KmsDataKeyReusePeriodSeconds") ||
      (*attrs)["KmsDataKeyReusePeriodSeconds"] == "0")
    set_int(*d, "kms_data_key_reuse_period_seconds", 300);
  const std::string name = name_of(inst.id);
  set_string(*d, "name", name);
  const bool fifo = (*attrs)["FifoQueue"] == "true";
  set_string(*d, "name_prefix", messaging::name_prefix_of(name, fifo ? ".fifo" : ""));
  set_string(*d, "url", inst.id);

  ctx.count();
  return found_with_tags(d, inst, aws::sqs::list_queue_tags(ctx.cloud, inst.id),
                         aws::sqs::is_missing_queue);
}

const iam_actions permissions{{"sqs:GetQueueAttributes", "sqs:ListQueueTags"}, {"sqs:ListQueues"}};

}  // namespace

const type_module& aws_sqs_queue_module() {
  static const type_module m{
      "aws_sqs_queue",
      one_by_one(read_one),
      &rules,
      10,
      [](const read_context& ctx) { return list_ids(ctx, aws::sqs::list_queues); },
      &depth,
      &permissions,
      nullptr,
      /*calls_per_batch=*/0,
      /*calls_per_instance=*/2};
  return m;
}

}  // namespace scanner::native
