// CloudTrail change events (the live path's input), without AWS: the EventBridge envelope and
// its CloudTrail record parsed through the guarded parser, who made the call (`changed_by`),
// the product's own roles recognised (`made_by`), the resources each call locates through the
// types' change locators, and hostile input refused with a clear error.
//
// The AWS-documented records come from DRIFT_CLOUDTRAIL_VECTORS (default: the conformance
// folder passed from CMake); each is the `detail` of an envelope built here.
#include "change_event.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/json.h"
#include "native/registry.h"
#include "native/type_catalog.h"

namespace {

using namespace scanner;
namespace fs = std::filesystem;

std::string envelope(const std::string& detail, const std::string& source = "aws.ec2") {
  return R"({"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718",)"
         R"("detail-type":"AWS API Call via CloudTrail","source":")" +
         source +
         R"(","account":"111122223333","time":"2026-12-05T10:00:00Z","region":"eu-west-1",)"
         R"("resources":[],"detail":)" +
         detail + "}";
}

change_event parsed(const std::string& text) {
  auto e = parse_change_event(text);
  EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error().code + ": " + e.error().message);
  if (!e.ok()) return change_event{};
  return std::move(e).value();
}

// (type, id or attributes) as one comparable string per located resource.
std::vector<std::string> located(const change_event& e) {
  std::vector<std::string> out;
  for (const auto& l : native::locate(e)) {
    std::string s = std::string(l.type) + " ";
    if (!l.where.id.empty()) s += l.where.id;
    for (const auto& [k, v] : l.where.attributes) s += "[" + k + "=" + v + "]";
    out.push_back(s);
  }
  return out;
}

using strings = std::vector<std::string>;

// ---- the AWS-documented records ------------------------------------------------------------

std::string vectors_dir() {
  const char* env = std::getenv("DRIFT_CLOUDTRAIL_VECTORS");
  return env && *env ? env : DRIFT_CLOUDTRAIL_VECTORS_DEFAULT;
}

