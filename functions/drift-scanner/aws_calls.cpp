#include "aws_calls.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>

#include "aws/json_protocol.h"
#include "aws/query_protocol.h"
#include "aws/uri.h"

namespace scanner::aws_calls {

namespace {

std::string object_path(const std::string& bucket, const std::string& key) {
  // Path-style addressing works against AWS and every emulator alike.
  return "/" + aws::uri::encode(bucket) + (key.empty() ? "" : "/" + aws::uri::encode(key, true));
}

bool is_missing(const aws::error& e) {
  return e.http_status == 404 || e.code == "NoSuchKey" || e.code == "NoSuchBucket" ||
         e.code == "NotFound";
}

std::string number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

result<std::optional<std::string>> s3_get(aws::session& s, const std::string& bucket,
                                          const std::string& key) {
  aws::rest_request req;
  req.method = "GET";
  req.path = object_path(bucket, key);
  auto r = aws::rest_call(s, aws::services::s3, std::move(req));
  if (!r) {
    if (is_missing(r.error())) return std::optional<std::string>{};
    return r.error();
  }
  return std::optional<std::string>{std::move(r.value().body)};
}

result<bool> s3_exists(aws::session& s, const std::string& bucket, const std::string& key) {
  aws::rest_request req;
  req.method = "HEAD";
  req.path = object_path(bucket, key);
  auto r = aws::rest_call(s, aws::services::s3, std::move(req));
  if (!r) {
    if (is_missing(r.error())) return false;
    return r.error();
  }
  return true;
}

result<std::vector<std::string>> s3_list(aws::session& s, const std::string& bucket,
                                         const std::string& prefix) {
  std::vector<std::string> keys;
  std::string token;
  for (int page = 0; page < 10000; ++page) {
    aws::rest_request req;
    req.method = "GET";
    req.path = object_path(bucket, "");
    req.query = {{"list-type", "2"}, {"prefix", prefix}};
    if (!token.empty()) req.query.emplace_back("continuation-token", token);
    auto r = aws::rest_call(s, aws::services::s3, std::move(req));
    if (!r) return r.error();
    auto xml = aws::parse_xml(aws::services::s3, r.value().body);
    if (!xml) return xml.error();
    pugi::xml_node root = xml.value().doc->first_child();
    for (auto c : root.children("Contents")) keys.emplace_back(c.child_value("Key"));
    if (std::string(root.child_value("IsTruncated")) != "true") break;
    token = root.child_value("NextContinuationToken");
    if (token.empty()) break;
  }
  return keys;
}

result<core::unit> s3_put(aws::session& s, const std::string& bucket, const std::string& key,
                          const std::string& body, const std::string& content_type) {
  aws::rest_request req;
  req.method = "PUT";
  req.path = object_path(bucket, key);
  req.headers.emplace_back("Content-Type", content_type);
  req.body = body;
  auto r = aws::rest_call(s, aws::services::s3, std::move(req));
  if (!r) return r.error();
  return core::unit{};
}

result<std::string> ssm_get_parameter(aws::session& s, const std::string& name) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.StartObject();
  w.Key("Name");
  w.String(name.c_str(), static_cast<rapidjson::SizeType>(name.size()));
  w.Key("WithDecryption");
  w.Bool(true);
  w.EndObject();
  auto r = aws::json_call(s, aws::services::ssm, "GetParameter", std::string(sb.GetString()));
  if (!r) return r.error();
  const auto& d = r.value();
  if (!d.IsObject() || !d.HasMember("Parameter") || !d["Parameter"].IsObject() ||
      !d["Parameter"].HasMember("Value") || !d["Parameter"]["Value"].IsString()) {
    aws::error e;
    e.service = "ssm";
    e.code = aws::error::kParse;
    e.message = "GetParameter answer has no Parameter.Value";
    return e;
  }
  return std::string(d["Parameter"]["Value"].GetString(),
                     d["Parameter"]["Value"].GetStringLength());
}

result<std::string> sns_publish(aws::session& s, const std::string& topic_arn,
                                const std::string& subject, const std::string& message) {
  aws::query_params p{{"TopicArn", topic_arn}, {"Message", message}};
  if (!subject.empty()) p.emplace_back("Subject", subject.substr(0, 100));
  auto r = aws::query_call(s, aws::services::sns, "Publish", p);
  if (!r) return r.error();
  return aws::text(r.value().result, "MessageId");
}

result<core::unit> put_metric_data(aws::session& s, const std::string& ns,
                                   const std::vector<metric_datum>& data) {
  if (data.empty()) return core::unit{};
  aws::query_params p{{"Namespace", ns}};
  for (std::size_t i = 0; i < data.size(); ++i) {
    const std::string m = "MetricData.member." + std::to_string(i + 1) + ".";
    p.emplace_back(m + "MetricName", data[i].name);
    p.emplace_back(m + "Value", number(data[i].value));
    p.emplace_back(m + "Unit", data[i].unit);
    for (std::size_t j = 0; j < data[i].dimensions.size(); ++j) {
      const std::string d = m + "Dimensions.member." + std::to_string(j + 1) + ".";
      p.emplace_back(d + "Name", data[i].dimensions[j].first);
      p.emplace_back(d + "Value", data[i].dimensions[j].second);
    }
  }
  auto r = aws::query_call(s, aws::services::cloudwatch, "PutMetricData", p);
  if (!r) return r.error();
  return core::unit{};
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
