#include "core/time.h"

#include <charconv>
#include <cstdio>
#include <ctime>

namespace core::time {
namespace {

std::tm utc_fields(time_point t) {
  const std::time_t secs = clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return tm;
}

std::string format(time_point t, const char* fmt) {
  const std::tm tm = utc_fields(t);
  char buf[64];
  const std::size_t n = std::strftime(buf, sizeof buf, fmt, &tm);
  return std::string(buf, n);
}

bool digits(std::string_view s, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > s.size()) return false;
  for (std::size_t i = pos; i < pos + len; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  std::from_chars(s.data() + pos, s.data() + pos + len, out);
  return true;
}

std::optional<time_point> from_fields(int y, int mo, int d, int h, int mi, int sec) {
  // system_clock counts nanoseconds in 64 bits: it ends in 2262.
  if (y < 1970 || y >= 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
      sec > 60)
    return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  return clock::from_time_t(timegm(&tm));
}

}  // namespace

std::string iso8601(time_point t, precision p) {
  if (p == precision::seconds) return format(t, "%Y-%m-%dT%H:%M:%SZ");
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch());
  const auto whole = std::chrono::floor<std::chrono::seconds>(ms);
  char frac[8];
  std::snprintf(frac, sizeof frac, ".%03dZ", static_cast<int>((ms - whole).count()));
  return format(time_point(whole), "%Y-%m-%dT%H:%M:%S") + frac;
}

std::string iso8601_for_key(time_point t) { return format(t, "%Y-%m-%dT%H-%M-%SZ"); }
std::string iso8601_basic(time_point t) { return format(t, "%Y%m%dT%H%M%SZ"); }
std::string utc_day_path(time_point t) { return format(t, "%Y/%m/%d"); }

std::optional<time_point> parse_iso8601(std::string_view s) {
  int y, mo, d, h, mi, sec;
  if (s.size() < 20 || !digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      !digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' ||
      !digits(s, 17, 2, sec))
    return std::nullopt;
  std::size_t pos = 19;
  long long micros = 0;
  if (s[pos] == '.') {
    ++pos;
    int n = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (n < 6) micros = micros * 10 + (s[pos] - '0');
      ++n;
      ++pos;
    }
    if (n == 0) return std::nullopt;
    for (int k = n; k < 6; ++k) micros *= 10;
  }
  long offset = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh, om;
    const bool colon = pos + 3 < s.size() && s[pos + 3] == ':';
    if (!digits(s, pos + 1, 2, oh) || !digits(s, pos + (colon ? 4 : 3), 2, om) || oh > 23 ||
        om > 59)
      return std::nullopt;
    offset = (oh * 3600L + om * 60L) * (s[pos] == '-' ? -1 : 1);
    pos += colon ? 6 : 5;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  auto t = from_fields(y, mo, d, h, mi, sec);
  if (!t) return std::nullopt;
  return *t - std::chrono::seconds(offset) + std::chrono::microseconds(micros);
}

std::optional<time_point> parse_http_date(std::string_view s) {
  static constexpr std::string_view months = "JanFebMarAprMayJunJulAugSepOctNovDec";
  // "Sun, 06 Nov 1994 08:49:37 GMT"
  int d, y, h, mi, sec;
  if (s.size() != 29 || s[3] != ',' || s[4] != ' ' || !digits(s, 5, 2, d) || s[7] != ' ' ||
      s[11] != ' ' || !digits(s, 12, 4, y) || s[16] != ' ' || !digits(s, 17, 2, h) ||
      s[19] != ':' || !digits(s, 20, 2, mi) || s[22] != ':' || !digits(s, 23, 2, sec) ||
      s.substr(25) != " GMT")
    return std::nullopt;
  const std::size_t m = months.find(s.substr(8, 3));
  if (m == std::string_view::npos || m % 3 != 0) return std::nullopt;
  return from_fields(y, static_cast<int>(m / 3) + 1, d, h, mi, sec);
}

std::int64_t epoch_seconds(time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace core::time
