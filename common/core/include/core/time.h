// UTC time as our tables, reports and logs write it: ISO 8601 with a `Z`, which sorts as text.
// The one format/parse pair of the code base.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace core::time {

using clock = std::chrono::system_clock;
using time_point = clock::time_point;

enum class precision { seconds, millis };

// 2025-12-05T10:30:00Z, or 2025-12-05T10:30:00.123Z with millis.
std::string iso8601(time_point t, precision p = precision::seconds);
// 2025-12-05T10-30-00Z: the same instant, safe in a file name or S3 key.
std::string iso8601_for_key(time_point t);
// 20251205T103000Z: SigV4's X-Amz-Date.
std::string iso8601_basic(time_point t);
// 2025/12/05: a log-stream day.
std::string utc_day_path(time_point t);

// Accepts `T`, `t` or a space between date and time, optional fractional seconds (kept to the
// microsecond), and a zone of Z, +hh:mm, +hhmm or their negatives; years 1970..2199. A time
// without a zone is refused: it would be ambiguous, and we only store UTC.
std::optional<time_point> parse_iso8601(std::string_view s);
// RFC 7231's IMF-fixdate, as servers send in `Date`: "Sun, 06 Nov 1994 08:49:37 GMT".
std::optional<time_point> parse_http_date(std::string_view s);

std::int64_t epoch_seconds(time_point t);

}  // namespace core::time
