#include "offline_case.h"

#include <gtest/gtest.h>
#include <rapidjson/prettywriter.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "../engine.h"  // the scanner's folder, one up from the native engine's
#include "aws/credential_providers.h"
#include "compare.h"
#include "core/json.h"
#include "registry.h"

namespace drift_test {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string pretty(const rapidjson::Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
  w.SetIndent(' ', 2);
  v.Accept(w);
  return std::string(buf.GetString(), buf.GetSize()) + "\n";
}

std::string golden_path(const std::string& name) {
  return std::string(DRIFT_TYPES_TEST_DIR) + "/expected/" + name + ".json";
}

bool has(const std::vector<std::string_view>& names, std::string_view n) {
  return std::find(names.begin(), names.end(), n) != names.end();
}

// What the module claims about itself that its offline test can hold it to: permissions are
// declared, and a name proved offline only is one it compares.
void expect_sound_declarations(const scanner::native::type_module& m) {
  EXPECT_TRUE(m.permissions) << m.type << " declares no IAM actions (type_module::permissions)";
  if (!m.depth) return;
  for (auto n : m.depth->offline_only_attributes)
    EXPECT_TRUE(has(m.depth->compared, n))
        << m.type << ": offline-only " << n << " is not a compared name";
}

// Every call the read made is one its declared read permissions allow: a call they lack would
// be AccessDenied under the scan-read policy, which grants exactly what modules declare.
void expect_declared(const scanner::native::type_module& m, const recorded_transport& t) {
  const auto* p = m.permissions;
  for (const auto& req : t.requests()) {
    const std::string action = iam_action_of(req);
    if (action.empty()) {
      ADD_FAILURE() << m.type << " made a call the test support cannot map to an IAM action "
                    << "(add it to kRestActions in recorded_transport.cpp): "
                    << describe_request(req);
      continue;
    }
    EXPECT_TRUE(p && has(p->read, action))
        << m.type << " calls " << action << " (" << describe_request(req)
        << "), which its permissions.read does not declare";
  }
}

}  // namespace

offline_case::offline_case(std::string type, const std::string& case_name,
                           const std::string& recorded_as)
    : type_(std::move(type)), module_(scanner::native::find_module(type_)) {
  if (!module_)
    ADD_FAILURE() << "no module for " << type_ << " in the registry";
  else
    expect_sound_declarations(*module_);
  transport_ = recorded_transport::load(std::string(DRIFT_TYPES_TEST_DIR) + "/recorded/" +
                                        (recorded_as.empty() ? type_ : recorded_as) + "/" +
                                        case_name + ".json");
  aws::session::options o;
  o.region = "us-east-1";
  o.credentials = aws::static_credentials({"AKIDOFFLINE", "offline-secret", "", std::nullopt});
  o.transport = transport_;
  o.endpoint_url = "http://recorded.invalid";
  // The default attempts, without waiting between them: throttled cases run in milliseconds.
  o.retry.base_delay = o.retry.throttle_base_delay = std::chrono::milliseconds(0);
  o.retry.sleep = [](std::chrono::milliseconds) {};
  session_ = std::make_shared<aws::session>(std::move(o));
}

std::string offline_case::resource(const char* name) const {
  return core::json::string_member(transport_->resource(), name);
}

scanner::native::live_resource offline_case::read(const std::string& attrs) {
  state_ = state_of(type_, attrs);
  if (!module_ || state_.resources.empty()) return {};
  std::atomic<int> calls{0};
  scanner::native::read_context ctx{*session_, state_, "123456789012", "us-east-1", &calls};
  auto out = module_->read(ctx, {&state_.resources[0]});
  calls_ = calls.load();
  expect_declared(*module_, *transport_);
  if (out.size() != 1) {
    ADD_FAILURE() << "the module answered " << out.size() << " resources for one instance";
    return {};
  }
  last_ = out[0];
  return last_;
}

std::vector<drift::report_attribute> offline_case::compare(std::map<std::string, int>& suppressed) {
  if (!last_.attrs || state_.resources.empty()) {
    ADD_FAILURE() << "nothing read to compare";
    return {};
  }
  return scanner::native::compare(state_.resources[0], *last_.attrs, *module_->rules, suppressed);
}

