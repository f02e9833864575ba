#include "counting_proxy.h"

#include <strings.h>

#include <chrono>
#include <limits>

namespace bench {
namespace {

std::string operation_of(const httplib::Request& req) {
  if (auto target = req.get_header_value("X-Amz-Target"); !target.empty()) return target;
  if (const auto pos = req.body.find("Action="); pos != std::string::npos)
    return req.body.substr(pos + 7, req.body.find('&', pos) - pos - 7);
  return req.method + " " + req.path;
}

bool hop_by_hop(const std::string& name) {
  for (const char* h : {"Host", "Content-Length", "Transfer-Encoding", "Connection", "REMOTE_ADDR",
                        "REMOTE_PORT", "LOCAL_ADDR", "LOCAL_PORT"})
    if (::strcasecmp(name.c_str(), h) == 0) return true;
  return false;
}

}  // namespace

counting_proxy::counting_proxy(std::string upstream) : upstream_(std::move(upstream)) {
  svr_.set_tcp_nodelay(true);
  // The function keeps one connection for every call of a run.
  svr_.set_keep_alive_max_count(std::numeric_limits<std::size_t>::max());
  svr_.set_keep_alive_timeout(600);
  auto handler = [this](const httplib::Request& req, httplib::Response& res) { forward(req, res); };
  svr_.Get(".*", handler);
  svr_.Post(".*", handler);
  svr_.Put(".*", handler);
  svr_.Delete(".*", handler);
  port_ = svr_.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { svr_.listen_after_bind(); });
  while (!svr_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

counting_proxy::~counting_proxy() {
  svr_.stop();
  thread_.join();
}

std::map<std::string, std::vector<double>> counting_proxy::calls() {
  std::lock_guard<std::mutex> l(mu_);
  return calls_;
}

void counting_proxy::clear() {
  std::lock_guard<std::mutex> l(mu_);
  calls_.clear();
}

std::unique_ptr<httplib::Client> counting_proxy::take_client() {
  {
    std::lock_guard<std::mutex> l(mu_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
  }
  auto c = std::make_unique<httplib::Client>(upstream_);
  c->set_keep_alive(true);
  c->set_tcp_nodelay(true);
  c->set_read_timeout(120, 0);
  return c;
}

void counting_proxy::give_back(std::unique_ptr<httplib::Client> c) {
  std::lock_guard<std::mutex> l(mu_);
  idle_.push_back(std::move(c));
}

void counting_proxy::forward(const httplib::Request& req, httplib::Response& res) {
  httplib::Headers h;
  for (const auto& [k, v] : req.headers)
    if (!hop_by_hop(k)) h.emplace(k, v);
  // The request target as sent: path and query string, still encoded.
  const std::string path = req.target.empty() ? req.path : req.target;
  const std::string ct = req.get_header_value("Content-Type");
  auto c = take_client();
  const auto t0 = std::chrono::steady_clock::now();
  httplib::Result r = req.method == "GET"      ? c->Get(path, h)
                      : req.method == "DELETE" ? c->Delete(path, h, req.body, ct)
                      : req.method == "PUT"    ? c->Put(path, h, req.body, ct)
                                               : c->Post(path, h, req.body, ct);
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (!r) {
    res.status = 502;
    return;  // the client and its broken connection go
  }
  {
    std::lock_guard<std::mutex> l(mu_);
    calls_[operation_of(req)].push_back(ms);
  }
  res.status = r->status;
  for (const auto& [k, v] : r->headers)
    if (!hop_by_hop(k)) res.set_header(k, v);
  res.body = r->body;
  give_back(std::move(c));
}

}  // namespace bench
