// The one error type every AWS call returns.
#pragma once

#include <string>

namespace aws {

struct error {
  std::string service;     // e.g. "dynamodb"; empty when no service was involved
  std::string code;        // AWS error code ("ConditionalCheckFailedException") or a local one
  std::string message;     // never carries a secret
  long http_status = 0;    // 0 when no response arrived
  std::string request_id;  // x-amzn-RequestId / x-amz-request-id when the service sent one
  int attempts = 0;        // how many attempts were made before giving up

  // Local codes for failures that never reached AWS.
  static constexpr const char* kNetwork = "NetworkError";  // reset, timeout: may have arrived
  static constexpr const char* kConnect = "ConnectError";  // never reached the service
  // Not sent: the caller's deadline (session::set_deadline) leaves too little time.
  static constexpr const char* kDeadline = "DeadlineExceeded";
  static constexpr const char* kCredentials = "CredentialsError";
  static constexpr const char* kInvalid = "InvalidInput";
  static constexpr const char* kParse = "ResponseParseError";

  bool is(const std::string& c) const { return code == c; }
  // "service code (HTTP status, request id): message", for logs.
  std::string describe() const;
};

}  // namespace aws
