// Test-side: a fresh, isolated set of the stack's data-plane resources in the moto fixture
// (tests/fixtures/make_stack.py), named with a unique suffix per call.
#pragma once

#include <rapidjson/document.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string>

#include "moto.h"

namespace drift_test {

// Keys: metadata_table, locks_table, history_table, policy_table, tf_lock_table, drifts_table,
// alert_topic_arn, drift_topic_arn, retry_queue_url, alerts_queue_url, drift_events_queue_url,
// report_bucket, state_bucket, event_bus_name, event_bus_queue_url, github_token_parameter,
// metrics_namespace.
using stack = std::map<std::string, std::string>;

inline stack make_stack(const std::string& prefix = "t") {
  static std::atomic<int> counter{0};
  const std::string suffix =
      prefix + std::to_string(::getpid()) + "x" + std::to_string(counter.fetch_add(1));
  const char* src = std::getenv("DRIFT_SOURCE_DIR");
  if (!src) throw std::runtime_error("DRIFT_SOURCE_DIR is not set: run this test through ctest");
  const std::string cmd = std::string("python3 ") + src + "/tests/fixtures/make_stack.py " +
                          moto_endpoint() + " " + suffix;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) throw std::runtime_error("cannot run make_stack.py");
  std::string out;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  if (::pclose(p) != 0) throw std::runtime_error("make_stack.py failed: " + out);
  rapidjson::Document doc;
  doc.Parse(out.c_str());
  if (!doc.IsObject()) throw std::runtime_error("make_stack.py printed no JSON object");
  stack s;
  const rapidjson::Document& cdoc = doc;
  for (auto m = cdoc.MemberBegin(); m != cdoc.MemberEnd(); ++m)
    s[m->name.GetString()] = m->value.GetString();
  s["suffix"] = suffix;
  return s;
}

}  // namespace drift_test
