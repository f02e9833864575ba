// Reading the process environment the way Lambda sets it: an empty variable counts as unset.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace core::env {

using map = std::map<std::string, std::string, std::less<>>;

// Every variable of this process (configs take a map so that tests can pass their own).
map process_environment();

std::optional<std::string> get(const char* name);
std::string get_or(const char* name, std::string fallback);
std::string get_or(const map& env, std::string_view name, std::string fallback);

// true, TRUE, True, 1, yes, on.
bool truthy(std::string_view v);

// A whole number in [min, max]; `fallback` when unset; an error naming the variable and the
// range otherwise.
core::result<long long> number(const map& env, std::string_view name, long long min, long long max,
                               long long fallback);

}  // namespace core::env
