// S3 calls against moto (path-style, since the endpoint is overridden).
#include "aws/s3.h"

#include <gtest/gtest.h>

#include "moto_session.h"

namespace {

std::string make_bucket(aws::session& s) {
  auto name = aws_test::unique("bkt");
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto r = aws::s3::create_bucket(s, name);
  EXPECT_TRUE(r.ok()) << r.error().describe();
  return name;
}

TEST(S3, PutGetHeadDeleteObject) {
  auto s = aws_test::moto_session();
  auto b = make_bucket(*s);
  const std::string key = "env:/prod/platform/terraform state+1.tfstate";
  auto put = aws::s3::put_object(*s, b, key, "{\"version\":4}");
  ASSERT_TRUE(put.ok()) << put.error().describe();
  EXPECT_FALSE(put->empty());

  auto got = aws::s3::get_object(*s, b, key);
  ASSERT_TRUE(got.ok()) << got.error().describe();
  EXPECT_EQ(got->body, "{\"version\":4}");
  EXPECT_EQ(got->etag, *put);
  EXPECT_EQ(got->content_type, "application/json");

  auto head = aws::s3::head_object(*s, b, key);
  ASSERT_TRUE(head.ok()) << head.error().describe();
  EXPECT_EQ(head->size, 13);
  EXPECT_TRUE(head->body.empty());

  ASSERT_TRUE(aws::s3::delete_object(*s, b, key).ok());
  auto gone = aws::s3::get_object(*s, b, key);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, "NoSuchKey");
  EXPECT_TRUE(aws::s3::is_not_found(gone.error()));
  auto gone_head = aws::s3::head_object(*s, b, key);
  ASSERT_FALSE(gone_head.ok());
  EXPECT_EQ(gone_head.error().http_status, 404);
  EXPECT_TRUE(aws::s3::is_not_found(gone_head.error()));
}

TEST(S3, PresignedUrlFetchesTheObjectWithoutSigning) {
  auto s = aws_test::moto_session();
  auto b = make_bucket(*s);
  ASSERT_TRUE(aws::s3::put_object(*s, b, "reports/p/latest.json", "{\"drifts\":[]}").ok());
  auto url = aws::s3::presign_get(*s, b, "reports/p/latest.json", std::chrono::minutes(5));
  ASSERT_TRUE(url.ok()) << url.error().describe();
  EXPECT_NE(url->find("X-Amz-Signature="), std::string::npos);
  EXPECT_NE(url->find("X-Amz-Expires=300"), std::string::npos);
  http::client c;
  auto got = c.send({"GET", *url, {}, ""});
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->status, 200);
  EXPECT_EQ(got->body, "{\"drifts\":[]}");
}

TEST(S3, ListingFollowsContinuationTokensAndPrefixes) {
  auto s = aws_test::moto_session();
  auto b = make_bucket(*s);
  for (int i = 0; i < 7; ++i)
    ASSERT_TRUE(
        aws::s3::put_object(*s, b, "env:/ws" + std::to_string(i) + "/app.tfstate", "{}").ok());
  ASSERT_TRUE(aws::s3::put_object(*s, b, "app.tfstate", "{}").ok());

  auto all = aws::s3::list_objects(*s, b, "env:/", "", 3);  // 7 objects: 3 pages
  ASSERT_TRUE(all.ok()) << all.error().describe();
  EXPECT_EQ(all->objects.size(), 7u);
  EXPECT_EQ(all->objects.front().key, "env:/ws0/app.tfstate");

  auto dirs = aws::s3::list_objects(*s, b, "env:/", "/", 2);
  ASSERT_TRUE(dirs.ok()) << dirs.error().describe();
  EXPECT_EQ(dirs->common_prefixes.size(), 7u);
  EXPECT_EQ(dirs->common_prefixes[0], "env:/ws0/");

  auto missing = aws::s3::list_objects(*s, b + "-absent");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "NoSuchBucket");
}

