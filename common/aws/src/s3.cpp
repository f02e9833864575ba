#include "aws/s3.h"

#include <array>

#include "aws/crypto.h"
#include "aws/paginate.h"
#include "aws/sigv4.h"
#include "aws/uri.h"

namespace aws::s3 {
namespace {

const service& svc = services::s3;

bool virtual_host_ok(const std::string& bucket) {
  if (bucket.empty() || bucket.size() > 63) return false;
  for (char c : bucket)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

std::string object_url(session& s, const std::string& bucket, const std::string& key,
                       const std::vector<std::pair<std::string, std::string>>& query) {
  auto ep = s.endpoint_for(svc);
  std::string url;
  std::string path = key.empty() ? "/" : "/" + uri::encode(key, true);
  if (bucket.empty()) {
    url = ep.url + "/";
  } else if (ep.overridden || !virtual_host_ok(bucket)) {
    url = ep.url + "/" + bucket + (key.empty() ? "" : path);
  } else {
    auto p = uri::split(ep.url);
    url = p.scheme + "://" + bucket + "." + p.host + path;
  }
  if (!query.empty()) {
    std::string q;
    for (const auto& [k, v] : query) {
      if (!q.empty()) q += '&';
      q += uri::encode(k);
      if (!v.empty() || k == "continuation-token" || k == "prefix") {
        q += '=';
        q += uri::encode(v);
      }
    }
    url += '?';
    url += q;
  }
  return url;
}

core::result<http::response, error> send(
    session& s, const std::string& method, const std::string& bucket, const std::string& key,
    std::vector<std::pair<std::string, std::string>> query = {}, http::header_list headers = {},
    std::string body = {}) {
  http::request req{method, object_url(s, bucket, key, query), std::move(headers), std::move(body)};
  return s.send(svc, std::move(req));
}

// HTTP header names are case-insensitive: keyed in lower case.
std::map<std::string, std::string> lower_case(const http::header_list& headers) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : headers) {
    std::string lk = k;
    for (auto& c : lk) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out[lk] = v;
  }
  return out;
}

object object_from(const http::response& r) {
  object o;
  for (const auto& [lk, v] : lower_case(r.headers)) {
    if (lk == "etag")
      o.etag = v;
    else if (lk == "content-type")
      o.content_type = v;
    else if (lk == "last-modified")
      o.last_modified = v;
    else if (lk == "content-length")
      o.size = std::atoll(v.c_str());
    else if (lk.rfind("x-amz-meta-", 0) == 0)
      o.metadata[lk.substr(11)] = v;
  }
  return o;
}

// Content-MD5 lets S3 reject a body corrupted on the way (and some PUTs require it).
std::string content_md5(const std::string& body) { return crypto::base64(crypto::md5(body)); }

bool not_configured(const error& e) {
  static constexpr std::array<std::string_view, 7> codes = {
      "NoSuchBucketPolicy",
      "ServerSideEncryptionConfigurationNotFoundError",
      "NoSuchPublicAccessBlockConfiguration",
      "NoSuchTagSet",
      "NoSuchLifecycleConfiguration",
      "NoSuchTagSetError",
      "NoSuchConfiguration"};
  return std::find(codes.begin(), codes.end(), e.code) != codes.end();
}

}  // namespace

bool is_not_found(const error& e) {
  return e.code == "NoSuchKey" || e.code == "NoSuchBucket" || e.code == "NotFound";
}

core::result<object, error> get_object(session& s, const std::string& bucket,
                                       const std::string& key) {
  auto r = send(s, "GET", bucket, key);
  if (!r) return r.error();
  object o = object_from(*r);
  o.body = std::move(r->body);
  o.size = static_cast<long long>(o.body.size());
  return o;
}

core::result<object, error> head_object(session& s, const std::string& bucket,
                                        const std::string& key) {
  auto r = send(s, "HEAD", bucket, key);
  if (!r) return r.error();
  return object_from(*r);
}

core::result<std::string, error> put_object(session& s, const std::string& bucket,
                                            const std::string& key, const std::string& body,
                                            const std::string& content_type) {
  auto r = send(s, "PUT", bucket, key, {},
                {{"Content-Type", content_type}, {"Content-MD5", content_md5(body)}}, body);
  if (!r) return r.error();
  const auto* etag = r->header("ETag");
  return etag ? *etag : std::string();
}

core::result<bool, error> put_object_if_absent(session& s, const std::string& bucket,
                                               const std::string& key, const std::string& body,
                                               const std::string& content_type) {
  auto r = send(
      s, "PUT", bucket, key, {},
      {{"Content-Type", content_type}, {"Content-MD5", content_md5(body)}, {"If-None-Match", "*"}},
      body);
  if (r) return true;
  // 409 ConditionalRequestConflict: another conditional write of the key is under way.
  if (r.error().http_status == 412 || r.error().http_status == 409) return false;
  return r.error();
}

core::result<core::unit, error> delete_object(session& s, const std::string& bucket,
                                              const std::string& key) {
  auto r = send(s, "DELETE", bucket, key);
  if (!r) return r.error();
  return core::unit{};
}

