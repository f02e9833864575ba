// Every registered type's declared read cost (type_module calls_per_batch + calls_per_instance,
// which the scheduled scan's work estimate sums) equals the calls of its recorded one-instance
// read, recorded/<type>/found.json: the fan-out is sized from costs a recording confirms, for
// the types whose own test does not call expect_found_golden too.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "engine.h"
#include "recorded_transport.h"
#include "registry.h"

namespace {

int recorded_calls(const rapidjson::Document& recording) {
  int calls = 0;
  if (!recording.IsObject() || !recording.HasMember("exchanges")) return -1;
  for (const auto& e : recording["exchanges"].GetArray()) {
    const bool repeated = e.IsObject() && e.HasMember("times") && e["times"].IsInt();
    calls += repeated ? e["times"].GetInt() : 1;
  }
  return calls;
}

TEST(DeclaredCosts, EveryTypeCostsWhatItsFoundRecordingCalls) {
  const std::string dir = std::string(DRIFT_TYPES_TEST_DIR) + "/recorded/";
  int checked = 0;
  for (const auto* m : scanner::native::all_modules()) {
    const std::string type(m->type);
    const std::string file = dir + type + "/found.json";
    if (!std::filesystem::exists(file)) {
      ADD_FAILURE() << type << ": no recorded/" << type << "/found.json";
      continue;
    }
    auto recording = drift_test::recorded_transport::load(file);
    const int calls = recorded_calls(recording->document());
    EXPECT_EQ(scanner::native_calls_for(type, 1), calls)
        << type << ": declared cost of one instance (calls_per_batch " << m->calls_per_batch
        << " + calls_per_instance " << m->calls_per_instance << ") against found.json's " << calls
        << " recorded calls";
    ++checked;
  }
  EXPECT_GT(checked, 90) << "the registry's types with a found recording";
}

}  // namespace
