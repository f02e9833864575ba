#include "config.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/env.h"
#include "core/json.h"

namespace harness {
namespace {

namespace fs = std::filesystem;
using rapidjson::Value;

core::error invalid(std::string message) { return {"InvalidConfig", std::move(message)}; }

std::string resolve(const std::string& base_dir, const std::string& path) {
  if (path.empty() || fs::path(path).is_absolute()) return path;
  return (fs::path(base_dir) / path).lexically_normal().string();
}

// Reads an optional member; a present member of the wrong type is an error.
bool read_string(const Value& obj, const char* key, std::string& out, std::string& err) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || it->value.IsNull()) return true;
  if (!it->value.IsString()) {
    err = std::string("\"") + key + "\" must be a string";
    return false;
  }
  out = it->value.GetString();
  return true;
}

bool read_int(const Value& obj, const char* key, int& out, std::string& err) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || it->value.IsNull()) return true;
  if (!it->value.IsInt()) {
    err = std::string("\"") + key + "\" must be an integer";
    return false;
  }
  out = it->value.GetInt();
  return true;
}

bool read_bool(const Value& obj, const char* key, bool& out, std::string& err) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || it->value.IsNull()) return true;
  if (!it->value.IsBool()) {
    err = std::string("\"") + key + "\" must be true or false";
    return false;
  }
  out = it->value.GetBool();
  return true;
}

bool read_function(const Value& v, const std::string& base_dir, function_config& f,
                   std::string& err) {
  if (!v.IsObject()) {
    err = "each of \"functions\" must be an object";
    return false;
  }
  if (!read_string(v, "name", f.name, err) || !read_string(v, "zip", f.zip, err) ||
      !read_string(v, "bootstrap", f.bootstrap, err) ||
      !read_string(v, "handler", f.handler, err) ||
      !read_int(v, "timeout", f.timeout_seconds, err) || !read_int(v, "memory", f.memory_mb, err) ||
      !read_int(v, "concurrency", f.concurrency, err) ||
      !read_string(v, "log_format", f.log_format, err) ||
      !read_string(v, "log_level", f.log_level, err))
    return false;
  f.zip = resolve(base_dir, f.zip);
  f.bootstrap = resolve(base_dir, f.bootstrap);
  if (auto it = v.FindMember("env"); it != v.MemberEnd()) {
    if (!it->value.IsObject()) {
      err = "\"env\" of function \"" + f.name + "\" must be an object";
      return false;
    }
    for (auto& m : it->value.GetObject()) {
      if (!m.value.IsString()) {
        err = "env value \"" + std::string(m.name.GetString()) + "\" must be a string";
        return false;
      }
      f.env[m.name.GetString()] = m.value.GetString();
    }
  }
  if (auto it = v.FindMember("from_aws"); it != v.MemberEnd()) {
    if (it->value.IsString()) {
      f.from_aws = it->value.GetString();
    } else if (it->value.IsBool()) {
      if (it->value.GetBool()) f.from_aws = f.name;
    } else {
      err = "\"from_aws\" must be true or a function name";
      return false;
    }
  }
  return true;
}

bool read_pump(const Value& v, pump_config& p, std::string& err) {
  if (!v.IsObject()) {
    err = "each of \"sqs_pumps\" must be an object";
    return false;
  }
  return read_string(v, "queue_url", p.queue_url, err) &&
         read_string(v, "function", p.function, err) &&
         read_int(v, "batch_size", p.batch_size, err) && read_bool(v, "sns", p.sns, err) &&
         read_int(v, "wait_seconds", p.wait_seconds, err) &&
         read_bool(v, "report_batch_item_failures", p.report_batch_item_failures, err);
}

// The service's scalars (paths relative to the file's folder) and pass_env.
bool read_service(const rapidjson::Value& root, const std::string& base_dir, config& cfg,
                  std::string& err) {
  const bool ok = read_string(root, "host", cfg.host, err) &&
                  read_int(root, "port", cfg.port, err) &&
                  read_string(root, "port_file", cfg.port_file, err) &&
                  read_string(root, "region", cfg.region, err) &&
                  read_string(root, "account_id", cfg.account_id, err) &&
                  read_string(root, "log_file", cfg.log_file, err);
  if (!ok) return false;
  cfg.port_file = resolve(base_dir, cfg.port_file);
  cfg.log_file = resolve(base_dir, cfg.log_file);
  auto it = root.FindMember("pass_env");
  if (it == root.MemberEnd()) return true;
  if (!it->value.IsArray()) {
    err = "\"pass_env\" must be a list of names";
    return false;
  }
  for (const auto& n : it->value.GetArray())
    if (n.IsString()) cfg.pass_env.emplace_back(n.GetString());
  return true;
}

