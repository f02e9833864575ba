// One offline case of a type module: the recording of recorded/<type>/<case>.json behind a
// real aws::session (signing, retries, error parsing), and the module's read of one instance
// whose state attributes the test gives. Then the read can be held to a golden file and put
// through the comparison with the module's own rules.
#pragma once

#include <rapidjson/document.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "aws/session.h"
#include "drift/report.h"
#include "recorded_transport.h"
#include "terraform/state.h"
#include "type_module.h"

namespace drift_test {

class offline_case {
 public:
  // Loads recorded/<recorded_as or type>/<case_name>.json; the module must be in the registry.
  offline_case(std::string type, const std::string& case_name, const std::string& recorded_as = "");

  // A string member of the recording's "resource" (ids of what record.py created).
  std::string resource(const char* name) const;

  // Reads one instance with the state attributes `attrs` (a JSON object) through the module.
  scanner::native::live_resource read(const std::string& attrs);

  // The last read's attributes against the state through the type's rules; `suppressed`
  // gets what each rule hid.
  std::vector<drift::report_attribute> compare(std::map<std::string, int>& suppressed);

  const scanner::native::type_module& module() const { return *module_; }
  recorded_transport& transport() { return *transport_; }
  // AWS calls the module counted.
  int calls() const { return calls_; }

 private:
  std::string type_;
  const scanner::native::type_module* module_ = nullptr;
  std::shared_ptr<recorded_transport> transport_;
  std::shared_ptr<aws::session> session_;
  terraform::state state_;
  scanner::native::live_resource last_;
  int calls_ = 0;
};

// A Terraform state (format 4) with one managed instance of `type`.
terraform::state state_of(const std::string& type, const std::string& attrs);

// The golden file expected/<name>.json; fails the test when it differs from `actual` (with
// both printed). DRIFT_UPDATE_GOLDEN=1 writes `actual` to it instead, for review.
void expect_golden(const rapidjson::Value& actual, const std::string& name);

// `json` (an object) with member `name` set to the JSON value `value`.
std::string with(const std::string& json, const char* name, const std::string& value);

// The golden file's text, to start a state from what the cloud holds.
std::string golden_text(const std::string& name);

// The attribute names reported, for short assertions.
std::vector<std::string> names(const std::vector<drift::report_attribute>& changed);

// The cases every type has. `state` gives the instance's state attributes from the recorded
// resource's ids (the same in every case of a type).
using state_fn = std::function<std::string(const offline_case&)>;
// found.json: the instance reads as found, equal to the golden file expected/<type>.json,
// through exactly the recorded calls, `calls` of them counted; the module's declared cost
// (native_calls_for) for one instance is `calls` too.
void expect_found_golden(const std::string& type, const state_fn& state, int calls);
// gone.json: the instance reads as gone.
void expect_gone(const std::string& type, const state_fn& state);
// throttled.json: not checked after every attempt of the retry policy, the reason naming the
// throttling and `code`, and no error beyond that.
void expect_throttled(const std::string& type, const state_fn& state, const std::string& code);
// denied.json: not checked, the reason naming `code`.
void expect_denied(const std::string& type, const state_fn& state, const std::string& code);
// found.json read against a state equal to the golden read (plus `state`'s members): no
// drift, nothing suppressed; then `attr` changed in the state to `value` is reported.
void expect_drift_only_on_change(const std::string& type, const state_fn& state, const char* attr,
                                 const std::string& value);
// found.json read against `attrs`, the live read edited by `edit` if given: the comparison
// reports nothing and `rule` ("<attribute>:<kind>") hid exactly one difference.
void expect_hidden_by(const std::string& type, const state_fn& attrs, const std::string& rule,
                      const std::function<void(rapidjson::Document&)>& edit = {});
// The state for the found case: the golden read plus the members of `state`.
std::string golden_state(const std::string& type, const offline_case& c, const state_fn& state);

// The module's listing (unmanaged discovery) over recorded/<type>/<recording>.json, with `st`
// as the scanned state. Fails the test unless the listing succeeds, uses every recorded
// exchange, and makes only calls its permissions (read or list) declare.
std::vector<scanner::native::discovered> listed(const std::string& type, const terraform::state& st,
                                                const std::string& recording = "listed");
// The ids of listed(...).
std::vector<std::string> listed_ids(const std::string& type, const terraform::state& st,
                                    const std::string& recording = "listed");
bool has(const std::vector<std::string>& ids, const std::string& id);

// The targets `type`'s change locator finds in a CloudTrail call of `event` whose
// requestParameters are `request` (JSON): ids, an attribute target as its [name=value] pairs.
std::vector<std::string> located(const std::string& type, const char* event,
                                 const std::string& request);

}  // namespace drift_test
