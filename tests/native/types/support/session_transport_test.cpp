// aws::session through a transport other than the network: the recorded transport answers,
// and the session's own paths still run -- retries with their quota, the clock-skew
// correction from the server's Date header, the deadline, signing.
#include <gtest/gtest.h>

#include "aws/credential_providers.h"
#include "aws/ec2.h"
#include "aws/s3.h"
#include "aws/session.h"
#include "core/json.h"
#include "core/time.h"
#include "recorded_transport.h"

using drift_test::recorded_transport;

namespace {

std::shared_ptr<recorded_transport> recording(const std::string& name) {
  return recorded_transport::load(std::string(DRIFT_TYPES_TEST_DIR) + "/recorded/" + name +
                                  ".json");
}

std::shared_ptr<aws::session> session_on(std::shared_ptr<recorded_transport> t,
                                         std::vector<std::chrono::milliseconds>* sleeps) {
  aws::session::options o;
  o.region = "us-east-1";
  o.credentials = aws::static_credentials({"AKIDOFFLINE", "offline-secret", "", std::nullopt});
  o.transport = std::move(t);
  o.endpoint_url = "http://recorded.invalid/";
  o.retry.sleep = [sleeps](std::chrono::milliseconds d) { sleeps->push_back(d); };
  o.retry.random = [] { return 0.5; };
  return std::make_shared<aws::session>(std::move(o));
}

aws::ec2::describe_request volume_filter(const recorded_transport& t) {
  aws::ec2::describe_request r;
  r.filters.push_back({"volume-id", {core::json::string_member(t.resource(), "id")}});
  return r;
}

}  // namespace

TEST(SessionTransport, ThrottlingIsRetriedWithBackoffUntilTheAnswer) {
  auto t = recording("session/throttled_then_found");
  std::vector<std::chrono::milliseconds> sleeps;
  auto s = session_on(t, &sleeps);
  auto r = aws::ec2::describe_volumes(*s, volume_filter(*t));
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->result.children("item").begin()->child_value("volumeId"),
            core::json::string_member(t->resource(), "id"));
  EXPECT_EQ(t->used().size(), 3u);
  EXPECT_TRUE(t->unused().empty());
  // Half of the throttling caps (500 ms, then 1 s) with the injected draw of 0.5.
  EXPECT_EQ(sleeps, (std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(250),
                                                            std::chrono::milliseconds(500)}));
}

TEST(SessionTransport, EveryAttemptIsSignedForItsService) {
  auto t = recording("session/throttled_then_found");
  std::vector<std::chrono::milliseconds> sleeps;
  auto s = session_on(t, &sleeps);
  ASSERT_TRUE(aws::ec2::describe_volumes(*s, volume_filter(*t)).ok());
  for (const auto& req : t->requests()) {
    const auto* auth = http::find_header(req.headers, "Authorization");
    ASSERT_NE(auth, nullptr);
    EXPECT_NE(auth->find("/us-east-1/ec2/aws4_request"), std::string::npos) << *auth;
    EXPECT_EQ(req.url, "http://recorded.invalid/");
  }
}

TEST(SessionTransport, ASkewedClockIsCorrectedFromTheServersDate) {
  auto t = recording("session/clock_skew");
  std::vector<std::chrono::milliseconds> sleeps;
  auto s = session_on(t, &sleeps);
  auto r = aws::s3::get_bucket_config(*s, core::json::string_member(t->resource(), "bucket"),
                                      "versioning");
  ASSERT_TRUE(r.ok()) << r.error().describe();
  ASSERT_EQ(t->requests().size(), 2u);
  // The retry is signed at the server's time: its X-Amz-Date is the error's Date header.
  const auto* amz_date = http::find_header(t->requests()[1].headers, "X-Amz-Date");
  ASSERT_NE(amz_date, nullptr);
  const auto& error_headers = t->document()["exchanges"][0]["response"]["headers"];
  auto server = core::time::parse_http_date(core::json::string_member(error_headers, "Date"));
  ASSERT_TRUE(server);
  auto signed_at = core::time::parse_iso8601(amz_date->substr(0, 4) + "-" + amz_date->substr(4, 2) +
                                             "-" + amz_date->substr(6, 5) + ":" +
                                             amz_date->substr(11, 2) + ":" + amz_date->substr(13));
  ASSERT_TRUE(signed_at) << *amz_date;
  EXPECT_LT(std::chrono::abs(*signed_at - *server), std::chrono::seconds(60)) << *amz_date;
  EXPECT_EQ(sleeps, std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(0)})
      << "a clock-skew retry does not wait";
}

TEST(SessionTransport, NothingIsSentPastTheDeadline) {
  auto t = recording("aws_ebs_volume/found");
  std::vector<std::chrono::milliseconds> sleeps;
  auto s = session_on(t, &sleeps);
  s->set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(200));
  auto r = aws::ec2::describe_volumes(*s, volume_filter(*t));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, aws::error::kDeadline);
  EXPECT_TRUE(t->used().empty());
}
