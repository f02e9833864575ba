#include "aws/transport.h"

namespace aws {
namespace {

class http_transport_impl final : public transport {
 public:
  explicit http_transport_impl(http::options o) : client_(std::move(o)) {}
  core::result<http::response, http::error> send(const http::request& req) override {
    return client_.send(req);
  }

 private:
  http::client client_;
};

}  // namespace

transport_ptr http_transport(http::options o) {
  return std::make_shared<http_transport_impl>(std::move(o));
}

}  // namespace aws