std::map<std::string, std::string> records() {
  std::map<std::string, std::string> out;
  std::error_code ec;
  for (const auto& f : fs::directory_iterator(vectors_dir(), ec)) {
    if (f.path().extension() != ".json") continue;
    std::ifstream in(f.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    out[f.path().filename().string()] = ss.str();
  }
  return out;
}

TEST(ChangeEventVectors, FolderHoldsRecords) {
  ASSERT_TRUE(fs::is_directory(vectors_dir()))
      << "no CloudTrail records at " << vectors_dir() << " (set DRIFT_CLOUDTRAIL_VECTORS)";
  ASSERT_FALSE(records().empty()) << "no *.json record in " << vectors_dir();
}

// Every record: the parsed name, source, time, id and principal are the record's own.
TEST(ChangeEventVectors, EveryRecordParsesAsItsOwnFields) {
  const auto all = records();
  ASSERT_FALSE(all.empty()) << "no *.json record in " << vectors_dir();
  for (const auto& [name, text] : all) {
    SCOPED_TRACE(name);
    auto raw = core::json::parse(text);
    ASSERT_TRUE(raw.ok());
    auto e = parsed(envelope(text));
    EXPECT_EQ(e.event_name, core::json::string_member(*raw, "eventName"));
    EXPECT_EQ(e.event_source, core::json::string_member(*raw, "eventSource"));
    EXPECT_EQ(e.event_time, core::json::string_member(*raw, "eventTime"));
    EXPECT_EQ(e.by.event_time, e.event_time);
    EXPECT_EQ(e.by.event_id, core::json::string_member(*raw, "eventID"));
    const auto* identity = core::json::member(*raw, "userIdentity");
    ASSERT_NE(identity, nullptr);
    EXPECT_EQ(e.by.principal_arn, core::json::string_member(*identity, "arn"));
    EXPECT_EQ(e.by.identity_type, core::json::string_member(*identity, "type"));
    EXPECT_EQ(e.id, "6a7e8feb-b491-4cf7-a9f1-bf3703467718");
    // The report's JSON of changed_by reads back.
    EXPECT_TRUE(core::json::parse(changed_by_json(e.by)).ok());
  }
}

class DocumentedRecord : public ::testing::Test {
 protected:
  change_event record(const std::string& file) {
    const auto all = records();
    auto it = all.find(file);
    if (it == all.end()) {
      ADD_FAILURE() << file << " is not in " << vectors_dir();
      return change_event{};
    }
    return parsed(envelope(it->second));
  }
};

TEST_F(DocumentedRecord, IamUserCreatesUser) {
  auto e = record("iam-CreateUser.json");
  EXPECT_EQ(e.event_name, "CreateUser");
  EXPECT_EQ(e.event_source, "iam.amazonaws.com");
  EXPECT_EQ(e.event_time, "2014-03-24T21:11:59Z");
  EXPECT_EQ(e.by.principal_arn, "arn:aws:iam::123456789012:user/Alice");
  EXPECT_EQ(e.by.identity_type, "IAMUser");
  EXPECT_EQ(e.by.user_name, "Alice");
  EXPECT_EQ(e.by.account_id, "123456789012");
  EXPECT_EQ(e.by.session_issuer_arn, "");
  EXPECT_EQ(e.by.session_name, "");
  EXPECT_EQ(e.by.by_service, "");
  EXPECT_EQ(e.by.source_ip, "127.0.0.1");
  EXPECT_EQ(e.by.user_agent, "aws-cli/1.3.2 Python/2.7.5 Windows/7");
  EXPECT_EQ(e.region, "us-east-2");
  EXPECT_FALSE(e.read_only.has_value());
  EXPECT_FALSE(e.failed());
  EXPECT_EQ(core::json::string_member(e.request_parameters, "userName"), "Bob");
  ASSERT_TRUE(e.response_elements.IsObject());
  EXPECT_EQ(located(e), strings{"aws_iam_user Bob"});
}

// AWS's userIdentity example (its ARNs keep the documentation's spacing): an assumed role.
TEST_F(DocumentedRecord, UserIdentityExampleIsAnAssumedRoleSession) {
  auto e = record("user-identity-example.json");
  EXPECT_EQ(e.event_name, "");  // the example is the identity element alone
  EXPECT_EQ(e.by.identity_type, "AssumedRole");
  EXPECT_EQ(e.by.session_issuer_arn, "arn: aws: iam: : 123456789012: role/DevRole");
  EXPECT_EQ(e.by.session_name, "Dev1");
  EXPECT_EQ(e.by.account_id, "123456789012");
  EXPECT_EQ(e.by.by_service, "");
  EXPECT_TRUE(located(e).empty());
}

TEST_F(DocumentedRecord, StopAndStartLocateTheInstance) {
  for (const char* file : {"ec2-StopInstances.json", "ec2-StartInstances.json"}) {
    SCOPED_TRACE(file);
    auto e = record(file);
    EXPECT_EQ(e.event_source, "ec2.amazonaws.com");
    EXPECT_EQ(e.by.principal_arn, "arn:aws:iam::123456789012:user/Alice");
    EXPECT_EQ(located(e), strings{"aws_instance i-ebeaf9e2"});
  }
  EXPECT_EQ(record("ec2-StopInstances.json").event_time, "2014-03-06T21:01:59Z");
  EXPECT_EQ(record("ec2-StartInstances.json").event_time, "2014-03-06T21:22:54Z");
}

// The membership's id is the configuration's own name: located by the group it lists.
TEST_F(DocumentedRecord, AddUserToGroupLocatesTheGroupsMembership) {
  auto e = record("iam-AddUserToGroup.json");
  EXPECT_EQ(e.event_name, "AddUserToGroup");
  EXPECT_EQ(e.by.user_agent, "AWSConsole");
  EXPECT_EQ(located(e), strings{"aws_iam_group_membership [group=admin]"});
}

TEST_F(DocumentedRecord, FailedCallChangedNothing) {
  auto e = record("cloudtrail-UpdateTrail.json");
  EXPECT_EQ(e.error_code, "TrailNotFoundException");
  EXPECT_EQ(e.error_message, "Unknown trail: myTrail2 for the user: 123456789012");
  EXPECT_TRUE(e.failed());
  EXPECT_FALSE(e.is_write());
  EXPECT_TRUE(e.response_elements.IsNull());
  EXPECT_TRUE(located(e).empty());
}

TEST_F(DocumentedRecord, CallNoTypeDeclaresLocatesNothing) {
  auto e = record("ec2-CreateKeyPair.json");
  EXPECT_EQ(e.event_name, "CreateKeyPair");
  EXPECT_TRUE(located(e).empty());
}

// ---- records shaped like them --------------------------------------------------------------

std::string record(const std::string& identity, const std::string& source, const std::string& name,
                   const std::string& request, const std::string& extra = "") {
  return R"({"eventVersion":"1.09","userIdentity":)" + identity +
         R"(,"eventTime":"2026-12-05T09:59:58Z","eventSource":")" + source + R"(","eventName":")" +
         name +
         R"(","awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.7",)"
         R"("userAgent":"aws-cli/2.15.0","requestParameters":)" +
         request +
         R"(,"responseElements":null,"eventID":"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",)"
         R"("eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333")" +
         extra + "}";
}

