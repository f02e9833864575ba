// Amazon DynamoDB (JSON 1.0) calls used by the functions.
#pragma once

#include <rapidjson/document.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws/dynamodb_item.h"
#include "aws/session.h"

namespace aws::dynamodb {

// Expression attribute names ("#s" -> "status") and values (":v" -> value).
struct expression_args {
  std::map<std::string, std::string> names;
  item values;
};

// A failed ConditionExpression: the write was not applied.
inline bool is_condition_failed(const error& e) {
  return e.code == "ConditionalCheckFailedException";
}

core::result<std::optional<item>, error> get_item(session& s, const std::string& table,
                                                  const item& key, bool consistent_read = false);

struct put_request {
  std::string table;
  item attributes;
  std::string condition;  // empty: unconditional
  expression_args args;
};
core::result<core::unit, error> put_item(session& s, const put_request& r);

struct update_request {
  std::string table;
  item key;
  std::string update;     // UpdateExpression
  std::string condition;  // empty: unconditional
  expression_args args;
  // ALL_OLD: the answer is the item as it was before (empty when there was none), so that one
  // atomic write can also tell what it changed.
  std::string return_values = "ALL_NEW";
};
// The item as it is after the update (ReturnValues ALL_NEW), or as `return_values` asks.
core::result<item, error> update_item(session& s, const update_request& r);

struct delete_request {
  std::string table;
  item key;
  std::string condition;
  expression_args args;
};
// The deleted item (nullopt when there was none).
core::result<std::optional<item>, error> delete_item(session& s, const delete_request& r);

struct query_request {
  std::string table;
  std::string index;          // empty: the table itself
  std::string key_condition;  // KeyConditionExpression
  std::string filter;         // FilterExpression, optional
  expression_args args;
  bool newest_first = false;  // ScanIndexForward=false: descending range key
  int page_size = 0;          // Limit per page; 0: service default
  size_t max_items = 0;       // stop after this many items; 0: all
  bool consistent_read = false;
  int max_pages = 0;  // stop quietly after this many pages; 0: all
};
// Every matching item, following LastEvaluatedKey across pages.
core::result<std::vector<item>, error> query(session& s, const query_request& r);

// Sees one item; false stops the listing (no further page is fetched).
using item_visitor = std::function<bool(const item&)>;

// The matching items in order, page by page, until `visit` says stop.
core::result<core::unit, error> query_each(session& s, const query_request& r,
                                           const item_visitor& visit);

struct scan_request {
  std::string table;
  std::string filter;  // FilterExpression, optional
  expression_args args;
  bool consistent_read = false;
  int max_pages = 0;  // stop quietly after this many pages; 0: all
};
// Every item of the table that passes the filter, page by page, until `visit` says stop.
core::result<core::unit, error> scan_each(session& s, const scan_request& r,
                                          const item_visitor& visit);

core::result<rapidjson::Document, error> describe_table(session& s, const std::string& table);
core::result<rapidjson::Document, error> describe_continuous_backups(session& s,
                                                                     const std::string& table);
core::result<rapidjson::Document, error> describe_time_to_live(session& s,
                                                               const std::string& table);
core::result<std::map<std::string, std::string>, error> list_tags_of_resource(
    session& s, const std::string& arn);
core::result<std::vector<std::string>, error> list_tables(session& s);

}  // namespace aws::dynamodb
