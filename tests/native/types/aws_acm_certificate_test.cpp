// aws_acm_certificate offline: DescribeCertificate and ListTagsForCertificate recorded from moto
// (recorded/aws_acm_certificate): a DNS-validated request for two names, tagged.
// `options_disabled` is `found` edited after the API reference's CertificateDetail: moto fails
// UpdateCertificateOptions, so a change of `options` is proved here only.
#include <gtest/gtest.h>

#include "offline_case.h"
#include "registry.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_acm_certificate";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsAcmCertificate, FoundReadsTheCertificateInTerraformsShape) {
  expect_found_golden(kType, state, 2);
}

TEST(AwsAcmCertificate, DeletedCertificateIsGone) { expect_gone(kType, state); }

TEST(AwsAcmCertificate, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "ThrottlingException");
}

TEST(AwsAcmCertificate, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsAcmCertificate, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "subject_alternative_names",
                              R"(["site.shop.example.com"])");
}

TEST(AwsAcmCertificate, TransparencyLoggingTurnedOffIsDrift) {
  offline_case c(kType, "options_disabled");
  auto r = c.read(golden_state(kType, c, state));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  const auto changed = c.compare(suppressed);
  ASSERT_EQ(names(changed), (std::vector<std::string>{"options"}));
  EXPECT_EQ(changed[0].actual, R"([{"certificate_transparency_logging_preference":"DISABLED"}])");
  EXPECT_TRUE(suppressed.empty());
}

TEST(AwsAcmCertificate, NameOrderIsNoChange) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(golden_state(kType, c, state), "subject_alternative_names",
                    R"(["site.shop.example.com","www.site.shop.example.com"])");
      },
      "subject_alternative_names:set_order");
}

TEST(AwsAcmCertificate, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

TEST(AwsAcmCertificate, ListingAsksForEveryKeyAlgorithm) {
  // The recording answers only a request naming the key algorithms ACM leaves out by default.
  offline_case c(kType, "found");
  EXPECT_EQ(listed_ids(kType, state_of(kType, "{}")), std::vector<std::string>{c.resource("id")});
}

TEST(AwsAcmCertificate, TagAndOptionCallsLocateTheCertificate) {
  const auto& changes = *scanner::native::find_module(kType)->changes;
  EXPECT_EQ(changes.source, "acm.amazonaws.com");
  EXPECT_FALSE(changes.global);
  const std::string arn = "arn:aws:acm:us-east-1:123456789012:certificate/1234-abcd";
  rapidjson::Document none, req, first_import;
  req.Parse((R"({"certificateArn":")" + arn + R"(","tags":[]})").c_str());
  first_import.Parse(R"({"certificate":"HIDDEN_DUE_TO_SECURITY_REASONS"})");
  using scanner::native::change_target;
  EXPECT_EQ(changes.locate({"AddTagsToCertificate", req, none}),
            (std::vector<change_target>{{arn}}));
  EXPECT_EQ(changes.locate({"UpdateCertificateOptions", req, none}),
            (std::vector<change_target>{{arn}}));
  EXPECT_TRUE(changes.locate({"ImportCertificate", first_import, none}).empty());
}
