#include "request.h"

#include <rapidjson/document.h>

#include <cmath>

#include "core/json.h"
#include "core/text.h"

namespace callback {
namespace {

constexpr std::size_t kMaxIdLength = 512;
// Long Terraform errors are cut: history items and SNS messages have size limits.
constexpr std::size_t kMaxErrorLength = 4000;
constexpr std::size_t kMaxUrlLength = 2048;

core::error invalid(std::string message) { return {"InvalidInput", std::move(message)}; }

// The member, or null when absent or JSON null (both mean "not given").
const rapidjson::Value* member(const rapidjson::Value& obj, const char* key) {
  if (!obj.HasMember(key)) return nullptr;
  const rapidjson::Value& v = obj[key];
  return v.IsNull() ? nullptr : &v;
}

// Reads an optional string member; an explicit null counts as absent.
core::result<std::string> optional_string(const rapidjson::Value& doc, const char* key,
                                          std::size_t max_length) {
  const rapidjson::Value* m = member(doc, key);
  if (!m) return std::string();
  if (!m->IsString()) return invalid(std::string(key) + " must be a string");
  std::string v(m->GetString(), m->GetStringLength());
  if (v.size() > max_length) v = core::text::cut_utf8(v, max_length);
  return v;
}

}  // namespace

core::result<request> parse_request(std::string_view payload) {
  auto parsed = core::json::parse(payload);
  if (!parsed)
    return invalid("the payload is not acceptable JSON (" + parsed.error().message +
                   "): send an object with drift_event_id and remediation_status");
  const rapidjson::Document& doc = *parsed;
  if (!doc.IsObject())
    return invalid("the payload must be a JSON object with drift_event_id and remediation_status");

  request r;
  const rapidjson::Value* id = member(doc, "drift_event_id");
  if (!id) return invalid("drift_event_id is missing");
  if (!id->IsString()) return invalid("drift_event_id must be a string");
  r.drift_event_id.assign(id->GetString(), id->GetStringLength());
  if (r.drift_event_id.empty()) return invalid("drift_event_id is empty");
  if (r.drift_event_id.size() > kMaxIdLength) return invalid("drift_event_id is too long");

  const rapidjson::Value* st = member(doc, "remediation_status");
  if (!st) return invalid("remediation_status is missing");
  if (!st->IsString()) return invalid("remediation_status must be a string");
  r.reported_status.assign(st->GetString(), st->GetStringLength());
  auto o = parse_outcome(r.reported_status);
  if (!o)
    return invalid("remediation_status '" + r.reported_status.substr(0, 64) +
                   "' is not one of success, failure, failed, cancelled, awaiting_review");
  r.status = *o;

  if (const rapidjson::Value* m = member(doc, "mttr_seconds")) {
    if (!m->IsNumber()) return invalid("mttr_seconds must be a number");
    const double v = m->GetDouble();
    if (!std::isfinite(v) || v < 0) return invalid("mttr_seconds must be a non-negative number");
    r.mttr_seconds = v;
  }

  auto url = optional_string(doc, "workflow_run_url", kMaxUrlLength);
  if (!url) return url.error();
  r.workflow_run_url = std::move(*url);
  auto err = optional_string(doc, "error_message", kMaxErrorLength);
  if (!err) return err.error();
  r.error_message = std::move(*err);
  auto rem = optional_string(doc, "remediation_id", kMaxIdLength);
  if (!rem) return rem.error();
  r.remediation_id = std::move(*rem);
  auto run = optional_string(doc, "run_id", kMaxIdLength);
  if (!run) return run.error();
  r.run_id = std::move(*run);
  if (r.remediation_id.empty() != r.run_id.empty())
    return invalid("remediation_id and run_id are given together or not at all");
  return r;
}

}  // namespace callback
