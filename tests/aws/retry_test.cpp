// The retry policy against local servers that misbehave before answering (or never do).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <thread>

#include "aws/credential_providers.h"
#include "aws/json_protocol.h"

namespace {

using namespace std::chrono_literals;

// An httplib server whose POST / answers with `script(attempt)`.
struct scripted_server {
  httplib::Server srv;
  std::thread th;
  int port = 0;
  std::atomic<int> hits{0};
  std::function<void(int, const httplib::Request&, httplib::Response&)> script;

  explicit scripted_server(decltype(script) s) : script(std::move(s)) {
    srv.Post("/", [this](const httplib::Request& req, httplib::Response& res) {
      script(++hits, req, res);
    });
    srv.set_tcp_nodelay(true);  // as every local server here: no Nagle stall between writes
    port = srv.bind_to_any_port("127.0.0.1");
    th = std::thread([this] { srv.listen_after_bind(); });
    while (!srv.is_running()) std::this_thread::sleep_for(1ms);
  }
  ~scripted_server() {
    srv.stop();
    th.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
};

void json_error(httplib::Response& res, int status, const std::string& code) {
  res.status = status;
  res.set_header("x-amzn-RequestId", "rid-" + std::to_string(status));
  res.set_content(
      "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + code + "\",\"message\":\"scripted\"}",
      "application/x-amz-json-1.0");
}

void ok(httplib::Response& res) { res.set_content("{\"Item\":{}}", "application/x-amz-json-1.0"); }

struct harness {
  std::vector<std::chrono::milliseconds> sleeps;
  std::shared_ptr<aws::session> s;

  explicit harness(const std::string& endpoint, std::function<double()> random = {}) {
    setenv("AWS_ENDPOINT_URL_DYNAMODB", endpoint.c_str(), 1);
    aws::session::options o;
    o.region = "us-east-1";
    o.credentials = aws::static_credentials({"AKIDTEST", "very-secret-key", "", std::nullopt});
    o.http.connect_timeout = 1000ms;
    o.http.total_timeout = 5000ms;
    o.retry.sleep = [this](std::chrono::milliseconds d) { sleeps.push_back(d); };
    o.retry.random = std::move(random);
    s = std::make_shared<aws::session>(std::move(o));
  }
  auto call(const aws::call_options& o = {}) {
    return aws::json_call(*s, aws::services::dynamodb, "GetItem", std::string("{}"), o);
  }
};

TEST(Retry, ThrottlingTwiceThenSuccessTakesThreeAttemptsWithBoundedBackoff) {
  scripted_server srv([](int n, const httplib::Request&, httplib::Response& res) {
    if (n <= 2)
      json_error(res, 400, "ThrottlingException");
    else
      ok(res);
  });
  harness h(srv.url());
  auto r = h.call();
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(srv.hits, 3);
  ASSERT_EQ(h.sleeps.size(), 2u);
  aws::retry_policy p;
  for (size_t i = 0; i < h.sleeps.size(); ++i) {
    EXPECT_GE(h.sleeps[i].count(), 0);
    EXPECT_LE(h.sleeps[i], aws::backoff_cap(p, aws::retry_class::throttling, int(i) + 1));
  }
}

TEST(Retry, BackoffGrowsExponentiallyAndFullJitterSpansTheRange) {
  aws::retry_policy p;
  EXPECT_EQ(aws::backoff_cap(p, aws::retry_class::transient, 1), 100ms);
  EXPECT_EQ(aws::backoff_cap(p, aws::retry_class::transient, 2), 200ms);
  EXPECT_EQ(aws::backoff_cap(p, aws::retry_class::transient, 30), 20000ms);
  std::chrono::milliseconds lo = 1000ms, hi = 0ms;
  for (int i = 0; i < 500; ++i) {
    auto d = aws::backoff(p, aws::retry_class::transient, 2);
    lo = std::min(lo, d);
    hi = std::max(hi, d);
  }
  EXPECT_LT(lo, 50ms);
  EXPECT_GT(hi, 150ms);
  EXPECT_LE(hi, 200ms);
}

TEST(Retry, ServiceUnavailableThenSuccess) {
  scripted_server srv([](int n, const httplib::Request&, httplib::Response& res) {
    if (n == 1)
      json_error(res, 503, "ServiceUnavailable");
    else
      ok(res);
  });
  harness h(srv.url(), [] { return 0.999; });
  auto r = h.call();
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(srv.hits, 2);
  ASSERT_EQ(h.sleeps.size(), 1u);
  EXPECT_EQ(h.sleeps[0], 99ms);  // 0.999 of the first cap, 100 ms
}

TEST(Retry, NeverRecoveringServerGivesAClearErrorAfterTheLastAttempt) {
  scripted_server srv([](int, const httplib::Request&, httplib::Response& res) {
    json_error(res, 500, "InternalServerError");
  });
  harness h(srv.url());
  auto r = h.call();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(srv.hits, 3);
  const auto& e = r.error();
  EXPECT_EQ(e.attempts, 3);
  EXPECT_EQ(e.service, "DynamoDB");
  EXPECT_EQ(e.code, "InternalServerError");
  EXPECT_EQ(e.message, "scripted");
  EXPECT_EQ(e.http_status, 500);
  EXPECT_EQ(e.request_id, "rid-500");
  EXPECT_EQ(e.describe().find("very-secret-key"), std::string::npos);
}

TEST(Retry, ClientErrorsAreNotRetried) {
  scripted_server srv([](int, const httplib::Request&, httplib::Response& res) {
    json_error(res, 400, "ConditionalCheckFailedException");
  });
  harness h(srv.url());
  auto r = h.call();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(srv.hits, 1);
  EXPECT_TRUE(r.error().is("ConditionalCheckFailedException"));
}

TEST(Retry, ConditionalWriteIsNotResentAfterAnAmbiguousFailure) {
  scripted_server srv([](int n, const httplib::Request&, httplib::Response& res) {
    if (n == 1)
      json_error(res, 500, "InternalServerError");
    else
      ok(res);
  });
  harness h(srv.url());
  auto r = h.call({.conditional_write = true});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(srv.hits, 1);
  EXPECT_EQ(r.error().http_status, 500);
}

TEST(Retry, ConditionalWriteIsRetriedWhenThrottled) {
  scripted_server srv([](int n, const httplib::Request&, httplib::Response& res) {
    if (n == 1)
      json_error(res, 400, "ProvisionedThroughputExceededException");
    else
      ok(res);
  });
  harness h(srv.url());
  auto r = h.call({.conditional_write = true});
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(srv.hits, 2);
}

TEST(Retry, AnExhaustedRetryQuotaStopsRetrying) {
  scripted_server srv([](int, const httplib::Request&, httplib::Response& res) {
    json_error(res, 503, "ServiceUnavailable");
  });
  setenv("AWS_ENDPOINT_URL_DYNAMODB", srv.url().c_str(), 1);
  aws::session::options o;
  o.region = "us-east-1";
  o.credentials = aws::static_credentials({"AKIDTEST", "k", "", std::nullopt});
  o.retry.sleep = [](std::chrono::milliseconds) {};
  o.retry.quota = 10;  // two retries' worth
  aws::session s(o);
  auto first = aws::json_call(s, aws::services::dynamodb, "GetItem", std::string("{}"));
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.error().attempts, 3);
  auto second = aws::json_call(s, aws::services::dynamodb, "GetItem", std::string("{}"));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().attempts, 1) << "retried with no quota left";
  EXPECT_EQ(srv.hits, 4);
}