const std::string kAlice =
    R"({"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/Alice",)"
    R"("accountId":"111122223333","userName":"Alice"})";
const std::string kRoot =
    R"({"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root",)"
    R"("accountId":"111122223333"})";

std::string assumed(const std::string& role_path, const std::string& role,
                    const std::string& session) {
  return R"({"type":"AssumedRole","principalId":"AROAEXAMPLE:)" + session +
         R"(","arn":"arn:aws:sts::111122223333:assumed-role/)" + role + "/" + session +
         R"(","accountId":"111122223333","accessKeyId":"ASIAEXAMPLE","sessionContext":)"
         R"({"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLE",)"
         R"("arn":"arn:aws:iam::111122223333:role/)" +
         role_path + role + R"(","accountId":"111122223333","userName":")" + role +
         R"("},"attributes":{"creationDate":"2026-12-05T09:00:00Z","mfaAuthenticated":"false"}}})";
}

const std::string kIngress =
    R"({"groupId":"sg-0a1b2c3d4e5f60718","ipPermissions":{"items":[{"ipProtocol":"tcp",)"
    R"("fromPort":22,"toPort":22,"ipRanges":{"items":[{"cidrIp":"0.0.0.0/0"}]}}]}})";

TEST(ChangeEvent, AssumedRoleSession) {
  auto e = parsed(envelope(record(assumed("", "Admin", "jane@example.com"), "ec2.amazonaws.com",
                                  "AuthorizeSecurityGroupIngress", kIngress)));
  EXPECT_EQ(e.by.identity_type, "AssumedRole");
  EXPECT_EQ(e.by.principal_arn, "arn:aws:sts::111122223333:assumed-role/Admin/jane@example.com");
  EXPECT_EQ(e.by.session_issuer_arn, "arn:aws:iam::111122223333:role/Admin");
  EXPECT_EQ(e.by.session_name, "jane@example.com");
  EXPECT_EQ(e.by.by_service, "");
  EXPECT_EQ(e.account, "111122223333");
  EXPECT_EQ(e.region, "eu-west-1");
  EXPECT_EQ(e.source, "aws.ec2");
  // The group, and any older-form rule of the group a state may hold.
  EXPECT_EQ(located(e),
            (strings{"aws_security_group sg-0a1b2c3d4e5f60718",
                     "aws_security_group_rule [security_group_id=sg-0a1b2c3d4e5f60718]"}));
}

TEST(ChangeEvent, AwsServiceCallIsLabelledAsTheService) {
  const std::string service = R"({"type":"AWSService","invokedBy":"autoscaling.amazonaws.com"})";
  auto e = parsed(envelope(record(service, "ec2.amazonaws.com", "TerminateInstances",
                                  R"({"instancesSet":{"items":[{"instanceId":"i-0abc"}]}})")));
  EXPECT_EQ(e.by.identity_type, "AWSService");
  EXPECT_EQ(e.by.by_service, "autoscaling.amazonaws.com");
  EXPECT_EQ(e.by.user_name, "");
  EXPECT_EQ(e.by.session_name, "");
  EXPECT_EQ(located(e), strings{"aws_instance i-0abc"});
  auto j = core::json::parse(changed_by_json(e.by));
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(core::json::string_member(*j, "by_service"), "autoscaling.amazonaws.com");
  EXPECT_TRUE((*j)["principal_arn"].IsNull());
}

