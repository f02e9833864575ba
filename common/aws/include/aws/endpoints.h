// Endpoint and region resolution, as the AWS SDKs do it.
#pragma once

#include <string>

#include "aws/service.h"

namespace aws {

struct endpoint {
  std::string url;          // scheme://host[:port] with no trailing slash (a base path is kept)
  bool overridden = false;  // came from AWS_ENDPOINT_URL*: S3 then uses path-style addressing
};

// AWS_ENDPOINT_URL_<SERVICE> (the service id upper-cased, spaces as '_'), then
// AWS_ENDPOINT_URL, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true; then the profile's
// `endpoint_url` in the config file; else the partition's regional endpoint.
endpoint resolve_endpoint(const service& svc, const std::string& region);

// The standard endpoint alone: https://<prefix>.<region>.<dns suffix of the partition>
// (IAM: the partition's global endpoint).
std::string default_endpoint(const service& svc, const std::string& region);

// The region a request to `svc` is signed for (the partition's home region for global IAM).
std::string signing_region(const service& svc, const std::string& region);

// "aws", "aws-cn" or "aws-us-gov" for a region name.
std::string partition_of(const std::string& region);

// AWS_REGION, then AWS_DEFAULT_REGION, then the profile's `region`; empty when none is set.
std::string resolve_region();

}  // namespace aws
