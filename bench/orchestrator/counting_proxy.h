// A reverse proxy for counting runs: forwards every request to one upstream (moto_server or
// the GitHub stand-in) and records, per operation, how many requests passed and how long the
// upstream took to answer each. TCP_NODELAY on both sides and kept-alive upstream connections,
// so that what it adds is a loopback hop, not a Nagle or connect delay.
#pragma once

#include <httplib.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace bench {

class counting_proxy {
 public:
  explicit counting_proxy(std::string upstream);
  ~counting_proxy();
  counting_proxy(const counting_proxy&) = delete;
  counting_proxy& operator=(const counting_proxy&) = delete;

  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Upstream answer times in milliseconds, per operation (X-Amz-Target, Action=, or
  // "METHOD /path" for anything else), in arrival order.
  std::map<std::string, std::vector<double>> calls();
  void clear();

 private:
  void forward(const httplib::Request& req, httplib::Response& res);
  std::unique_ptr<httplib::Client> take_client();
  void give_back(std::unique_ptr<httplib::Client> c);

  std::string upstream_;
  httplib::Server svr_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::map<std::string, std::vector<double>> calls_;
  std::vector<std::unique_ptr<httplib::Client>> idle_;  // kept-alive upstream connections
};

}  // namespace bench
