// aws_eks_cluster offline: DescribeCluster recorded from moto (recorded/aws_eks_cluster), and
// `documented`: the same answer with the blocks moto omits and a version moto cannot move
// (UpdateClusterVersion fails there), in the EKS API reference's DescribeCluster shape.
#include <gtest/gtest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_eks_cluster";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","name":")" + c.resource("id") + R"("})";
}

}  // namespace

TEST(AwsEksCluster, FoundReadsVpcNetworkLoggingEncryptionAndTags) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsEksCluster, DeletedClusterIsGone) { expect_gone(kType, state); }

TEST(AwsEksCluster, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "ThrottlingException");
}

TEST(AwsEksCluster, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsEksCluster, PublicAccessCidrsOpenedIsDrift) {
  const std::string golden = golden_text(kType);
  rapidjson::Document g;
  g.Parse(golden.c_str());
  g["vpc_config"][0]["public_access_cidrs"][0].SetString("10.0.0.0/8");
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  g["vpc_config"].Accept(w);
  expect_drift_only_on_change(kType, state, "vpc_config", buf.GetString());
}

TEST(AwsEksCluster, LogTypeTurnedOffIsDrift) {
  expect_drift_only_on_change(kType, state, "enabled_cluster_log_types", R"(["api"])");
}

TEST(AwsEksCluster, VersionUpgradeAndOmittedBlocksAreReadAsDocumented) {
  offline_case found(kType, "found");
  const std::string st = golden_state(kType, found, state);
  offline_case c(kType, "documented");
  auto live = c.read(st);
  ASSERT_EQ(live.st, scanner::native::live_resource::status::found);
  expect_golden(*live.attrs, "aws_eks_cluster_documented");
  std::map<std::string, int> suppressed;
  auto changed = names(c.compare(suppressed));
  std::sort(changed.begin(), changed.end());
  EXPECT_EQ(changed, (std::vector<std::string>{"access_config", "compute_config", "outpost_config",
                                               "remote_network_config", "storage_config",
                                               "upgrade_policy", "version", "zonal_shift_config"}));
}

TEST(AwsEksCluster, BootstrapAdminPermissionsComeFromTheState) {
  offline_case found(kType, "found");
  const std::string st = with(
      golden_state(kType, found, state), "access_config",
      R"([{"authentication_mode":"CONFIG_MAP","bootstrap_cluster_creator_admin_permissions":true}])");
  offline_case c(kType, "documented");
  auto live = c.read(st);
  ASSERT_EQ(live.st, scanner::native::live_resource::status::found);
  const auto& ac = (*live.attrs)["access_config"][0];
  EXPECT_STREQ(ac["authentication_mode"].GetString(), "API_AND_CONFIG_MAP");
  EXPECT_TRUE(ac["bootstrap_cluster_creator_admin_permissions"].GetBool());
}

TEST(AwsEksCluster, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