TEST(S3, BucketsLocationAndConfigurationReads) {
  auto s = aws_test::moto_session();
  auto b = make_bucket(*s);
  auto buckets = aws::s3::list_buckets(*s);
  ASSERT_TRUE(buckets.ok()) << buckets.error().describe();
  bool found = false;
  for (const auto& x : *buckets) found = found || x.name == b;
  EXPECT_TRUE(found);

  auto loc = aws::s3::get_bucket_location(*s, b);
  ASSERT_TRUE(loc.ok()) << loc.error().describe();
  EXPECT_EQ(*loc, "us-east-1");

  // Nothing configured yet: absent, not an error.
  for (const char* sub : {"encryption", "publicAccessBlock", "tagging", "lifecycle"}) {
    auto c = aws::s3::get_bucket_config(*s, b, sub);
    ASSERT_TRUE(c.ok()) << sub << ": " << c.error().describe();
    EXPECT_FALSE(c->has_value()) << sub;
  }
  auto no_policy = aws::s3::get_bucket_policy(*s, b);
  ASSERT_TRUE(no_policy.ok()) << no_policy.error().describe();
  EXPECT_FALSE(no_policy->has_value());

  ASSERT_TRUE(aws::s3::put_bucket_config(
                  *s, b, "versioning",
                  "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>")
                  .ok());
  ASSERT_TRUE(aws::s3::put_bucket_config(*s, b, "tagging",
                                         "<Tagging><TagSet><Tag><Key>ManagedBy</"
                                         "Key><Value>terraform</Value></Tag></TagSet></Tagging>")
                  .ok());
  ASSERT_TRUE(aws::s3::put_bucket_config(
                  *s, b, "publicAccessBlock",
                  "<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls>"
                  "</PublicAccessBlockConfiguration>")
                  .ok());
  ASSERT_TRUE(aws::s3::put_bucket_config(
                  *s, b, "encryption",
                  "<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault>"
                  "<SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule>"
                  "</ServerSideEncryptionConfiguration>")
                  .ok());
  ASSERT_TRUE(
      aws::s3::put_bucket_config(
          *s, b, "policy",
          R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*",)"
          R"("Resource":"arn:aws:s3:::)" +
              b + R"(/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]})")
          .ok());

  auto ver = aws::s3::get_bucket_config(*s, b, "versioning");
  ASSERT_TRUE(ver.ok() && ver->has_value());
  EXPECT_STREQ((*ver)->result.child_value("Status"), "Enabled");
  auto tags = aws::s3::get_bucket_tags(*s, b);
  ASSERT_TRUE(tags.ok());
  EXPECT_EQ(tags->at("ManagedBy"), "terraform");
  auto pab = aws::s3::get_bucket_config(*s, b, "publicAccessBlock");
  ASSERT_TRUE(pab.ok() && pab->has_value());
  EXPECT_STREQ((*pab)->result.child_value("BlockPublicAcls"), "true");
  auto enc = aws::s3::get_bucket_config(*s, b, "encryption");
  ASSERT_TRUE(enc.ok() && enc->has_value());
  EXPECT_NE((*enc)->doc->select_node("//SSEAlgorithm").node(), pugi::xml_node());
  auto policy = aws::s3::get_bucket_policy(*s, b);
  ASSERT_TRUE(policy.ok() && policy->has_value());
  EXPECT_NE((*policy)->find("aws:SecureTransport"), std::string::npos);
  for (const char* sub : {"logging", "acl"}) {
    auto c = aws::s3::get_bucket_config(*s, b, sub);
    ASSERT_TRUE(c.ok()) << sub << ": " << c.error().describe();
    EXPECT_TRUE(c->has_value()) << sub;
  }
  auto acl = aws::s3::get_bucket_config(*s, b, "acl");
  EXPECT_NE((*acl)->doc->select_node("//Grant").node(), pugi::xml_node());
}

}  // namespace
