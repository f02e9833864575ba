// aws_sns_topic: every attribute GetTopicAttributes returns (the access policy, the delivery
// policy, the KMS key, delivery-status feedback roles and rates, FIFO and archive settings),
// in the provider's attribute map, plus the tags (two calls per topic: SNS has no batch read).
#include "attribute_map.h"
#include "aws/sns_read.h"
#include "registry.h"
#include "sns_common.h"

namespace scanner::native {
namespace {

using messaging::attr_kind;

const std::vector<rule> rules = {
    {"policy", rule_kind::policy_json,
     "key order, statement order, scalar vs one-element list and whitespace are not changes"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from SNS"},
};

const std::vector<messaging::attr_spec> attributes = {
    {"application_failure_feedback_role_arn", "ApplicationFailureFeedbackRoleArn",
     attr_kind::string},
    {"application_success_feedback_role_arn", "ApplicationSuccessFeedbackRoleArn",
     attr_kind::string},
    {"application_success_feedback_sample_rate", "ApplicationSuccessFeedbackSampleRate",
     attr_kind::integer},
    {"archive_policy", "ArchivePolicy", attr_kind::json_kept_if_equal},
    {"arn", "TopicArn", attr_kind::string},
    {"beginning_archive_time", "BeginningArchiveTime", attr_kind::string},
    {"content_based_deduplication", "ContentBasedDeduplication", attr_kind::boolean},
    {"delivery_policy", "DeliveryPolicy", attr_kind::json_kept_if_equal},
    {"display_name", "DisplayName", attr_kind::string},
    {"fifo_throughput_scope", "FifoThroughputScope", attr_kind::string},
    {"fifo_topic", "FifoTopic", attr_kind::boolean},
    {"firehose_failure_feedback_role_arn", "FirehoseFailureFeedbackRoleArn", attr_kind::string},
    {"firehose_success_feedback_role_arn", "FirehoseSuccessFeedbackRoleArn", attr_kind::string},
    {"firehose_success_feedback_sample_rate", "FirehoseSuccessFeedbackSampleRate",
     attr_kind::integer},
    {"http_failure_feedback_role_arn", "HTTPFailureFeedbackRoleArn", attr_kind::string},
    {"http_success_feedback_role_arn", "HTTPSuccessFeedbackRoleArn", attr_kind::string},
    {"http_success_feedback_sample_rate", "HTTPSuccessFeedbackSampleRate", attr_kind::integer},
    {"kms_master_key_id", "KmsMasterKeyId", attr_kind::string},
    {"lambda_failure_feedback_role_arn", "LambdaFailureFeedbackRoleArn", attr_kind::string},
    {"lambda_success_feedback_role_arn", "LambdaSuccessFeedbackRoleArn", attr_kind::string},
    {"lambda_success_feedback_sample_rate", "LambdaSuccessFeedbackSampleRate", attr_kind::integer},
    {"owner", "Owner", attr_kind::string},
    {"policy", "Policy", attr_kind::policy},
    {"signature_version", "SignatureVersion", attr_kind::integer},
    {"sqs_failure_feedback_role_arn", "SQSFailureFeedbackRoleArn", attr_kind::string},
    {"sqs_success_feedback_role_arn", "SQSSuccessFeedbackRoleArn", attr_kind::string},
    {"sqs_success_feedback_sample_rate", "SQSSuccessFeedbackSampleRate", attr_kind::integer},
    {"tracing_config", "TracingConfig", attr_kind::string},
};

const depth_claim depth{
    {"application_failure_feedback_role_arn",
     "application_success_feedback_role_arn",
     "application_success_feedback_sample_rate",
     "archive_policy",
     "content_based_deduplication",
     "delivery_policy",
     "display_name",
     "fifo_throughput_scope",
     "fifo_topic",
     "firehose_failure_feedback_role_arn",
     "firehose_success_feedback_role_arn",
     "firehose_success_feedback_sample_rate",
     "http_failure_feedback_role_arn",
     "http_success_feedback_role_arn",
     "http_success_feedback_sample_rate",
     "kms_master_key_id",
     "lambda_failure_feedback_role_arn",
     "lambda_success_feedback_role_arn",
     "lambda_success_feedback_sample_rate",
     "name",
     "name_prefix",
     "policy",
     "signature_version",
     "sqs_failure_feedback_role_arn",
     "sqs_success_feedback_role_arn",
     "sqs_success_feedback_sample_rate",
     "tags",
     "tags_all",
     "tracing_config"},
    {},
};

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  auto attrs = sns::topic_attributes(ctx, inst.id);
  if (!attrs) return gone_or_failed(attrs.error(), aws::sns::is_not_found);
  auto d = new_object();
  messaging::set_attributes(*d, inst, *attrs, attributes);
  // The name is the ARN's last part; the provider derives name_prefix from it.
  const std::string name = inst.id.substr(inst.id.rfind(':') + 1);
  set_string(*d, "name", name);
  const bool fifo = (*attrs)["FifoTopic"] == "true";
  set_string(*d, "name_prefix", messaging::name_prefix_of(name, fifo ? ".fifo" : ""));

  ctx.count();
  return found_with_tags(d, inst, aws::sns::list_tags_for_resource(ctx.cloud, inst.id),
                         aws::sns::is_not_found);
}

const iam_actions permissions{{"sns:GetTopicAttributes", "sns:ListTagsForResource"},
                              {"sns:ListTopics"}};

}  // namespace

const type_module& aws_sns_topic_module() {
  static const type_module m{
      "aws_sns_topic",
      one_by_one(read_one),
      &rules,
      10,
      [](const read_context& ctx) { return list_ids(ctx, aws::sns::list_topics); },
      &depth,
      &permissions,
      nullptr,
      /*calls_per_batch=*/0,
      /*calls_per_instance=*/2};
  return m;
}

}  // namespace scanner::native
