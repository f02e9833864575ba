// GitHub issues for drift that waits for a person: one open issue per drift id, found by the
// hidden marker in its body among the open issues labelled `drift`; updated while the drift
// stands, commented on and closed when it is resolved. Rate limits are not slept on (a Lambda
// is billed while it waits): the send counts them as failures and goes on.
#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "core/json.h"
#include "github/dispatch.h"
#include "notify/render.h"
#include "sender.h"

namespace notify {
namespace {

using detail::exchange;
using verdict = detail::exchange::verdict;

const std::string kChannel = "github";

struct open_issue {
  long long number = 0;
  std::string body;
  std::vector<std::string> labels;
};

// A 403 is a rate limit or a permission refusal by GitHub's rules, which the dispatcher's
// classification already keeps (github::classify): one rule for both.
void classify_github(exchange& e) {
  if (e.status != 403) return;
  if (github::classify(e.response, std::chrono::system_clock::now()).kind ==
      github::outcome::rate_limited) {
    e.what = verdict::rate_limited;
    e.retry_after = detail::retry_after_seconds(e.response);
  }
}

// GitHub's error body: its "message" when it is JSON, else the excerpt already kept.
void read_message(exchange& e) {
  auto doc = core::json::parse(e.response.body);
  if (!doc) return;
  std::string msg = core::json::string_member(*doc, "message");
  if (!msg.empty()) e.message = msg.substr(0, 200);
}

// The next page from a Link header: <url>; rel="next".
std::optional<std::string> next_link(const http::response& res) {
  const std::string* link = res.header("link");
  if (!link) return std::nullopt;
  std::string_view rest = *link;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    std::string_view part = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    auto open = part.find('<');
    auto close = part.find('>');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) continue;
    if (part.find("rel=\"next\"", close) == std::string_view::npos) continue;
    return std::string(part.substr(open + 1, close - open - 1));
  }
  return std::nullopt;
}

