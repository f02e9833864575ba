// The live path's pure parts: the resource index (from a state, as JSON and back, looked up by
// type and id or ARN) and the invocation's envelope (an SQS batch, one direct event, anything
// else).
#include "resource_index.h"

#include <gtest/gtest.h>

#include "change_batch.h"

namespace {

constexpr const char* kState = R"({"version":4,"terraform_version":"1.11.4","serial":1,
 "lineage":"l","outputs":{},"resources":[
 {"mode":"managed","type":"aws_security_group","name":"web","provider":"p","instances":[
   {"schema_version":1,"attributes":{"id":"sg-1","arn":"arn:aws:ec2:us-east-1:1:security-group/sg-1"}}]},
 {"mode":"data","type":"aws_vpc","name":"main","provider":"p","instances":[
   {"schema_version":0,"attributes":{"id":"vpc-1"}}]},
 {"mode":"managed","type":"aws_s3_bucket_public_access_block","name":"data","provider":"p",
  "instances":[{"schema_version":0,"attributes":{"id":"data-bucket","bucket":"data-bucket"}}]}]})";

TEST(ResourceIndex, ManagedInstancesRoundTripAndAreFound) {
  auto st = terraform::parse_state(kState);
  ASSERT_TRUE(st) << st.error().message;
  const auto ix = scanner::index_of(*st, "platform", "prod", "env:/prod/platform/terraform.tfstate",
                                    "\"etag\"", "2026-12-05T10:00:00Z");
  ASSERT_EQ(ix.resources.size(), 2u);  // the data source is not managed
  EXPECT_EQ(scanner::index_key("platform", "prod"), "index/platform/prod.json");
  auto back = scanner::parse_index(scanner::index_json(ix));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->state_etag, "\"etag\"");
  EXPECT_EQ(back->resources[1].address, "aws_s3_bucket_public_access_block.data");

  scanner::resource_index all({std::make_shared<const scanner::workspace_index>(*back)});
  EXPECT_EQ(all.find("aws_security_group", "sg-1").size(), 1u);
  EXPECT_EQ(all.find("aws_security_group", "arn:aws:ec2:us-east-1:1:security-group/sg-1").size(),
            1u);
  EXPECT_TRUE(all.find("aws_instance", "sg-1").empty());
  EXPECT_TRUE(all.find("aws_security_group", "").empty());
  EXPECT_EQ(all.of_type("aws_s3_bucket_public_access_block").size(), 1u);
  EXPECT_FALSE(scanner::parse_index(R"({"target":"x"})"));
  EXPECT_FALSE(scanner::parse_index("[1,2"));
}

TEST(ChangeBatch, SqsBatchDirectEventOrNeither) {
  auto batch = scanner::change_messages(
      R"({"Records":[{"messageId":"m-1","eventSource":"aws:sqs","body":"{\"a\":1}"},)"
      R"({"messageId":"m-2","eventSource":"aws:sqs"}]})");
  ASSERT_TRUE(batch);
  ASSERT_EQ(batch->size(), 2u);
  EXPECT_EQ((*batch)[0].message_id, "m-1");
  EXPECT_EQ((*batch)[0].body, R"({"a":1})");
  EXPECT_EQ((*batch)[1].body, "");  // acknowledged as malformed, never retried

  const std::string direct =
      R"({"id":"eb-1","detail-type":"AWS API Call via CloudTrail","detail":{}})";
  auto one = scanner::change_messages(direct);
  ASSERT_TRUE(one);
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].message_id, "eb-1");
  EXPECT_EQ((*one)[0].body, direct);

  EXPECT_FALSE(scanner::change_messages(R"({"target":"platform"})"));
  EXPECT_FALSE(scanner::change_messages(R"({"Records":[{"eventSource":"aws:sns"}]})"));
  EXPECT_FALSE(scanner::change_messages(R"({"Records":[]})"));
  EXPECT_FALSE(scanner::change_messages("{not json"));
  EXPECT_FALSE(scanner::change_messages(""));
}

}  // namespace
