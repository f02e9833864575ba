// http::client against a local cpp-httplib server.
#include "http/client.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

namespace {

struct local_server {
  httplib::Server srv;
  std::thread th;
  int port = 0;
  std::mutex mu;
  std::set<int> client_ports;

  local_server() {
    srv.Get("/hello", [this](const httplib::Request& req, httplib::Response& res) {
      {
        std::lock_guard lk(mu);
        client_ports.insert(req.remote_port);
      }
      res.set_header("X-Amzn-RequestId", "req-123");
      res.set_content("hi " + req.get_header_value("x-custom"), "text/plain");
    });
    srv.Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
      res.status = 201;
      res.set_content(req.body, "application/octet-stream");
    });
    srv.Put("/echo", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content("put:" + req.body, "text/plain");
    });
    srv.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
      res.set_content("late", "text/plain");
    });
    srv.set_tcp_nodelay(true);  // as every local server here: no Nagle stall between writes
    port = srv.bind_to_any_port("127.0.0.1");
    th = std::thread([this] { srv.listen_after_bind(); });
    while (!srv.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~local_server() {
    srv.stop();
    th.join();
  }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port) + path;
  }
};

TEST(HttpClient, GetReturnsBodyStatusAndHeadersMatchedCaseInsensitively) {
  local_server s;
  http::client c;
  auto r = c.send({"GET", s.url("/hello"), {{"X-Custom", "there"}}, ""});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "hi there");
  ASSERT_NE(r->header("x-amzn-requestid"), nullptr);
  EXPECT_EQ(*r->header("X-AMZN-REQUESTID"), "req-123");
  EXPECT_EQ(r->header("x-not-there"), nullptr);
}

TEST(HttpClient, PostAndPutSendTheBody) {
  local_server s;
  http::client c;
  auto post = c.send({"POST", s.url("/echo"), {{"Content-Type", "application/json"}}, "{\"a\":1}"});
  ASSERT_TRUE(post.ok()) << post.error().message;
  EXPECT_EQ(post->status, 201);
  EXPECT_EQ(post->body, "{\"a\":1}");
  auto put = c.send({"PUT", s.url("/echo"), {}, "xyz"});
  ASSERT_TRUE(put.ok()) << put.error().message;
  EXPECT_EQ(put->body, "put:xyz");
}

TEST(HttpClient, ReusesTheConnectionToTheSameHost) {
  local_server s;
  http::client c;
  for (int i = 0; i < 5; ++i) {
    auto r = c.send({"GET", s.url("/hello"), {}, ""});
    ASSERT_TRUE(r.ok()) << r.error().message;
  }
  std::lock_guard lk(s.mu);
  EXPECT_EQ(s.client_ports.size(), 1u) << "each request opened a new connection";
}

TEST(HttpClient, NotFoundIsAResponseNotAnError) {
  local_server s;
  http::client c;
  auto r = c.send({"GET", s.url("/missing"), {}, ""});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 404);
}

TEST(HttpClient, RefusedConnectionIsAConnectError) {
  int port;
  {
    local_server s;  // take a free port, then close it
    port = s.port;
  }
  http::client c;
  auto r = c.send({"GET", "http://127.0.0.1:" + std::to_string(port) + "/", {}, ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().what, http::error::kind::connect);
}

TEST(HttpClient, TotalTimeoutEndsASlowRequest) {
  local_server s;
  http::client c({std::chrono::milliseconds(1000), std::chrono::milliseconds(300), ""});
  auto r = c.send({"GET", s.url("/slow"), {}, ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().what, http::error::kind::timeout);
  // The client stays usable after a timeout.
  auto again = c.send({"GET", s.url("/hello"), {}, ""});
  ASSERT_TRUE(again.ok()) << again.error().message;
}

TEST(HttpClient, MalformedUrlIsInvalid) {
  http::client c;
  auto r = c.send({"GET", "not a url", {}, ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().what, http::error::kind::invalid);
}

TEST(CaBundle, PrefersReadableSslCertFileThenFallsBackToWellKnownPaths) {
  std::string tmp = ::testing::TempDir() + "/bundle.pem";
  std::ofstream(tmp) << "x";
  setenv("SSL_CERT_FILE", tmp.c_str(), 1);
  EXPECT_EQ(http::find_ca_bundle(), tmp);
  setenv("SSL_CERT_FILE", "/nonexistent/bundle.pem", 1);
  unsetenv("CURL_CA_BUNDLE");
  auto found = http::find_ca_bundle();
  EXPECT_NE(found, "/nonexistent/bundle.pem");
  // setup installs ca-certificates: a system bundle must be found in place of the bad one.
  ASSERT_FALSE(found.empty());
  EXPECT_TRUE(std::ifstream(found).good());
}

}  // namespace
