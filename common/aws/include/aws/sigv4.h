// AWS Signature Version 4, header signing.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "aws/credentials.h"
#include "http/client.h"

namespace aws::sigv4 {

struct params {
  std::string region;
  std::string service;  // signing name, e.g. "dynamodb", "s3", "execute-api"
  std::chrono::system_clock::time_point time = std::chrono::system_clock::now();
  bool normalize_path = true;       // remove dot segments and empty segments (false for S3)
  bool double_encode_path = true;   // encode the already-encoded path again (false for S3)
  bool add_content_sha256 = false;  // send x-amz-content-sha256 (S3 requires it)
  bool unsigned_payload = false;    // sign "UNSIGNED-PAYLOAD" instead of the body's hash (S3)
  bool omit_session_token = false;  // add the session token after signing, unsigned
};

// Everything a signature is made of, for tests and debugging. Holds no secret.
struct result {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;      // hex
  std::string authorization;  // the Authorization header's value (header signing only)
};

// Signs `req` in place: sets Host (when missing), X-Amz-Date, x-amz-content-sha256 (when
// asked), X-Amz-Security-Token (when the credentials carry one) and Authorization.
// req.url's path is taken as sent on the wire (already percent-encoded).
result sign(http::request& req, const credentials& creds, const params& p);

// Query-string signing (a presigned URL valid for `expires`): adds the X-Amz-* parameters and
// X-Amz-Signature to req.url; headers are left as they are (the signed ones must be sent).
result presign(http::request& req, const credentials& creds, const params& p,
               std::chrono::seconds expires);

// "20150830T123600Z"
std::string amz_date(std::chrono::system_clock::time_point t);

}  // namespace aws::sigv4