// A service acting with a role's credentials (CloudFormation, ...): the service's call, the
// role kept, no person named.
TEST(ChangeEvent, InvokedByLabelsARoleSessionAsTheService) {
  std::string identity = assumed("", "StackRole", "AWSCloudFormation");
  identity.insert(identity.size() - 1, R"(,"invokedBy":"cloudformation.amazonaws.com")");
  auto e = parsed(envelope(record(identity, "ec2.amazonaws.com", "CreateTags", "{}")));
  EXPECT_EQ(e.by.by_service, "cloudformation.amazonaws.com");
  EXPECT_EQ(e.by.session_issuer_arn, "arn:aws:iam::111122223333:role/StackRole");
  EXPECT_EQ(e.by.session_name, "");
}

TEST(ChangeEvent, AwsServiceWithoutInvokedByIsNamedBySourceAddress) {
  const std::string service = R"({"type":"AWSService"})";
  std::string text = record(service, "s3.amazonaws.com", "PutBucketTagging", "{}");
  const std::string ip = R"("sourceIPAddress":"203.0.113.7")";
  text.replace(text.find(ip), ip.size(), R"("sourceIPAddress":"s3.amazonaws.com")");
  auto e = parsed(envelope(text, "aws.s3"));
  EXPECT_EQ(e.by.by_service, "s3.amazonaws.com");
}

TEST(ChangeEvent, IdentityCenterUser) {
  const std::string user =
      R"({"type":"IdentityCenterUser","accountId":"111122223333","onBehalfOf":)"
      R"({"userId":"544894e8-80c1-707f-60e3-3ba6510dfac1",)"
      R"("identityStoreArn":"arn:aws:identitystore::111122223333:identitystore/d-1234567890"},)"
      R"("credentialId":"EXAMPLEVHULjJdTUdPJfofVa1sufHDoj7aYcOYcxFVllWR_Whr1fEXAMPLE"})";
  auto e = parsed(envelope(record(user, "s3.amazonaws.com", "PutBucketVersioning",
                                  R"({"bucketName":"data","VersioningConfiguration":)"
                                  R"({"Status":"Suspended"}})"),
                           "aws.s3"));
  EXPECT_EQ(e.by.identity_type, "IdentityCenterUser");
  EXPECT_EQ(e.by.identity_center_user_id, "544894e8-80c1-707f-60e3-3ba6510dfac1");
  EXPECT_EQ(e.by.identity_store_arn,
            "arn:aws:identitystore::111122223333:identitystore/d-1234567890");
  EXPECT_EQ(e.by.principal_arn, "");
  // Versioning is compared by the bucket (its bucket-level copy) and by its own type.
  EXPECT_EQ(located(e), (strings{"aws_s3_bucket data", "aws_s3_bucket_versioning data"}));
}

TEST(ChangeEvent, IdentityCenterRoleSessionKeepsTheUser) {
  std::string identity =
      assumed("aws-reserved/sso.amazonaws.com/", "AWSReservedSSO_Admin_0123456789abcdef", "jane");
  identity.insert(identity.size() - 1,
                  R"(,"onBehalfOf":{"userId":"94482488-3041-7026-18f3-be45837cd0e4",)"
                  R"("identityStoreArn":"arn:aws:identitystore::111122223333:identitystore/)"
                  R"(d-1234567890"})");
  auto e = parsed(envelope(record(identity, "iam.amazonaws.com", "TagRole",
                                  R"({"roleName":"app","tags":[{"key":"k","value":"v"}]})")));
  EXPECT_EQ(e.by.identity_center_user_id, "94482488-3041-7026-18f3-be45837cd0e4");
  EXPECT_EQ(e.by.session_name, "jane");
  EXPECT_EQ(located(e), strings{"aws_iam_role app"});
}

TEST(ChangeEvent, FailedCallLocatesNothing) {
  auto e =
      parsed(envelope(record(kAlice, "ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", kIngress,
                             R"(,"errorCode":"Client.UnauthorizedOperation",)"
                             R"("errorMessage":"You are not authorized")")));
  EXPECT_TRUE(e.failed());
  EXPECT_EQ(e.error_code, "Client.UnauthorizedOperation");
  EXPECT_TRUE(located(e).empty());
}

