// DynamoDB calls against moto.
#include "aws/dynamodb.h"

#include <gtest/gtest.h>

#include "aws/json_protocol.h"
#include "moto_session.h"

namespace {

namespace ddb = aws::dynamodb;

// A table like the deployment metadata: hash deployment_id, range resource_arn, GSI
// resource-arn-index (resource_arn, deployed_at).
std::string make_table(aws::session& s) {
  std::string name = aws_test::unique("tbl");
  std::string body = R"({"TableName":")" + name + R"(","BillingMode":"PAY_PER_REQUEST",
    "AttributeDefinitions":[{"AttributeName":"deployment_id","AttributeType":"S"},
      {"AttributeName":"resource_arn","AttributeType":"S"},{"AttributeName":"deployed_at","AttributeType":"S"}],
    "KeySchema":[{"AttributeName":"deployment_id","KeyType":"HASH"},{"AttributeName":"resource_arn","KeyType":"RANGE"}],
    "GlobalSecondaryIndexes":[{"IndexName":"resource-arn-index","KeySchema":[
      {"AttributeName":"resource_arn","KeyType":"HASH"},{"AttributeName":"deployed_at","KeyType":"RANGE"}],
      "Projection":{"ProjectionType":"ALL"}}],
    "Tags":[{"Key":"team","Value":"platform"}]})";
  auto r = aws::json_call(s, aws::services::dynamodb, "CreateTable", body);
  EXPECT_TRUE(r.ok()) << r.error().describe();
  return name;
}

TEST(DynamoDb, PutGetRoundTripKeepsEveryType) {
  auto s = aws_test::moto_session();
  auto table = make_table(*s);
  ddb::item it{{"deployment_id", "d1"},
               {"resource_arn", "arn:aws:s3:::b"},
               {"count", 42},
               {"ratio", 0.5},
               {"ok", true},
               {"nothing", ddb::value::null()},
               {"tags", ddb::item{{"Env", "prod"}}},
               {"list", std::vector<ddb::value>{"a", 1}},
               {"set", ddb::value::string_set({"x", "y"})},
               {"blob", ddb::value::binary(std::string("\x00\x01\xff", 3))}};
  auto put = ddb::put_item(*s, {table, it, "", {}});
  ASSERT_TRUE(put.ok()) << put.error().describe();
  auto got =
      ddb::get_item(*s, table, {{"deployment_id", "d1"}, {"resource_arn", "arn:aws:s3:::b"}});
  ASSERT_TRUE(got.ok()) << got.error().describe();
  ASSERT_TRUE(got->has_value());
  const auto& g = **got;
  EXPECT_EQ(ddb::get_int(g, "count"), 42);
  EXPECT_EQ(ddb::get_double(g, "ratio"), 0.5);
  EXPECT_EQ(ddb::get_bool(g, "ok"), true);
  EXPECT_TRUE(g.at("nothing").is_null());
  ASSERT_NE(ddb::get_m(g, "tags"), nullptr);
  EXPECT_EQ(ddb::get_s(*ddb::get_m(g, "tags"), "Env"), "prod");
  EXPECT_EQ(g.at("list"), ddb::value(std::vector<ddb::value>{"a", 1}));
  EXPECT_EQ(*g.at("blob").as_b(), std::string("\x00\x01\xff", 3));
  EXPECT_EQ(g, it);
}

TEST(DynamoDb, MissingItemIsEmptyNotAnError) {
  auto s = aws_test::moto_session();
  auto table = make_table(*s);
  auto got = ddb::get_item(*s, table, {{"deployment_id", "none"}, {"resource_arn", "x"}});
  ASSERT_TRUE(got.ok()) << got.error().describe();
  EXPECT_FALSE(got->has_value());
}

TEST(DynamoDb, FailedConditionIsDistinguishableAndLeavesTheItem) {
  auto s = aws_test::moto_session();
  auto table = make_table(*s);
  ddb::item lock{{"deployment_id", "L"}, {"resource_arn", "r"}, {"owner", "first"}};
  const std::string absent = "attribute_not_exists(deployment_id)";
  ASSERT_TRUE(ddb::put_item(*s, {table, lock, absent, {}}).ok());
  lock["owner"] = "second";
  auto again = ddb::put_item(*s, {table, lock, absent, {}});
  ASSERT_FALSE(again.ok());
  EXPECT_TRUE(ddb::is_condition_failed(again.error())) << again.error().describe();
  EXPECT_EQ(again.error().http_status, 400);
  EXPECT_EQ(again.error().attempts, 1);

  auto got = ddb::get_item(*s, table, {{"deployment_id", "L"}, {"resource_arn", "r"}}, true);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ(ddb::get_s(**got, "owner"), "first");
}

