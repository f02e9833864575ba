#include "aws/dynamodb.h"

#include "aws/json_protocol.h"
#include "aws/paginate.h"
#include "json_build.h"

namespace aws::dynamodb {
namespace {

const service& svc = services::dynamodb;
using doc_t = rapidjson::Document;

void add_args(detail::json_object& in, const std::string& condition, const expression_args& args,
              const char* condition_field = "ConditionExpression") {
  auto& d = in.doc();
  auto& a = d.GetAllocator();
  if (!condition.empty()) in.set(condition_field, condition);
  if (!args.names.empty()) in.set_map("ExpressionAttributeNames", args.names);
  if (!args.values.empty()) {
    d.RemoveMember("ExpressionAttributeValues");
    d.AddMember("ExpressionAttributeValues", to_wire(args.values, a), a);
  }
}

void add_item(detail::json_object& in, const char* field, const item& it) {
  auto& a = in.doc().GetAllocator();
  in.doc().AddMember(rapidjson::StringRef(field), to_wire(it, a), a);
}

core::result<doc_t, error> table_call(session& s, const char* op, const std::string& table) {
  detail::json_object in;
  in.set("TableName", table);
  return json_call(s, svc, op, in.str());
}

}  // namespace

core::result<std::optional<item>, error> get_item(session& s, const std::string& table,
                                                  const item& key, bool consistent_read) {
  detail::json_object in;
  in.set("TableName", table);
  add_item(in, "Key", key);
  if (consistent_read) in.set("ConsistentRead", true);
  auto r = json_call(s, svc, "GetItem", in.str());
  if (!r) return r.error();
  if (!r->HasMember("Item")) return std::optional<item>{};
  return std::optional<item>(item_from_wire((*r)["Item"]));
}

core::result<core::unit, error> put_item(session& s, const put_request& p) {
  detail::json_object in;
  in.set("TableName", p.table);
  add_item(in, "Item", p.attributes);
  add_args(in, p.condition, p.args);
  auto r = json_call(s, svc, "PutItem", in.str(), {.conditional_write = !p.condition.empty()});
  if (!r) return r.error();
  return core::unit{};
}

core::result<item, error> update_item(session& s, const update_request& u) {
  detail::json_object in;
  in.set("TableName", u.table);
  add_item(in, "Key", u.key);
  in.set("UpdateExpression", u.update).set("ReturnValues", u.return_values);
  add_args(in, u.condition, u.args);
  auto r = json_call(s, svc, "UpdateItem", in.str(), {.conditional_write = !u.condition.empty()});
  if (!r) return r.error();
  return r->HasMember("Attributes") ? item_from_wire((*r)["Attributes"]) : item{};
}

core::result<std::optional<item>, error> delete_item(session& s, const delete_request& d) {
  detail::json_object in;
  in.set("TableName", d.table);
  add_item(in, "Key", d.key);
  in.set("ReturnValues", "ALL_OLD");
  add_args(in, d.condition, d.args);
  auto r = json_call(s, svc, "DeleteItem", in.str(), {.conditional_write = !d.condition.empty()});
  if (!r) return r.error();
  if (!r->HasMember("Attributes")) return std::optional<item>{};
  return std::optional<item>(item_from_wire((*r)["Attributes"]));
}

namespace {

void set_start_key(detail::json_object& in, const std::string& token) {
  if (token.empty()) return;
  doc_t start;
  start.Parse(token.c_str());
  in.set_value("ExclusiveStartKey", start);
}

// Pages of a Query or Scan: fetch(token) gives a page; its items go to `visit` until it says
// stop; LastEvaluatedKey leads to the next page, up to `max_pages` (0: all).
template <typename Fetch>
core::result<core::unit, error> each_item(Fetch fetch, int max_pages, const item_visitor& visit) {
  int pages = 0;
  // paginate asks for the next token before it visits a page: the items are seen here.
  auto see_then_next = [&](const doc_t& page) {
    if (page.HasMember("Items"))
      for (const auto& it : page["Items"].GetArray())
        if (!visit(item_from_wire(it))) return std::string();
    if (max_pages > 0 && ++pages >= max_pages) return std::string();
    return page.HasMember("LastEvaluatedKey") ? to_json(page["LastEvaluatedKey"]) : std::string();
  };
  auto r = paginate(fetch, see_then_next, [](doc_t&) {});
  if (!r) return r.error();
  return core::unit{};
}

}  // namespace

core::result<core::unit, error> query_each(session& s, const query_request& q,
                                           const item_visitor& visit) {
  auto fetch = [&](const std::string& token) -> core::result<doc_t, error> {
    detail::json_object in;
    in.set("TableName", q.table);
    if (!q.index.empty()) in.set("IndexName", q.index);
    in.set("KeyConditionExpression", q.key_condition);
    add_args(in, q.filter, q.args, "FilterExpression");
    if (q.newest_first) in.set("ScanIndexForward", false);
    if (q.page_size > 0) in.set("Limit", q.page_size);
    if (q.consistent_read) in.set("ConsistentRead", true);
    set_start_key(in, token);
    return json_call(s, svc, "Query", in.str());
  };
  return each_item(fetch, q.max_pages, visit);
}

core::result<std::vector<item>, error> query(session& s, const query_request& q) {
  std::vector<item> out;
  auto r = query_each(s, q, [&](const item& it) {
    out.push_back(it);
    return !q.max_items || out.size() < q.max_items;
  });
  if (!r) return r.error();
  return out;
}

core::result<core::unit, error> scan_each(session& s, const scan_request& q,
                                          const item_visitor& visit) {
  auto fetch = [&](const std::string& token) -> core::result<doc_t, error> {
    detail::json_object in;
    in.set("TableName", q.table);
    add_args(in, q.filter, q.args, "FilterExpression");
    if (q.consistent_read) in.set("ConsistentRead", true);
    set_start_key(in, token);
    return json_call(s, svc, "Scan", in.str());
  };
  return each_item(fetch, q.max_pages, visit);
}

core::result<doc_t, error> describe_table(session& s, const std::string& table) {
  return table_call(s, "DescribeTable", table);
}
core::result<doc_t, error> describe_continuous_backups(session& s, const std::string& table) {
  return table_call(s, "DescribeContinuousBackups", table);
}
core::result<doc_t, error> describe_time_to_live(session& s, const std::string& table) {
  return table_call(s, "DescribeTimeToLive", table);
}

core::result<std::map<std::string, std::string>, error> list_tags_of_resource(
    session& s, const std::string& arn) {
  std::map<std::string, std::string> tags;
  auto r = paginate(
      [&](const std::string& token) {
        detail::json_object in;
        in.set("ResourceArn", arn);
        if (!token.empty()) in.set("NextToken", token);
        return json_call(s, svc, "ListTagsOfResource", in.str());
      },
      [](const doc_t& page) { return detail::get_string(page, "NextToken"); },
      [&](doc_t& page) {
        if (!page.HasMember("Tags")) return;
        for (const auto& t : page["Tags"].GetArray())
          tags[detail::get_string(t, "Key")] = detail::get_string(t, "Value");
      });
  if (!r) return r.error();
  return tags;
}

core::result<std::vector<std::string>, error> list_tables(session& s) {
  std::vector<std::string> names;
  auto r = paginate(
      [&](const std::string& token) {
        detail::json_object in;
        if (!token.empty()) in.set("ExclusiveStartTableName", token);
        return json_call(s, svc, "ListTables", in.str());
      },
      [](const doc_t& page) { return detail::get_string(page, "LastEvaluatedTableName"); },
      [&](doc_t& page) {
        if (!page.HasMember("TableNames")) return;
        for (const auto& n : page["TableNames"].GetArray()) names.emplace_back(n.GetString());
      });
  if (!r) return r.error();
  return names;
}

}  // namespace aws::dynamodb
