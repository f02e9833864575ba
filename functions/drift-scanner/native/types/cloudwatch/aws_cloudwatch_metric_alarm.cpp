// aws_cloudwatch_metric_alarm: every argument of a metric alarm the provider refreshes
// (DescribeAlarms of up to 100 names per call, metric alarms only), plus its tags
// (ListTagsForResource per alarm).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "../kms/keys_util.h"
#include "aws/cloudwatch_read.h"
#include "registry.h"

namespace scanner::native {
namespace {

using alloc_t = rapidjson::Document::AllocatorType;

const std::vector<rule> rules = {
    {"alarm_actions", rule_kind::set_order, "a Terraform set of action ARNs"},
    {"insufficient_data_actions", rule_kind::set_order, "a Terraform set of action ARNs"},
    {"ok_actions", rule_kind::set_order, "a Terraform set of action ARNs"},
    {"metric_query", rule_kind::set_order, "a Terraform set of metric queries"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from CloudWatch"},
};

const depth_claim depth{
    {"actions_enabled",
     "alarm_actions",
     "alarm_description",
     "alarm_name",
     "comparison_operator",
     "datapoints_to_alarm",
     "dimensions",
     "evaluate_low_sample_count_percentiles",
     "evaluation_periods",
     "extended_statistic",
     "insufficient_data_actions",
     "metric_name",
     "metric_query",
     "namespace",
     "ok_actions",
     "period",
     "statistic",
     "tags",
     "tags_all",
     "threshold",
     "threshold_metric_id",
     "treat_missing_data",
     "unit"},
    {},
};

std::string at(const pugi::xml_node& n, const char* child) { return aws::text(n, child); }

int64_t int_at(const pugi::xml_node& n, const char* child) {
  return std::strtoll(at(n, child).c_str(), nullptr, 10);
}

// A number as Terraform stores it: integral values without a fraction (80, not 80.0).
rapidjson::Value number(const std::string& text) {
  const double v = std::strtod(text.c_str(), nullptr);
  if (std::trunc(v) == v && std::fabs(v) < 9e15) return rapidjson::Value(static_cast<int64_t>(v));
  return rapidjson::Value(v);
}

// The strings of <set><member>, sorted: a Terraform set of strings is stored by value.
rapidjson::Value member_set(const pugi::xml_node& n, const char* set, alloc_t& a) {
  std::vector<std::string> v;
  for (auto m : n.child(set).children("member")) v.emplace_back(m.child_value());
  std::sort(v.begin(), v.end());
  rapidjson::Value out(rapidjson::kArrayType);
  for (const auto& s : v) out.PushBack(string_value(s, a), a);
  return out;
}

std::map<std::string, std::string> dimensions_of(const pugi::xml_node& n) {
  std::map<std::string, std::string> out;
  for (auto m : n.child("Dimensions").children("member")) out[at(m, "Name")] = at(m, "Value");
  return out;
}

rapidjson::Value string_map_value(const std::map<std::string, std::string>& m, alloc_t& a) {
  rapidjson::Value out(rapidjson::kObjectType);
  for (const auto& [k, v] : m) out.AddMember(string_value(k, a), string_value(v, a), a);
  return out;
}

void add(rapidjson::Value& o, const char* name, rapidjson::Value v, alloc_t& a) {
  o.AddMember(rapidjson::StringRef(name), v, a);
}

// One metric_query element as the provider flattens a MetricDataQuery: absent strings "",
// absent numbers 0, `metric` a one-element list only when the query has a MetricStat.
rapidjson::Value metric_query_of(const pugi::xml_node& q, alloc_t& a) {
  rapidjson::Value o(rapidjson::kObjectType);
  add(o, "account_id", string_value(at(q, "AccountId"), a), a);
  add(o, "expression", string_value(at(q, "Expression"), a), a);
  add(o, "id", string_value(at(q, "Id"), a), a);
  add(o, "label", string_value(at(q, "Label"), a), a);
  rapidjson::Value metric(rapidjson::kArrayType);
  if (auto stat = q.child("MetricStat")) {
    const auto m = stat.child("Metric");
    rapidjson::Value s(rapidjson::kObjectType);
    add(s, "dimensions", string_map_value(dimensions_of(m), a), a);
    add(s, "metric_name", string_value(at(m, "MetricName"), a), a);
    add(s, "namespace", string_value(at(m, "Namespace"), a), a);
    add(s, "period", rapidjson::Value(int_at(stat, "Period")), a);
    add(s, "stat", string_value(at(stat, "Stat"), a), a);
    add(s, "unit", string_value(at(stat, "Unit"), a), a);
    metric.PushBack(s, a);
  }
  add(o, "metric", std::move(metric), a);
  add(o, "period", rapidjson::Value(int_at(q, "Period")), a);
  add(o, "return_data", rapidjson::Value(at(q, "ReturnData") == "true"), a);
  return o;
}

// The provider sets metric_query only when the alarm has metrics: otherwise the state's
// value stays as it is.
void set_metric_query(rapidjson::Document& d, const pugi::xml_node& alarm,
                      const rapidjson::Document& state) {
  auto& a = d.GetAllocator();
  const auto queries = alarm.child("Metrics").children("member");
  if (queries.begin() == queries.end()) {
    const auto* kept = member(state, "metric_query");
    rapidjson::Value v =
        kept ? rapidjson::Value(*kept, a) : rapidjson::Value(rapidjson::kArrayType);
    set_value(d, "metric_query", v);
    return;
  }
  rapidjson::Value set(rapidjson::kArrayType);
  for (auto q : queries) set.PushBack(metric_query_of(q, a), a);
  to_set_order(set, a);
  set_value(d, "metric_query", set);
}

// An empty map stays null where the state holds null, as tags do.
void set_dimensions(rapidjson::Document& d, const pugi::xml_node& alarm,
                    const rapidjson::Document& state) {
  const auto dims = dimensions_of(alarm);
  const auto* st = member(state, "dimensions");
  if (dims.empty() && (!st || st->IsNull()))
    set_null(d, "dimensions");
  else
    set_map(d, "dimensions", dims);
}

// The action sets: Terraform's name, DescribeAlarms' list.
const std::pair<const char*, const char*> kActionSets[] = {
    {"alarm_actions", "AlarmActions"},
    {"insufficient_data_actions", "InsufficientDataActions"},
    {"ok_actions", "OKActions"},
};

doc_ptr alarm_doc(const pugi::xml_node& m, const terraform::resource_instance& inst) {
  rapidjson::Document state;
  state.Parse(inst.attributes.c_str(), inst.attributes.size());
  auto d = new_object();
  auto& a = d->GetAllocator();
  set_bool(*d, "actions_enabled", at(m, "ActionsEnabled") == "true");
  for (const auto& [name, api] : kActionSets) {
    rapidjson::Value v = member_set(m, api, a);
    set_value(*d, name, v);
  }
  set_string(*d, "alarm_description", at(m, "AlarmDescription"));
  set_string(*d, "alarm_name", at(m, "AlarmName"));
  set_string(*d, "arn", at(m, "AlarmArn"));
  set_string(*d, "comparison_operator", at(m, "ComparisonOperator"));
  set_int(*d, "datapoints_to_alarm", int_at(m, "DatapointsToAlarm"));
  set_dimensions(*d, m, state);
  set_string(*d, "evaluate_low_sample_count_percentiles",
             at(m, "EvaluateLowSampleCountPercentile"));
  set_int(*d, "evaluation_periods", int_at(m, "EvaluationPeriods"));
  set_string(*d, "extended_statistic", at(m, "ExtendedStatistic"));
  set_string(*d, "metric_name", at(m, "MetricName"));
  set_metric_query(*d, m, state);
  set_string(*d, "namespace", at(m, "Namespace"));
  set_int(*d, "period", int_at(m, "Period"));
  set_string(*d, "statistic", at(m, "Statistic"));
  rapidjson::Value threshold = number(at(m, "Threshold"));
  set_value(*d, "threshold", threshold);
  set_string(*d, "threshold_metric_id", at(m, "ThresholdMetricId"));
  // The provider stores CloudWatch's default where the answer has none.
  const std::string missing = at(m, "TreatMissingData");
  set_string(*d, "treat_missing_data", missing.empty() ? "missing" : missing);
  set_string(*d, "unit", at(m, "Unit"));
  return d;
}

// The alarm deleted between DescribeAlarms and ListTagsForResource.
bool not_found(const aws::error& e) {
  return e.code == "ResourceNotFoundException" || e.code == "ResourceNotFound";
}

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst,
                       const pugi::xml_node& alarm) {
  auto d = alarm_doc(alarm, inst);
  ctx.count();
  return found_with_tags(d, inst,
                         aws::cloudwatch::list_tags_for_resource(ctx.cloud, at(alarm, "AlarmArn")),
                         not_found);
}

std::vector<live_resource> read(const read_context& ctx, const instance_list& batch) {
  std::vector<std::string> names;
  for (const auto* inst : batch) names.push_back(inst->id);
  auto pages = aws::cloudwatch::describe_metric_alarms(ctx.cloud, names);
  ctx.count(pages ? static_cast<int>(pages->size()) : 1);
  if (!pages) return all_failed(batch.size(), pages.error());
  std::map<std::string, pugi::xml_node> by_name;
  for (const auto& p : *pages)
    for (auto m : p.result.child("MetricAlarms").children("member"))
      by_name[at(m, "AlarmName")] = m;
  return each_instance(ctx, batch, [&](const auto& inst) {
    const auto it = by_name.find(inst.id);
    return it == by_name.end() ? live_resource::gone() : read_one(ctx, inst, it->second);
  });
}

core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  auto pages = aws::cloudwatch::describe_metric_alarms(ctx.cloud, {});
  ctx.count(pages ? static_cast<int>(pages->size()) : 1);
  if (!pages) return pages.error();
  std::vector<discovered> out;
  for (const auto& p : *pages)
    for (auto m : p.result.child("MetricAlarms").children("member")) {
      const std::string name = at(m, "AlarmName");
      out.push_back({name, name, {}});
    }
  return out;
}

const iam_actions permissions{{"cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"}, {}};

}  // namespace

const type_module& aws_cloudwatch_metric_alarm_module() {
  static const type_module m{"aws_cloudwatch_metric_alarm",
                             read,
                             &rules,
                             aws::cloudwatch::kMaxAlarmNames,
                             list,
                             &depth,
                             &permissions,
                             nullptr,
                             /*calls_per_batch=*/1,
                             /*calls_per_instance=*/1};
  return m;
}

}  // namespace scanner::native
