// The sender: configuration, the kept secrets, the bounded retry, and the Slack, Teams and
// PagerDuty requests. GitHub issues are in github_issues.cpp.
#include "notify/deliver.h"

#include <algorithm>
#include <cctype>
#include <thread>
#include <utility>
#include <vector>

#include "notify/render.h"
#include "sender.h"

namespace notify {
namespace detail {

std::optional<bool> parse_bool(std::string_view v) {
  std::string lower(v.size(), ' ');
  std::transform(v.begin(), v.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "true") return true;
  if (lower == "false") return false;
  return std::nullopt;
}

std::optional<std::string> url_problem(std::string_view url, bool allow_plain_http) {
  std::string scheme;
  for (char c : url.substr(0, 8)) scheme += static_cast<char>(std::tolower(c));
  if (scheme.rfind("https://", 0) == 0 && url.size() > 8) return std::nullopt;
  if (scheme.rfind("http://", 0) == 0 && url.size() > 7) {
    if (allow_plain_http) return std::nullopt;
    return std::string(
        "is plain http: the secret would travel unencrypted (NOTIFY_ALLOW_PLAIN_HTTP=true is for "
        "local stand-ins only)");
  }
  return std::string("is not an https URL");
}

std::optional<std::chrono::seconds> retry_after_seconds(const http::response& res) {
  const std::string* v = res.header("retry-after");
  if (!v) return std::nullopt;
  std::string s = *v;
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  if (s.empty() || s.size() > 9 ||
      !std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); }))
    return std::nullopt;
  return std::chrono::seconds(std::stol(s));
}

}  // namespace detail

namespace {

using detail::exchange;

bool valid_repository(const std::string& repo) {
  auto slash = repo.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == repo.size()) return false;
  if (repo.find('/', slash + 1) != std::string::npos) return false;
  return std::all_of(repo.begin(), repo.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '/';
  });
}

http::options http_options(const settings& s) {
  http::options o;
  o.total_timeout = s.timeout;
  o.connect_timeout = std::min(o.connect_timeout, s.timeout);
  return o;
}

std::string attempts_text(int n) { return std::to_string(n) + (n == 1 ? " attempt" : " attempts"); }

// "slack: HTTP 500 after 3 attempts: ..." for the report.
std::string failure_text(std::string_view channel, const exchange& e) {
  std::string out(channel);
  out += ": ";
  if (e.status != 0) out += "HTTP " + std::to_string(e.status) + " ";
  out += "after " + attempts_text(e.attempts);
  if (!e.message.empty()) out += ": " + e.message;
  return out;
}

void count_failure(delivery_report& r, const std::string& channel, std::string error, int n = 1) {
  if (n <= 0) return;
  r.failed[channel] += n;
  r.errors.push_back(std::move(error));
}

// The payload POSTed to a URL that is itself the secret (Slack and Teams webhooks).
void post_webhook(detail::sender& im, delivery_report& r, const std::string& channel,
                  const std::string& parameter, const std::string& variable,
                  const std::string& payload) {
  auto url = im.secret(parameter);
  if (!url) {
    count_failure(r, channel,
                  channel + ": the webhook URL could not be read from " + variable + " (" +
                      parameter + "): " + im.redact(url.error().message));
    return;
  }
  if (auto why = detail::url_problem(*url, im.cfg.allow_plain_http)) {
    count_failure(r, channel,
                  channel + ": the webhook URL in " + variable + " (" + parameter + ") " + *why);
    return;
  }
  http::request req;
  req.method = "POST";
  req.url = *url;
  req.headers = {{"Content-Type", "application/json"}};
  req.body = payload;
  auto e = im.exchange_retrying(req);
  if (e.what == exchange::verdict::success) {
    r.sent[channel] += 1;
    return;
  }
  count_failure(r, channel, failure_text(channel, e));
}

