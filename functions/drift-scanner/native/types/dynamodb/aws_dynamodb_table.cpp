// aws_dynamodb_table: billing, keys, attributes, capacity and on-demand limits, indexes,
// streams, class, encryption, deletion protection, point-in-time recovery, TTL and tags (four calls
// per table: DynamoDB has no batch describe).
#include "aws/dynamodb.h"
#include "module_util.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"attribute", rule_kind::set_order, "a Terraform set of attribute definitions"},
    {"global_secondary_index", rule_kind::set_order, "a Terraform set of indexes"},
    {"local_secondary_index", rule_kind::set_order, "a Terraform set of indexes"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from DynamoDB"},
};

constexpr std::string_view restore_why = "the source a new table is made from; never read back";

const depth_claim depth{
    {"attribute", "billing_mode", "deletion_protection_enabled", "global_secondary_index",
     "hash_key", "local_secondary_index", "on_demand_throughput", "point_in_time_recovery",
     "range_key", "read_capacity", "server_side_encryption", "stream_enabled", "stream_view_type",
     "table_class", "tags", "tags_all", "ttl", "write_capacity"},
    {{"name", skip_kind::create_only, "the table's name is its id: a change forces a new table"},
     {"import_table", skip_kind::create_only, "the S3 import a new table is made from"},
     {"restore_date_time", skip_kind::create_only, restore_why},
     {"restore_source_name", skip_kind::create_only, restore_why},
     {"restore_source_table_arn", skip_kind::create_only, restore_why},
     {"restore_to_latest_time", skip_kind::create_only, restore_why},
     {"replica", skip_kind::not_read,
      "needs DescribeTable, backups and tags in each replica's region"}},
};

const rapidjson::Value* at(const rapidjson::Value& v, std::initializer_list<const char*> path) {
  const rapidjson::Value* cur = &v;
  for (const char* p : path) {
    cur = member(*cur, p);
    if (!cur) return nullptr;
  }
  return cur;
}

std::string str_at(const rapidjson::Value& v, std::initializer_list<const char*> path) {
  const auto* x = at(v, path);
  return x && x->IsString() ? x->GetString() : "";
}

long long int_at(const rapidjson::Value& v, std::initializer_list<const char*> path) {
  const auto* x = at(v, path);
  return x && x->IsNumber() ? x->GetInt64() : 0;
}

using alloc_t = rapidjson::Document::AllocatorType;

rapidjson::Value int_value(long long v) { return rapidjson::Value(static_cast<int64_t>(v)); }

// The provider's on_demand_throughput list: empty when DynamoDB answers no limits.
rapidjson::Value on_demand(const rapidjson::Value& v, alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  const auto* o = member(v, "OnDemandThroughput");
  if (!o || !o->IsObject()) return list;
  rapidjson::Value x(rapidjson::kObjectType);
  x.AddMember("max_read_request_units", int_value(int_at(*o, {"MaxReadRequestUnits"})), a);
  x.AddMember("max_write_request_units", int_value(int_at(*o, {"MaxWriteRequestUnits"})), a);
  list.PushBack(x, a);
  return list;
}

std::vector<std::string> non_key(const rapidjson::Value& ix) {
  std::vector<std::string> out;
  if (const auto* n = at(ix, {"Projection", "NonKeyAttributes"}); n && n->IsArray())
    for (const auto& x : n->GetArray())
      if (x.IsString()) out.emplace_back(x.GetString());
  std::sort(out.begin(), out.end());  // a Terraform set
  return out;
}

rapidjson::Value strings(const std::vector<std::string>& v, alloc_t& a) {
  rapidjson::Value arr(rapidjson::kArrayType);
  for (const auto& s : v) arr.PushBack(string_value(s, a), a);
  return arr;
}

// An index's keys: the range key is "" when it has none.
std::pair<std::string, std::string> keys(const rapidjson::Value& ix) {
  std::string hash, range;
  if (const auto* ks = member(ix, "KeySchema"); ks && ks->IsArray())
    for (const auto& k : ks->GetArray())
      (str_at(k, {"KeyType"}) == "HASH" ? hash : range) = str_at(k, {"AttributeName"});
  return {hash, range};
}

