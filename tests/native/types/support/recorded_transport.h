// An aws::transport that answers from a recording instead of the network: a JSON file of
// request -> response exchanges recorded from moto by tests/native/types/record.py. Requests
// must arrive in the recorded order; one that does not match the next exchange fails the
// running test (with both described) and gets a transport error the session will not retry.
#pragma once

#include <rapidjson/document.h>

#include <memory>
#include <string>
#include <vector>

#include "aws/transport.h"

namespace drift_test {

struct exchange {
  std::string name;  // the operation, for messages
  // What the request must be. service: the signing name in its credential scope ("ec2").
  std::string service;
  std::string action;                 // query and JSON protocols: Action= / X-Amz-Target
  std::string method, path;           // REST (S3): the method and the URL path
  std::vector<std::string> query;     // REST: keys the URL's query must hold
  std::vector<std::string> contains;  // fragments of the percent-decoded body
  int times = 1;                      // consecutive requests answered the same way (retries)
  http::response response;
};

class recorded_transport final : public aws::transport {
 public:
  // A file that cannot be read or parsed fails the running test and answers nothing.
  static std::shared_ptr<recorded_transport> load(const std::string& file);

  core::result<http::response, http::error> send(const http::request& req) override;

  // The whole recording, as loaded.
  const rapidjson::Document& document() const { return doc_; }
  // The file's "resource" object (ids of what the case recorded); null when absent.
  const rapidjson::Value& resource() const;
  // One name per request answered, in order, and the requests themselves (as signed).
  const std::vector<std::string>& used() const { return used_; }
  const std::vector<http::request>& requests() const { return requests_; }
  // Exchanges still owed a request: empty once the reader made every recorded call.
  std::vector<std::string> unused() const;

 private:
  std::string file_;
  rapidjson::Document doc_;
  std::vector<exchange> exchanges_;
  size_t next_ = 0;   // the exchange the next request must match
  int answered_ = 0;  // requests exchanges_[next_] answered so far
  std::vector<std::string> used_;
  std::vector<http::request> requests_;
};

// A one-line description of a request: service, operation, URL and the start of the body.
std::string describe_request(const http::request& req);

// The IAM action that authorises a request, as a policy names it ("ec2:DescribeVpcs"): the
// signing name's IAM prefix and the query/JSON operation, or for REST (S3, Lambda) the
// method, path and query looked up in a table. Empty when the request is not in the table.
std::string iam_action_of(const http::request& req);

}  // namespace drift_test