terraform::state state_of(const std::string& type, const std::string& attrs) {
  const std::string text =
      R"({"version":4,"terraform_version":"1.11.0","serial":1,"lineage":"offline","outputs":{},)"
      R"("resources":[{"mode":"managed","type":")" +
      type +
      R"(","name":"r","provider":"provider[\"registry.terraform.io/hashicorp/aws\"]",)"
      R"("instances":[{"schema_version":0,"attributes":)" +
      attrs + R"(,"sensitive_attributes":[]}]}]})";
  auto st = terraform::parse_state(text);
  if (!st) {
    ADD_FAILURE() << "state: " << st.error().message << " in " << attrs;
    return {};
  }
  return st.value();
}

void expect_golden(const rapidjson::Value& actual, const std::string& name) {
  const std::string path = golden_path(name);
  if (const char* u = std::getenv("DRIFT_UPDATE_GOLDEN"); u && std::string(u) == "1") {
    std::ofstream(path) << pretty(actual);
    return;
  }
  auto expected = core::json::parse(read_file(path));
  if (!expected) {
    ADD_FAILURE() << "golden file " << path << ": " << expected.error().message;
    return;
  }
  EXPECT_TRUE(*expected == actual) << "read differs from " << path << "\nread:\n"
                                   << pretty(actual) << "expected:\n"
                                   << pretty(*expected);
}

std::string golden_text(const std::string& name) { return read_file(golden_path(name)); }

std::string with(const std::string& json, const char* name, const std::string& value) {
  rapidjson::Document d;
  d.Parse(json.c_str());
  rapidjson::Document v(&d.GetAllocator());
  v.Parse(value.c_str());
  if (!d.IsObject() || v.HasParseError()) {
    ADD_FAILURE() << "with(" << name << "): not JSON";
    return json;
  }
  rapidjson::Value copy(v, d.GetAllocator());
  if (auto it = d.FindMember(name); it != d.MemberEnd())
    it->value = copy;
  else
    d.AddMember(rapidjson::Value(name, d.GetAllocator()), copy, d.GetAllocator());
  return core::json::to_text(d);
}

std::vector<std::string> names(const std::vector<drift::report_attribute>& changed) {
  std::vector<std::string> out;
  for (const auto& a : changed) out.push_back(a.name);
  return out;
}

