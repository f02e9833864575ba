#include "aws/credential_providers.h"

#include "aws/endpoints.h"
#include "aws/session.h"
#include "core/env.h"
#include "ini.h"

namespace aws {
namespace {

std::string env(const char* name) { return core::env::get_or(name, ""); }

error missing(const std::string& why) { return error{"", error::kCredentials, why, 0, "", 0}; }

class env_provider : public credentials_provider {
 public:
  core::result<credentials, error> get() override {
    credentials c;
    c.access_key_id = env("AWS_ACCESS_KEY_ID");
    if (c.access_key_id.empty()) c.access_key_id = env("AWS_ACCESS_KEY");
    c.secret_access_key = env("AWS_SECRET_ACCESS_KEY");
    if (c.secret_access_key.empty()) c.secret_access_key = env("AWS_SECRET_KEY");
    c.session_token = env("AWS_SESSION_TOKEN");
    if (c.access_key_id.empty() || c.secret_access_key.empty())
      return missing("AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are not set");
    return c;
  }
};

class profile_provider : public credentials_provider {
 public:
  explicit profile_provider(std::string profile) : profile_(std::move(profile)) {}
  core::result<credentials, error> get() override {
    std::string name = profile_.empty() ? detail::profile_name() : profile_;
    auto from = [](const std::map<std::string, std::string>& s) -> std::optional<credentials> {
      auto id = s.find("aws_access_key_id"), secret = s.find("aws_secret_access_key");
      if (id == s.end() || secret == s.end()) return std::nullopt;
      credentials c{id->second, secret->second, "", std::nullopt};
      if (auto t = s.find("aws_session_token"); t != s.end()) c.session_token = t->second;
      return c;
    };
    auto creds = detail::read_ini(detail::credentials_file_path());
    if (auto it = creds.find(name); it != creds.end())
      if (auto c = from(it->second)) return *c;
    auto config = detail::config_profile(name);
    if (auto c = from(config)) return *c;
    if (config.count("role_arn") && config.count("source_profile")) return assumed(name, config);
    return missing("no keys for profile '" + name + "' in the shared credentials/config files");
  }

 private:
  // A profile with role_arn + source_profile: STS AssumeRole signed by the source profile.
  core::result<credentials, error> assumed(const std::string& name,
                                           const std::map<std::string, std::string>& config) {
    std::lock_guard lk(mu_);
    if (!role_ || role_name_ != name) {
      if (config.at("source_profile") == name)
        return missing("profile '" + name + "' sources itself");
      session::options o;
      o.region = config.count("region") ? config.at("region") : resolve_region();
      o.credentials = std::make_shared<profile_provider>(config.at("source_profile"));
      assume_role_options ar;
      ar.role_arn = config.at("role_arn");
      if (auto it = config.find("external_id"); it != config.end()) ar.external_id = it->second;
      if (auto it = config.find("role_session_name"); it != config.end())
        ar.session_name = it->second;
      if (auto it = config.find("duration_seconds"); it != config.end())
        ar.duration = std::chrono::seconds(std::atol(it->second.c_str()));
      role_ = assume_role_credentials(std::make_shared<session>(std::move(o)), std::move(ar));
      role_name_ = name;
    }
    return role_->get();
  }

  std::string profile_;
  std::mutex mu_;
  std::string role_name_;
  credentials_provider_ptr role_;  // cached so the assumed credentials are reused until expiry
};

class static_provider : public credentials_provider {
 public:
  explicit static_provider(credentials c) : c_(std::move(c)) {}
  core::result<credentials, error> get() override { return c_; }

 private:
  credentials c_;
};

class chain_provider : public credentials_provider {
 public:
  explicit chain_provider(std::vector<credentials_provider_ptr> links) : links_(std::move(links)) {}
  core::result<credentials, error> get() override {
    std::string tried;
    for (auto& p : links_) {
      auto r = p->get();
      if (r) return r;
      tried += (tried.empty() ? "" : "; ") + r.error().message;
    }
    return missing("no credentials found (" + tried + ")");
  }

 private:
  std::vector<credentials_provider_ptr> links_;
};

}  // namespace

credentials_provider_ptr environment_credentials() { return std::make_shared<env_provider>(); }
credentials_provider_ptr profile_credentials(std::string profile) {
  return std::make_shared<profile_provider>(std::move(profile));
}
credentials_provider_ptr static_credentials(credentials c) {
  return std::make_shared<static_provider>(std::move(c));
}
credentials_provider_ptr default_credentials_chain() {
  return std::make_shared<chain_provider>(
      std::vector<credentials_provider_ptr>{environment_credentials(), profile_credentials()});
}

}  // namespace aws