std::string json_issue(const issue_text& t, const std::vector<std::string>& labels,
                       bool reopen_state) {
  rapidjson::StringBuffer buf;
  core::json::writer w(buf);
  w.StartObject();
  core::json::kv(w, "title", t.title);
  core::json::kv(w, "body", t.body);
  core::json::kv_list(w, "labels", labels);
  if (reopen_state) core::json::kv(w, "state", "open");
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

std::string json_comment(const std::string& body) {
  rapidjson::StringBuffer buf;
  core::json::writer w(buf);
  w.StartObject();
  core::json::kv(w, "body", body);
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

std::string json_close() { return R"({"state":"closed","state_reason":"completed"})"; }

// The labels an update sets: the renderer's, plus those people added, without a stale
// severity:<level>.
std::vector<std::string> merged_labels(const std::vector<std::string>& existing,
                                       const std::vector<std::string>& wanted) {
  std::vector<std::string> out = wanted;
  for (const auto& l : existing) {
    if (l.rfind("severity:", 0) == 0) continue;
    if (std::find(out.begin(), out.end(), l) == out.end()) out.push_back(l);
  }
  return out;
}

// One send's conversation with GitHub.
class issue_session {
 public:
  issue_session(detail::sender& im, delivery_report& r) : im_(im), r_(r) {
    base_ = im_.cfg.github_api_url;
    while (!base_.empty() && base_.back() == '/') base_.pop_back();
  }

  void upsert(const message& m, const finding& f) {
    if (blocked(f)) return;
    const std::string marker = issue_marker(f.drift_id);
    const issue_text text = github_issue(m, f);
    auto backoff = im_.cfg.first_backoff;
    const int attempts = std::max(1, im_.cfg.max_attempts);
    exchange e;
    int tried = 0;
    for (int attempt = 1; attempt <= attempts; ++attempt) {
      tried = attempt;
      if (attempt > 1) {
        im_.sleep(backoff);
        backoff *= 2;
      }
      if (!listing_) {
        e = list_open();
        if (e.what != verdict::success) {
          if (e.what == verdict::retry) continue;
          break;
        }
      }
      const open_issue* found = find(marker);
      if (found) {
        e = once("PATCH", "/issues/" + std::to_string(found->number),
                 json_issue(text, merged_labels(found->labels, text.labels), true));
        if (e.what == verdict::success) return done();
      } else {
        e = once("POST", "/issues", json_issue(text, text.labels, false));
        if (e.what == verdict::success) {
          remember_created(e, marker, text.labels);
          return done();
        }
        // It may have been created all the same: list again before a second POST.
        if (e.what == verdict::retry && e.may_have_arrived) listing_.reset();
      }
      if (e.what != verdict::retry) break;
    }
    fail(f, "the issue could not be opened or updated", e, tried);
  }

  void resolve(const message& m, const finding& f) {
    if (blocked(f)) return;
    const std::string marker = issue_marker(f.drift_id);
    auto backoff = im_.cfg.first_backoff;
    const int attempts = std::max(1, im_.cfg.max_attempts);
    bool commented = false;
    exchange e;
    int tried = 0;
    for (int attempt = 1; attempt <= attempts; ++attempt) {
      tried = attempt;
      if (attempt > 1) {
        im_.sleep(backoff);
        backoff *= 2;
      }
      if (!listing_) {
        e = list_open();
        if (e.what != verdict::success) {
          if (e.what == verdict::retry) continue;
          break;
        }
      }
      const open_issue* found = find(marker);
      if (!found) return;  // no open issue for this drift: nothing to close
      const std::string path = "/issues/" + std::to_string(found->number);
      if (!commented) {
        e = once("POST", path + "/comments", json_comment(github_resolution_comment(m, f)));
        if (e.what != verdict::success) {
          if (e.what == verdict::retry) continue;
          break;
        }
        commented = true;
      }
      e = once("PATCH", path, json_close());
      if (e.what == verdict::success) {
        const long long number = found->number;
        listing_->erase(std::remove_if(listing_->begin(), listing_->end(),
                                       [&](const open_issue& i) { return i.number == number; }),
                        listing_->end());
        return done();
      }
      if (e.what != verdict::retry) break;
    }
    fail(f,
         commented ? "commented, but the issue could not be closed"
                   : "the issue could not be commented on and closed",
         e, tried);
  }

 private:
  // Refused before sending (settings, token), or GitHub refused the token or rate limited
  // this send: the finding fails without a request.
  bool blocked(const finding& f) {
    if (!blocked_) {
      if (auto why = detail::url_problem(base_, im_.cfg.allow_plain_http)) {
        blocked_ = "GITHUB_API_URL " + *why;
      } else {
        auto token = im_.secret(im_.cfg.github_token_param);
        if (!token) {
          // Not kept: the next finding (or send) reads it again.
          count_blocked(f, "the token could not be read from GITHUB_TOKEN_PARAMETER (" +
                               im_.cfg.github_token_param +
                               "): " + im_.redact(token.error().message));
          return true;
        }
        token_ = *token;
        return false;
      }
    }
    count_blocked(f, *blocked_);
    return true;
  }

  void count_blocked(const finding& f, const std::string& why) {
    r_.failed[kChannel] += 1;
    r_.errors.push_back(kChannel + " (" + f.drift_id + "): " + why);
  }

  void done() { r_.sent[kChannel] += 1; }

  void fail(const finding& f, const std::string& what, const exchange& e, int attempts) {
    std::string msg = kChannel + " (" + f.drift_id + "): " + what;
    if (e.status != 0) msg += ": HTTP " + std::to_string(e.status);
    if (!e.message.empty()) msg += ": " + e.message;
    if (e.what == verdict::retry)
      msg += " (after " + std::to_string(attempts) + (attempts == 1 ? " attempt)" : " attempts)");
    r_.failed[kChannel] += 1;
    r_.errors.push_back(std::move(msg));
  }

  // One request to GitHub, with GitHub's headers and its answer classified. A 401 forgets the
  // token (it may have been rotated: the next send reads it again); a 401 or a rate limit stops
  // this send's other GitHub requests.
  exchange once(const std::string& method, const std::string& path_or_url, std::string body) {
    http::request req;
    req.method = method;
    req.url = path_or_url.rfind(base_ + "/", 0) == 0
                  ? path_or_url
                  : base_ + "/repos/" + im_.cfg.github_repository + path_or_url;
    req.headers = {
        {"Authorization", "Bearer " + token_},
        {"Accept", "application/vnd.github+json"},
        {"X-GitHub-Api-Version", detail::github_api_version},
        {"User-Agent", detail::user_agent},
    };
    if (!body.empty()) {
      req.headers.emplace_back("Content-Type", "application/json");
      req.body = std::move(body);
    }
    exchange e = im_.exchange_once(req);
    classify_github(e);
    if (e.what != verdict::success && e.status != 0) read_message(e);
    if (e.what == verdict::unauthorized) {
      im_.forget(im_.cfg.github_token_param);
      blocked_ = "GitHub refused the token (HTTP 401: " + e.message +
                 "); it is read again on the next send";
    } else if (e.what == verdict::rate_limited) {
      std::string why = "rate limited (HTTP " + std::to_string(e.status);
      if (e.retry_after) why += ", retry after " + std::to_string(e.retry_after->count()) + " s";
      blocked_ = why + "); not retried within this send";
    }
    return e;
  }

  // The open issues labelled drift, following pagination up to github_max_pages pages; only
  // links back to GITHUB_API_URL are followed (the token goes with them).
  exchange list_open() {
    std::vector<open_issue> issues;
    std::string url = "/issues?state=open&labels=drift&per_page=100";
    exchange e;
    for (int page = 1; page <= detail::github_max_pages; ++page) {
      e = once("GET", url, {});
      if (e.what != verdict::success) return e;
      auto doc = core::json::parse(e.response.body, {64u * 1024 * 1024, 64});
      if (!doc || !doc->IsArray()) {
        e.what = verdict::retry;
        e.message = "the list of open issues is not a JSON array" +
                    (doc ? std::string() : " (" + doc.error().message + ")");
        return e;
      }
      const rapidjson::Value& arr = *doc;
      for (const auto& item : arr.GetArray()) {
        if (!item.IsObject() || core::json::member(item, "pull_request")) continue;
        const auto* number = core::json::member(item, "number");
        if (!number || !number->IsInt64()) continue;
        open_issue i;
        i.number = number->GetInt64();
        i.body = core::json::string_member(item, "body");
        if (const auto* labels = core::json::member(item, "labels"); labels && labels->IsArray()) {
          for (const auto& l : labels->GetArray()) {
            if (l.IsString())
              i.labels.emplace_back(l.GetString(), l.GetStringLength());
            else if (l.IsObject())
              i.labels.push_back(core::json::string_member(l, "name"));
          }
        }
        issues.push_back(std::move(i));
      }
      auto next = next_link(e.response);
      if (!next) break;
      if (next->rfind(base_ + "/", 0) != 0) break;  // elsewhere: not sent the token
      url = *next;
    }
    listing_ = std::move(issues);
    e.what = verdict::success;
    return e;
  }

  const open_issue* find(const std::string& marker) const {
    for (const auto& i : *listing_)
      if (i.body.find(marker) != std::string::npos) return &i;
    return nullptr;
  }

  void remember_created(const exchange& e, const std::string& marker,
                        const std::vector<std::string>& labels) {
    auto doc = core::json::parse(e.response.body);
    open_issue i;
    if (doc) {
      if (const auto* n = core::json::member(*doc, "number"); n && n->IsInt64())
        i.number = n->GetInt64();
    }
    if (i.number == 0) {
      listing_.reset();  // the answer did not say which: list again when needed
      return;
    }
    i.body = marker;
    i.labels = labels;
    listing_->push_back(std::move(i));
  }

  detail::sender& im_;
  delivery_report& r_;
  std::string base_;
  std::string token_;
  std::optional<std::string> blocked_;
  std::optional<std::vector<open_issue>> listing_;  // read once per send, kept up to date
};

}  // namespace

void detail::sender::send_github(const message& m, delivery_report& report) {
  const bool upsert = m.what == kind::remediation_outcome &&
                      (m.outcome == "awaiting_review" || m.outcome == "failed");
  const bool resolve = m.what == kind::drift_resolved;
  if (!upsert && !resolve) return;
  issue_session session(*this, report);
  for (const auto& f : m.findings) {
    if (f.drift_id.empty()) continue;  // nothing would find its issue again
    if (upsert) {
      session.upsert(m, f);
    } else {
      session.resolve(m, f);
    }
  }
}

}  // namespace notify
