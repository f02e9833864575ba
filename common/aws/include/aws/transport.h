// Where a session's signed requests go: the network by default, or anything that answers an
// http::request (recorded responses in offline tests). Signing, retries, the deadline and error
// parsing stay in the session, so they behave the same whatever the transport.
#pragma once

#include <memory>

#include "core/result.h"
#include "http/client.h"

namespace aws {

class transport {
 public:
  virtual ~transport() = default;
  // Called by one thread at a time (the session serialises its requests).
  virtual core::result<http::response, http::error> send(const http::request& req) = 0;
};

using transport_ptr = std::shared_ptr<transport>;

// HTTP(S) over libcurl (http::client), keeping connections alive between calls.
transport_ptr http_transport(http::options o = {});

}  // namespace aws