core::result<listing, error> list_objects(session& s, const std::string& bucket,
                                          const std::string& prefix, const std::string& delimiter,
                                          int page_size) {
  listing out;
  auto r = paginate(
      [&](const std::string& token) -> core::result<xml_response, error> {
        std::vector<std::pair<std::string, std::string>> q{{"list-type", "2"}};
        if (!token.empty()) q.emplace_back("continuation-token", token);
        if (!delimiter.empty()) q.emplace_back("delimiter", delimiter);
        if (page_size > 0) q.emplace_back("max-keys", std::to_string(page_size));
        if (!prefix.empty()) q.emplace_back("prefix", prefix);
        auto resp = send(s, "GET", bucket, "", q);
        if (!resp) return resp.error();
        return parse_xml(svc, resp->body);
      },
      [](const xml_response& page) {
        return std::string(page.result.child_value("IsTruncated")) == "true"
                   ? text(page.result, "NextContinuationToken")
                   : std::string();
      },
      [&](xml_response& page) {
        for (auto c : page.result.children("Contents"))
          out.objects.push_back({c.child_value("Key"), std::atoll(c.child_value("Size")),
                                 c.child_value("ETag"), c.child_value("LastModified")});
        for (auto p : page.result.children("CommonPrefixes"))
          out.common_prefixes.emplace_back(p.child_value("Prefix"));
      });
  if (!r) return r.error();
  return out;
}

core::result<std::vector<bucket_info>, error> list_buckets(session& s) {
  auto r = send(s, "GET", "", "");
  if (!r) return r.error();
  auto x = parse_xml(svc, r->body);
  if (!x) return x.error();
  std::vector<bucket_info> out;
  for (auto b : x->result.child("Buckets").children("Bucket"))
    out.push_back({b.child_value("Name"), b.child_value("CreationDate")});
  return out;
}

core::result<std::string, error> get_bucket_location(session& s, const std::string& bucket) {
  auto r = send(s, "GET", bucket, "", {{"location", ""}});
  if (!r) return r.error();
  auto x = parse_xml(svc, r->body);
  if (!x) return x.error();
  std::string loc = x->result.text().get();
  if (loc.empty()) return std::string("us-east-1");
  return loc == "EU" ? std::string("eu-west-1") : loc;
}

core::result<core::unit, error> create_bucket(session& s, const std::string& bucket) {
  std::string body;
  if (s.region() != "us-east-1")
    body = "<CreateBucketConfiguration><LocationConstraint>" + s.region() +
           "</LocationConstraint></CreateBucketConfiguration>";
  auto r = send(s, "PUT", bucket, "", {}, {}, body);
  if (!r) return r.error();
  return core::unit{};
}

core::result<std::optional<xml_response>, error> get_bucket_config(
    session& s, const std::string& bucket, const std::string& sub,
    std::map<std::string, std::string>* headers) {
  auto r = send(s, "GET", bucket, "", {{sub, ""}});
  if (!r) {
    if (not_configured(r.error())) return std::optional<xml_response>{};
    return r.error();
  }
  if (headers) *headers = lower_case(r->headers);
  auto x = parse_xml(svc, r->body);
  if (!x) return x.error();
  return std::optional<xml_response>(std::move(x).value());
}

core::result<std::optional<std::string>, error> get_bucket_policy(session& s,
                                                                  const std::string& bucket) {
  auto r = send(s, "GET", bucket, "", {{"policy", ""}});
  if (!r) {
    if (not_configured(r.error())) return std::optional<std::string>{};
    return r.error();
  }
  return std::optional<std::string>(std::move(r->body));
}

core::result<core::unit, error> put_bucket_config(session& s, const std::string& bucket,
                                                  const std::string& sub, const std::string& body) {
  auto r = send(s, "PUT", bucket, "", {{sub, ""}}, {{"Content-MD5", content_md5(body)}}, body);
  if (!r) return r.error();
  return core::unit{};
}

core::result<std::string, error> presign_get(session& s, const std::string& bucket,
                                             const std::string& key, std::chrono::seconds expires) {
  auto creds = s.credentials()->get();
  if (!creds) return creds.error();
  sigv4::params p;
  p.region = s.region();
  p.service = std::string(svc.signing_name);
  p.normalize_path = false;
  p.double_encode_path = false;
  p.unsigned_payload = true;
  http::request req{"GET", object_url(s, bucket, key, {}), {}, ""};
  sigv4::presign(req, *creds, p, expires);
  return req.url;
}

core::result<std::map<std::string, std::string>, error> get_bucket_tags(session& s,
                                                                        const std::string& bucket) {
  auto x = get_bucket_config(s, bucket, "tagging");
  if (!x) return x.error();
  std::map<std::string, std::string> tags;
  if (*x)
    for (auto t : (*x)->result.child("TagSet").children("Tag"))
      tags[t.child_value("Key")] = t.child_value("Value");
  return tags;
}

}  // namespace aws::s3
