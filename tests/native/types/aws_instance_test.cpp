// aws_instance offline: DescribeInstances, DescribeVolumes, DescribeInstanceCreditSpecifications
// and four DescribeInstanceAttribute calls recorded from moto (recorded/aws_instance).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_instance";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

std::string golden_with(const offline_case& c, const char* name, const std::string& value) {
  return with(golden_state(kType, c, state), name, value);
}

// One attribute of the golden read.
rapidjson::Value golden_field(const char* name) {
  static rapidjson::Document golden;
  golden.Parse(golden_text(kType).c_str());
  return rapidjson::Value(golden[name], golden.GetAllocator());
}

// `name` holds `a` then `b` in the state and `b` then `a` in the live read.
void expect_set_order(const char* name, const std::string& a, const std::string& b) {
  expect_hidden_by(
      kType,
      [&](const offline_case& c) {
        return with(golden_state(kType, c, state), name, "[" + a + "," + b + "]");
      },
      std::string(name) + ":set_order",
      [&](rapidjson::Document& live) {
        rapidjson::Document g;
        g.Parse(("[" + b + "," + a + "]").c_str());
        live[name].CopyFrom(g, live.GetAllocator());
      });
}

}  // namespace

TEST(AwsInstance, FoundReadsTheInstanceInTerraformsShape) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_EQ(core::json::string_member(*r.attrs, "ami"), c.resource("ami"));
  EXPECT_EQ(core::json::string_member(*r.attrs, "subnet_id"), c.resource("subnet_id"));
  // The provider's digest of the recorded user data ("#!/bin/sh\necho drift\n").
  EXPECT_EQ(core::json::string_member(*r.attrs, "user_data"),
            "2f546648c6606a955cb537a78ece551d98673297");
  EXPECT_TRUE(c.transport().unused().empty());
  EXPECT_EQ(c.calls(), 7);
}

TEST(AwsInstance, RootVolumeResizedIsDrift) {
  offline_case c(kType, "found");
  rapidjson::Document root;
  root.Parse(golden_text(kType).c_str());
  auto& disk = root["root_block_device"][0];
  EXPECT_EQ(disk["volume_size"].GetInt(), 10);
  EXPECT_EQ(core::json::string_member(disk, "volume_type"), "gp3");
  disk["volume_size"].SetInt(8);
  expect_drift_only_on_change(kType, state, "root_block_device",
                              core::json::to_text(root["root_block_device"]));
}

TEST(AwsInstance, VolumeTagsAreTheUnionOfTheVolumesTags) {
  offline_case c(kType, "found");
  auto r = c.read(R"({"id":")" + c.resource("id") + R"(","volume_tags":{"Name":"x"}})");
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_EQ(core::json::to_text((*r.attrs)["volume_tags"]), R"({"Name":"app-root","disk":"data"})");
  // volume_tags manage the volumes' tags: the blocks then hold none.
  EXPECT_EQ(core::json::to_text((*r.attrs)["root_block_device"][0]["tags"]), "{}");
}

TEST(AwsInstance, VolumeTagsWithoutAStateValueAreLeftAsTheyWere) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_TRUE((*r.attrs)["volume_tags"].IsNull());
}

TEST(AwsInstance, UserDataOfABase64ConfigurationIsReadAsIs) {
  offline_case c(kType, "found");
  auto r = c.read(R"({"id":")" + c.resource("id") + R"(","user_data_base64":"x"})");
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_EQ(core::json::string_member(*r.attrs, "user_data_base64"),
            "IyEvYmluL3NoCmVjaG8gZHJpZnQK");
  EXPECT_FALSE(r.attrs->HasMember("user_data"));
}

TEST(AwsInstance, ImdsMadeOptionalIsDrift) {
  expect_drift_only_on_change(kType, state, "metadata_options",
                              R"([{"http_endpoint":"enabled","http_protocol_ipv6":"disabled",)"
                              R"("http_put_response_hop_limit":1,"http_tokens":"optional",)"
                              R"("instance_metadata_tags":"disabled"}])");
}

TEST(AwsInstance, TerminatedInstanceIsGone) { expect_gone(kType, state); }

TEST(AwsInstance, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestLimitExceeded");
}

TEST(AwsInstance, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "UnauthorizedOperation");
}

TEST(AwsInstance, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "instance_type", R"("t3.small")");
}

TEST(AwsInstance, NewPublicIpAfterAStopStartIsNoDrift) {
  expect_hidden_by(
      kType, [](const offline_case& c) { return golden_with(c, "public_ip", R"("54.1.2.3")"); },
      "public_ip:ignore");
}

TEST(AwsInstance, NewPublicDnsAfterAStopStartIsNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return golden_with(c, "public_dns", R"("ec2-54-1-2-3.compute-1.amazonaws.com")");
      },
      "public_dns:ignore");
}

TEST(AwsInstance, SecurityGroupsInAnotherOrderAreNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) -> std::string {
        rapidjson::Document d;
        d.Parse(golden_state(kType, c, state).c_str());
        auto groups = d["vpc_security_group_ids"].GetArray();
        EXPECT_EQ(groups.Size(), 2u);
        groups[0].Swap(groups[1]);
        return core::json::to_text(d);
      },
      "vpc_security_group_ids:set_order");
}

TEST(AwsInstance, EbsBlockDevicesInAnotherOrderAreNoDrift) {
  const std::string data = core::json::to_text(golden_field("ebs_block_device")[0]);
  std::string other = data;
  other.replace(other.find("/dev/sdf"), 8, "/dev/sdg");
  expect_set_order("ebs_block_device", data, other);
}

TEST(AwsInstance, SecondaryIpsInAnotherOrderAreNoDrift) {
  expect_set_order("secondary_private_ips", R"("10.0.1.8")", R"("10.0.1.9")");
}

TEST(AwsInstance, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType, [](const offline_case& c) { return golden_with(c, "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