// PagerDuty Events API v2: the events this message stands for, per notifier::send.
void send_pagerduty(detail::sender& im, const message& m, delivery_report& r) {
  struct event {
    const finding* f;
    bool resolve;
  };
  std::vector<event> events;
  for (const auto& f : m.findings) {
    if (f.drift_id.empty()) continue;  // nothing would deduplicate it
    switch (m.what) {
      case kind::drift:
        if (f.severity == "CRITICAL") events.push_back({&f, false});
        break;
      case kind::remediation_outcome:
        if (m.outcome == "failed") events.push_back({&f, false});
        break;
      case kind::drift_resolved:
        events.push_back({&f, true});
        break;
      case kind::remediation_stuck:
        break;
    }
  }
  if (events.empty()) return;
  const std::string channel = "pagerduty";
  if (auto why = detail::url_problem(im.cfg.pagerduty_events_url, im.cfg.allow_plain_http)) {
    count_failure(r, channel, channel + ": PAGERDUTY_EVENTS_URL " + *why,
                  static_cast<int>(events.size()));
    return;
  }
  auto key = im.secret(im.cfg.pagerduty_routing_key_param);
  if (!key) {
    count_failure(r, channel,
                  channel +
                      ": the routing key could not be read from "
                      "PAGERDUTY_ROUTING_KEY_PARAMETER (" +
                      im.cfg.pagerduty_routing_key_param + "): " + im.redact(key.error().message),
                  static_cast<int>(events.size()));
    return;
  }
  for (const auto& ev : events) {
    http::request req;
    req.method = "POST";
    req.url = im.cfg.pagerduty_events_url;
    req.headers = {{"Content-Type", "application/json"}};
    req.body = pagerduty_event(m, *ev.f, *key, ev.resolve);
    auto e = im.exchange_retrying(req);
    if (e.what == exchange::verdict::success) {
      r.sent[channel] += 1;
    } else {
      count_failure(
          r, channel,
          failure_text(
              channel + " (" + (ev.resolve ? "resolve " : "trigger ") + ev.f->drift_id + ")", e));
    }
  }
}

}  // namespace

core::result<settings> settings_from_env(const env_lookup& env) {
  settings s;
  std::vector<std::string> problems;
  // Lambda sets an unused variable to "": empty counts as unset.
  auto get = [&](const char* name) -> std::optional<std::string> {
    auto v = env(name);
    if (!v || v->empty()) return std::nullopt;
    return v;
  };
  auto flag = [&](const char* name, bool& target) {
    auto v = get(name);
    if (!v) return;
    auto b = detail::parse_bool(*v);
    if (!b) {
      problems.push_back(std::string(name) + " must be true or false, not \"" + *v + "\"");
      return;
    }
    target = *b;
  };
  s.slack_webhook_param = get("SLACK_WEBHOOK_PARAMETER").value_or("");
  s.teams_webhook_param = get("TEAMS_WEBHOOK_PARAMETER").value_or("");
  s.pagerduty_routing_key_param = get("PAGERDUTY_ROUTING_KEY_PARAMETER").value_or("");
  s.pagerduty_events_url = get("PAGERDUTY_EVENTS_URL").value_or(s.pagerduty_events_url);
  flag("GITHUB_ISSUES", s.github_issues);
  s.github_api_url = get("GITHUB_API_URL").value_or(s.github_api_url);
  s.github_repository = get("GITHUB_REPOSITORY").value_or("");
  s.github_token_param = get("GITHUB_TOKEN_PARAMETER").value_or("");
  flag("NOTIFY_ALLOW_PLAIN_HTTP", s.allow_plain_http);

  if (!s.pagerduty_routing_key_param.empty()) {
    if (auto why = detail::url_problem(s.pagerduty_events_url, s.allow_plain_http))
      problems.push_back("PAGERDUTY_EVENTS_URL " + *why);
  }
  if (s.github_issues) {
    if (s.github_token_param.empty())
      problems.push_back("GITHUB_TOKEN_PARAMETER is not set (GITHUB_ISSUES=true needs a token)");
    if (!valid_repository(s.github_repository))
      problems.push_back("GITHUB_REPOSITORY must be owner/repo, not \"" + s.github_repository +
                         "\" (GITHUB_ISSUES=true)");
    if (auto why = detail::url_problem(s.github_api_url, s.allow_plain_http))
      problems.push_back("GITHUB_API_URL " + *why);
  }
  if (!problems.empty()) {
    std::string msg;
    for (const auto& p : problems) msg += (msg.empty() ? "" : "; ") + p;
    return core::error{"ConfigurationError", msg};
  }
  return s;
}

int delivery_report::total_failed() const {
  int n = 0;
  for (const auto& [channel, count] : failed) n += count;
  return n;
}

detail::sender::sender(settings s, notifier::secret_reader read, notifier::sleeper sl)
    : cfg(std::move(s)),
      read_secret(std::move(read)),
      sleep(std::move(sl)),
      http(http_options(cfg)) {
  if (!sleep) sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
}

