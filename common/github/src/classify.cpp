// Turning one GitHub answer into an outcome, following GitHub's documented rate limit rules
// (docs.github.com, "Rate limits for the REST API": exceeding the rate limit).
#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "core/json.h"
#include "github/dispatch.h"

namespace github {
namespace {

// GitHub asks to wait at least a minute for a secondary rate limit that names no time.
constexpr std::chrono::seconds kDefaultRateLimitWait{60};

std::optional<long long> parse_seconds(const std::string* value) {
  if (!value) return std::nullopt;
  std::string v = *value;
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  v.erase(v.begin(), std::find_if(v.begin(), v.end(), not_space));
  v.erase(std::find_if(v.rbegin(), v.rend(), not_space).base(), v.end());
  if (v.empty() || v.size() > 18 ||
      !std::all_of(v.begin(), v.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return std::nullopt;
  }
  return std::stoll(v);
}

bool mentions_rate_limit(const std::string& message) {
  std::string lower(message.size(), ' ');
  std::transform(message.begin(), message.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower.find("rate limit") != std::string::npos;
}

void read_error_body(const std::string& body, long status, dispatch_result& out) {
  auto parsed = core::json::parse(body);
  rapidjson::Document doc;
  if (parsed) doc = std::move(*parsed);
  // Const iterators: comparing rapidjson's mutable ones is ambiguous in C++20.
  const rapidjson::Value& v = doc;
  if (parsed && v.IsObject()) {
    auto m = v.FindMember("message");
    if (m != v.MemberEnd() && m->value.IsString()) out.message = m->value.GetString();
    auto d = v.FindMember("documentation_url");
    if (d != v.MemberEnd() && d->value.IsString()) out.documentation_url = d->value.GetString();
  }
  if (out.message.empty()) {
    // Not GitHub's JSON (a proxy's page, say): keep a short excerpt for the operator.
    out.message = "HTTP " + std::to_string(status);
    if (!body.empty()) out.message += ": " + body.substr(0, 200);
  }
}

}  // namespace

const char* to_string(outcome o) {
  switch (o) {
    case outcome::success:
      return "success";
    case outcome::permanent:
      return "permanent";
    case outcome::rate_limited:
      return "rate_limited";
    case outcome::transient:
      return "transient";
  }
  return "unknown";
}

dispatch_result classify(const http::response& res, std::chrono::system_clock::time_point now) {
  dispatch_result out;
  out.status = res.status;
  if (res.status >= 200 && res.status < 300) {
    out.kind = outcome::success;
    return out;
  }
  read_error_body(res.body, res.status, out);
  if (res.status >= 500) {
    out.kind = outcome::transient;
    return out;
  }

  auto retry_after = parse_seconds(res.header("retry-after"));
  auto remaining = parse_seconds(res.header("x-ratelimit-remaining"));
  auto reset = parse_seconds(res.header("x-ratelimit-reset"));
  bool primary_exhausted = remaining && *remaining == 0;
  bool is_rate_limit =
      res.status == 429 ||
      (res.status == 403 && (retry_after || primary_exhausted || mentions_rate_limit(out.message)));
  if (!is_rate_limit) {
    out.kind = outcome::permanent;
    return out;
  }

  out.kind = outcome::rate_limited;
  std::chrono::seconds wait{0};
  if (retry_after) wait = std::chrono::seconds(*retry_after);
  if (primary_exhausted && reset) {
    auto now_s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    // Both given: honour the later of the two.
    wait = std::max(wait, std::chrono::seconds(std::max<long long>(*reset - now_s, 1)));
  }
  if (!retry_after && !(primary_exhausted && reset)) wait = kDefaultRateLimitWait;
  out.retry_after = wait;
  return out;
}

}  // namespace github
