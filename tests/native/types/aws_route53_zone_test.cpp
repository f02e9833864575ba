// aws_route53_zone offline: GetHostedZone and ListTagsForResources recorded from moto
// (recorded/aws_route53_zone): a private zone with one VPC, a comment and a tag; `listed` is
// ListHostedZones for unmanaged discovery.
#include <gtest/gtest.h>

#include "offline_case.h"
#include "registry.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_route53_zone";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsRoute53Zone, FoundReadsTheZoneInTerraformsShape) { expect_found_golden(kType, state, 2); }

TEST(AwsRoute53Zone, DeletedZoneIsGone) { expect_gone(kType, state); }

TEST(AwsRoute53Zone, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttling");
}

TEST(AwsRoute53Zone, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AccessDenied"); }

// A scan role whose policy predates route53:ListTagsForResources: each zone's tags are asked on
// their own, and the zone is still compared in full.
TEST(AwsRoute53Zone, ARoleWithoutTheBatchTagCallReadsEachZonesTags) {
  offline_case c(kType, "tags_denied");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  ASSERT_TRUE(r.attrs->HasMember("tags"));
  EXPECT_STREQ((*r.attrs)["tags"]["team"].GetString(), "drift");
  EXPECT_EQ(c.calls(), 3);
}

TEST(AwsRoute53Zone, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "comment", R"("shop public")");
}

TEST(AwsRoute53Zone, AnotherVpcIsDrift) {
  expect_drift_only_on_change(kType, state, "vpc",
                              R"([{"vpc_id":"vpc-0123456789abcdef0","vpc_region":"us-east-1"}])");
}

TEST(AwsRoute53Zone, VpcOrderIsNoChange) {
  const std::string other = R"({"vpc_id":"vpc-0123456789abcdef0","vpc_region":"eu-west-1"})";
  expect_hidden_by(
      kType,
      [&](const offline_case& c) {
        return with(golden_state(kType, c, state), "vpc",
                    "[" + other + R"(,{"vpc_id":")" + c.resource("vpc_id") +
                        R"(","vpc_region":"us-east-1"}])");
      },
      "vpc:set_order",
      [&](rapidjson::Document& live) {
        rapidjson::Document o;
        o.Parse(other.c_str());
        live["vpc"].PushBack(rapidjson::Value(o, live.GetAllocator()), live.GetAllocator());
      });
}

TEST(AwsRoute53Zone, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

TEST(AwsRoute53Zone, ListingFindsEveryZoneById) {
  offline_case c(kType, "found");
  const std::string id = c.resource("id");
  const auto got = listed(kType, state_of(kType, "{}"));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].id, id);
  EXPECT_EQ(got[0].import_id, id);
}

TEST(AwsRoute53Zone, CommentAndTagCallsLocateTheZone) {
  const auto& changes = *scanner::native::find_module(kType)->changes;
  EXPECT_EQ(changes.source, "route53.amazonaws.com");
  EXPECT_TRUE(changes.global);
  rapidjson::Document none, comment, tags, check;
  comment.Parse(R"({"id":"/hostedzone/Z0123456789ABC","comment":"edited"})");
  tags.Parse(R"({"resourceType":"hostedzone","resourceId":"Z0123456789ABC","addTags":[]})");
  check.Parse(R"({"resourceType":"healthcheck","resourceId":"abcd-1234","addTags":[]})");
  using scanner::native::change_target;
  EXPECT_EQ(changes.locate({"UpdateHostedZoneComment", comment, none}),
            (std::vector<change_target>{{"Z0123456789ABC"}}));
  EXPECT_EQ(changes.locate({"ChangeTagsForResource", tags, none}),
            (std::vector<change_target>{{"Z0123456789ABC"}}));
  EXPECT_TRUE(changes.locate({"ChangeTagsForResource", check, none}).empty());
}