TEST(ChangeEvent, ReadOnlyCallLocatesNothing) {
  auto e = parsed(envelope(record(kAlice, "s3.amazonaws.com", "PutBucketVersioning",
                                  R"({"bucketName":"data"})", R"(,"readOnly":true)"),
                           "aws.s3"));
  ASSERT_TRUE(e.read_only.has_value());
  EXPECT_TRUE(*e.read_only);
  EXPECT_TRUE(located(e).empty());
  auto w = parsed(envelope(record(kAlice, "s3.amazonaws.com", "PutBucketVersioning",
                                  R"({"bucketName":"data"})", R"(,"readOnly":false)"),
                           "aws.s3"));
  EXPECT_EQ(w.read_only, std::optional<bool>(false));
  EXPECT_FALSE(located(w).empty());
}

// The block is its own type: the bucket does not compare it, so only the block is located.
TEST(ChangeEvent, PublicAccessBlockLocatesTheBlockOnly) {
  for (const char* name :
       {"PutBucketPublicAccessBlock", "PutPublicAccessBlock", "DeleteBucketPublicAccessBlock"}) {
    SCOPED_TRACE(name);
    auto e = parsed(envelope(record(kAlice, "s3.amazonaws.com", name,
                                    R"({"publicAccessBlock":"","bucketName":"data-bucket",)"
                                    R"("Host":"data-bucket.s3.eu-west-1.amazonaws.com"})"),
                             "aws.s3"));
    EXPECT_EQ(located(e), strings{"aws_s3_bucket_public_access_block data-bucket"});
  }
}

TEST(ChangeEvent, BucketCallsLocateTheBucketAndTheirPart) {
  auto policy = parsed(
      envelope(record(kAlice, "s3.amazonaws.com", "DeleteBucketPolicy", R"({"bucketName":"logs"})"),
               "aws.s3"));
  EXPECT_EQ(located(policy), (strings{"aws_s3_bucket logs", "aws_s3_bucket_policy logs"}));
  auto tags = parsed(
      envelope(record(kAlice, "s3.amazonaws.com", "PutBucketTagging", R"({"bucketName":"logs"})"),
               "aws.s3"));
  EXPECT_EQ(located(tags), strings{"aws_s3_bucket logs"});
  auto lifecycle = parsed(
      envelope(record(kAlice, "s3.amazonaws.com", "PutBucketLifecycle", R"({"bucketName":"logs"})"),
               "aws.s3"));
  EXPECT_EQ(located(lifecycle),
            (strings{"aws_s3_bucket logs", "aws_s3_bucket_lifecycle_configuration logs"}));
  auto nameless =
      parsed(envelope(record(kAlice, "s3.amazonaws.com", "PutBucketTagging", R"({})"), "aws.s3"));
  EXPECT_TRUE(located(nameless).empty());
}

TEST(ChangeEvent, CreateTagsOnSeveralIds) {
  auto e = parsed(envelope(record(kAlice, "ec2.amazonaws.com", "CreateTags",
                                  R"({"resourcesSet":{"items":[{"resourceId":"i-0aaa"},)"
                                  R"({"resourceId":"i-0bbb"},{"resourceId":"sg-0ccc"},)"
                                  R"({"resourceId":"vol-0ddd"}]},"tagSet":{"items":)"
                                  R"([{"key":"owner","value":"ops"}]}})")));
  EXPECT_EQ(located(e),
            (strings{"aws_security_group sg-0ccc", "aws_instance i-0aaa", "aws_instance i-0bbb"}));
}

TEST(ChangeEvent, SecurityGroupRuleCalls) {
  auto modify = parsed(envelope(
      record(kAlice, "ec2.amazonaws.com", "ModifySecurityGroupRules",
             R"({"ModifySecurityGroupRulesRequest":{"GroupId":"sg-0mod","SecurityGroupRule":)"
             R"({"SecurityGroupRuleId":"sgr-0abc","tag":1}}})")));
  EXPECT_EQ(located(modify), (strings{"aws_security_group sg-0mod",
                                      "aws_security_group_rule [security_group_id=sg-0mod]"}));
  auto revoke = parsed(envelope(
      record(kAlice, "ec2.amazonaws.com", "RevokeSecurityGroupEgress", R"({"groupId":"sg-0eg"})")));
  EXPECT_EQ(located(revoke), (strings{"aws_security_group sg-0eg",
                                      "aws_security_group_rule [security_group_id=sg-0eg]"}));
}

