// aws_s3_bucket_logging: target bucket and prefix; logging off means gone.
#include "registry.h"
#include "s3_common.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {};

core::result<std::optional<doc_ptr>, aws::error> read(const read_context& ctx,
                                                      const terraform::resource_instance&,
                                                      const std::string& bucket) {
  auto log = s3::config(ctx, bucket, "logging");
  if (!log) return log.error();
  auto le = *log ? (*log)->result.child("LoggingEnabled") : pugi::xml_node();
  if (!le) return std::optional<doc_ptr>{};
  auto d = new_object();
  set_string(*d, "target_bucket", xtext(le, "TargetBucket"));
  set_string(*d, "target_prefix", xtext(le, "TargetPrefix"));
  return std::optional<doc_ptr>(d);
}

}  // namespace

const type_module& aws_s3_bucket_logging_module() {
  static const type_module m = s3::bucket_part_module("aws_s3_bucket_logging", read, &rules);
  return m;
}

}  // namespace scanner::native
