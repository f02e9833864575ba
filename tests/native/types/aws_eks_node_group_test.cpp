// aws_eks_node_group offline: DescribeNodegroup recorded from moto (recorded/aws_eks_node_group),
// and `documented`: the same answer with the blocks moto omits and another version, in the EKS
// API reference's DescribeNodegroup shape.
#include <gtest/gtest.h>

#include <algorithm>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_eks_node_group";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsEksNodeGroup, FoundReadsSizesLabelsTaintsSubnetsAndTags) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsEksNodeGroup, DeletedNodeGroupIsGone) { expect_gone(kType, state); }

TEST(AwsEksNodeGroup, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "ThrottlingException");
}

TEST(AwsEksNodeGroup, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsEksNodeGroup, MaxSizeRaisedIsDrift) {
  expect_drift_only_on_change(kType, state, "scaling_config",
                              R"([{"desired_size":2,"max_size":5,"min_size":1}])");
}

TEST(AwsEksNodeGroup, LabelRemovedIsDrift) {
  expect_drift_only_on_change(kType, state, "labels", R"({"role":"web","tier":"front"})");
}

TEST(AwsEksNodeGroup, VersionUpgradeAndOmittedBlocksAreReadAsDocumented) {
  offline_case found(kType, "found");
  const std::string st = golden_state(kType, found, state);
  offline_case c(kType, "documented");
  auto live = c.read(st);
  ASSERT_EQ(live.st, scanner::native::live_resource::status::found);
  expect_golden(*live.attrs, "aws_eks_node_group_documented");
  std::map<std::string, int> suppressed;
  auto changed = names(c.compare(suppressed));
  std::sort(changed.begin(), changed.end());
  EXPECT_EQ(changed, (std::vector<std::string>{"launch_template", "node_repair_config",
                                               "update_config", "version"}));
}

TEST(AwsEksNodeGroup, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

TEST(AwsEksNodeGroup, NullLabelsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "labels", "null"); },
      "labels:null_is_empty", [](rapidjson::Document& live) { live["labels"].SetObject(); });
}

TEST(AwsEksNodeGroup, TaintsInAnotherOrderAreTheSame) {
  const std::string a = R"({"effect":"NO_SCHEDULE","key":"dedicated","value":"web"})";
  const std::string b = R"({"effect":"NO_EXECUTE","key":"spot","value":"true"})";
  expect_hidden_by(
      kType,
      [&](const offline_case& c) {
        return with(golden_state(kType, c, state), "taint", "[" + b + "," + a + "]");
      },
      "taint:set_order",
      [&](rapidjson::Document& live) {
        rapidjson::Document g;
        g.Parse(("[" + a + "," + b + "]").c_str());
        live["taint"].CopyFrom(g, live.GetAllocator());
      });
}
