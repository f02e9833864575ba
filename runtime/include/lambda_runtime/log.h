// Structured logging: one JSON object per line (or tab-separated text), carrying the
// current request id; honours AWS_LAMBDA_LOG_FORMAT (JSON|Text) and AWS_LAMBDA_LOG_LEVEL.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace lambda_runtime::log {

enum class level { trace, debug, info, warn, error, fatal };

using field = std::pair<std::string_view, std::string_view>;

void write(level lvl, std::string_view message, std::initializer_list<field> fields = {});
inline void debug(std::string_view m, std::initializer_list<field> f = {}) {
  write(level::debug, m, f);
}
inline void info(std::string_view m, std::initializer_list<field> f = {}) {
  write(level::info, m, f);
}
inline void warn(std::string_view m, std::initializer_list<field> f = {}) {
  write(level::warn, m, f);
}
inline void error(std::string_view m, std::initializer_list<field> f = {}) {
  write(level::error, m, f);
}

// The request id stamped on every line; the loop sets it per invocation.
void set_request_id(std::string id);

}  // namespace lambda_runtime::log