TEST(ChangeEvent, InstanceAttributeCalls) {
  auto attr = parsed(envelope(record(kAlice, "ec2.amazonaws.com", "ModifyInstanceAttribute",
                                     R"({"instanceId":"i-0attr","instanceType":)"
                                     R"({"value":"t3.large"}})")));
  EXPECT_EQ(located(attr), strings{"aws_instance i-0attr"});
  auto imds = parsed(envelope(record(kAlice, "ec2.amazonaws.com", "ModifyInstanceMetadataOptions",
                                     R"({"ModifyInstanceMetadataOptionsRequest":)"
                                     R"({"InstanceId":"i-0imds","HttpTokens":"optional"}})")));
  EXPECT_EQ(located(imds), strings{"aws_instance i-0imds"});
  auto stop = parsed(envelope(record(kAlice, "ec2.amazonaws.com", "StopInstances",
                                     R"({"instancesSet":{"items":[{"instanceId":"i-01"},)"
                                     R"({"instanceId":"i-02"}]},"force":false})")));
  EXPECT_EQ(located(stop), (strings{"aws_instance i-01", "aws_instance i-02"}));
}

TEST(ChangeEvent, IamCalls) {
  auto put = parsed(envelope(record(kAlice, "iam.amazonaws.com", "PutRolePolicy",
                                    R"({"roleName":"app","policyName":"s3-read",)"
                                    R"("policyDocument":"{}"})"),
                             "aws.iam"));
  EXPECT_EQ(located(put), (strings{"aws_iam_role app", "aws_iam_role_policy app:s3-read"}));
  auto attach = parsed(
      envelope(record(kAlice, "iam.amazonaws.com", "AttachRolePolicy",
                      R"({"roleName":"app","policyArn":"arn:aws:iam::aws:policy/ReadOnlyAccess"})"),
               "aws.iam"));
  EXPECT_EQ(located(attach),
            (strings{"aws_iam_role app",
                     "aws_iam_role_policy_attachment "
                     "[policy_arn=arn:aws:iam::aws:policy/ReadOnlyAccess][role=app]"}));
  auto user_attach = parsed(
      envelope(record(kAlice, "iam.amazonaws.com", "DetachUserPolicy",
                      R"({"userName":"bob","policyArn":"arn:aws:iam::111122223333:policy/p"})"),
               "aws.iam"));
  EXPECT_EQ(located(user_attach),
            strings{"aws_iam_user_policy_attachment "
                    "[policy_arn=arn:aws:iam::111122223333:policy/p][user=bob]"});
  auto trust = parsed(envelope(record(kAlice, "iam.amazonaws.com", "UpdateAssumeRolePolicy",
                                      R"({"roleName":"app","policyDocument":"{}"})"),
                               "aws.iam"));
  EXPECT_EQ(located(trust), strings{"aws_iam_role app"});
  auto version = parsed(
      envelope(record(kAlice, "iam.amazonaws.com", "CreatePolicyVersion",
                      R"({"policyArn":"arn:aws:iam::111122223333:policy/p","setAsDefault":true})"),
               "aws.iam"));
  EXPECT_EQ(located(version), strings{"aws_iam_policy arn:aws:iam::111122223333:policy/p"});
  std::string create = record(kAlice, "iam.amazonaws.com", "CreatePolicy",
                              R"({"policyName":"p","policyDocument":"{}"})");
  const std::string none = R"("responseElements":null)";
  create.replace(create.find(none), none.size(),
                 R"("responseElements":{"policy":{"policyName":"p",)"
                 R"("arn":"arn:aws:iam::111122223333:policy/p"}})");
  EXPECT_EQ(located(parsed(envelope(create, "aws.iam"))),
            strings{"aws_iam_policy arn:aws:iam::111122223333:policy/p"});
  auto group_policy = parsed(envelope(record(kAlice, "iam.amazonaws.com", "PutGroupPolicy",
                                             R"({"groupName":"admin","policyName":"x"})"),
                                      "aws.iam"));
  EXPECT_EQ(located(group_policy), strings{"aws_iam_group_policy admin:x"});
}

