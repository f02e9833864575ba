// DynamoDB attribute values and the few request shapes this function sends, over the AWS JSON
// protocol (aws::json_call). Attribute values travel as their JSON text ({"S":"x"}).
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "aws/json_protocol.h"

namespace orchestrator::ddb {

using av = std::string;  // one attribute value as JSON text
av S(std::string_view s);
av N(std::int64_t n);
av BOOL(bool b);
av L(const std::vector<std::string>& strings);
av M(const std::map<std::string, std::string>& strings);
av M_raw(const std::vector<std::pair<std::string, av>>& members);

using attributes = std::vector<std::pair<std::string, av>>;

// Readers of an item (the "Item" object of GetItem, an element of Query's "Items").
std::string get_s(const rapidjson::Value& item, const char* name);
std::optional<std::int64_t> get_n(const rapidjson::Value& item, const char* name);
bool get_bool(const rapidjson::Value& item, const char* name, bool fallback = false);
std::vector<std::string> get_string_list(const rapidjson::Value& item, const char* name);
std::map<std::string, std::string> get_string_map(const rapidjson::Value& item, const char* name);

// An expression's placeholders: "#name" -> attribute name, ":value" -> attribute value.
struct expression_values {
  std::vector<std::pair<std::string, std::string>> names;
  std::vector<std::pair<std::string, av>> values;
};

inline bool condition_failed(const aws::error& e) {
  return e.is("ConditionalCheckFailedException");
}

core::result<core::unit, aws::error> put_item(aws::session& s, const std::string& table,
                                              const attributes& item,
                                              const std::string& condition = {},
                                              const expression_values& ev = {});
core::result<core::unit, aws::error> update_item(aws::session& s, const std::string& table,
                                                 const attributes& key, const std::string& update,
                                                 const std::string& condition,
                                                 const expression_values& ev);
core::result<core::unit, aws::error> delete_item(aws::session& s, const std::string& table,
                                                 const attributes& key,
                                                 const std::string& condition = {},
                                                 const expression_values& ev = {});
// The item, or a Null value when there is none.
core::result<rapidjson::Document, aws::error> get_item(aws::session& s, const std::string& table,
                                                       const attributes& key,
                                                       bool consistent = true);

struct query_request {
  std::string table;
  std::string index;  // empty: the table itself
  std::string key_condition;
  std::string filter;
  expression_values ev;
  bool newest_first = false;
  int limit = 0;  // 0: DynamoDB's page size
};
// One page; `start_key` continues from a previous page's LastEvaluatedKey (JSON text).
core::result<rapidjson::Document, aws::error> query(aws::session& s, const query_request& q,
                                                    const std::string& start_key = {});

// One page of a filtered Scan; `start_key` as for query.
core::result<rapidjson::Document, aws::error> scan(aws::session& s, const std::string& table,
                                                   const std::string& filter,
                                                   const expression_values& ev,
                                                   const std::string& start_key = {});

}  // namespace orchestrator::ddb
