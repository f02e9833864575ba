#include <mutex>

#include "aws/credential_providers.h"
#include "aws/sts.h"

namespace aws {
namespace {

class assume_role_provider : public credentials_provider {
 public:
  assume_role_provider(std::shared_ptr<session> base, assume_role_options o)
      : base_(std::move(base)), opts_(std::move(o)) {}

  core::result<credentials, error> get() override {
    std::lock_guard lk(mu_);
    auto now = std::chrono::system_clock::now();
    if (cached_ && (!cached_->expiration || *cached_->expiration - opts_.refresh_before > now))
      return *cached_;
    auto fresh = sts::assume_role(*base_, opts_.role_arn, opts_.session_name, opts_.external_id,
                                  opts_.duration);
    if (!fresh) {
      auto e = fresh.error();
      e.message = "AssumeRole " + opts_.role_arn + ": " + e.message;
      return e;
    }
    cached_ = *fresh;
    return *cached_;
  }

 private:
  std::shared_ptr<session> base_;
  assume_role_options opts_;
  std::mutex mu_;
  std::optional<credentials> cached_;  // warm-container cache, refreshed before expiry
};

}  // namespace

credentials_provider_ptr assume_role_credentials(std::shared_ptr<session> base,
                                                 assume_role_options opts) {
  return std::make_shared<assume_role_provider>(std::move(base), std::move(opts));
}

}  // namespace aws
