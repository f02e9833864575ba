// The change journal against moto: an entry put and read back as the newest of its resource,
// the TTL 90 days after the call, a redelivery writing the same item, and `since`.
#include "store/change_journal.h"

#include <gtest/gtest.h>

#include <memory>

#include "aws/dynamodb.h"
#include "moto.h"
#include "stack.h"

namespace {
namespace ddb = aws::dynamodb;

class ChangeJournal : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    stack_ = new drift_test::stack(drift_test::make_stack("journal"));
  }
  static void TearDownTestSuite() { delete stack_; }
  static aws::session& s() {
    static std::shared_ptr<aws::session> session = [] {
      ::setenv("AWS_ENDPOINT_URL", drift_test::moto_endpoint().c_str(), 1);
      ::setenv("AWS_REGION", "us-east-1", 1);
      ::setenv("AWS_ACCESS_KEY_ID", "test", 1);
      ::setenv("AWS_SECRET_ACCESS_KEY", "test", 1);
      return aws::session::from_environment();
    }();
    return *session;
  }
  static const std::string& table() { return (*stack_).at("change_journal_table"); }
  static store::change_entry entry(const std::string& resource, const std::string& time,
                                   const std::string& id) {
    return {resource,
            time,
            id,
            "AuthorizeSecurityGroupIngress",
            "ec2.amazonaws.com",
            "platform",
            "prod",
            "aws_security_group.web",
            "arn:aws:sts::123456789012:assumed-role/Admin/alice",
            R"({"principal_arn":"arn:aws:sts::123456789012:assumed-role/Admin/alice"})"};
  }
  static drift_test::stack* stack_;
};
drift_test::stack* ChangeJournal::stack_ = nullptr;

TEST_F(ChangeJournal, NewestEntryOfAResourceWithItsTtl) {
  store::change_journal j(s(), table());
  const auto now = *core::time::parse_iso8601("2026-12-05T10:00:00Z");
  ASSERT_TRUE(j.record(entry("sg-0a1", "2026-12-05T09:58:00Z", "e1"), now));
  ASSERT_TRUE(j.record(entry("sg-0a1", "2026-12-05T09:59:00Z", "e2"), now));
  ASSERT_TRUE(j.record(entry("sg-0a1", "2026-12-05T09:59:00Z", "e2"), now));  // redelivered
  ASSERT_TRUE(j.record(entry("sg-other", "2026-12-05T09:59:30Z", "e3"), now));

  auto latest = j.latest("sg-0a1");
  ASSERT_TRUE(latest) << latest.error().describe();
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->event_id, "e2");
  EXPECT_EQ((*latest)->address, "aws_security_group.web");
  EXPECT_EQ((*latest)->principal_arn, "arn:aws:sts::123456789012:assumed-role/Admin/alice");
  EXPECT_NE((*latest)->changed_by_json.find("alice"), std::string::npos);

  auto raw = ddb::get_item(s(), table(),
                           {{"resource", "sg-0a1"}, {"event_time", "2026-12-05T09:59:00Z"}}, true);
  ASSERT_TRUE(raw && raw->has_value());
  EXPECT_EQ(
      ddb::get_int(**raw, "expires_at"),
      core::time::epoch_seconds(*core::time::parse_iso8601("2026-12-05T09:59:00Z")) + 90LL * 86400);

  auto since = j.latest("sg-0a1", "2026-12-05T10:00:00Z");
  ASSERT_TRUE(since);
  EXPECT_FALSE(since->has_value());
  auto none = j.latest("sg-unknown");
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
}

}  // namespace
