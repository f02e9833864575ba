#include "lambda_runtime/log.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>

namespace lambda_runtime::log {
namespace {

// The request id of the invocation this thread is handling (set by the loop).
thread_local std::string current_request_id;

level threshold() {
  static const level value = [] {
    const char* env = std::getenv("AWS_LAMBDA_LOG_LEVEL");
    if (!env) return level::info;
    std::string s(env);
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (s == "TRACE") return level::trace;
    if (s == "DEBUG") return level::debug;
    if (s == "WARN") return level::warn;
    if (s == "ERROR") return level::error;
    if (s == "FATAL") return level::fatal;
    return level::info;
  }();
  return value;
}

bool text_format() {
  static const bool value = [] {
    const char* env = std::getenv("AWS_LAMBDA_LOG_FORMAT");
    return env && (std::strcmp(env, "Text") == 0 || std::strcmp(env, "TEXT") == 0 ||
                   std::strcmp(env, "text") == 0);
  }();
  return value;
}

const char* name(level lvl) {
  switch (lvl) {
    case level::trace:
      return "TRACE";
    case level::debug:
      return "DEBUG";
    case level::info:
      return "INFO";
    case level::warn:
      return "WARN";
    case level::error:
      return "ERROR";
    case level::fatal:
      return "FATAL";
  }
  return "INFO";
}

std::string timestamp() {
  auto now = std::chrono::system_clock::now();
  auto secs = std::chrono::system_clock::to_time_t(now);
  auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

}  // namespace

void set_request_id(std::string id) { current_request_id = std::move(id); }

void write(level lvl, std::string_view message, std::initializer_list<field> fields) {
  if (lvl < threshold()) return;
  std::string line;
  if (text_format()) {
    line = timestamp() + '\t' + name(lvl) + '\t' + current_request_id + '\t' + std::string(message);
    for (const auto& [k, v] : fields) line += ' ' + std::string(k) + '=' + std::string(v);
  } else {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    w.StartObject();
    w.Key("timestamp");
    w.String(timestamp().c_str());
    w.Key("level");
    w.String(name(lvl));
    w.Key("requestId");
    w.String(current_request_id.c_str(),
             static_cast<rapidjson::SizeType>(current_request_id.size()));
    w.Key("message");
    w.String(message.data(), static_cast<rapidjson::SizeType>(message.size()));
    for (const auto& [k, v] : fields) {
      w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
      w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
    }
    w.EndObject();
    line.assign(buf.GetString(), buf.GetSize());
  }
  line += '\n';
  // One write per line keeps lines whole when several threads log.
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace lambda_runtime::log
