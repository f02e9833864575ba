#include "aws_function_config.h"

#include "aws/lambda.h"
#include "aws/session.h"

namespace harness {
namespace {

std::string string_at(const rapidjson::Value& obj, const char* key) {
  auto it = obj.FindMember(key);
  return it != obj.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

}  // namespace

core::result<core::unit> apply_aws_function_config(function_config& fn, const std::string& name) {
  auto session = aws::session::from_environment();
  auto got = aws::lambda::get_function_configuration(*session, name);
  if (!got) return core::error{got.error().code, got.error().describe()};
  const rapidjson::Document& doc = got.value();
  if (!doc.IsObject()) return core::error{"BadResponse", "GetFunctionConfiguration: not an object"};

  if (auto env = doc.FindMember("Environment"); env != doc.MemberEnd() && env->value.IsObject()) {
    if (auto vars = env->value.FindMember("Variables");
        vars != env->value.MemberEnd() && vars->value.IsObject()) {
      for (auto& v : vars->value.GetObject())
        if (v.value.IsString()) fn.env.emplace(v.name.GetString(), v.value.GetString());
    }
  }
  if (auto t = doc.FindMember("Timeout"); t != doc.MemberEnd() && t->value.IsInt())
    fn.timeout_seconds = t->value.GetInt();
  if (auto m = doc.FindMember("MemorySize"); m != doc.MemberEnd() && m->value.IsInt())
    fn.memory_mb = m->value.GetInt();
  if (auto h = string_at(doc, "Handler"); !h.empty()) fn.handler = h;
  if (auto arn = string_at(doc, "FunctionArn"); !arn.empty()) fn.function_arn = arn;
  if (auto lc = doc.FindMember("LoggingConfig"); lc != doc.MemberEnd() && lc->value.IsObject()) {
    fn.log_format = string_at(lc->value, "LogFormat");
    // Lambda passes the application level only with the JSON format.
    if (fn.log_format == "JSON") fn.log_level = string_at(lc->value, "ApplicationLogLevel");
  }
  return core::unit{};
}

}  // namespace harness
