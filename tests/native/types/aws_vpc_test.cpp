// aws_vpc offline: DescribeVpcs and three DescribeVpcAttribute calls, recorded from moto
// (recorded/aws_vpc).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_vpc";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsVpc, FoundReadsTheVpcAndItsAttributes) { expect_found_golden(kType, state, 4); }

TEST(AwsVpc, DeletedVpcIsGone) { expect_gone(kType, state); }

TEST(AwsVpc, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestLimitExceeded");
}

TEST(AwsVpc, AccessDeniedIsNotChecked) { expect_denied(kType, state, "UnauthorizedOperation"); }

TEST(AwsVpc, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "enable_dns_hostnames", "false");
}

TEST(AwsVpc, AddressUsageMetricsTurnedOffIsDrift) {
  expect_drift_only_on_change(kType, state, "enable_network_address_usage_metrics", "false");
}

TEST(AwsVpc, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
