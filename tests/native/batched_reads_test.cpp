// Types read in one call per batch where the provider asks one by one, against moto. ECR
// repositories: one DescribeRepositories per batch; ECR fails the whole call when one name is
// gone, so the batch is asked name by name and the gone one is reported deleted while the rest
// are still compared. Route 53 zones: their tags in one ListTagsForResources per batch.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "aws/ecr.h"
#include "aws/json_protocol.h"
#include "aws/query_protocol.h"
#include "aws/route53.h"
#include "engine_on_moto.h"

namespace {

using native_test::resource_json;
using native_test::scan;
using native_test::state_json;

std::string repository_state(const std::vector<std::string>& names) {
  std::vector<std::string> resources;
  for (size_t i = 0; i < names.size(); ++i)
    resources.push_back(resource_json("aws_ecr_repository", "r" + std::to_string(i),
                                      R"({"id":")" + names[i] + R"(","name":")" + names[i] +
                                          R"(","image_tag_mutability":"MUTABLE"})"));
  return state_json(resources);
}

TEST(BatchedReads, RepositoriesInOneCallAndAGoneOneFoundByName) {
  auto s = aws_test::moto_session();
  std::vector<std::string> names;
  for (int i = 0; i < 3; ++i) {
    auto n = aws_test::unique("batched");
    for (auto& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto made = aws::json_call(*s, aws::services::ecr, "CreateRepository",
                               R"({"repositoryName":")" + n + R"("})");
    ASSERT_TRUE(made.ok()) << made.error().describe();
    names.push_back(n);
  }
  // All there: one DescribeRepositories for the three, then their tags.
  auto all = scan(repository_state(names));
  EXPECT_EQ(all.resources, 3);
  EXPECT_TRUE(all.deleted.empty());
  EXPECT_TRUE(all.not_checked.empty());
  EXPECT_EQ(all.calls, 1 + 3);

  // One deleted in the console: the batch call fails, each name is asked alone.
  names.push_back(names[1] + "-deleted");
  auto one_gone = scan(repository_state(names));
  EXPECT_EQ(one_gone.resources, 4);
  EXPECT_EQ(one_gone.deleted, std::set<std::string>{"aws_ecr_repository.r3"});
  EXPECT_TRUE(one_gone.not_checked.empty());
  EXPECT_EQ(one_gone.calls, 1 + 4 + 3);
}

std::string zone_state(const std::vector<std::pair<std::string, std::string>>& zones) {
  std::vector<std::string> resources;
  for (size_t i = 0; i < zones.size(); ++i)
    resources.push_back(resource_json("aws_route53_zone", "z" + std::to_string(i),
                                      R"({"id":")" + zones[i].first + R"(","zone_id":")" +
                                          zones[i].first + R"(","tags":)" + zones[i].second + "}"));
  return state_json(resources);
}

// Hosted zones: GetHostedZone each (no batch form), their tags in one ListTagsForResources.
TEST(BatchedReads, ZoneTagsInOneCallPerBatch) {
  auto s = aws_test::moto_session();
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    aws::rest_request create;
    create.method = "POST";
    create.path = "/2013-04-01/hostedzone";
    create.headers = {{"Content-Type", "application/xml"}};
    create.body =
        R"(<CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Name>)" +
        aws_test::unique("z") + R"(.batched.example.</Name><CallerReference>)" +
        aws_test::unique("ref") + "</CallerReference></CreateHostedZoneRequest>";
    auto made = aws::rest_call(*s, aws::route53::api, create);
    ASSERT_TRUE(made.ok()) << made.error().describe();
    auto x = aws::parse_xml(aws::route53::api, made->body);
    ASSERT_TRUE(x.ok());
    ids.push_back(aws::route53::bare_id(x->result.child("HostedZone").child_value("Id")));
  }
  aws::rest_request tag;
  tag.method = "POST";
  tag.path = "/2013-04-01/tags/hostedzone/" + ids[0];
  tag.headers = {{"Content-Type", "application/xml"}};
  tag.body =
      R"(<ChangeTagsForResourceRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><AddTags><Tag><Key>team</Key><Value>drift</Value></Tag></AddTags></ChangeTagsForResourceRequest>)";
  ASSERT_TRUE(aws::rest_call(*s, aws::route53::api, tag).ok());

  // z0 tagged as its state says; z1's state holds a tag the zone lacks; z2 untagged in both;
  // z3 no longer exists.
  auto r = scan(zone_state({{ids[0], R"({"team":"drift"})"},
                            {ids[1], R"({"team":"drift"})"},
                            {ids[2], "null"},
                            {"ZGONE0000000000000000", "null"}}));
  EXPECT_EQ(r.resources, 4);
  EXPECT_TRUE(r.not_checked.empty());
  EXPECT_EQ(r.deleted, std::set<std::string>{"aws_route53_zone.z3"});
  EXPECT_FALSE(r.changed("aws_route53_zone.z0", "tags"));
  EXPECT_TRUE(r.changed("aws_route53_zone.z1", "tags"));
  EXPECT_FALSE(r.changed("aws_route53_zone.z2", "tags"));
  EXPECT_EQ(r.calls, 4 + 1);  // four GetHostedZone, one ListTagsForResources for the three found
}

}  // namespace
