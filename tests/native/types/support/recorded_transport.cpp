#include "recorded_transport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "aws/uri.h"
#include "core/json.h"

namespace drift_test {
namespace {

using core::json::member;
using core::json::string_member;

// "AWS4-HMAC-SHA256 Credential=AKID/20251205/us-east-1/ec2/aws4_request, ..." -> "ec2"
std::string signing_service(const http::request& req) {
  const std::string* auth = http::find_header(req.headers, "Authorization");
  if (!auth) return "";
  auto cred = auth->find("Credential=");
  if (cred == std::string::npos) return "";
  auto end = auth->find_first_of(", ", cred);
  std::string scope = auth->substr(cred, end == std::string::npos ? end : end - cred);
  // .../<date>/<region>/<service>/aws4_request
  auto last = scope.rfind('/');
  if (last == std::string::npos || last == 0) return "";
  auto prev = scope.rfind('/', last - 1);
  return prev == std::string::npos ? "" : scope.substr(prev + 1, last - prev - 1);
}

// Action= of a query-protocol form body, or the operation of X-Amz-Target.
std::string action_of(const http::request& req) {
  if (const auto* target = http::find_header(req.headers, "X-Amz-Target")) {
    auto dot = target->rfind('.');
    return dot == std::string::npos ? *target : target->substr(dot + 1);
  }
  for (const auto& [k, v] : aws::uri::parse_query(req.body))
    if (k == "Action") return v;
  return "";
}

std::vector<std::string> strings(const rapidjson::Value* v) {
  std::vector<std::string> out;
  if (v && v->IsArray())
    for (const auto& s : v->GetArray())
      if (s.IsString()) out.emplace_back(s.GetString(), s.GetStringLength());
  return out;
}

std::string why_not(const exchange& x, const http::request& req) {
  const auto url = aws::uri::split(req.url);
  if (signing_service(req) != x.service) return "service is not " + x.service;
  if (!x.action.empty() && action_of(req) != x.action) return "action is not " + x.action;
  if (!x.method.empty() && req.method != x.method) return "method is not " + x.method;
  if (!x.path.empty() && url.path != x.path) return "path is not " + x.path;
  const auto params = aws::uri::parse_query(url.query);
  for (const auto& key : x.query)
    if (std::none_of(params.begin(), params.end(), [&](const auto& p) { return p.first == key; }))
      return "query has no " + key;
  const std::string body = aws::uri::decode(req.body);
  for (const auto& frag : x.contains)
    if (body.find(frag) == std::string::npos) return "body lacks " + frag;
  return "";
}

// A REST request and the IAM action it needs. `path`: a whole-path pattern; `sub`: a key the
// query must hold ("" matches any query). The first match wins, so sub-resources come first.
struct rest_action {
  std::string_view service, method, path, sub, action;
};

// IAM names for REST operations, where they are not the API's (GetBucketCors is
// s3:GetBucketCORS, ListBuckets is s3:ListAllMyBuckets, ListTags is lambda:ListTags...).
constexpr rest_action kRestActions[] = {
    {"s3", "GET", "/", "", "s3:ListAllMyBuckets"},
    {"s3", "GET", "/[^/]+/?", "accelerate", "s3:GetAccelerateConfiguration"},
    {"s3", "GET", "/[^/]+/?", "acl", "s3:GetBucketAcl"},
    {"s3", "GET", "/[^/]+/?", "cors", "s3:GetBucketCORS"},
    {"s3", "GET", "/[^/]+/?", "encryption", "s3:GetEncryptionConfiguration"},
    {"s3", "GET", "/[^/]+/?", "lifecycle", "s3:GetLifecycleConfiguration"},
    {"s3", "GET", "/[^/]+/?", "location", "s3:GetBucketLocation"},
    {"s3", "GET", "/[^/]+/?", "logging", "s3:GetBucketLogging"},
    {"s3", "GET", "/[^/]+/?", "notification", "s3:GetBucketNotification"},
    {"s3", "GET", "/[^/]+/?", "object-lock", "s3:GetBucketObjectLockConfiguration"},
    {"s3", "GET", "/[^/]+/?", "ownershipControls", "s3:GetBucketOwnershipControls"},
    {"s3", "GET", "/[^/]+/?", "policy", "s3:GetBucketPolicy"},
    {"s3", "GET", "/[^/]+/?", "publicAccessBlock", "s3:GetBucketPublicAccessBlock"},
    {"s3", "GET", "/[^/]+/?", "replication", "s3:GetReplicationConfiguration"},
    {"s3", "GET", "/[^/]+/?", "requestPayment", "s3:GetBucketRequestPayment"},
    {"s3", "GET", "/[^/]+/?", "tagging", "s3:GetBucketTagging"},
    {"s3", "GET", "/[^/]+/?", "versioning", "s3:GetBucketVersioning"},
    {"s3", "GET", "/[^/]+/?", "website", "s3:GetBucketWebsite"},
    {"lambda", "GET", "/2015-03-31/functions/?", "", "lambda:ListFunctions"},
    {"lambda", "GET", "/2015-03-31/functions/[^/]+", "", "lambda:GetFunction"},
    {"lambda", "GET", "/2015-03-31/functions/[^/]+/policy", "", "lambda:GetPolicy"},
    {"lambda", "GET", "/2015-03-31/functions/[^/]+/aliases/?", "", "lambda:ListAliases"},
    {"lambda", "GET", "/2015-03-31/functions/[^/]+/aliases/[^/]+", "", "lambda:GetAlias"},
    {"lambda", "GET", "/2015-03-31/event-source-mappings/?", "", "lambda:ListEventSourceMappings"},
    {"lambda", "GET", "/2015-03-31/event-source-mappings/[^/]+", "",
     "lambda:GetEventSourceMapping"},
    {"lambda", "GET", "/2021-10-31/functions/[^/]+/url", "", "lambda:GetFunctionUrlConfig"},
    {"lambda", "GET", "/2017-03-31/tags/[^/]+", "", "lambda:ListTags"},
    {"eks", "GET", "/clusters/?", "", "eks:ListClusters"},
    {"eks", "GET", "/clusters/[^/]+", "", "eks:DescribeCluster"},
    {"elasticfilesystem", "GET", "/2015-02-01/file-systems", "",
     "elasticfilesystem:DescribeFileSystems"},
    {"elasticfilesystem", "GET", "/2015-02-01/file-systems/[^/]+/lifecycle-configuration", "",
     "elasticfilesystem:DescribeLifecycleConfiguration"},
    {"elasticfilesystem", "GET", "/2015-02-01/mount-targets", "",
     "elasticfilesystem:DescribeMountTargets"},
    {"elasticfilesystem", "GET", "/2015-02-01/mount-targets/[^/]+/security-groups", "",
     "elasticfilesystem:DescribeMountTargetSecurityGroups"},
    {"route53", "GET", "/2013-04-01/hostedzone/?", "", "route53:ListHostedZones"},
    {"route53", "GET", "/2013-04-01/hostedzone/[^/]+", "", "route53:GetHostedZone"},
    {"route53", "GET", "/2013-04-01/hostedzone/[^/]+/rrset/?", "",
     "route53:ListResourceRecordSets"},
    {"route53", "GET", "/2013-04-01/tags/hostedzone/[^/]+", "", "route53:ListTagsForResource"},
    {"route53", "POST", "/2013-04-01/tags/hostedzone", "", "route53:ListTagsForResources"},
    {"eks", "GET", "/clusters/[^/]+/node-groups/?", "", "eks:ListNodegroups"},
    {"eks", "GET", "/clusters/[^/]+/node-groups/[^/]+", "", "eks:DescribeNodegroup"},
};

// The signing name where IAM's action prefix differs from it.
std::string iam_prefix(const std::string& signing) {
  return signing == "monitoring" ? "cloudwatch" : signing;
}

}  // namespace

std::string iam_action_of(const http::request& req) {
  const std::string service = signing_service(req);
  if (auto action = action_of(req); !action.empty()) return iam_prefix(service) + ":" + action;
  const auto url = aws::uri::split(req.url);
  const auto params = aws::uri::parse_query(url.query);
  for (const auto& r : kRestActions) {
    if (r.service != service || r.method != req.method) continue;
    if (!r.sub.empty() &&
        std::none_of(params.begin(), params.end(), [&](const auto& p) { return p.first == r.sub; }))
      continue;
    if (std::regex_match(url.path, std::regex(std::string(r.path)))) return std::string(r.action);
  }
  return "";
}

std::string describe_request(const http::request& req) {
  std::string s = signing_service(req) + " " + req.method + " " + req.url;
  if (auto a = action_of(req); !a.empty()) s += " (" + a + ")";
  if (!req.body.empty()) s += " body: " + aws::uri::decode(req.body).substr(0, 300);
  return s;
}

std::shared_ptr<recorded_transport> recorded_transport::load(const std::string& file) {
  auto t = std::make_shared<recorded_transport>();
  t->file_ = file;
  std::ifstream in(file);
  std::stringstream ss;
  ss << in.rdbuf();
  if (!in) {
    ADD_FAILURE() << "cannot read the recording " << file;
    return t;
  }
  auto parsed = core::json::parse(ss.str(), {64u * 1024 * 1024, 64});
  if (!parsed || !parsed->IsObject()) {
    ADD_FAILURE() << "not a JSON object: " << file;
    return t;
  }
  t->doc_ = std::move(*parsed);
  const auto* list = member(t->doc_, "exchanges");
  if (!list || !list->IsArray()) {
    ADD_FAILURE() << "no exchanges in " << file;
    return t;
  }
  for (const auto& e : list->GetArray()) {
    exchange x;
    x.name = string_member(e, "name");
    static const rapidjson::Value none;
    const auto* m = member(e, "match");
    const rapidjson::Value& match = m ? *m : none;
    x.service = string_member(match, "service");
    x.action = string_member(match, "action");
    x.method = string_member(match, "method");
    x.path = string_member(match, "path");
    x.query = strings(member(match, "query"));
    x.contains = strings(member(match, "contains"));
    if (const auto* n = member(e, "times"); n && n->IsInt()) x.times = n->GetInt();
    const auto* r = member(e, "response");
    const rapidjson::Value& resp = r ? *r : none;
    if (const auto* s = member(resp, "status"); s && s->IsInt()) x.response.status = s->GetInt();
    if (const auto* h = member(resp, "headers"); h && h->IsObject())
      for (auto it = h->MemberBegin(); it != h->MemberEnd(); ++it)
        if (it->value.IsString())
          x.response.headers.emplace_back(it->name.GetString(), it->value.GetString());
    x.response.body = string_member(resp, "body");
    t->exchanges_.push_back(std::move(x));
  }
  return t;
}

core::result<http::response, http::error> recorded_transport::send(const http::request& req) {
  if (next_ >= exchanges_.size()) {
    ADD_FAILURE() << "unexpected request (the recording " << file_
                  << " has no more exchanges): " << describe_request(req);
    return http::error{http::error::kind::invalid, "not in the recording"};
  }
  const exchange& x = exchanges_[next_];
  if (auto why = why_not(x, req); !why.empty()) {
    ADD_FAILURE() << "unexpected request: " << describe_request(req) << "\n  the recording "
                  << file_ << " expects exchange " << next_ + 1 << " (" << x.name << "), but the "
                  << why;
    return http::error{http::error::kind::invalid, "not in the recording"};
  }
  used_.push_back(x.name);
  requests_.push_back(req);
  if (++answered_ >= x.times) {
    ++next_;
    answered_ = 0;
  }
  return x.response;
}

const rapidjson::Value& recorded_transport::resource() const {
  static const rapidjson::Value none;
  const auto* r = member(doc_, "resource");
  return r ? *r : none;
}

std::vector<std::string> recorded_transport::unused() const {
  std::vector<std::string> out;
  for (size_t i = next_; i < exchanges_.size(); ++i) out.push_back(exchanges_[i].name);
  return out;
}

}  // namespace drift_test