core::result<std::string> detail::sender::secret(const std::string& parameter) {
  // A deliberate warm-container cache: a warm Lambda reuses the secret instead of reading the
  // SSM SecureString on every invocation. A failed or empty read is not kept, so the next send
  // tries again; a 401 from GitHub forgets the token (forget()).
  if (auto it = secrets.find(parameter); it != secrets.end()) return it->second;
  if (!read_secret) return core::error{"ConfigurationError", "no secret reader"};
  auto got = read_secret(parameter);
  if (!got) return got.error();
  if (got->empty()) return core::error{"EmptySecret", "the parameter's value is empty"};
  secrets.emplace(parameter, *got);
  return got;
}

void detail::sender::forget(const std::string& parameter) { secrets.erase(parameter); }

std::string detail::sender::redact(std::string text) const {
  for (const auto& [name, value] : secrets) {
    if (value.empty()) continue;
    for (auto pos = text.find(value); pos != std::string::npos; pos = text.find(value, pos))
      text.replace(pos, value.size(), "[REDACTED]");
  }
  return text;
}

detail::exchange detail::sender::exchange_once(const http::request& req) {
  exchange e;
  http::request r = req;
  r.timeout = cfg.timeout;
  auto sent = http.send(r);
  if (!sent) {
    const auto& err = sent.error();
    switch (err.what) {
      case http::error::kind::connect:
        e.what = exchange::verdict::retry;
        e.may_have_arrived = false;
        e.message = "could not connect";
        break;
      case http::error::kind::timeout:
        e.what = exchange::verdict::retry;
        e.message = "timed out after " + std::to_string(cfg.timeout.count()) + " ms";
        break;
      case http::error::kind::transport:
        e.what = exchange::verdict::retry;
        e.message = "transport error";
        break;
      case http::error::kind::invalid:
        e.what = exchange::verdict::permanent;
        e.may_have_arrived = false;
        e.message = "the URL or request is malformed";
        break;
    }
    // The transport's own text may quote the URL (a webhook's secret): only its kind is kept.
    return e;
  }
  e.response = std::move(sent.value());
  e.status = e.response.status;
  if (e.status >= 200 && e.status < 300) {
    e.what = exchange::verdict::success;
    return e;
  }
  if (e.status == 429) {
    e.what = exchange::verdict::rate_limited;
    e.retry_after = detail::retry_after_seconds(e.response);
  } else if (e.status >= 500) {
    e.what = exchange::verdict::retry;
  } else if (e.status == 401) {
    e.what = exchange::verdict::unauthorized;
  } else {
    e.what = exchange::verdict::permanent;
  }
  // A short excerpt of the answer for the operator (Slack says "invalid_payload", PagerDuty
  // and GitHub send JSON with a message), with any kept secret removed.
  std::string excerpt = e.response.body.substr(0, 200);
  for (char& c : excerpt)
    if (c == '\n' || c == '\r') c = ' ';
  e.message = redact(std::move(excerpt));
  return e;
}

detail::exchange detail::sender::exchange_retrying(const http::request& req) {
  const int attempts = std::max(1, cfg.max_attempts);
  auto backoff = cfg.first_backoff;
  exchange e;
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    e = exchange_once(req);
    e.attempts = attempt;
    if (e.what != exchange::verdict::retry && e.what != exchange::verdict::rate_limited) break;
    if (attempt == attempts) break;
    auto wait = backoff;
    if (e.what == exchange::verdict::rate_limited && e.retry_after) {
      if (*e.retry_after > detail::max_retry_after) {
        e.message = "rate limited; Retry-After " + std::to_string(e.retry_after->count()) +
                    " s is longer than a send waits (" +
                    std::to_string(detail::max_retry_after.count()) + " s)";
        break;
      }
      wait = *e.retry_after;
    }
    sleep(wait);
    backoff *= 2;
  }
  return e;
}

struct notifier::impl {
  detail::sender s;
};

notifier::notifier(settings s, secret_reader read_secret, sleeper sleep)
    : impl_(std::make_unique<impl>(
          impl{detail::sender(std::move(s), std::move(read_secret), std::move(sleep))})) {}

notifier::~notifier() = default;

delivery_report notifier::send(const message& m) {
  delivery_report r;
  detail::sender& im = impl_->s;
  if (!im.cfg.slack_webhook_param.empty())
    post_webhook(im, r, "slack", im.cfg.slack_webhook_param, "SLACK_WEBHOOK_PARAMETER",
                 slack_payload(m));
  if (!im.cfg.teams_webhook_param.empty())
    post_webhook(im, r, "teams", im.cfg.teams_webhook_param, "TEAMS_WEBHOOK_PARAMETER",
                 teams_payload(m));
  if (!im.cfg.pagerduty_routing_key_param.empty()) send_pagerduty(im, m, r);
  if (im.cfg.github_issues) im.send_github(m, r);
  return r;
}

}  // namespace notify