void expect_found_golden(const std::string& type, const state_fn& state, int calls) {
  offline_case c(type, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  expect_golden(*r.attrs, type);
  EXPECT_TRUE(c.transport().unused().empty());
  EXPECT_EQ(c.calls(), calls);
  // The work estimate sizes the scheduled scan with the module's declared cost: one instance's
  // read must cost what the recording shows.
  const double declared = scanner::native_calls_for(type, 1);
  EXPECT_EQ(declared, calls) << type << " declares " << declared
                             << " AWS calls for a read of one instance (calls_per_batch + "
                                "calls_per_instance); the recorded read made "
                             << calls;
}

void expect_gone(const std::string& type, const state_fn& state) {
  offline_case c(type, "gone");
  auto r = c.read(state(c));
  EXPECT_EQ(r.st, scanner::native::live_resource::status::gone) << r.reason;
  EXPECT_TRUE(c.transport().unused().empty()) << "a recorded call was not made";
}

void expect_throttled(const std::string& type, const state_fn& state, const std::string& code) {
  offline_case c(type, "throttled");
  auto r = c.read(state(c));
  EXPECT_EQ(r.st, scanner::native::live_resource::status::not_checked);
  EXPECT_EQ(r.reason.rfind("Throttling (" + code + ")", 0), 0u) << r.reason;
  EXPECT_EQ(c.transport().used().size(), 3u) << "every attempt of the retry policy";
  EXPECT_TRUE(c.transport().unused().empty());
}

void expect_denied(const std::string& type, const state_fn& state, const std::string& code) {
  offline_case c(type, "denied");
  auto r = c.read(state(c));
  EXPECT_EQ(r.st, scanner::native::live_resource::status::not_checked);
  EXPECT_EQ(r.reason.rfind(code + ":", 0), 0u) << r.reason;
  EXPECT_EQ(c.transport().used().size(), 1u) << "access denied is not retried";
}

std::string golden_state(const std::string& type, const offline_case& c, const state_fn& state) {
  std::string attrs = golden_text(type);
  rapidjson::Document extra;
  extra.Parse(state(c).c_str());
  for (auto it = extra.MemberBegin(); it != extra.MemberEnd(); ++it)
    attrs = with(attrs, it->name.GetString(), core::json::to_text(it->value));
  return attrs;
}

void expect_drift_only_on_change(const std::string& type, const state_fn& state, const char* attr,
                                 const std::string& value) {
  {
    offline_case c(type, "found");
    auto r = c.read(golden_state(type, c, state));
    ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
    std::map<std::string, int> suppressed;
    EXPECT_TRUE(c.compare(suppressed).empty());
    EXPECT_TRUE(suppressed.empty());
  }
  offline_case c(type, "found");
  auto r = c.read(with(golden_state(type, c, state), attr, value));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  auto changed = c.compare(suppressed);
  ASSERT_EQ(names(changed), std::vector<std::string>{attr});
  EXPECT_EQ(changed[0].expected, value);
}

void expect_hidden_by(const std::string& type, const state_fn& attrs, const std::string& rule,
                      const std::function<void(rapidjson::Document&)>& edit) {
  offline_case c(type, "found");
  auto r = c.read(attrs(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  if (edit) edit(*r.attrs);
  std::map<std::string, int> suppressed;
  EXPECT_EQ(names(c.compare(suppressed)), std::vector<std::string>{});
  EXPECT_EQ(suppressed, (std::map<std::string, int>{{type + "." + rule, 1}}));
}

std::vector<scanner::native::discovered> listed(const std::string& type, const terraform::state& st,
                                                const std::string& recording) {
  auto transport = recorded_transport::load(std::string(DRIFT_TYPES_TEST_DIR) + "/recorded/" +
                                            type + "/" + recording + ".json");
  aws::session::options o;
  o.region = "us-east-1";
  o.credentials = aws::static_credentials({"AKIDOFFLINE", "offline-secret", "", std::nullopt});
  o.transport = transport;
  o.endpoint_url = "http://recorded.invalid";
  aws::session s(std::move(o));
  std::atomic<int> calls{0};
  scanner::native::read_context ctx{s, st, "123456789012", "us-east-1", &calls};
  const auto* m = scanner::native::find_module(type);
  if (!m || !m->list) {
    ADD_FAILURE() << type << " has no listing";
    return {};
  }
  auto out = m->list(ctx);
  EXPECT_TRUE(static_cast<bool>(out)) << (out ? std::string() : out.error().describe());
  EXPECT_TRUE(transport->unused().empty()) << type << ": recorded exchanges left unused";
  for (const auto& req : transport->requests()) {
    const std::string action = iam_action_of(req);
    const auto& p = *m->permissions;
    EXPECT_TRUE(std::find(p.read.begin(), p.read.end(), action) != p.read.end() ||
                std::find(p.list.begin(), p.list.end(), action) != p.list.end())
        << type << "'s listing calls " << action << ", which its permissions do not declare";
  }
  return out ? *out : std::vector<scanner::native::discovered>{};
}

std::vector<std::string> listed_ids(const std::string& type, const terraform::state& st,
                                    const std::string& recording) {
  std::vector<std::string> ids;
  for (const auto& d : listed(type, st, recording)) ids.push_back(d.id);
  return ids;
}

bool has(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::vector<std::string> located(const std::string& type, const char* event,
                                 const std::string& request) {
  rapidjson::Document req;
  req.Parse(request.c_str());
  rapidjson::Value none;
  const auto* m = scanner::native::find_module(type);
  std::vector<std::string> out;
  if (!m || !m->changes) return out;
  for (const auto& t : m->changes->locate({event, req, none})) {
    std::string s = t.id;
    for (const auto& [k, v] : t.attributes) s += "[" + k + "=" + v + "]";
    out.push_back(s);
  }
  return out;
}

}  // namespace drift_test
