#include <gtest/gtest.h>
#include <stdlib.h>

#include "core/env.h"
#include "core/time.h"

namespace t = core::time;
using namespace std::chrono_literals;

namespace {
t::time_point at(long long epoch_ms) { return t::time_point(std::chrono::milliseconds(epoch_ms)); }
}  // namespace

TEST(Time, FormatsEveryShapeWeWrite) {
  const auto when = at(1764930600123);  // 2025-12-05T10:30:00.123Z
  EXPECT_EQ(t::iso8601(when), "2025-12-05T10:30:00Z");
  EXPECT_EQ(t::iso8601(when, t::precision::millis), "2025-12-05T10:30:00.123Z");
  EXPECT_EQ(t::iso8601_for_key(when), "2025-12-05T10-30-00Z");
  EXPECT_EQ(t::iso8601_basic(when), "20251205T103000Z");
  EXPECT_EQ(t::utc_day_path(when), "2025/12/05");
  EXPECT_EQ(t::epoch_seconds(when), 1764930600);
}

TEST(Time, ParsesWhatItFormatsAndWhatOthersSend) {
  const auto when = at(1764930600123);
  EXPECT_EQ(t::parse_iso8601(t::iso8601(when, t::precision::millis)), when);
  EXPECT_EQ(t::parse_iso8601("2025-12-05T10:30:00Z"), at(1764930600000));
  EXPECT_EQ(t::parse_iso8601("2025-12-05 10:30:00+00:00"), at(1764930600000));
  EXPECT_EQ(t::parse_iso8601("2025-12-05T12:30:00+02:00"), at(1764930600000));
  EXPECT_EQ(t::parse_iso8601("2025-12-05T05:00:00-0530"), at(1764930600000));
  EXPECT_EQ(t::parse_iso8601("2025-12-05T10:30:00.123456789Z"),
            at(1764930600000) + std::chrono::microseconds(123456));
}

TEST(Time, RefusesAmbiguousOrBrokenTimes) {
  for (const char* bad :
       {"", "2025-12-05T10:30:00", "2025-12-05T10:30:00ZZ", "2025-13-05T10:30:00Z",
        "2025-12-05T24:00:00Z", "1969-12-31T23:59:59Z", "2300-01-01T00:00:00Z",
        "2025-12-05T10:30:00.Z", "2025-12-05T10:30:00+2:00", "2025-1a-05T10:30:00Z",
        "+025-12-05T10:30:00Z"})
    EXPECT_FALSE(t::parse_iso8601(bad).has_value()) << bad;
}

TEST(Time, ParsesHttpDates) {
  EXPECT_EQ(t::parse_http_date("Fri, 05 Dec 2025 10:30:00 GMT"), at(1764930600000));
  EXPECT_FALSE(t::parse_http_date("Fri, 05 Dex 2025 10:30:00 GMT").has_value());
  EXPECT_FALSE(t::parse_http_date("Fri, 05 Dec 2025 10:30:00 UTC").has_value());
  EXPECT_FALSE(t::parse_http_date("2025-12-05T10:30:00Z").has_value());
}

TEST(Env, EmptyCountsAsUnset) {
  setenv("CORE_ENV_TEST_EMPTY", "", 1);
  setenv("CORE_ENV_TEST_SET", "value", 1);
  EXPECT_FALSE(core::env::get("CORE_ENV_TEST_EMPTY").has_value());
  EXPECT_EQ(core::env::get_or("CORE_ENV_TEST_EMPTY", "fallback"), "fallback");
  EXPECT_EQ(core::env::get_or("CORE_ENV_TEST_SET", "fallback"), "value");
  const auto all = core::env::process_environment();
  EXPECT_EQ(core::env::get_or(all, "CORE_ENV_TEST_SET", ""), "value");
}

TEST(Env, NumbersAreCheckedAgainstTheirRange) {
  const core::env::map env{{"N", "42"}, {"BAD", "4x"}, {"BIG", "1000"}};
  EXPECT_EQ(core::env::number(env, "N", 1, 100, 7).value(), 42);
  EXPECT_EQ(core::env::number(env, "UNSET", 1, 100, 7).value(), 7);
  const auto bad = core::env::number(env, "BAD", 1, 100, 7);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "BAD must be a whole number from 1 to 100");
  EXPECT_FALSE(core::env::number(env, "BIG", 1, 100, 7).ok());
  EXPECT_TRUE(core::env::truthy("yes"));
  EXPECT_FALSE(core::env::truthy("no"));
}
