// aws_s3_bucket offline: the twelve reads of the bucket-level attributes (tagging, policy,
// versioning, encryption, logging, lifecycle, ACL, acceleration, request payment, CORS, object
// lock, website) recorded from moto (recorded/aws_s3_bucket); the same less the ACL, CORS and
// website reads for a bucket whose state manages those parts.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <sstream>

#include "aws/credential_providers.h"
#include "compare.h"
#include "core/json.h"
#include "offline_case.h"
#include "registry.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_s3_bucket";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

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

TEST(AwsS3Bucket, FoundReadsEveryBucketLevelAttribute) { expect_found_golden(kType, state, 12); }

TEST(AwsS3Bucket, DeletedBucketIsGone) { expect_gone(kType, state); }

TEST(AwsS3Bucket, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "SlowDown");
}

TEST(AwsS3Bucket, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AccessDenied"); }

TEST(AwsS3Bucket, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "tags", R"({"team":"platform"})");
}

TEST(AwsS3Bucket, PolicyWrittenAnotherWayIsNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(
            golden_state(kType, c, state), "policy",
            R"("{\"Version\": \"2012-10-17\", \"Statement\": {\"Sid\": \"DenyInsecure\", \"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": [\"arn:aws:s3:::drift-offline-bucket/*\", \"arn:aws:s3:::drift-offline-bucket\"], \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}}}")");
      },
      "policy:policy_json");
}

TEST(AwsS3Bucket, GrantsInAnotherOrderAreNoDrift) {
  expect_set_order(
      "grant",
      R"({"id":"","permissions":["READ"],"type":"Group",)"
      R"("uri":"http://acs.amazonaws.com/groups/global/AllUsers"})",
      R"({"id":"75aa57f0","permissions":["FULL_CONTROL"],"type":"CanonicalUser","uri":""})");
}

TEST(AwsS3Bucket, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

namespace {

// The bucket read beside split parts: a state holding the bucket and its ACL, CORS, website
// and object lock parts, answered from `found` less the calls the echoes would need.
struct bucket_with_parts {
  std::shared_ptr<recorded_transport> transport;
  std::shared_ptr<aws::session> session;
  terraform::state state;
  scanner::native::live_resource read;
  int calls = 0;
};

bucket_with_parts read_with_parts(const std::string& bucket_cors_rule) {
  // `found` without GetBucketAcl, GetBucketCors and GetBucketWebsite: the parts read those.
  std::ifstream in(std::string(DRIFT_TYPES_TEST_DIR) + "/recorded/aws_s3_bucket/found.json");
  std::stringstream text_in;
  text_in << in.rdbuf();
  auto doc = core::json::parse(text_in.str());
  EXPECT_TRUE(doc.ok());
  if (!doc) return {};
  auto& x = (*doc)["exchanges"];
  for (auto it = x.Begin(); it != x.End();) {
    const std::string name = (*it)["name"].GetString();
    if (name == "GetBucketAcl" || name == "GetBucketCors" || name == "GetBucketWebsite")
      it = x.Erase(it);
    else
      ++it;
  }
  const std::string file = ::testing::TempDir() + "aws_s3_bucket_with_parts.json";
  std::ofstream(file) << core::json::to_text(*doc);
  bucket_with_parts b;
  b.transport = recorded_transport::load(file);
  aws::session::options o;
  o.region = "us-east-1";
  o.credentials = aws::static_credentials({"AKIDOFFLINE", "offline-secret", "", std::nullopt});
  o.transport = b.transport;
  o.endpoint_url = "http://recorded.invalid";
  b.session = std::make_shared<aws::session>(std::move(o));

  const std::string id = core::json::string_member(b.transport->resource(), "id");
  auto bucket_attrs = with(golden_text(kType), "id", "\"" + id + "\"");
  bucket_attrs = with(bucket_attrs, "cors_rule", bucket_cors_rule);
  auto part = [&](const char* type) {
    return R"({"mode":"managed","type":")" + std::string(type) +
           R"(","name":"site","provider":"provider[\"registry.terraform.io/hashicorp/aws\"]",)"
           R"("instances":[{"schema_version":0,"attributes":{"id":")" +
           id + R"(","bucket":")" + id + R"("}}]})";
  };
  const std::string text =
      R"({"version":4,"terraform_version":"1.11.0","serial":1,"lineage":"offline","outputs":{},)"
      R"("resources":[{"mode":"managed","type":"aws_s3_bucket","name":"site",)"
      R"("provider":"provider[\"registry.terraform.io/hashicorp/aws\"]",)"
      R"("instances":[{"schema_version":0,"attributes":)" +
      bucket_attrs + "}]}," + part("aws_s3_bucket_acl") + "," +
      part("aws_s3_bucket_cors_configuration") + "," + part("aws_s3_bucket_website_configuration") +
      "," + part("aws_s3_bucket_object_lock_configuration") + "]}";
  auto st = terraform::parse_state(text);
  EXPECT_TRUE(st.ok());
  if (!st) return b;
  b.state = std::move(*st);
  std::atomic<int> calls{0};
  scanner::native::read_context ctx{*b.session, b.state, "123456789012", "us-east-1", &calls};
  const auto* m = scanner::native::find_module(kType);
  auto out = m->read(ctx, {&b.state.resources[0]});
  b.calls = calls.load();
  if (out.size() == 1) b.read = out[0];
  return b;
}

}  // namespace

// Where the state manages the ACL, CORS, website and object lock through their parts, the
// bucket's copies only echo them: not read (no call) and not compared, so a change shows once,
// on the part. object_lock_enabled stays the bucket's own.
TEST(AwsS3Bucket, CopiesOfManagedPartsAreLeftToTheParts) {
  auto b = read_with_parts(R"([{"allowed_headers":[],"allowed_methods":["PUT"],)"
                           R"("allowed_origins":["https://old.example.com"],)"
                           R"("expose_headers":[],"max_age_seconds":0}])");
  ASSERT_EQ(b.read.st, scanner::native::live_resource::status::found) << b.read.reason;
  EXPECT_TRUE(b.transport->unused().empty());
  EXPECT_EQ(b.calls, 9);
  const auto& live = *b.read.attrs;
  for (const char* echo : {"grant", "cors_rule", "website", "object_lock_configuration"})
    EXPECT_FALSE(live.HasMember(echo)) << echo;
  EXPECT_TRUE(live.HasMember("object_lock_enabled"));
  EXPECT_TRUE(live.HasMember("tags"));
  std::map<std::string, int> suppressed;
  const auto* m = scanner::native::find_module(kType);
  EXPECT_TRUE(
      scanner::native::compare(b.state.resources[0], *b.read.attrs, *m->rules, suppressed).empty());
}
