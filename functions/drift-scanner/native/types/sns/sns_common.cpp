#include "sns_common.h"

#include "aws/sns_read.h"

namespace scanner::native::sns {

core::result<std::map<std::string, std::string>, aws::error> topic_attributes(
    const read_context& ctx, const std::string& arn) {
  return shared_read(ctx, "aws_sns_topic", arn, "sns:GetTopicAttributes", [&] {
    ctx.count();
    return aws::sns::get_topic_attributes(ctx.cloud, arn);
  });
}

}  // namespace scanner::native::sns
