#include "aws/endpoints.h"

#include "core/env.h"
#include "ini.h"

namespace aws {
namespace {

std::string env(const std::string& name) { return core::env::get_or(name.c_str(), ""); }

std::string strip_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

std::string partition_of(const std::string& region) {
  if (region.rfind("cn-", 0) == 0) return "aws-cn";
  if (region.rfind("us-gov-", 0) == 0) return "aws-us-gov";
  return "aws";
}

namespace {

// A global service: one endpoint per partition, signed for that partition's home region
// (whatever region the caller scans).
struct global_endpoint {
  const char* url;
  const char* signing_region;
};

const global_endpoint* global_endpoint_of(const service& svc, const std::string& partition) {
  static const global_endpoint iam[] = {{"https://iam.amazonaws.com", "us-east-1"},
                                        {"https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1"},
                                        {"https://iam.us-gov.amazonaws.com", "us-gov-west-1"}};
  static const global_endpoint route53[] = {
      {"https://route53.amazonaws.com", "us-east-1"},
      {"https://route53.amazonaws.com.cn", "cn-northwest-1"},
      {"https://route53.us-gov.amazonaws.com", "us-gov-west-1"}};
  const global_endpoint* table = svc.id == "IAM" ? iam : svc.id == "Route 53" ? route53 : nullptr;
  if (!table) return nullptr;
  return partition == "aws-cn" ? &table[1] : partition == "aws-us-gov" ? &table[2] : &table[0];
}

}  // namespace

std::string signing_region(const service& svc, const std::string& region) {
  const auto* g = global_endpoint_of(svc, partition_of(region));
  return g ? g->signing_region : region;
}

std::string default_endpoint(const service& svc, const std::string& region) {
  const std::string part = partition_of(region);
  if (const auto* g = global_endpoint_of(svc, part)) return g->url;
  const std::string suffix = part == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
  return "https://" + std::string(svc.endpoint_prefix) + "." + region + "." + suffix;
}

endpoint resolve_endpoint(const service& svc, const std::string& region) {
  std::string ignore = env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  if (ignore != "true" && ignore != "TRUE" && ignore != "True") {
    std::string name(svc.env_name);
    if (auto u = env("AWS_ENDPOINT_URL_" + name); !u.empty()) return {strip_slash(u), true};
    if (auto u = env("AWS_ENDPOINT_URL"); !u.empty()) return {strip_slash(u), true};
    auto profile = detail::config_profile(detail::profile_name());
    if (auto it = profile.find("endpoint_url"); it != profile.end() && !it->second.empty())
      return {strip_slash(it->second), true};
  }
  return {default_endpoint(svc, region), false};
}

std::string resolve_region() {
  if (auto r = env("AWS_REGION"); !r.empty()) return r;
  if (auto r = env("AWS_DEFAULT_REGION"); !r.empty()) return r;
  auto profile = detail::config_profile(detail::profile_name());
  if (auto it = profile.find("region"); it != profile.end()) return it->second;
  return {};
}

}  // namespace aws
