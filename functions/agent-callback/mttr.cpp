#include "mttr.h"

#include <cctype>
#include <cmath>
#include <ctime>

namespace callback {
namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<clock::time_point> parse_timestamp(std::string_view s) {
  int y, mo, d, h, mi, sec;
  if (!digits(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      !digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' ||
      !digits(s, 17, 2, sec))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  std::size_t pos = 19;
  double fraction = 0;
  if (pos < s.size() && s[pos] == '.') {
    double scale = 0.1;
    ++pos;
    const std::size_t start = pos;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
      fraction += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  long offset_seconds = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh, om;
    const bool colon = pos + 3 < s.size() && s[pos + 3] == ':';
    if (!digits(s, pos + 1, 2, oh) || !digits(s, pos + (colon ? 4 : 3), 2, om)) return std::nullopt;
    offset_seconds = (oh * 3600L + om * 60L) * (s[pos] == '-' ? -1 : 1);
    pos += colon ? 6 : 5;
  } else {
    return std::nullopt;  // no zone: ambiguous, and the history only holds UTC
  }
  if (pos != s.size()) return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  const std::time_t t = ::timegm(&tm) - offset_seconds;
  return clock::from_time_t(t) +
         std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(fraction));
}

std::string_view to_string(mttr_source s) {
  switch (s) {
    case mttr_source::computed:
      return "computed";
    case mttr_source::given:
      return "given";
    case mttr_source::replaced:
      return "replaced";
    case mttr_source::unknown:
      return "unknown";
  }
  return "unknown";
}

mttr_decision decide_mttr(std::optional<double> given, std::optional<clock::time_point> detected,
                          clock::time_point completed, double tolerance_seconds) {
  mttr_decision out;
  if (detected) {
    const double secs = std::chrono::duration<double>(completed - *detected).count();
    // A clock a little behind the detector's must not give a negative recovery time.
    out.computed = std::max(0.0, std::round(secs));
  }
  if (!out.computed) {
    out.seconds = given;
    out.source = given ? mttr_source::given : mttr_source::unknown;
    return out;
  }
  if (!given) {
    out.seconds = out.computed;
    out.source = mttr_source::computed;
  } else if (std::fabs(*given - *out.computed) <= tolerance_seconds) {
    out.seconds = given;
    out.source = mttr_source::given;
  } else {
    out.seconds = out.computed;
    out.source = mttr_source::replaced;
  }
  return out;
}

}  // namespace callback
