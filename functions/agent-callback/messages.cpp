#include "messages.h"

#include <vector>

namespace callback {
namespace {

// The account of an ARN (arn:partition:service:region:account:resource); empty otherwise.
std::string arn_account(std::string_view arn) {
  if (arn.rfind("arn:", 0) != 0) return {};
  std::size_t pos = 0;
  for (int field = 0; field < 4; ++field) {
    pos = arn.find(':', pos);
    if (pos == std::string_view::npos) return {};
    ++pos;
  }
  const std::size_t end = arn.find(':', pos);
  return end == std::string_view::npos ? std::string() : std::string(arn.substr(pos, end - pos));
}

// The address's parts split on dots outside brackets and quotes.
std::vector<std::string_view> address_parts(std::string_view address) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  int depth = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < address.size(); ++i) {
    const char c = address[i];
    if (quoted) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']') {
      if (depth > 0) --depth;
    } else if (c == '.' && depth == 0) {
      parts.push_back(address.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(address.substr(start));
  return parts;
}

}  // namespace

std::string outcome_word(std::string_view history_status) {
  if (history_status == drift::status::remediated) return "remediated";
  if (history_status == drift::status::awaiting_review) return "awaiting_review";
  return "failed";
}

std::string resource_type(std::string_view address) {
  const auto parts = address_parts(address);
  // module.<name> pairs come first; then [data.]<type>.<name>.
  std::size_t i = 0;
  while (i + 1 < parts.size() && parts[i] == "module") i += 2;
  if (i < parts.size() && parts[i] == "data") ++i;
  if (i + 1 >= parts.size()) return {};
  return std::string(parts[i]);
}

notify::message outcome_message(const outcome_facts& f, const message_context& ctx) {
  const store::history_item& r = f.record;
  notify::message m;
  m.what = notify::kind::remediation_outcome;
  m.where.target = r.scan_target;
  m.where.workspace = r.workspace;
  m.where.environment = r.environment;
  m.where.account = arn_account(r.resource_arn);
  m.where.region = ctx.region;
  m.severity = r.severity;
  m.outcome = outcome_word(f.status);
  m.run_url = f.workflow_run_url.empty() ? r.workflow_run_url : f.workflow_run_url;
  m.detail = f.error_message;
  if (f.status == drift::status::cancelled)
    m.detail = "The remediation run was cancelled; the drift remains." +
               (f.error_message.empty() ? std::string() : " " + f.error_message);
  m.repository = ctx.repository;
  m.commit = ctx.commit;
  m.report_link = ctx.report_link;

  notify::finding d;
  d.drift_id = r.drift_id;
  d.address = r.terraform_address;
  d.type = resource_type(r.terraform_address);
  d.resource_id = r.resource_arn;
  d.severity = r.severity;
  m.findings.push_back(std::move(d));
  return m;
}

}  // namespace callback