// Each element of the list `name` (absent: none), read by `read_one` and appended to `out`.
template <typename T, typename Read>
bool read_list(const rapidjson::Value& root, const char* name, std::vector<T>& out,
               std::string& err, Read read_one) {
  auto it = root.FindMember(name);
  if (it == root.MemberEnd()) return true;
  if (!it->value.IsArray()) {
    err = "\"" + std::string(name) + "\" must be a list";
    return false;
  }
  for (const auto& v : it->value.GetArray()) {
    T item;
    if (!read_one(v, item, err)) return false;
    out.push_back(std::move(item));
  }
  return true;
}

}  // namespace

core::result<core::unit> load_config_file(const std::string& path, config& cfg) {
  std::ifstream in(path);
  if (!in) return invalid("cannot read config file " + path);
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = core::json::parse(text.str());
  if (!parsed) return invalid(path + ": not JSON (" + parsed.error().message + ")");
  if (!parsed->IsObject()) return invalid(path + ": the top level must be an object");
  const rapidjson::Value& root = *parsed;  // const iterators: C++20-unambiguous comparisons
  const std::string base_dir = fs::absolute(path).parent_path().string();
  std::string err;
  const bool ok = read_service(root, base_dir, cfg, err) &&
                  read_list(root, "functions", cfg.functions, err,
                            [&](const rapidjson::Value& v, function_config& f, std::string& e) {
                              return read_function(v, base_dir, f, e);
                            }) &&
                  read_list(root, "sqs_pumps", cfg.pumps, err, read_pump);
  if (!ok) return invalid(path + ": " + err);
  return core::unit{};
}

const function_config* find_function(const config& cfg, const std::string& name) {
  for (const auto& f : cfg.functions)
    if (f.name == name) return &f;
  return nullptr;
}

core::result<core::unit> finalise(config& cfg) {
  if (cfg.region.empty()) {
    cfg.region =
        core::env::get_or("AWS_REGION", core::env::get_or("AWS_DEFAULT_REGION", "us-east-1"));
  }
  if (cfg.functions.empty())
    return invalid("no function configured (--zip, --bootstrap or --config)");
  std::set<std::string> names;
  for (auto& f : cfg.functions) {
    if (f.name.empty()) return invalid("a function has no name");
    if (!names.insert(f.name).second)
      return invalid("function \"" + f.name + "\" is defined twice");
    if (f.zip.empty() == f.bootstrap.empty())
      return invalid("function \"" + f.name + "\" needs exactly one of zip or bootstrap");
    if (f.timeout_seconds < 1 || f.timeout_seconds > 900)
      return invalid("function \"" + f.name + "\": timeout must be 1..900 seconds");
    if (f.memory_mb < 128 || f.memory_mb > 10240)
      return invalid("function \"" + f.name + "\": memory must be 128..10240 MB");
    if (f.concurrency < 1) return invalid("function \"" + f.name + "\": concurrency must be >= 1");
    if (f.function_arn.empty())
      f.function_arn =
          "arn:aws:lambda:" + cfg.region + ":" + cfg.account_id + ":function:" + f.name;
  }
  for (auto& p : cfg.pumps) {
    if (p.queue_url.empty()) return invalid("an SQS pump has no queue_url");
    if (p.function.empty()) return invalid("pump of " + p.queue_url + " names no function");
    if (!find_function(cfg, p.function))
      return invalid("pump of " + p.queue_url + ": unknown function \"" + p.function + "\"");
    if (p.batch_size < 1 || p.batch_size > 10)
      return invalid("pump of " + p.queue_url + ": batch_size must be 1..10");
    if (p.wait_seconds < 0 || p.wait_seconds > 20)
      return invalid("pump of " + p.queue_url + ": wait_seconds must be 0..20");
  }
  return core::unit{};
}

}  // namespace harness
