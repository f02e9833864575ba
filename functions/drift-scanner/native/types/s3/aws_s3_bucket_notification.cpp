// aws_s3_bucket_notification: the bucket's Lambda, SQS and SNS notifications and whether
// EventBridge is told. A bucket always answers a notification configuration (empty when none is
// set, which the provider refreshes as empty lists), so only a deleted bucket is gone.
#include <cctype>

#include "registry.h"
#include "s3_common.h"

namespace scanner::native {
namespace {

const depth_claim depth{
    {"eventbridge", "lambda_function", "queue", "topic"},
    {{"bucket", skip_kind::create_only, s3::bucket_why}},
    false,
    // moto keeps no EventBridgeConfiguration: proved by the offline test's edited recording.
    {"eventbridge"},
};

const std::vector<rule> rules = {};

using alloc_t = rapidjson::Document::AllocatorType;

// One notification list: `element` configurations each naming its target in `target` (stored
// under `target_name`), with their events (a set) and their key filter.
rapidjson::Value notifications(const pugi::xml_node& cfg, const char* element, const char* target,
                               const char* target_name, alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  for (auto n : cfg.children(element)) {
    rapidjson::Value events(rapidjson::kArrayType);
    for (auto e : n.children("Event")) events.PushBack(string_value(e.child_value(), a), a);
    to_set_order(events, a);
    std::string prefix, suffix;
    for (auto f : n.child("Filter").child("S3Key").children("FilterRule")) {
      std::string name = xtext(f, "Name");
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (name == "prefix") prefix = xtext(f, "Value");
      if (name == "suffix") suffix = xtext(f, "Value");
    }
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("events", events, a);
    o.AddMember("filter_prefix", string_value(prefix, a), a);
    o.AddMember("filter_suffix", string_value(suffix, a), a);
    o.AddMember("id", string_value(xtext(n, "Id"), a), a);
    o.AddMember(rapidjson::StringRef(target_name), string_value(xtext(n, target), a), a);
    list.PushBack(o, a);
  }
  return list;
}

core::result<std::optional<doc_ptr>, aws::error> read(const read_context& ctx,
                                                      const terraform::resource_instance&,
                                                      const std::string& bucket) {
  auto n = s3::config(ctx, bucket, "notification");
  if (!n) return n.error();
  const auto cfg = *n ? (*n)->result : pugi::xml_node();
  auto d = new_object();
  auto& a = d->GetAllocator();
  set_bool(*d, "eventbridge", static_cast<bool>(cfg.child("EventBridgeConfiguration")));
  auto lambdas =
      notifications(cfg, "CloudFunctionConfiguration", "CloudFunction", "lambda_function_arn", a);
  set_value(*d, "lambda_function", lambdas);
  auto queues = notifications(cfg, "QueueConfiguration", "Queue", "queue_arn", a);
  set_value(*d, "queue", queues);
  auto topics = notifications(cfg, "TopicConfiguration", "Topic", "topic_arn", a);
  set_value(*d, "topic", topics);
  return std::optional<doc_ptr>(d);
}

const iam_actions permissions{{"s3:GetBucketNotification"}, {}};

const change_locator changes = s3::bucket_changes(
    {"PutBucketNotification", "PutBucketNotificationConfiguration", "DeleteBucket"});

}  // namespace

const type_module& aws_s3_bucket_notification_module() {
  static const type_module m = s3::bucket_part_module("aws_s3_bucket_notification", read, &rules,
                                                      &depth, &permissions, &changes);
  return m;
}

}  // namespace scanner::native
