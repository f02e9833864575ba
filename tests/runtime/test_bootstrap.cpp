// A bootstrap on our runtime for the runtime and harness tests. _HANDLER "initfail" fails
// its init; any other handler reads {"action": ...} from the event:
//   echo (default)  the event back          pid       {"pid": N}
//   throw           throws                   error     an error response (MyError)
//   big             a 7 MB response          remaining {"remaining_ms": N}
//   sleep           sleeps past any timeout  crash     exits with status 3
//   context         the context and Lambda environment as JSON
//   barrier         {"dir","count"}: waits until `count` processes have joined (concurrency)
// An event with "Records" (a pump's SQS or SNS event) is appended to $RECORD_FILE and every
// record whose body or SNS message contains "fail" is reported in batchItemFailures.
#include <lambda_runtime/log.h>
#include <lambda_runtime/runtime.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>

namespace {

using namespace lambda_runtime;
using writer = rapidjson::Writer<rapidjson::StringBuffer>;

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string str_member(const rapidjson::Value& v, const char* key) {
  auto it = v.FindMember(key);
  return it != v.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

invocation_response records(const rapidjson::Document& ev, const std::string& payload) {
  if (const std::string file = env("RECORD_FILE"); !file.empty()) {
    std::ofstream out(file, std::ios::app);
    out << payload << "\n";
  }
  rapidjson::StringBuffer buf;
  writer w(buf);
  w.StartObject();
  w.Key("batchItemFailures");
  w.StartArray();
  for (const auto& r : ev["Records"].GetArray()) {
    std::string text = str_member(r, "body");
    std::string id = str_member(r, "messageId");
    if (auto sns = r.FindMember("Sns"); sns != r.MemberEnd()) {
      text = str_member(sns->value, "Message");
      id = str_member(sns->value, "MessageId");
    }
    if (text.find("fail") != std::string::npos) {
      w.StartObject();
      w.Key("itemIdentifier");
      w.String(id.c_str());
      w.EndObject();
    }
  }
  w.EndArray();
  w.EndObject();
  return invocation_response::success(buf.GetString());
}

invocation_response context_report(const invocation_request& req) {
  rapidjson::StringBuffer buf;
  writer w(buf);
  auto kv = [&](const char* k, const std::string& v) {
    w.Key(k);
    w.String(v.c_str());
  };
  w.StartObject();
  kv("request_id", req.ctx.request_id);
  kv("invoked_function_arn", req.ctx.invoked_function_arn);
  kv("trace_id", req.ctx.trace_id);
  kv("client_context", req.ctx.client_context);
  kv("cognito_identity", req.ctx.cognito_identity);
  kv("tenant_id", req.ctx.tenant_id);
  w.Key("remaining_ms");
  w.Int64(req.ctx.remaining_time().count());
  w.Key("pid");
  w.Int(getpid());
  for (const char* name :
       {"_X_AMZN_TRACE_ID", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_REGION", "_HANDLER",
        "LAMBDA_TASK_ROOT", "AWS_LAMBDA_RUNTIME_API", "AWS_ACCESS_KEY_ID", "CUSTOM_SETTING"})
    kv(name, env(name));
  w.EndObject();
  return invocation_response::success(buf.GetString());
}

invocation_response barrier(const rapidjson::Document& ev) {
  namespace fs = std::filesystem;
  const std::string dir = str_member(ev, "dir");
  const int count = ev.HasMember("count") && ev["count"].IsInt() ? ev["count"].GetInt() : 2;
  const std::string me = std::to_string(getpid());
  std::ofstream(dir + "/joined-" + me).flush();
  bool met = false;
  for (int i = 0; i < 400 && !met; ++i) {  // up to 20 s
    int joined = 0;
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().filename().string().rfind("joined-", 0) == 0) ++joined;
    met = joined >= count;
    if (!met) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::ofstream(dir + "/done-" + me) << (met ? "met" : "alone");
  return invocation_response::success(std::string(R"({"barrier":")") + (met ? "met" : "alone") +
                                      R"("})");
}

invocation_response handle(const invocation_request& req) {
  rapidjson::Document ev;
  ev.Parse(req.payload.c_str());
  if (ev.HasParseError() || !ev.IsObject()) return invocation_response::success(req.payload);
  if (ev.HasMember("Records") && ev["Records"].IsArray()) return records(ev, req.payload);
  const std::string action = str_member(ev, "action");
  log::info("handling", {{"action", action}});
  if (action == "throw") throw std::runtime_error("boom from the handler");
  if (action == "error") return invocation_response::failure({"MyError", "it went wrong"});
  if (action == "big") return invocation_response::success(std::string(7 * 1024 * 1024, 'x'));
  if (action == "pid")
    return invocation_response::success(R"({"pid":)" + std::to_string(getpid()) + "}");
  if (action == "remaining")
    return invocation_response::success(R"({"remaining_ms":)" +
                                        std::to_string(req.ctx.remaining_time().count()) + "}");
  if (action == "sleep") {
    log::info("sleeping", {{"remaining_ms", std::to_string(req.ctx.remaining_time().count())}});
    std::this_thread::sleep_for(std::chrono::minutes(10));
  }
  if (action == "crash") _exit(3);
  if (action == "context") return context_report(req);
  if (action == "barrier") return barrier(ev);
  return invocation_response::success(req.payload);
}

}  // namespace

int main() {
  return lambda_runtime::run(init_fn([]() -> std::variant<handler_fn, error> {
    if (env("_HANDLER") == "initfail") return error{"ConfigMissing", "init failed on purpose"};
    return handler_fn(handle);
  }));
}
