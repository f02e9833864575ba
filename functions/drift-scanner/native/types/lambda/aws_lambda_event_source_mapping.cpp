// aws_lambda_event_source_mapping: a mapping's source, batching, retries, filters, destinations
// and tags (GetEventSourceMapping and ListTags, two calls per mapping), in the shape the
// provider refreshes: absent numbers 0, absent blocks [], `enabled` from the mapping's state.
#include <ctime>

#include "aws/json_protocol.h"
#include "aws/lambda_read.h"
#include "lambda_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

using namespace lambda;
using allocator = rapidjson::Document::AllocatorType;

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from Lambda"},
};

const depth_claim depth{
    {"amazon_managed_kafka_event_source_config",
     "batch_size",
     "bisect_batch_on_function_error",
     "destination_config",
     "document_db_event_source_config",
     "enabled",
     "event_source_arn",
     "filter_criteria",
     "function_name",
     "function_response_types",
     "kms_key_arn",
     "maximum_batching_window_in_seconds",
     "maximum_record_age_in_seconds",
     "maximum_retry_attempts",
     "metrics_config",
     "parallelization_factor",
     "provisioned_poller_config",
     "queues",
     "scaling_config",
     "self_managed_event_source",
     "self_managed_kafka_event_source_config",
     "source_access_configuration",
     "starting_position",
     "starting_position_timestamp",
     "tags",
     "tags_all",
     "topics",
     "tumbling_window_in_seconds"},
    {},
};

// The provider reads `enabled` from the mapping's state, and stores null for a mapping that is
// neither (Creating, Updating, Deleting).
void set_enabled(rapidjson::Document& d, const std::string& state) {
  if (state == "Enabled" || state == "Enabling")
    set_bool(d, "enabled", true);
  else if (state == "Disabled" || state == "Disabling")
    set_bool(d, "enabled", false);
  else
    set_null(d, "enabled");
}

