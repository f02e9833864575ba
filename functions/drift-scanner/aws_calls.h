// The few AWS calls the scanner makes, through the shared clients of common/aws: S3 objects, an SSM
// parameter, an SNS message and one CloudWatch PutMetricData. Errors as values.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/error.h"
#include "aws/session.h"
#include "core/result.h"

namespace scanner::aws_calls {

template <typename T>
using result = core::result<T, aws::error>;

// nullopt when the object (or bucket) does not exist.
result<std::optional<std::string>> s3_get(aws::session& s, const std::string& bucket,
                                          const std::string& key);
result<bool> s3_exists(aws::session& s, const std::string& bucket, const std::string& key);
// Every key under `prefix` (all pages).
result<std::vector<std::string>> s3_list(aws::session& s, const std::string& bucket,
                                         const std::string& prefix);
result<core::unit> s3_put(aws::session& s, const std::string& bucket, const std::string& key,
                          const std::string& body,
                          const std::string& content_type = "application/json");

// The decrypted value of a String/SecureString parameter.
result<std::string> ssm_get_parameter(aws::session& s, const std::string& name);

// The MessageId.
result<std::string> sns_publish(aws::session& s, const std::string& topic_arn,
                                const std::string& subject, const std::string& message);
// The same with a message per subscription protocol (MessageStructure=json), e.g.
// {"email": plain text for people}: `message` stays what every other subscriber receives
// ("default"). An empty map publishes as the call above.
result<std::string> sns_publish(aws::session& s, const std::string& topic_arn,
                                const std::string& subject, const std::string& message,
                                const std::map<std::string, std::string>& by_protocol);
// A subject SNS accepts: printable ASCII (any other character becomes '?', a line break a
// space), at most 100 characters.
std::string sns_subject(std::string_view subject);

struct metric_datum {
  std::string name;
  std::vector<std::pair<std::string, std::string>> dimensions;
  double value = 0;
  std::string unit = "Count";
};
// One call (CloudWatch takes up to 1000 data per call; the scanner sends far fewer).
result<core::unit> put_metric_data(aws::session& s, const std::string& ns,
                                   const std::vector<metric_datum>& data);

// "s3://bucket/key" -> {bucket, key}; nullopt when not such a URI.
std::optional<std::pair<std::string, std::string>> parse_s3_uri(const std::string& uri);

}  // namespace scanner::aws_calls