// A source whose events are not its own is not matched by name alone.
TEST(ChangeEvent, EventNameOfAnotherSourceLocatesNothing) {
  auto e = parsed(envelope(record(kAlice, "rds.amazonaws.com", "CreateTags",
                                  R"({"resourcesSet":{"items":[{"resourceId":"i-0aaa"}]}})")));
  EXPECT_TRUE(located(e).empty());
}

TEST(ChangeEvent, ChangedByJsonHasEveryField) {
  auto e = parsed(envelope(record(assumed("", "Admin", "jane"), "ec2.amazonaws.com",
                                  "AuthorizeSecurityGroupIngress", kIngress)));
  auto j = core::json::parse(changed_by_json(e.by));
  ASSERT_TRUE(j.ok());
  for (const char* key :
       {"principal_arn", "identity_type", "account_id", "user_name", "session_issuer_arn",
        "session_name", "identity_center_user_id", "identity_store_arn", "by_service", "source_ip",
        "user_agent", "event_id", "event_time"})
    EXPECT_TRUE(j->HasMember(key)) << key;
  EXPECT_EQ(core::json::string_member(*j, "session_name"), "jane");
  EXPECT_EQ(core::json::string_member(*j, "event_id"), "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
  EXPECT_EQ(core::json::string_member(*j, "source_ip"), "203.0.113.7");
  EXPECT_TRUE((*j)["by_service"].IsNull());
}

// ---- made_by -------------------------------------------------------------------------------

const std::vector<std::string> kOwnRoles = {
    "arn:aws:iam::111122223333:role/drift/drift-remediation",
    "arn:aws:iam::111122223333:role/terraform-pipeline"};

change_event by(const std::string& identity) {
  return parsed(
      envelope(record(identity, "ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", kIngress)));
}

TEST(MadeBy, RemediationRoleSessionIsRecognised) {
  EXPECT_TRUE(made_by(by(assumed("drift/", "drift-remediation", "remediate-42")), kOwnRoles));
  EXPECT_TRUE(made_by(by(assumed("", "terraform-pipeline", "gh-run-7")), kOwnRoles));
  // The role given without its path, or the issuer recorded without it: the same role.
  EXPECT_TRUE(made_by(by(assumed("drift/", "drift-remediation", "x")),
                      {"arn:aws:iam::111122223333:role/drift-remediation"}));
  EXPECT_TRUE(made_by(by(assumed("", "drift-remediation", "x")), kOwnRoles));
}

TEST(MadeBy, SessionWithoutIssuerFallsBackToTheAssumedRoleArn) {
  const std::string identity =
      R"({"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/)"
      R"(terraform-pipeline/gh-run-7","accountId":"111122223333"})";
  EXPECT_TRUE(made_by(by(identity), kOwnRoles));
}

TEST(MadeBy, PeopleAndOtherRolesAreNot) {
  EXPECT_FALSE(made_by(by(kAlice), kOwnRoles));
  EXPECT_FALSE(made_by(by(kRoot), kOwnRoles));
  EXPECT_FALSE(made_by(by(assumed("", "Admin", "jane")), kOwnRoles));
  // Same name, another account.
  EXPECT_FALSE(made_by(by(assumed("", "terraform-pipeline", "x")),
                       {"arn:aws:iam::999999999999:role/terraform-pipeline"}));
  // A user ARN given as a role is no role.
  EXPECT_FALSE(made_by(by(kAlice), {"arn:aws:iam::111122223333:user/Alice"}));
  EXPECT_FALSE(made_by(by(assumed("", "Admin", "jane")), {}));
}

// ---- hostile input -------------------------------------------------------------------------

core::error refused(const std::string& text) {
  auto e = parse_change_event(text);
  EXPECT_FALSE(e.ok());
  if (e.ok()) return {};
  EXPECT_FALSE(e.error().message.empty());
  EXPECT_LT(e.error().message.size(), 200u);
  return e.error();
}

TEST(ChangeEventHostile, NotAnObject) {
  EXPECT_EQ(refused("[1,2,3]").code, "NotCloudTrailCall");
  EXPECT_EQ(refused("42").code, "NotCloudTrailCall");
  EXPECT_EQ(refused("\"AWS API Call via CloudTrail\"").message, "the event is not a JSON object");
}

