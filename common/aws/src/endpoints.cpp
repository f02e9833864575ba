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

std::string signing_region(const service& svc, const std::string& region) {
  if (svc.id != "IAM") return region;
  // IAM is global: one endpoint per partition, signed for the partition's home region.
  const std::string part = partition_of(region);
  return part == "aws-cn" ? "cn-north-1" : part == "aws-us-gov" ? "us-gov-west-1" : "us-east-1";
}

std::string default_endpoint(const service& svc, const std::string& region) {
  const std::string part = partition_of(region);
  if (svc.id == "IAM")
    return part == "aws-cn"       ? "https://iam.cn-north-1.amazonaws.com.cn"
           : part == "aws-us-gov" ? "https://iam.us-gov.amazonaws.com"
                                  : "https://iam.amazonaws.com";
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
