#include "drift/event.h"

#include "json.h"

namespace drift {

namespace {

using detail::member;

class checker {
 public:
  std::vector<field_error> errors;

  // A string field; required ones must be present and non-empty.
  std::string str(const rapidjson::Value& obj, const char* name, const std::string& field,
                  bool required) {
    const auto* v = member(obj, name);
    if (!v || v->IsNull()) {
      if (required) errors.push_back({field, "missing"});
      return {};
    }
    if (!v->IsString()) {
      errors.push_back({field, "expected a string"});
      return {};
    }
    std::string s(v->GetString(), v->GetStringLength());
    if (required && s.empty()) errors.push_back({field, "empty"});
    return s;
  }

  std::vector<std::string> strings(const rapidjson::Value& obj, const char* name,
                                   const std::string& field) {
    std::vector<std::string> out;
    const auto* v = member(obj, name);
    if (!v || v->IsNull()) return out;
    if (!v->IsArray()) {
      errors.push_back({field, "expected an array of strings"});
      return out;
    }
    for (rapidjson::SizeType i = 0; i < v->Size(); ++i) {
      const auto& e = (*v)[i];
      if (!e.IsString()) {
        errors.push_back({field + "[" + std::to_string(i) + "]", "expected a string"});
        continue;
      }
      out.emplace_back(e.GetString(), e.GetStringLength());
    }
    return out;
  }
};

std::string join(const std::vector<field_error>& errors) {
  std::string out;
  for (const auto& e : errors) {
    if (!out.empty()) out += "; ";
    out += e.field + ": " + e.problem;
  }
  return out;
}

void read_detail(const rapidjson::Value& d, checker& c, event_detail& out) {
  out.drift_type = c.str(d, "driftType", "detail.driftType", false);
  out.resource_type = c.str(d, "resourceType", "detail.resourceType", false);
  out.resource_arn = c.str(d, "resourceArn", "detail.resourceArn", true);
  out.changed_properties = c.strings(d, "changedProperties", "detail.changedProperties");
  out.detected_by = c.str(d, "detectedBy", "detail.detectedBy", false);
  out.change_author = c.str(d, "changeAuthor", "detail.changeAuthor", false);
  out.change_time = c.str(d, "changeTime", "detail.changeTime", false);
  out.severity = c.str(d, "severity", "detail.severity", false);
  out.severity_reason = c.str(d, "severityReason", "detail.severityReason", false);
  out.drift_id = c.str(d, "driftId", "detail.driftId", false);
  if (const auto* tags = member(d, "tags"); tags && !tags->IsNull()) {
    if (!tags->IsObject()) {
      c.errors.push_back({"detail.tags", "expected an object of strings"});
    } else {
      for (auto it = tags->MemberBegin(); it != tags->MemberEnd(); ++it) {
        const std::string key(it->name.GetString(), it->name.GetStringLength());
        if (!it->value.IsString()) {
          c.errors.push_back({"detail.tags." + key, "expected a string"});
          continue;
        }
        out.tags[key] = std::string(it->value.GetString(), it->value.GetStringLength());
      }
    }
  }
  if (const auto* tf = member(d, "terraform"); tf && !tf->IsNull()) {
    if (!tf->IsObject()) {
      c.errors.push_back({"detail.terraform", "expected an object"});
    } else {
      terraform_ref r;
      r.address = c.str(*tf, "address", "detail.terraform.address", false);
      r.workspace = c.str(*tf, "workspace", "detail.terraform.workspace", false);
      r.environment = c.str(*tf, "environment", "detail.terraform.environment", false);
      r.target = c.str(*tf, "target", "detail.terraform.target", false);
      r.state_location = c.str(*tf, "stateLocation", "detail.terraform.stateLocation", false);
      r.report_uri = c.str(*tf, "reportUri", "detail.terraform.reportUri", false);
      out.terraform = std::move(r);
    }
  }
  if (const auto* changes = member(d, "changes"); changes && !changes->IsNull()) {
    if (!changes->IsArray()) {
      c.errors.push_back({"detail.changes", "expected an array"});
    } else {
      for (rapidjson::SizeType i = 0; i < changes->Size(); ++i) {
        const auto& ch = (*changes)[i];
        const std::string where = "detail.changes[" + std::to_string(i) + "]";
        if (!ch.IsObject()) {
          c.errors.push_back({where, "expected an object"});
          continue;
        }
        event_change e;
        e.attribute = c.str(ch, "attribute", where + ".attribute", true);
        if (const auto* v = member(ch, "expected")) e.expected = detail::to_text(*v);
        if (const auto* v = member(ch, "actual")) e.actual = detail::to_text(*v);
        out.changes.push_back(std::move(e));
      }
    }
  }
}

void write_detail(detail::writer& w, const event_detail& d) {
  using detail::write_string;
  w.StartObject();
  auto field = [&](const char* name, const std::string& value) {
    if (value.empty()) return;
    w.Key(name);
    write_string(w, value);
  };
  field("driftType", d.drift_type);
  field("resourceType", d.resource_type);
  field("resourceArn", d.resource_arn);
  w.Key("changedProperties");
  w.StartArray();
  for (const auto& p : d.changed_properties) write_string(w, p);
  w.EndArray();
  field("detectedBy", d.detected_by);
  field("changeAuthor", d.change_author);
  field("changeTime", d.change_time);
  field("severity", d.severity);
  field("severityReason", d.severity_reason);
  field("driftId", d.drift_id);
  w.Key("tags");
  w.StartObject();
  for (const auto& [k, v] : d.tags) {
    write_string(w, k);
    write_string(w, v);
  }
  w.EndObject();
  if (d.terraform) {
    const auto& t = *d.terraform;
    w.Key("terraform");
    w.StartObject();
    field("address", t.address);
    field("workspace", t.workspace);
    field("environment", t.environment);
    field("target", t.target);
    field("stateLocation", t.state_location);
    field("reportUri", t.report_uri);
    w.EndObject();
  }
  if (!d.changes.empty()) {
    w.Key("changes");
    w.StartArray();
    for (const auto& c : d.changes) {
      w.StartObject();
      w.Key("attribute");
      write_string(w, c.attribute);
      w.Key("expected");
      detail::write_json_text(w, c.expected);
      w.Key("actual");
      detail::write_json_text(w, c.actual);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
}

}  // namespace

bool drift_event::terraform_vocabulary() const {
  return source == scanner_source || detail.terraform.has_value();
}

std::string drift_event::environment() const {
  if (detail.terraform && !detail.terraform->environment.empty()) {
    return detail.terraform->environment;
  }
  auto it = detail.tags.find("Environment");
  return it == detail.tags.end() ? std::string() : it->second;
}

core::result<drift_event, event_error> parse_event(std::string_view bytes) {
  rapidjson::Document doc;
  if (auto err = detail::parse_json(bytes, doc)) {
    return event_error{"NotJson", "drift event is not JSON: " + *err, {{"(root)", *err}}};
  }
  checker c;
  drift_event e;
  if (!doc.IsObject()) {
    c.errors.push_back({"(root)", "expected an object"});
  } else {
    e.version = c.str(doc, "version", "version", false);
    if (e.version.empty()) e.version = "0";
    e.id = c.str(doc, "id", "id", true);
    e.detail_type = c.str(doc, "detail-type", "detail-type", true);
    e.source = c.str(doc, "source", "source", true);
    e.account = c.str(doc, "account", "account", false);
    e.time = c.str(doc, "time", "time", true);
    e.region = c.str(doc, "region", "region", false);
    e.resources = c.strings(doc, "resources", "resources");
    const auto* d = member(doc, "detail");
    if (!d || d->IsNull()) {
      c.errors.push_back({"detail", "missing"});
      c.errors.push_back({"detail.resourceArn", "missing"});
    } else if (!d->IsObject()) {
      c.errors.push_back({"detail", "expected an object"});
    } else {
      read_detail(*d, c, e.detail);
    }
  }
  if (!c.errors.empty()) {
    return event_error{"InvalidEvent", "invalid drift event: " + join(c.errors),
                       std::move(c.errors)};
  }
  return e;
}

std::string to_json(const drift_event& e) {
  using detail::write_string;
  rapidjson::StringBuffer buf;
  detail::writer w(buf);
  w.StartObject();
  w.Key("version");
  write_string(w, e.version.empty() ? "0" : e.version);
  w.Key("id");
  write_string(w, e.id);
  w.Key("detail-type");
  write_string(w, e.detail_type.empty() ? scanner_detail_type : e.detail_type);
  w.Key("source");
  write_string(w, e.source.empty() ? scanner_source : e.source);
  w.Key("account");
  write_string(w, e.account);
  w.Key("time");
  write_string(w, e.time);
  w.Key("region");
  write_string(w, e.region);
  w.Key("resources");
  w.StartArray();
  for (const auto& r : e.resources) write_string(w, r);
  w.EndArray();
  w.Key("detail");
  write_detail(w, e.detail);
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace drift
