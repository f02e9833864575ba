#include "github/dispatch.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <thread>
#include <utility>

#include "core/env.h"
#include "core/json.h"

namespace github {
namespace {

// Parses and checks what will be sent; the reason when GitHub would refuse it.
std::optional<std::string> parse_payload(std::string_view event_type, std::string_view payload,
                                         rapidjson::Document& doc) {
  if (event_type.empty()) return "event_type is empty";
  if (event_type.size() > max_event_type_length) {
    return "event_type has " + std::to_string(event_type.size()) + " characters; GitHub allows " +
           std::to_string(max_event_type_length);
  }
  bool blank =
      std::all_of(payload.begin(), payload.end(), [](unsigned char c) { return std::isspace(c); });
  if (blank) {
    doc.SetObject();
    return std::nullopt;
  }
  auto parsed = core::json::parse(payload);
  if (!parsed) return "client_payload is not valid JSON: " + parsed.error().message;
  doc = std::move(*parsed);
  if (!doc.IsObject()) return "client_payload is not a JSON object";
  if (doc.MemberCount() > max_payload_properties) {
    return "client_payload has " + std::to_string(doc.MemberCount()) +
           " top-level properties; GitHub allows at most " + std::to_string(max_payload_properties);
  }
  return std::nullopt;
}

// owner/repo as GitHub names them: letters, digits, '-', '_', '.'.
bool valid_repository(const std::string& repo) {
  auto slash = repo.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == repo.size()) return false;
  if (repo.find('/', slash + 1) != std::string::npos) return false;
  return std::all_of(repo.begin(), repo.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '/';
  });
}

dispatch_result refused(std::string message) {
  dispatch_result r;
  r.kind = outcome::permanent;
  r.message = std::move(message);
  return r;
}

// Why these settings cannot dispatch at all, before anything is sent.
std::optional<std::string> refusal(const settings& s, std::string_view token) {
  if (!valid_repository(s.repository))
    return "GITHUB_REPOSITORY must be owner/repo, not \"" + s.repository + "\"";
  if (token.empty()) return "no GitHub token";
  if (s.api_url.rfind("http://", 0) == 0 && !s.allow_plain_http)
    return "GITHUB_API_URL " + s.api_url +
           " is plain http: the token would travel unencrypted (set "
           "GITHUB_ALLOW_PLAIN_HTTP=true only for a local stand-in)";
  return std::nullopt;
}

// POST /repos/{owner}/{repo}/dispatches with {"event_type", "client_payload"}.
http::request dispatch_request(const settings& s, std::string_view event_type,
                               const rapidjson::Document& payload, std::string_view token) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("event_type");
  w.String(event_type.data(), static_cast<rapidjson::SizeType>(event_type.size()));
  w.Key("client_payload");
  payload.Accept(w);
  w.EndObject();

  std::string base = s.api_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  http::request req;
  req.method = "POST";
  req.url = base + "/repos/" + s.repository + "/dispatches";
  req.headers = {
      {"Authorization", "Bearer " + std::string(token)},
      {"Accept", "application/vnd.github+json"},
      {"X-GitHub-Api-Version", api_version},
      {"User-Agent", s.user_agent},
      {"Content-Type", "application/json"},
  };
  req.body.assign(buf.GetString(), buf.GetSize());
  return req;
}

// Not sent: too little of the function's time is left for GitHub to answer.
dispatch_result too_late(std::chrono::milliseconds left) {
  dispatch_result result;
  result.kind = outcome::transient;
  result.message = "deadline: not sent, " + std::to_string(std::max<long long>(0, left.count())) +
                   " ms left before the function's deadline";
  return result;
}

}  // namespace

settings settings_from_env() {
  settings s;
  s.api_url = core::env::get_or("GITHUB_API_URL", std::move(s.api_url));
  s.repository = core::env::get_or("GITHUB_REPOSITORY", "");
  s.allow_plain_http = core::env::truthy(core::env::get_or("GITHUB_ALLOW_PLAIN_HTTP", ""));
  return s;
}

std::optional<std::string> check_dispatch(std::string_view event_type,
                                          std::string_view client_payload_json) {
  rapidjson::Document doc;
  return parse_payload(event_type, client_payload_json, doc);
}

dispatcher::dispatcher(settings s, sleeper sleep)
    : s_(std::move(s)), sleep_(std::move(sleep)), http_(s_.http) {
  if (!sleep_) sleep_ = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
}

dispatch_result dispatcher::dispatch(std::string_view event_type,
                                     std::string_view client_payload_json, std::string_view token,
                                     std::optional<std::chrono::system_clock::time_point> deadline,
                                     std::chrono::milliseconds min_time) {
  rapidjson::Document payload;
  if (auto why = parse_payload(event_type, client_payload_json, payload)) return refused(*why);
  if (auto why = refusal(s_, token)) return refused(*why);
  http::request req = dispatch_request(s_, event_type, payload, token);

  // Retrying after a timeout may, rarely, dispatch twice (GitHub may have accepted the first);
  // the workflow is idempotent per drift_event_id, and a lost dispatch is worse.
  const int attempts = std::max(1, s_.max_attempts);
  auto backoff = s_.first_backoff;
  dispatch_result result;
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    if (deadline) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          *deadline - std::chrono::system_clock::now());
      if (left < min_time) {
        if (attempt > 1) break;  // the last answer stands
        return too_late(left);
      }
      req.timeout = left;
    }
    result = send_once(req);
    result.attempts = attempt;
    if (result.kind != outcome::transient || attempt == attempts) break;
    if (deadline && std::chrono::system_clock::now() + backoff + min_time > *deadline) break;
    sleep_(backoff);
    backoff *= 2;
  }
  return result;
}

dispatch_result dispatcher::send_once(const http::request& req) {
  auto sent = http_.send(req);
  if (sent) return classify(sent.value(), std::chrono::system_clock::now());
  const auto& err = sent.error();
  dispatch_result result;
  result.kind = err.what == http::error::kind::invalid ? outcome::permanent : outcome::transient;
  result.message = (err.what == http::error::kind::timeout ? "timeout: " : "") + err.message;
  return result;
}

}  // namespace github
