// The Runtime API over HTTP: one curl handle, so one connection, reused for every call.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>

#include "lambda_runtime/runtime.h"

namespace lambda_runtime::detail {

struct http_reply {
  long status = 0;                             // 0: the request never got an answer
  std::string transport_error;                 // curl's message when status == 0
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

class api_client {
 public:
  // endpoint is host:port as in AWS_LAMBDA_RUNTIME_API; `stop` aborts a pending long poll.
  api_client(std::string endpoint, const std::atomic<bool>& stop);
  ~api_client();
  api_client(const api_client&) = delete;
  api_client& operator=(const api_client&) = delete;

  http_reply next();
  http_reply post_response(const std::string& request_id, const invocation_response& response);
  http_reply post_error(const std::string& request_id, const error& err);
  http_reply post_init_error(const error& err);

 private:
  http_reply send(const std::string& path, const std::string* body, const std::string& content_type,
                  const std::string& error_type_header, bool long_poll);

  struct curl_handle;
  std::unique_ptr<curl_handle> curl_;
  std::string base_;
  const std::atomic<bool>& stop_;
};

// The JSON body Lambda expects for an error; also used by the loop's logs.
std::string error_body(const error& err);
// "Function.<Name>" / "Runtime.<Name>": AWS's emulator maps anything else to Runtime.Unknown.
std::string error_type_header(const std::string& type, const char* default_prefix);

}  // namespace lambda_runtime::detail