// Lambda answers epoch seconds; the provider stores RFC 3339 in UTC.
std::string rfc3339(const rapidjson::Value* epoch) {
  if (!epoch || !epoch->IsNumber()) return "";
  const auto t = static_cast<std::time_t>(epoch->GetDouble());
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

bool same_json(const std::string& x, const std::string& y) {
  auto px = core::json::parse(x, aws::aws_response_limits);
  auto py = core::json::parse(y, aws::aws_response_limits);
  return px && py && *px == *py;
}

// The state's patterns (filter_criteria[0].filter[*].pattern).
std::vector<std::string> state_patterns(const rapidjson::Value& state) {
  std::vector<std::string> out;
  const auto* fc = member(state, "filter_criteria");
  if (!fc || !fc->IsArray() || fc->Empty()) return out;
  if (const auto* fs = member((*fc)[0], "filter"); fs && fs->IsArray())
    for (const auto& f : fs->GetArray()) out.push_back(string_member(f, "pattern"));
  return out;
}

// Patterns are JSON text: one that is the same JSON as a pattern of the state keeps the state's
// text, so key order and spacing are not a change. The filters are a set of blocks.
void set_filter_criteria(rapidjson::Document& d, const rapidjson::Value* fc,
                         const rapidjson::Value& state) {
  auto& a = d.GetAllocator();
  rapidjson::Value block(rapidjson::kObjectType);
  if (fc && fc->IsObject()) {
    const auto known = state_patterns(state);
    rapidjson::Value filters(rapidjson::kArrayType);
    if (const auto* fs = member(*fc, "Filters"); fs && fs->IsArray())
      for (const auto& f : fs->GetArray()) {
        std::string pattern = str_at(f, {"Pattern"});
        for (const auto& k : known)
          if (k == pattern || same_json(k, pattern)) pattern = k;
        rapidjson::Value item(rapidjson::kObjectType);
        item.AddMember("pattern", string_value(pattern, a), a);
        filters.PushBack(item, a);
      }
    to_set_order(filters, a);
    block.AddMember("filter", filters, a);
  }
  set_block(d, "filter_criteria", fc && fc->IsObject() ? &block : nullptr);
}

void set_destination_config(rapidjson::Document& d, const rapidjson::Value* dc) {
  auto& a = d.GetAllocator();
  const bool present = dc && dc->IsObject();
  rapidjson::Value block(rapidjson::kObjectType);
  if (present) {
    rapidjson::Value on_failure(rapidjson::kArrayType);
    if (const auto* of = member(*dc, "OnFailure"); of && of->IsObject()) {
      rapidjson::Value o(rapidjson::kObjectType);
      o.AddMember("destination_arn", string_value(str_at(*of, {"Destination"}), a), a);
      on_failure.PushBack(o, a);
    }
    block.AddMember("on_failure", on_failure, a);
  }
  set_block(d, "destination_config", present ? &block : nullptr);
}

// Lambda answers each endpoint kind as a list; the provider joins it with commas.
void set_self_managed_event_source(rapidjson::Document& d, const rapidjson::Value* src) {
  auto& a = d.GetAllocator();
  const bool present = src && src->IsObject();
  rapidjson::Value block(rapidjson::kObjectType);
  if (present) {
    rapidjson::Value endpoints(rapidjson::kObjectType);
    if (const auto* e = member(*src, "Endpoints"); e && e->IsObject())
      for (auto it = e->MemberBegin(); it != e->MemberEnd(); ++it) {
        std::string joined;
        for (const auto& s : strings_at(*e, {it->name.GetString()}))
          joined += (joined.empty() ? "" : ",") + s;
        endpoints.AddMember(string_value(it->name.GetString(), a), string_value(joined, a), a);
      }
    block.AddMember("endpoints", endpoints, a);
  }
  set_block(d, "self_managed_event_source", present ? &block : nullptr);
}

void set_source_access(rapidjson::Document& d, const rapidjson::Value& r) {
  auto& a = d.GetAllocator();
  rapidjson::Value set(rapidjson::kArrayType);
  if (const auto* sac = member(r, "SourceAccessConfigurations"); sac && sac->IsArray())
    for (const auto& x : sac->GetArray()) {
      rapidjson::Value item(rapidjson::kObjectType);
      copy_fields(item, x,
                  {{"type", "Type", field_kind::string}, {"uri", "URI", field_kind::string}}, a);
      set.PushBack(item, a);
    }
  to_set_order(set, a);
  set_value(d, "source_access_configuration", set);
}

void set_blocks(rapidjson::Document& d, const rapidjson::Value& r) {
  set_block_of(d, "amazon_managed_kafka_event_source_config",
               member(r, "AmazonManagedKafkaEventSourceConfig"),
               {{"consumer_group_id", "ConsumerGroupId", field_kind::string}});
  set_block_of(d, "document_db_event_source_config", member(r, "DocumentDBEventSourceConfig"),
               {{"collection_name", "CollectionName", field_kind::string},
                {"database_name", "DatabaseName", field_kind::string},
                {"full_document", "FullDocument", field_kind::string}});
  set_block_of(d, "metrics_config", member(r, "MetricsConfig"),
               {{"metrics", "Metrics", field_kind::string_set}});
  set_block_of(d, "provisioned_poller_config", member(r, "ProvisionedPollerConfig"),
               {{"maximum_pollers", "MaximumPollers", field_kind::integer},
                {"minimum_pollers", "MinimumPollers", field_kind::integer}});
  set_block_of(d, "scaling_config", member(r, "ScalingConfig"),
               {{"maximum_concurrency", "MaximumConcurrency", field_kind::integer}});
  set_block_of(d, "self_managed_kafka_event_source_config",
               member(r, "SelfManagedKafkaEventSourceConfig"),
               {{"consumer_group_id", "ConsumerGroupId", field_kind::string}});
  set_destination_config(d, member(r, "DestinationConfig"));
  set_self_managed_event_source(d, member(r, "SelfManagedEventSource"));
  set_source_access(d, r);
}

void set_scalars(rapidjson::Document& d, const rapidjson::Value& r) {
  copy_fields(
      d, r,
      {{"batch_size", "BatchSize", field_kind::integer},
       {"bisect_batch_on_function_error", "BisectBatchOnFunctionError", field_kind::boolean},
       {"event_source_arn", "EventSourceArn", field_kind::string},
       {"function_response_types", "FunctionResponseTypes", field_kind::string_set},
       {"kms_key_arn", "KMSKeyArn", field_kind::string},
       {"maximum_batching_window_in_seconds", "MaximumBatchingWindowInSeconds",
        field_kind::integer},
       {"maximum_record_age_in_seconds", "MaximumRecordAgeInSeconds", field_kind::integer},
       {"maximum_retry_attempts", "MaximumRetryAttempts", field_kind::integer},
       {"parallelization_factor", "ParallelizationFactor", field_kind::integer},
       {"queues", "Queues", field_kind::string_list},
       {"starting_position", "StartingPosition", field_kind::string},
       {"topics", "Topics", field_kind::string_set},
       {"tumbling_window_in_seconds", "TumblingWindowInSeconds", field_kind::integer}},
      d.GetAllocator());
  set_string(d, "starting_position_timestamp", rfc3339(member(r, "StartingPositionTimestamp")));
  set_enabled(d, str_at(r, {"State"}));
  // Computed, but Terraform's refresh reports them when they move: an update moves
  // last_modified, pausing a mapping moves state with enabled.
  copy_fields(d, r,
              {{"last_processing_result", "LastProcessingResult", field_kind::string},
               {"state", "State", field_kind::string},
               {"state_transition_reason", "StateTransitionReason", field_kind::string}},
              d.GetAllocator());
  set_string(d, "last_modified", rfc3339(member(r, "LastModified")));
}

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  ctx.count();
  auto r = aws::lambda::get_event_source_mapping(ctx.cloud, inst.id);
  if (!r) return gone_or_failed(r.error(), not_found);
  std::string arn = str_at(*r, {"EventSourceMappingArn"});
  if (arn.empty())
    arn =
        "arn:aws:lambda:" + ctx.region + ":" + ctx.account_id + ":event-source-mapping:" + inst.id;
  ctx.count();
  auto tags = aws::lambda::list_tags(ctx.cloud, arn);
  if (!tags) return gone_or_failed(tags.error(), not_found);

  rapidjson::Document state;
  state.Parse(inst.attributes.c_str(), inst.attributes.size());
  if (state.HasParseError() || !state.IsObject()) state.SetObject();

  auto d = new_object();
  set_scalars(*d, *r);
  set_blocks(*d, *r);
  set_filter_criteria(*d, member(*r, "FilterCriteria"), state);
  set_string(
      *d, "function_name",
      function_ref_as_in_state(str_at(*r, {"FunctionArn"}), string_member(state, "function_name")));
  set_tags(*d, inst, string_map_at(*tags, {"Tags"}));
  return live_resource::found(d);
}

core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  return list_ids(ctx, aws::lambda::list_event_source_mappings,
                  [](const auto& m) { return string_member(m, "UUID"); });
}

const iam_actions permissions{{"lambda:GetEventSourceMapping", "lambda:ListTags"},
                              {"lambda:ListEventSourceMappings"}};

}  // namespace

const type_module& aws_lambda_event_source_mapping_module() {
  static const type_module m{"aws_lambda_event_source_mapping",
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
