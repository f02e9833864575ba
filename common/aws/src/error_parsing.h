// Turning a non-2xx response into aws::error, per protocol.
#pragma once

#include "aws/error.h"
#include "aws/service.h"
#include "http/client.h"

namespace aws::detail {

error parse_error(const service& svc, const http::response& resp);
std::string request_id_of(const http::response& resp);

}  // namespace aws::detail
