#include "ddb.h"

#include <charconv>

#include "json_util.h"

namespace orchestrator::ddb {
namespace {

void raw(json::writer& w, const av& v) { w.RawValue(v.data(), v.size(), rapidjson::kObjectType); }

void write_attributes(json::writer& w, const attributes& a) {
  w.StartObject();
  for (const auto& [k, v] : a) {
    json::key(w, k);
    raw(w, v);
  }
  w.EndObject();
}

void write_expression(json::writer& w, const expression_values& ev) {
  if (!ev.names.empty()) {
    json::key(w, "ExpressionAttributeNames");
    w.StartObject();
    for (const auto& [k, v] : ev.names) json::kv(w, k, v);
    w.EndObject();
  }
  if (!ev.values.empty()) {
    json::key(w, "ExpressionAttributeValues");
    write_attributes(w, ev.values);
  }
}

std::string text(rapidjson::StringBuffer& sb) { return std::string(sb.GetString(), sb.GetSize()); }

const rapidjson::Value* attr(const rapidjson::Value& item, const char* name, const char* type) {
  const auto* a = json::member(item, name);
  return a ? json::member(*a, type) : nullptr;
}

core::result<core::unit, aws::error> unit_call(aws::session& s, const char* op,
                                               const std::string& body, bool conditional) {
  aws::call_options o;
  o.conditional_write = conditional;
  auto r = aws::json_call(s, aws::services::dynamodb, op, body, o);
  if (!r) return r.error();
  return core::unit{};
}

}  // namespace

av S(std::string_view s) {
  rapidjson::StringBuffer sb;
  json::writer w(sb);
  w.StartObject();
  json::kv(w, "S", s);
  w.EndObject();
  return text(sb);
}

av N(std::int64_t n) { return "{\"N\":\"" + std::to_string(n) + "\"}"; }
av BOOL(bool b) { return b ? "{\"BOOL\":true}" : "{\"BOOL\":false}"; }

av L(const std::vector<std::string>& strings) {
  rapidjson::StringBuffer sb;
  json::writer w(sb);
  w.StartObject();
  json::key(w, "L");
  w.StartArray();
  for (const auto& s : strings) {
    w.StartObject();
    json::kv(w, "S", s);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return text(sb);
}

av M(const std::map<std::string, std::string>& strings) {
  attributes members;
  for (const auto& [k, v] : strings) members.emplace_back(k, S(v));
  return M_raw(members);
}

av M_raw(const std::vector<std::pair<std::string, av>>& members) {
  rapidjson::StringBuffer sb;
  json::writer w(sb);
  w.StartObject();
  json::key(w, "M");
  write_attributes(w, members);
  w.EndObject();
  return text(sb);
}

std::string get_s(const rapidjson::Value& item, const char* name) {
  const auto* v = attr(item, name, "S");
  return v && v->IsString() ? std::string(v->GetString(), v->GetStringLength()) : std::string();
}

std::optional<std::int64_t> get_n(const rapidjson::Value& item, const char* name) {
  const auto* v = attr(item, name, "N");
  if (!v || !v->IsString()) return std::nullopt;
  // A fractional or out-of-range number is as good as none here.
  std::int64_t n = 0;
  const char* b = v->GetString();
  const char* e = b + v->GetStringLength();
  auto [p, ec] = std::from_chars(b, e, n);
  if (ec != std::errc() || p != e) return std::nullopt;
  return n;
}

bool get_bool(const rapidjson::Value& item, const char* name, bool fallback) {
  const auto* v = attr(item, name, "BOOL");
  if (v && v->IsBool()) return v->GetBool();
  const std::string s = get_s(item, name);
  if (s == "true") return true;
  if (s == "false") return false;
  return fallback;
}

std::vector<std::string> get_string_list(const rapidjson::Value& item, const char* name) {
  std::vector<std::string> out;
  if (const auto* l = attr(item, name, "L"); l && l->IsArray()) {
    for (const auto& e : l->GetArray()) {
      const auto* s = json::member(e, "S");
      if (s && s->IsString()) out.emplace_back(s->GetString(), s->GetStringLength());
    }
  } else if (const auto* ss = attr(item, name, "SS"); ss && ss->IsArray()) {
    for (const auto& e : ss->GetArray())
      if (e.IsString()) out.emplace_back(e.GetString(), e.GetStringLength());
  }
  return out;
}

std::map<std::string, std::string> get_string_map(const rapidjson::Value& item, const char* name) {
  std::map<std::string, std::string> out;
  if (const auto* m = attr(item, name, "M"); m && m->IsObject()) {
    for (const auto& e : m->GetObject()) {
      const auto* s = json::member(e.value, "S");
      if (s && s->IsString())
        out[e.name.GetString()] = std::string(s->GetString(), s->GetStringLength());
    }
  }
  return out;
}

namespace {

// PutItem, UpdateItem and DeleteItem share one request shape: the table, the item or its key,
// an optional update, and an optional condition with its values.
core::result<core::unit, aws::error> write_call(aws::session& s, const char* operation,
                                                const std::string& table, const char* item_name,
                                                const attributes& item, const std::string& update,
                                                const std::string& condition,
                                                const expression_values& ev) {
  rapidjson::StringBuffer sb;
  json::writer w(sb);
  w.StartObject();
  json::kv(w, "TableName", table);
  json::key(w, item_name);
  write_attributes(w, item);
  if (!update.empty()) json::kv(w, "UpdateExpression", update);
  if (!condition.empty()) json::kv(w, "ConditionExpression", condition);
  write_expression(w, ev);
  w.EndObject();
  return unit_call(s, operation, text(sb), !condition.empty());
}

}  // namespace

core::result<core::unit, aws::error> put_item(aws::session& s, const std::string& table,
                                              const attributes& item, const std::string& condition,
                                              const expression_values& ev) {
  return write_call(s, "PutItem", table, "Item", item, "", condition, ev);
}

core::result<core::unit, aws::error> update_item(aws::session& s, const std::string& table,
                                                 const attributes& key, const std::string& update,
                                                 const std::string& condition,
                                                 const expression_values& ev) {
  return write_call(s, "UpdateItem", table, "Key", key, update, condition, ev);
}

core::result<core::unit, aws::error> delete_item(aws::session& s, const std::string& table,
                                                 const attributes& key,
                                                 const std::string& condition,
                                                 const expression_values& ev) {
  return write_call(s, "DeleteItem", table, "Key", key, "", condition, ev);
}

core::result<rapidjson::Document, aws::error> get_item(aws::session& s, const std::string& table,
                                                       const attributes& key, bool consistent) {
  rapidjson::StringBuffer sb;
  json::writer w(sb);
  w.StartObject();
  json::kv(w, "TableName", table);
  json::key(w, "Key");
  write_attributes(w, key);
  json::key(w, "ConsistentRead");
  w.Bool(consistent);
  w.EndObject();
  auto r = aws::json_call(s, aws::services::dynamodb, "GetItem", text(sb));
  if (!r) return r.error();
  rapidjson::Document out;
  if (const auto* item = json::member(*r, "Item"); item && item->IsObject())
    out.CopyFrom(*item, out.GetAllocator());
  return out;
}

core::result<rapidjson::Document, aws::error> query(aws::session& s, const query_request& q,
                                                    const std::string& start_key) {
  rapidjson::StringBuffer sb;
  json::writer w(sb);
  w.StartObject();
  json::kv(w, "TableName", q.table);
  if (!q.index.empty()) json::kv(w, "IndexName", q.index);
  json::kv(w, "KeyConditionExpression", q.key_condition);
  if (!q.filter.empty()) json::kv(w, "FilterExpression", q.filter);
  write_expression(w, q.ev);
  json::key(w, "ScanIndexForward");
  w.Bool(!q.newest_first);
  if (q.limit > 0) {
    json::key(w, "Limit");
    w.Int(q.limit);
  }
  if (!start_key.empty()) {
    json::key(w, "ExclusiveStartKey");
    w.RawValue(start_key.data(), start_key.size(), rapidjson::kObjectType);
  }
  w.EndObject();
  return aws::json_call(s, aws::services::dynamodb, "Query", text(sb));
}

core::result<rapidjson::Document, aws::error> scan(aws::session& s, const std::string& table,
                                                   const std::string& filter,
                                                   const expression_values& ev,
                                                   const std::string& start_key) {
  rapidjson::StringBuffer sb;
  json::writer w(sb);
  w.StartObject();
  json::kv(w, "TableName", table);
  if (!filter.empty()) json::kv(w, "FilterExpression", filter);
  write_expression(w, ev);
  json::key(w, "ConsistentRead");
  w.Bool(true);
  if (!start_key.empty()) {
    json::key(w, "ExclusiveStartKey");
    w.RawValue(start_key.data(), start_key.size(), rapidjson::kObjectType);
  }
  w.EndObject();
  return aws::json_call(s, aws::services::dynamodb, "Scan", text(sb));
}

}  // namespace orchestrator::ddb