TEST(DynamoDb, UpdateWithConditionAndDelete) {
  auto s = aws_test::moto_session();
  auto table = make_table(*s);
  ddb::item key{{"deployment_id", "h1"}, {"resource_arn", "r"}};
  ddb::item first = key;
  first["status"] = "received";
  ASSERT_TRUE(ddb::put_item(*s, {table, first, "", {}}).ok());

  ddb::update_request u{
      table,
      key,
      "SET #s = :new, attempts = :one",
      "#s = :old",
      {{{"#s", "status"}}, {{":new", "dispatched"}, {":old", "received"}, {":one", 1}}}};
  auto updated = ddb::update_item(*s, u);
  ASSERT_TRUE(updated.ok()) << updated.error().describe();
  EXPECT_EQ(ddb::get_s(*updated, "status"), "dispatched");
  EXPECT_EQ(ddb::get_int(*updated, "attempts"), 1);

  auto stale = ddb::update_item(*s, u);  // status is no longer "received"
  ASSERT_FALSE(stale.ok());
  EXPECT_TRUE(ddb::is_condition_failed(stale.error()));

  auto del = ddb::delete_item(*s, {table, key, "", {}});
  ASSERT_TRUE(del.ok()) << del.error().describe();
  ASSERT_TRUE(del->has_value());
  EXPECT_EQ(ddb::get_s(**del, "status"), "dispatched");
  auto gone = ddb::get_item(*s, table, key);
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
}

TEST(DynamoDb, QueryOnIndexNewestFirstAcrossSeveralPages) {
  auto s = aws_test::moto_session();
  auto table = make_table(*s);
  const std::string arn = "arn:aws:s3:::bucket";
  for (int i = 1; i <= 7; ++i) {
    ddb::item it{{"deployment_id", "dep" + std::to_string(i)},
                 {"resource_arn", arn},
                 {"deployed_at", "2024-01-0" + std::to_string(i) + "T00:00:00Z"},
                 {"deployment_status", i == 7 ? "failed" : "success"}};
    ASSERT_TRUE(ddb::put_item(*s, {table, it, "", {}}).ok());
  }
  ASSERT_TRUE(ddb::put_item(*s, {table,
                                 {{"deployment_id", "other"},
                                  {"resource_arn", "arn:x"},
                                  {"deployed_at", "2030-01-01T00:00:00Z"}},
                                 "",
                                 {}})
                  .ok());
  ddb::query_request q;
  q.table = table;
  q.index = "resource-arn-index";
  q.key_condition = "resource_arn = :a";
  q.args.values = {{":a", arn}};
  q.newest_first = true;
  q.page_size = 2;  // 7 items: 4 pages
  auto all = ddb::query(*s, q);
  ASSERT_TRUE(all.ok()) << all.error().describe();
  ASSERT_EQ(all->size(), 7u);
  EXPECT_EQ(ddb::get_s(all->front(), "deployment_id"), "dep7");
  EXPECT_EQ(ddb::get_s(all->back(), "deployment_id"), "dep1");

  q.filter = "deployment_status = :ok";
  q.args.values[":ok"] = "success";
  q.max_items = 1;
  auto latest_ok = ddb::query(*s, q);
  ASSERT_TRUE(latest_ok.ok()) << latest_ok.error().describe();
  ASSERT_EQ(latest_ok->size(), 1u);
  EXPECT_EQ(ddb::get_s(latest_ok->front(), "deployment_id"), "dep6");

  ddb::query_request by_table{table, "", "deployment_id = :d", "", {{}, {{":d", "dep3"}}}};
  auto one = ddb::query(*s, by_table);
  ASSERT_TRUE(one.ok()) << one.error().describe();
  ASSERT_EQ(one->size(), 1u);
}

TEST(DynamoDb, DescribeReadsAndListings) {
  auto s = aws_test::moto_session();
  auto table = make_table(*s);
  auto d = ddb::describe_table(*s, table);
  ASSERT_TRUE(d.ok()) << d.error().describe();
  std::string arn = (*d)["Table"]["TableArn"].GetString();
  EXPECT_NE(arn.find(table), std::string::npos);

  auto pitr = ddb::describe_continuous_backups(*s, table);
  ASSERT_TRUE(pitr.ok()) << pitr.error().describe();
  EXPECT_TRUE((*pitr)["ContinuousBackupsDescription"].HasMember("ContinuousBackupsStatus"));
  auto ttl = ddb::describe_time_to_live(*s, table);
  ASSERT_TRUE(ttl.ok()) << ttl.error().describe();
  EXPECT_STREQ((*ttl)["TimeToLiveDescription"]["TimeToLiveStatus"].GetString(), "DISABLED");

  auto tags = ddb::list_tags_of_resource(*s, arn);
  ASSERT_TRUE(tags.ok()) << tags.error().describe();
  EXPECT_EQ(tags->at("team"), "platform");

  auto tables = ddb::list_tables(*s);
  ASSERT_TRUE(tables.ok()) << tables.error().describe();
  EXPECT_NE(std::find(tables->begin(), tables->end(), table), tables->end());

  auto missing = ddb::describe_table(*s, aws_test::unique("absent"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "ResourceNotFoundException");
}

}  // namespace