TEST(Retry, ClockSkewIsCorrectedFromTheServerDate) {
  const auto ahead = std::chrono::system_clock::now() + 1h;
  std::atomic<bool> corrected{false};
  scripted_server srv([&](int n, const httplib::Request& req, httplib::Response& res) {
    std::time_t t = std::chrono::system_clock::to_time_t(ahead);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char date[64], amz[32];
    std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    std::strftime(amz, sizeof amz, "%Y%m%dT%H", &tm);
    if (n == 1) {
      res.set_header("Date", date);
      json_error(res, 400, "InvalidSignatureException");
      return;
    }
    corrected = req.get_header_value("X-Amz-Date").rfind(amz, 0) == 0;
    ok(res);
  });
  harness h(srv.url());
  auto r = h.call();
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(srv.hits, 2);
  EXPECT_TRUE(corrected) << "the retry was not signed with the server's clock";
}

// A raw TCP server: resets the first `resets` connections, then answers 200.
struct resetting_server {
  int fd = -1, port = 0;
  std::atomic<int> accepted{0};
  std::thread th;
  explicit resetting_server(int resets) {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
    listen(fd, 8);
    th = std::thread([this, resets] {
      for (;;) {
        int c = accept(fd, nullptr, nullptr);
        if (c < 0) return;
        int n = ++accepted;
        char buf[8192];
        (void)!read(c, buf, sizeof buf);
        if (n <= resets) {
          linger l{1, 0};  // close with RST
          setsockopt(c, SOL_SOCKET, SO_LINGER, &l, sizeof l);
        } else {
          const char resp[] =
              "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\n"
              "Content-Length: 2\r\nConnection: close\r\n\r\n{}";
          (void)!write(c, resp, sizeof resp - 1);
        }
        close(c);
      }
    });
  }
  ~resetting_server() {
    shutdown(fd, SHUT_RDWR);
    close(fd);
    th.join();
  }
};

TEST(Retry, ConnectionResetIsRetried) {
  resetting_server srv(2);
  harness h("http://127.0.0.1:" + std::to_string(srv.port));
  auto r = h.call();
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(srv.accepted, 3);
  EXPECT_EQ(h.sleeps.size(), 2u);
}

TEST(Retry, RefusedConnectionFailsAfterThreeAttempts) {
  int port;
  {
    resetting_server probe(0);
    port = probe.port;
  }
  harness h("http://127.0.0.1:" + std::to_string(port));
  auto r =
      h.call({.conditional_write = true});  // nothing was sent: safe even for a conditional write
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, aws::error::kConnect);
  EXPECT_EQ(r.error().attempts, 3);
  EXPECT_EQ(r.error().http_status, 0);
}

}  // namespace
