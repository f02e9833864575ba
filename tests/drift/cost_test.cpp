#include "drift/cost.h"

#include <gtest/gtest.h>

#include <set>

TEST(DriftCost, InstanceTypeChangeInUsEast1) {
  auto d = drift::monthly_cost_delta("aws_instance", "us-east-1", "t2.micro", "m5.large");
  ASSERT_TRUE(d.known) << d.note;
  EXPECT_DOUBLE_EQ(d.monthly_usd, 61.61);  // (0.096 - 0.0116) * 730
  EXPECT_NE(d.note.find("2019-07-21"), std::string::npos);
  auto down = drift::monthly_cost_delta("AWS::EC2::Instance", "us-east-1", "m5.large", "t2.micro");
  ASSERT_TRUE(down.known);
  EXPECT_DOUBLE_EQ(down.monthly_usd, -61.61);
  auto same = drift::monthly_cost_delta("aws_instance", "us-east-1", "m5.large", "m5.large");
  ASSERT_TRUE(same.known);
  EXPECT_DOUBLE_EQ(same.monthly_usd, 0.0);
}

TEST(DriftCost, DbClassChangeWithMultiAzAndEngine) {
  auto d = drift::monthly_cost_delta("aws_db_instance", "us-east-1", "db.t4g.micro", "db.t4g.small",
                                     "postgres");
  ASSERT_TRUE(d.known) << d.note;
  EXPECT_DOUBLE_EQ(d.monthly_usd, 11.68);
  auto multi = drift::monthly_cost_delta("aws_db_instance", "us-east-1", "db.t4g.micro",
                                         "db.t4g.small", "postgres", true);
  EXPECT_DOUBLE_EQ(multi.monthly_usd, 23.36);
  auto mysql = drift::monthly_cost_delta("aws_db_instance", "us-east-1", "db.t4g.micro",
                                         "db.t4g.small", "mysql");
  EXPECT_FALSE(mysql.known);
  EXPECT_NE(mysql.note.find("mysql"), std::string::npos);
}

TEST(DriftCost, WhatTheTableDoesNotHoldIsUnknownNeverZero) {
  auto d = drift::monthly_cost_delta("aws_instance", "us-east-1", "t3.micro", "m5.large");
  EXPECT_FALSE(d.known);
  EXPECT_NE(d.note.find("unknown"), std::string::npos);
  EXPECT_NE(d.note.find("t3.micro"), std::string::npos);
  EXPECT_FALSE(
      drift::monthly_cost_delta("aws_instance", "eu-central-1", "m5.large", "m5.xlarge").known);
  EXPECT_FALSE(
      drift::monthly_cost_delta("aws_instance", "us-west-2", "m5.large", "m5.xlarge").known);
  EXPECT_FALSE(drift::monthly_cost_delta("aws_s3_bucket", "us-east-1", "a", "b").known);
}

TEST(DriftCost, EveryRowNamesItsSourceAndDate) {
  const std::set<std::string_view> regions{"us-east-1", "us-west-2", "eu-central-1"};
  ASSERT_FALSE(drift::price_table().empty());
  std::set<std::string> keys;
  for (const auto& row : drift::price_table()) {
    EXPECT_FALSE(row.source.empty()) << row.instance_class;
    EXPECT_FALSE(row.date.empty()) << row.instance_class;
    EXPECT_GT(row.usd_per_hour, 0.0) << row.instance_class;
    EXPECT_TRUE(regions.count(row.region)) << row.region;
    EXPECT_TRUE(row.service == "ec2" || row.service == "rds");
    EXPECT_TRUE(keys.insert(std::string(row.service) + "/" + std::string(row.region) + "/" +
                            std::string(row.instance_class))
                    .second)
        << "duplicate row " << row.instance_class;
  }
}

TEST(DriftCost, FromTheChangedAttributesOfADrift) {
  auto d = drift::cost_of_changes(
      "aws_instance", "us-east-1",
      {{"tags", "{}", "{}"}, {"instance_type", R"J("m5.large")J", R"J("m5.xlarge")J"}});
  ASSERT_TRUE(d);
  ASSERT_TRUE(d->known);
  EXPECT_DOUBLE_EQ(d->monthly_usd, 70.08);  // (0.192 - 0.096) * 730
  EXPECT_FALSE(drift::cost_of_changes("aws_instance", "us-east-1", {{"tags", "{}", "{}"}}));
  auto names_only = drift::cost_of_changes("AWS::EC2::Instance", "us-east-1",
                                           {{"InstanceType", std::nullopt, std::nullopt}});
  ASSERT_TRUE(names_only);
  EXPECT_FALSE(names_only->known);
}

TEST(DriftCost, DbClassDriftPricedByTheResourcesEngine) {
  const std::vector<drift::attribute_change> change{
      {"instance_class", R"J("db.t4g.micro")J", R"J("db.t4g.small")J"}};
  auto d = drift::cost_of_changes("aws_db_instance", "us-east-1", change,
                                  R"J({"engine":"postgres","multi_az":false})J");
  ASSERT_TRUE(d && d->known);
  EXPECT_DOUBLE_EQ(d->monthly_usd, 11.68);
  d = drift::cost_of_changes("aws_db_instance", "us-east-1", change,
                             R"J({"engine":"postgres","multi_az":true})J");
  ASSERT_TRUE(d && d->known);
  EXPECT_DOUBLE_EQ(d->monthly_usd, 23.36);
  // Without the engine the class alone cannot be priced.
  d = drift::cost_of_changes("aws_db_instance", "us-east-1", change);
  ASSERT_TRUE(d);
  EXPECT_FALSE(d->known);
  d = drift::cost_of_changes("aws_db_instance", "us-east-1", change, R"J({"engine":"mysql"})J");
  ASSERT_TRUE(d);
  EXPECT_FALSE(d->known);
}
