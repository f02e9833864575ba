#include "aws/session.h"

#include <thread>

#include "aws/credential_providers.h"
#include "aws/sigv4.h"
#include "core/time.h"
#include "error_parsing.h"

namespace aws {
namespace {

sigv4::params signing_params(const service& svc, const std::string& region,
                             std::chrono::system_clock::time_point now) {
  sigv4::params p;
  p.region = signing_region(svc, region);
  p.service = std::string(svc.signing_name);
  p.time = now;
  if (svc.proto == protocol::rest_xml) {  // S3 signs the path as sent, and its payload hash
    p.normalize_path = false;
    p.double_encode_path = false;
    p.add_content_sha256 = true;
  }
  return p;
}

// Server time from an RFC 1123 Date header; nullopt when absent or malformed.
std::optional<std::chrono::system_clock::time_point> server_time(const http::response& r) {
  const auto* d = r.header("Date");
  if (!d) return std::nullopt;
  return core::time::parse_http_date(*d);
}

}  // namespace

session::session(options o)
    : region_(o.region.empty() ? resolve_region() : o.region),
      creds_(o.credentials ? o.credentials : default_credentials_chain()),
      retry_(std::move(o.retry)),
      endpoint_url_(std::move(o.endpoint_url)),
      transport_(o.transport ? std::move(o.transport) : http_transport(o.http)),
      quota_(retry_.quota) {
  if (region_.empty()) region_ = "us-east-1";
  while (!endpoint_url_.empty() && endpoint_url_.back() == '/') endpoint_url_.pop_back();
}

endpoint session::endpoint_for(const service& svc) const {
  if (!endpoint_url_.empty()) return {endpoint_url_, true};
  return resolve_endpoint(svc, region_);
}

std::shared_ptr<session> session::from_environment() {
  return std::make_shared<session>(options{});
}

void session::set_deadline(std::optional<std::chrono::system_clock::time_point> deadline,
                           std::chrono::milliseconds min_time) {
  deadline_ms_ =
      deadline ? std::chrono::duration_cast<std::chrono::milliseconds>(deadline->time_since_epoch())
                     .count()
               : 0;
  min_time_ms_ = min_time.count();
}

core::result<http::response, error> session::send(const service& svc, http::request req,
                                                  const call_options& o) {
  const http::request original = std::move(req);
  error last;
  int attempt = 0;
  bool skew_corrected = false;
  int spent = 0;  // retry tokens this call took from the quota
  for (;;) {
    ++attempt;
    auto creds = creds_->get();
    if (!creds) {
      auto e = creds.error();
      e.service = std::string(svc.id);
      e.attempts = attempt;
      return e;
    }
    http::request r = original;
    if (const long long deadline = deadline_ms_.load()) {
      const long long left = deadline - std::chrono::duration_cast<std::chrono::milliseconds>(
                                            std::chrono::system_clock::now().time_since_epoch())
                                            .count();
      if (left < min_time_ms_.load()) {
        // The request was never sent: safe to report as not applied.
        if (attempt > 1) return last;
        return error{std::string(svc.id),
                     error::kDeadline,
                     "not sent: " + std::to_string(std::max(0LL, left)) +
                         " ms left before the function's deadline",
                     0,
                     "",
                     0};
      }
      r.timeout = std::chrono::milliseconds(left);
    }
    auto now = std::chrono::system_clock::now() + std::chrono::milliseconds(skew_ms_.load());
    sigv4::sign(r, *creds, signing_params(svc, region_, now));

    core::result<http::response, http::error> sent = [&] {
      std::lock_guard lk(transport_mu_);
      return transport_->send(r);
    }();
    if (sent && sent->status >= 200 && sent->status < 300) {
      // A success refunds what its retries spent, or one token for a first-try success.
      int refund = spent ? spent : 1;
      int q = quota_.load();
      while (q < retry_.quota &&
             !quota_.compare_exchange_weak(q, std::min(retry_.quota, q + refund))) {
      }
      return std::move(sent).value();
    }

    if (!sent) {
      const auto& he = sent.error();
      if (he.what == http::error::kind::invalid)
        return error{std::string(svc.id), error::kInvalid, he.message, 0, "", attempt};
      last = error{std::string(svc.id),
                   he.what == http::error::kind::connect ? error::kConnect : error::kNetwork,
                   he.message,
                   0,
                   "",
                   attempt};
    } else {
      last = detail::parse_error(svc, *sent);
      last.attempts = attempt;
    }

    auto cls = classify(last);
    if (cls == retry_class::clock_skew) {
      // Only a measurable skew is a clock problem; otherwise it is a real signature error.
      auto server = sent ? server_time(*sent) : std::nullopt;
      auto local = std::chrono::system_clock::now();
      if (!server || skew_corrected || std::chrono::abs(*server - local) < std::chrono::minutes(4))
        cls = retry_class::none;
      else {
        skew_ms_ = std::chrono::duration_cast<std::chrono::milliseconds>(*server - local).count();
        skew_corrected = true;
      }
    }
    if (attempt >= retry_.max_attempts || !may_retry(cls, o.conditional_write)) return last;
    if (cls != retry_class::clock_skew) {
      int cost = last.code == error::kNetwork ? retry_.timeout_retry_cost : retry_.retry_cost;
      if (quota_.fetch_sub(cost) < cost) {  // quota exhausted: fail now
        quota_ += cost;
        return last;
      }
      spent += cost;
    }
    auto delay = cls == retry_class::clock_skew ? std::chrono::milliseconds(0)
                                                : backoff(retry_, cls, attempt);
    if (const long long deadline = deadline_ms_.load()) {
      const long long after_wait =
          std::chrono::duration_cast<std::chrono::milliseconds>(
              (std::chrono::system_clock::now() + delay).time_since_epoch())
              .count();
      if (deadline - after_wait < min_time_ms_.load()) return last;  // no time for another try
    }
    ++retries_;
    if (retry_.sleep)
      retry_.sleep(delay);
    else
      std::this_thread::sleep_for(delay);
  }
}

}  // namespace aws