// Global and local secondary indexes in the provider's shape.
void set_indexes(rapidjson::Document& d, const rapidjson::Value& table) {
  auto& a = d.GetAllocator();
  rapidjson::Value global(rapidjson::kArrayType);
  if (const auto* g = member(table, "GlobalSecondaryIndexes"); g && g->IsArray())
    for (const auto& ix : g->GetArray()) {
      auto [hash, range] = keys(ix);
      rapidjson::Value o(rapidjson::kObjectType);
      o.AddMember("hash_key", string_value(hash, a), a);
      o.AddMember("name", string_value(str_at(ix, {"IndexName"}), a), a);
      o.AddMember("non_key_attributes", strings(non_key(ix), a), a);
      o.AddMember("on_demand_throughput", on_demand(ix, a), a);
      o.AddMember("projection_type", string_value(str_at(ix, {"Projection", "ProjectionType"}), a),
                  a);
      o.AddMember("range_key", string_value(range, a), a);
      o.AddMember("read_capacity",
                  int_value(int_at(ix, {"ProvisionedThroughput", "ReadCapacityUnits"})), a);
      o.AddMember("write_capacity",
                  int_value(int_at(ix, {"ProvisionedThroughput", "WriteCapacityUnits"})), a);
      global.PushBack(o, a);
    }
  set_value(d, "global_secondary_index", global);
  rapidjson::Value local(rapidjson::kArrayType);
  if (const auto* l = member(table, "LocalSecondaryIndexes"); l && l->IsArray())
    for (const auto& ix : l->GetArray()) {
      rapidjson::Value o(rapidjson::kObjectType);
      o.AddMember("name", string_value(str_at(ix, {"IndexName"}), a), a);
      o.AddMember("non_key_attributes", strings(non_key(ix), a), a);
      o.AddMember("projection_type", string_value(str_at(ix, {"Projection", "ProjectionType"}), a),
                  a);
      o.AddMember("range_key", string_value(keys(ix).second, a), a);
      local.PushBack(o, a);
    }
  set_value(d, "local_secondary_index", local);
}

