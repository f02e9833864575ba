// Thin adapters over the shared AWS clients (common/aws), in the shapes the scanner uses:
// "absent" as a value rather than an error, keys rather than listings.
#include "aws_calls.h"

#include "aws/cloudwatch.h"
#include "aws/s3.h"
#include "aws/sns.h"
#include "aws/ssm.h"

namespace scanner::aws_calls {

result<std::optional<std::string>> s3_get(aws::session& s, const std::string& bucket,
                                          const std::string& key) {
  auto r = aws::s3::get_object(s, bucket, key);
  if (!r) {
    if (aws::s3::is_not_found(r.error())) return std::optional<std::string>{};
    return r.error();
  }
  return std::optional<std::string>{std::move(r.value().body)};
}

result<bool> s3_exists(aws::session& s, const std::string& bucket, const std::string& key) {
  auto r = aws::s3::head_object(s, bucket, key);
  if (!r) {
    if (aws::s3::is_not_found(r.error())) return false;
    return r.error();
  }
  return true;
}

result<std::vector<std::string>> s3_list(aws::session& s, const std::string& bucket,
                                         const std::string& prefix) {
  auto r = aws::s3::list_objects(s, bucket, prefix);
  if (!r) return r.error();
  std::vector<std::string> keys;
  keys.reserve(r.value().objects.size());
  for (auto& o : r.value().objects) keys.push_back(std::move(o.key));
  return keys;
}

result<core::unit> s3_put(aws::session& s, const std::string& bucket, const std::string& key,
                          const std::string& body, const std::string& content_type) {
  auto r = aws::s3::put_object(s, bucket, key, body, content_type);
  if (!r) return r.error();
  return core::unit{};
}

result<std::string> ssm_get_parameter(aws::session& s, const std::string& name) {
  auto r = aws::ssm::get_parameter(s, name, true);
  if (!r) return r.error();
  return std::move(r.value().value);
}

result<std::string> sns_publish(aws::session& s, const std::string& topic_arn,
                                const std::string& subject, const std::string& message) {
  return sns_publish(s, topic_arn, subject, message, {});
}

result<std::string> sns_publish(aws::session& s, const std::string& topic_arn,
                                const std::string& subject, const std::string& message,
                                const std::map<std::string, std::string>& by_protocol) {
  aws::sns::publish_request req;
  req.topic_arn = topic_arn;
  req.message = message;
  req.subject = sns_subject(subject);
  req.by_protocol = by_protocol;
  return aws::sns::publish(s, req);
}

std::string sns_subject(std::string_view subject) {
  std::string out;
  for (std::size_t i = 0; i < subject.size() && out.size() < 100; ++i) {
    const auto c = static_cast<unsigned char>(subject[i]);
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
    } else if (c >= 0x80) {
      // One '?' per character: skip its continuation bytes.
      out += '?';
      while (i + 1 < subject.size() && (static_cast<unsigned char>(subject[i + 1]) & 0xC0) == 0x80)
        ++i;
    }
  }
  return out;
}

result<core::unit> put_metric_data(aws::session& s, const std::string& ns,
                                   const std::vector<metric_datum>& data) {
  if (data.empty()) return core::unit{};
  std::vector<aws::cloudwatch::datum> out;
  out.reserve(data.size());
  for (const auto& d : data) {
    aws::cloudwatch::datum x;
    x.name = d.name;
    x.value = d.value;
    x.unit = d.unit;
    x.dimensions = d.dimensions;
    out.push_back(std::move(x));
  }
  return aws::cloudwatch::put_metric_data(s, ns, out);
}

std::optional<std::pair<std::string, std::string>> parse_s3_uri(const std::string& uri) {
  constexpr std::string_view scheme = "s3://";
  if (uri.rfind(scheme, 0) != 0) return std::nullopt;
  const std::string rest = uri.substr(scheme.size());
  const auto slash = rest.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 >= rest.size()) return std::nullopt;
  return std::make_pair(rest.substr(0, slash), rest.substr(slash + 1));
}

}  // namespace scanner::aws_calls