TEST(ChangeEventHostile, WrongDetailType) {
  auto err = refused(R"({"detail-type":"EC2 Instance State-change Notification","detail":{}})");
  EXPECT_EQ(err.code, "NotCloudTrailCall");
  EXPECT_NE(err.message.find("detail-type"), std::string::npos);
  EXPECT_EQ(refused(R"({"source":"aws.ec2","detail":{}})").code, "NotCloudTrailCall");
  EXPECT_EQ(refused(R"({"detail-type":7,"detail":{}})").code, "NotCloudTrailCall");
}

TEST(ChangeEventHostile, MissingDetail) {
  auto err = refused(R"({"detail-type":"AWS API Call via CloudTrail","source":"aws.ec2"})");
  EXPECT_EQ(err.code, "NotCloudTrailCall");
  EXPECT_NE(err.message.find("detail"), std::string::npos);
  EXPECT_EQ(refused(R"({"detail-type":"AWS API Call via CloudTrail","detail":"x"})").code,
            "NotCloudTrailCall");
}

TEST(ChangeEventHostile, FieldOfTheWrongType) {
  auto err = refused(envelope(R"({"eventName":5})"));
  EXPECT_EQ(err.code, "NotCloudTrailCall");
  EXPECT_NE(err.message.find("eventName"), std::string::npos);
  EXPECT_EQ(refused(envelope(R"({"userIdentity":[]})")).code, "NotCloudTrailCall");
  EXPECT_EQ(refused(R"({"detail-type":"AWS API Call via CloudTrail","id":1,"detail":{}})").code,
            "NotCloudTrailCall");
}

TEST(ChangeEventHostile, DeepNestingIsRefusedByTheGuardedParser) {
  const std::size_t depth = 100000;
  std::string deep = std::string(depth, '[') + std::string(depth, ']');
  EXPECT_EQ(refused(envelope(record(kAlice, "ec2.amazonaws.com", "CreateTags", deep))).code,
            "TooDeep");
  EXPECT_EQ(refused(deep).code, "TooDeep");
}

TEST(ChangeEventHostile, LoneSurrogate) {
  EXPECT_EQ(
      refused(envelope(record(kAlice, "ec2.amazonaws.com", "CreateTags", R"({"k":"\udc80"})")))
          .code,
      "InvalidUtf8");
}

TEST(ChangeEventHostile, NotJson) {
  EXPECT_EQ(refused("").code, "InvalidJson");
  EXPECT_EQ(refused("{\"detail-type\":").code, "InvalidJson");
}

// ---- the types' declarations ---------------------------------------------------------------

TEST(ChangeLocators, DeclaredForTheLiveTypes) {
  for (const auto* m : native::all_modules()) {
    const std::string type(m->type);
    const bool expected = type.starts_with("aws_s3_") || type.starts_with("aws_iam_") ||
                          type == "aws_security_group" || type == "aws_instance";
    if (!expected && !m->changes) continue;
    SCOPED_TRACE(type);
    ASSERT_NE(m->changes, nullptr);
    EXPECT_FALSE(m->changes->source.empty());
    EXPECT_FALSE(m->changes->events.empty());
    EXPECT_TRUE(static_cast<bool>(m->changes->locate));
    // IAM and Route 53 record every call in us-east-1, whatever region a target scans.
    EXPECT_EQ(m->changes->global, m->changes->source == "iam.amazonaws.com" ||
                                      m->changes->source == "route53.amazonaws.com");
  }
}

TEST(ChangeLocators, TypesJsonPrintsThem) {
  auto j = core::json::parse(native::types_json());
  ASSERT_TRUE(j.ok());
  bool saw_block = false, saw_none = false;
  for (const auto& t : (*j)["types"].GetArray()) {
    const std::string type = core::json::string_member(t, "type");
    ASSERT_TRUE(t.HasMember("permissions")) << type;  // the existing keys stay
    ASSERT_TRUE(t.HasMember("changes")) << type;
    const auto& c = t["changes"];
    if (type == "aws_s3_bucket_public_access_block") {
      saw_block = true;
      EXPECT_EQ(core::json::string_member(c, "source"), "s3.amazonaws.com");
      EXPECT_TRUE(c["events"].IsArray());
      EXPECT_GE(c["events"].Size(), 2u);
    }
    if (c.IsNull()) saw_none = true;
  }
  EXPECT_TRUE(saw_block);
  EXPECT_TRUE(saw_none);  // types without a locator say so
}

}  // namespace
