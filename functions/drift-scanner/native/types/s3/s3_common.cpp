#include "s3_common.h"

namespace scanner::native::s3 {

std::string bucket_of(const terraform::resource_instance& inst) {
  rapidjson::Document d;
  d.Parse(inst.attributes.c_str(), inst.attributes.size());
  std::string b = string_member(d, "bucket");
  return b.empty() ? inst.id : b;
}

std::vector<live_resource> per_bucket(const read_context& ctx, const instance_list& batch,
                                      const read_one& one) {
  std::vector<live_resource> out;
  for (const auto* inst : batch) {
    if (ctx.past_deadline()) {
      out.push_back(deadline_reached());
      continue;
    }
    auto r = one(ctx, *inst, bucket_of(*inst));
    if (!r) {
      out.push_back(gone_or_failed(r.error(), bucket_gone));
    } else if (!*r) {
      out.push_back(live_resource::gone());
    } else {
      out.push_back(live_resource::found(std::move(**r)));
    }
  }
  return out;
}

namespace {

// A bucket that aws_s3_bucket manages and that a part sharing its reads (a split resource
// declared with shared_with_bucket: aws_s3_bucket_versioning, ...) configures in the same
// state. Both read the same configuration, so its answer is fetched once and taken by the
// second reader.
bool shared_bucket(const read_context& ctx, const std::string& bucket) {
  return readers_with_parent(ctx, "aws_s3_bucket", bucket, bucket_of) >= 2;
}

struct config_answer {
  core::result<std::optional<aws::xml_response>, aws::error> answer;
  std::map<std::string, std::string> headers;
};

// The bucket and one part read a shared configuration.
constexpr int kSharedReaders = 2;

}  // namespace

core::result<std::optional<aws::xml_response>, aws::error> config(
    const read_context& ctx, const std::string& bucket, const char* sub,
    std::map<std::string, std::string>* headers) {
  if (!shared_bucket(ctx, bucket)) {
    ctx.count();
    return aws::s3::get_bucket_config(ctx.cloud, bucket, sub, headers);
  }
  auto got = read_once<config_answer>(
      ctx.memo, "s3:" + bucket + "?" + sub, kSharedReaders, [&]() -> config_answer {
        ctx.count();
        std::map<std::string, std::string> h;  // kept for whichever reader asks for them
        auto r = aws::s3::get_bucket_config(ctx.cloud, bucket, sub, &h);
        return config_answer{std::move(r), std::move(h)};
      });
  if (headers) *headers = got->headers;
  return got->answer;
}

core::result<std::optional<aws::xml_response>, aws::error> config_or(const read_context& ctx,
                                                                     const std::string& bucket,
                                                                     const char* sub,
                                                                     std::string_view none_code) {
  auto r = config(ctx, bucket, sub);
  if (!r && r.error().code == none_code) return std::optional<aws::xml_response>{};
  return r;
}

core::result<std::optional<std::string>, aws::error> policy(const read_context& ctx,
                                                            const std::string& bucket) {
  using policy_answer = core::result<std::optional<std::string>, aws::error>;
  auto fetch = [&]() -> policy_answer {
    ctx.count();
    return aws::s3::get_bucket_policy(ctx.cloud, bucket);
  };
  const policy_answer p =
      shared_bucket(ctx, bucket)
          ? *read_once<policy_answer>(ctx.memo, "s3:" + bucket + "?policy", kSharedReaders, fetch)
          : fetch();
  if (!p) return p.error();
  if (!*p) return std::optional<std::string>{};
  rapidjson::Document d;
  d.Parse((*p)->c_str(), (*p)->size());
  if (d.HasParseError()) return std::optional<std::string>(**p);
  return std::optional<std::string>(to_go_json(d));
}

type_module bucket_part_module(std::string_view type, read_one one, const std::vector<rule>* rules,
                               const depth_claim* depth, const iam_actions* permissions,
                               const change_locator* changes) {
  return type_module{type,
                     [one = std::move(one)](const read_context& ctx, const instance_list& batch) {
                       return per_bucket(ctx, batch, one);
                     },
                     rules,
                     4,
                     {},
                     depth,
                     permissions,
                     changes,
                     // A part's read is one call per bucket.
                     /*calls_per_batch=*/0,
                     /*calls_per_instance=*/1};
}

change_locator bucket_changes(std::vector<std::string_view> events) {
  return change_locator{"s3.amazonaws.com", std::move(events), [](const change_call& c) {
                          return targets_of({string_at(c.request, {"bucketName"})});
                        }};
}

rapidjson::Value grant_list(const pugi::xml_node& parent, rapidjson::Document::AllocatorType& a) {
  auto add = [&a](rapidjson::Value& o, const char* name, const std::string& v) {
    o.AddMember(rapidjson::StringRef(name), string_value(v, a), a);
  };
  rapidjson::Value list(rapidjson::kArrayType);
  for (auto g : parent.children("Grant")) {
    auto who = g.child("Grantee");
    rapidjson::Value grantee(rapidjson::kObjectType);
    add(grantee, "display_name", xtext(who, "DisplayName"));
    add(grantee, "email_address", xtext(who, "EmailAddress"));
    add(grantee, "id", xtext(who, "ID"));
    add(grantee, "type", who.attribute("xsi:type").value());
    add(grantee, "uri", xtext(who, "URI"));
    rapidjson::Value grantees(rapidjson::kArrayType);
    grantees.PushBack(grantee, a);
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("grantee", grantees, a);
    add(o, "permission", xtext(g, "Permission"));
    list.PushBack(o, a);
  }
  return list;
}

}  // namespace scanner::native::s3
