// aws_s3_bucket_website_configuration: index and error documents, the redirect of every
// request, and the routing rules both as blocks and as the provider's JSON string; no website
// configuration means gone.
#include "registry.h"
#include "s3_common.h"

namespace scanner::native {
namespace {

const depth_claim depth{
    {"error_document", "index_document", "redirect_all_requests_to", "routing_rule",
     "routing_rules"},
    {{"bucket", skip_kind::create_only, s3::bucket_why},
     {"expected_bucket_owner", skip_kind::create_only, s3::owner_why}},
};

const std::vector<rule> rules = {};

using alloc_t = rapidjson::Document::AllocatorType;

// A one-element block of the named children's texts (state names), or none without `n`.
rapidjson::Value block_of(const pugi::xml_node& n,
                          std::initializer_list<std::pair<const char*, const char*>> fields,
                          alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  if (!n) return list;
  rapidjson::Value o(rapidjson::kObjectType);
  for (const auto& [name, element] : fields)
    o.AddMember(rapidjson::StringRef(name), string_value(xtext(n, element), a), a);
  list.PushBack(o, a);
  return list;
}

constexpr std::initializer_list<std::pair<const char*, const char*>> kCondition = {
    {"http_error_code_returned_equals", "HttpErrorCodeReturnedEquals"},
    {"key_prefix_equals", "KeyPrefixEquals"}};
constexpr std::initializer_list<std::pair<const char*, const char*>> kRedirect = {
    {"host_name", "HostName"},
    {"http_redirect_code", "HttpRedirectCode"},
    {"protocol", "Protocol"},
    {"replace_key_prefix_with", "ReplaceKeyPrefixWith"},
    {"replace_key_with", "ReplaceKeyWith"}};

// The routing_rule blocks.
rapidjson::Value routing_rule(const pugi::xml_node& rules_n, alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  for (auto r : rules_n.children("RoutingRule")) {
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("condition", block_of(r.child("Condition"), kCondition, a), a);
    o.AddMember("redirect", block_of(r.child("Redirect"), kRedirect, a), a);
    list.PushBack(o, a);
  }
  return list;
}

// The elements S3 answered under `n`, by their API names (absent ones left out, as the
// provider drops nulls; an empty Protocol too).
rapidjson::Value api_object(const pugi::xml_node& n,
                            std::initializer_list<std::pair<const char*, const char*>> fields,
                            alloc_t& a) {
  rapidjson::Value o(rapidjson::kObjectType);
  for (const auto& [name, element] : fields) {
    auto x = n.child(element);
    if (!x) continue;
    const std::string v = x.child_value();
    if (std::string_view(element) == "Protocol" && v.empty()) continue;
    o.AddMember(rapidjson::StringRef(element), string_value(v, a), a);
  }
  return o;
}

// The provider's routing_rules string: the rules as the SDK's JSON with nulls removed, keys
// sorted (Go's encoding/json through a map); "" without routing rules.
std::string routing_rules_json(const pugi::xml_node& rules_n) {
  if (!rules_n) return "";
  rapidjson::Document d(rapidjson::kArrayType);
  auto& a = d.GetAllocator();
  for (auto r : rules_n.children("RoutingRule")) {
    rapidjson::Value o(rapidjson::kObjectType);
    if (auto c = r.child("Condition")) o.AddMember("Condition", api_object(c, kCondition, a), a);
    if (auto x = r.child("Redirect")) o.AddMember("Redirect", api_object(x, kRedirect, a), a);
    d.PushBack(o, a);
  }
  return to_go_json(d);
}

core::result<std::optional<doc_ptr>, aws::error> read(const read_context& ctx,
                                                      const terraform::resource_instance&,
                                                      const std::string& bucket) {
  auto site = s3::config_or(ctx, bucket, "website", "NoSuchWebsiteConfiguration");
  if (!site) return site.error();
  if (!*site) return std::optional<doc_ptr>{};
  const auto cfg = (*site)->result;
  auto d = new_object();
  auto& a = d->GetAllocator();
  auto error_doc = block_of(cfg.child("ErrorDocument"), {{"key", "Key"}}, a);
  set_value(*d, "error_document", error_doc);
  auto index_doc = block_of(cfg.child("IndexDocument"), {{"suffix", "Suffix"}}, a);
  set_value(*d, "index_document", index_doc);
  auto redirect = block_of(cfg.child("RedirectAllRequestsTo"),
                           {{"host_name", "HostName"}, {"protocol", "Protocol"}}, a);
  set_value(*d, "redirect_all_requests_to", redirect);
  auto rr = routing_rule(cfg.child("RoutingRules"), a);
  set_value(*d, "routing_rule", rr);
  set_string(*d, "routing_rules", routing_rules_json(cfg.child("RoutingRules")));
  return std::optional<doc_ptr>(d);
}

const iam_actions permissions{{"s3:GetBucketWebsite"}, {}};

const change_locator changes =
    s3::bucket_changes({"PutBucketWebsite", "DeleteBucketWebsite", "DeleteBucket"});

}  // namespace

const type_module& aws_s3_bucket_website_configuration_module() {
  static const type_module m = s3::shared_with_bucket(s3::bucket_part_module(
      "aws_s3_bucket_website_configuration", read, &rules, &depth, &permissions, &changes));
  return m;
}

}  // namespace scanner::native