// Encryption: an empty list for DynamoDB's own key (no description), else on/off and the key.
void set_encryption(rapidjson::Document& d, const rapidjson::Value& table) {
  auto& a = d.GetAllocator();
  rapidjson::Value list(rapidjson::kArrayType);
  if (const auto* sse = member(table, "SSEDescription"); sse && sse->IsObject()) {
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("enabled", str_at(*sse, {"Status"}) == "ENABLED", a);
    o.AddMember("kms_key_arn", string_value(str_at(*sse, {"KMSMasterKeyArn"}), a), a);
    list.PushBack(o, a);
  }
  set_value(d, "server_side_encryption", list);
}

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  ctx.count();
  auto t = aws::dynamodb::describe_table(ctx.cloud, inst.id);
  if (!t) {
    if (t.error().code == "ResourceNotFoundException") return live_resource::gone();
    return failed(t.error());
  }
  const auto* table = member(*t, "Table");
  if (!table) return live_resource::gone();
  if (str_at(*table, {"TableStatus"}) == "DELETING") return live_resource::gone();
  auto d = new_object();
  auto& a = d->GetAllocator();
  const std::string billing = str_at(*table, {"BillingModeSummary", "BillingMode"});
  set_string(*d, "billing_mode", billing.empty() ? "PROVISIONED" : billing);
  std::string hash, range;
  if (const auto* ks = member(*table, "KeySchema"); ks && ks->IsArray())
    for (const auto& k : ks->GetArray())
      (str_at(k, {"KeyType"}) == "HASH" ? hash : range) = str_at(k, {"AttributeName"});
  set_string(*d, "hash_key", hash);
  if (range.empty())
    set_null(*d, "range_key");
  else
    set_string(*d, "range_key", range);
  rapidjson::Value attrs(rapidjson::kArrayType);
  if (const auto* ad = member(*table, "AttributeDefinitions"); ad && ad->IsArray())
    for (const auto& x : ad->GetArray()) {
      rapidjson::Value o(rapidjson::kObjectType);
      o.AddMember("name", string_value(str_at(x, {"AttributeName"}), a), a);
      o.AddMember("type", string_value(str_at(x, {"AttributeType"}), a), a);
      attrs.PushBack(o, a);
    }
  set_value(*d, "attribute", attrs);
  set_int(*d, "read_capacity", int_at(*table, {"ProvisionedThroughput", "ReadCapacityUnits"}));
  set_int(*d, "write_capacity", int_at(*table, {"ProvisionedThroughput", "WriteCapacityUnits"}));
  const auto* stream = at(*table, {"StreamSpecification", "StreamEnabled"});
  set_bool(*d, "stream_enabled", stream && stream->IsBool() && stream->GetBool());
  // Without a stream the provider keeps its own view type: nothing to compare then.
  if (const auto* view = at(*table, {"StreamSpecification", "StreamViewType"});
      view && view->IsString())
    set_string(*d, "stream_view_type", view->GetString());
  {
    auto od = on_demand(*table, a);
    set_value(*d, "on_demand_throughput", od);
  }
  set_indexes(*d, *table);
  set_encryption(*d, *table);
  const std::string cls = str_at(*table, {"TableClassSummary", "TableClass"});
  set_string(*d, "table_class", cls.empty() ? "STANDARD" : cls);
  const auto* dp = member(*table, "DeletionProtectionEnabled");
  set_bool(*d, "deletion_protection_enabled", dp && dp->IsBool() && dp->GetBool());

  ctx.count();
  auto pitr = aws::dynamodb::describe_continuous_backups(ctx.cloud, inst.id);
  if (!pitr) return failed(pitr.error());
  {
    const auto* desc =
        at(*pitr, {"ContinuousBackupsDescription", "PointInTimeRecoveryDescription"});
    rapidjson::Value o(rapidjson::kObjectType);
    const bool on = desc && str_at(*desc, {"PointInTimeRecoveryStatus"}) == "ENABLED";
    o.AddMember("enabled", on, a);
    const auto* days = desc ? member(*desc, "RecoveryPeriodInDays") : nullptr;
    // The provider reports the retention period only while recovery is on.
    o.AddMember("recovery_period_in_days",
                rapidjson::Value(static_cast<int64_t>(
                    on ? (days && days->IsNumber() ? days->GetInt64() : 35) : 0)),
                a);
    rapidjson::Value list(rapidjson::kArrayType);
    list.PushBack(o, a);
    set_value(*d, "point_in_time_recovery", list);
  }

  ctx.count();
  auto ttl = aws::dynamodb::describe_time_to_live(ctx.cloud, inst.id);
  if (!ttl) return failed(ttl.error());
  {
    rapidjson::Value o(rapidjson::kObjectType);
    const std::string status = str_at(*ttl, {"TimeToLiveDescription", "TimeToLiveStatus"});
    o.AddMember("attribute_name",
                string_value(str_at(*ttl, {"TimeToLiveDescription", "AttributeName"}), a), a);
    o.AddMember("enabled", status == "ENABLED" || status == "ENABLING", a);
    rapidjson::Value list(rapidjson::kArrayType);
    list.PushBack(o, a);
    set_value(*d, "ttl", list);
  }

  ctx.count();
  return found_with_tags(
      d, inst, aws::dynamodb::list_tags_of_resource(ctx.cloud, str_at(*table, {"TableArn"})));
}

const iam_actions permissions{{"dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups",
                               "dynamodb:DescribeTimeToLive", "dynamodb:ListTagsOfResource"},
                              {"dynamodb:ListTables"}};

}  // namespace

const type_module& aws_dynamodb_table_module() {
  static const type_module m{
      "aws_dynamodb_table",
      one_by_one(read_one),
      &rules,
      4,
      [](const read_context& ctx) { return list_ids(ctx, aws::dynamodb::list_tables); },
      &depth,
      &permissions,
      nullptr,
      /*calls_per_batch=*/0,
      /*calls_per_instance=*/4};
  return m;
}

}  // namespace scanner::native
