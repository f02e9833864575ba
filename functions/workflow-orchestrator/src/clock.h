// UTC timestamps as the tables store them (ISO 8601, lexicographically ordered) and epochs.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace orchestrator {

using time_point = std::chrono::system_clock::time_point;

// 2025-12-05T10:30:00Z, or with milliseconds 2025-12-05T10:30:00.123Z.
std::string iso8601(time_point t, bool millis = false);
// Accepts Z or +00:00 and optional fractional seconds, years 1970..2199; nullopt for
// anything else.
std::optional<time_point> parse_iso8601(std::string_view s);
std::int64_t epoch_seconds(time_point t);

}  // namespace orchestrator
