// The token is fetched once per container and kept; failures are not kept.
#include "github/token_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace {

TEST(GithubTokenCache, FetchesOnceAndKeepsTheToken) {
  int fetches = 0;
  github::token_cache cache([&]() -> core::result<std::string> {
    ++fetches;
    return std::string("ghp_first");
  });
  for (int i = 0; i < 5; ++i) {
    auto t = cache.get();
    ASSERT_TRUE(t);
    EXPECT_EQ(t.value(), "ghp_first");
  }
  EXPECT_EQ(fetches, 1);
}

TEST(GithubTokenCache, ConcurrentFirstUseFetchesOnce) {
  std::atomic<int> fetches{0};
  github::token_cache cache([&]() -> core::result<std::string> {
    ++fetches;
    return std::string("ghp_x");
  });
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) threads.emplace_back([&] { EXPECT_TRUE(cache.get()); });
  for (auto& t : threads) t.join();
  EXPECT_EQ(fetches.load(), 1);
}

TEST(GithubTokenCache, FailedFetchIsRetriedNextTime) {
  int fetches = 0;
  github::token_cache cache([&]() -> core::result<std::string> {
    if (++fetches == 1) return core::error{"ThrottlingException", "try later"};
    return std::string("ghp_second");
  });
  auto first = cache.get();
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().code, "ThrottlingException");
  auto second = cache.get();
  ASSERT_TRUE(second);
  EXPECT_EQ(second.value(), "ghp_second");
  EXPECT_EQ(fetches, 2);
}

TEST(GithubTokenCache, EmptyTokenIsAnError) {
  github::token_cache cache([]() -> core::result<std::string> { return std::string(); });
  EXPECT_FALSE(cache.get());
}

TEST(GithubTokenCache, InvalidateReadsARotatedToken) {
  int fetches = 0;
  github::token_cache cache([&]() -> core::result<std::string> {
    return std::string(++fetches == 1 ? "ghp_old" : "ghp_rotated");
  });
  EXPECT_EQ(cache.get().value(), "ghp_old");
  cache.invalidate();
  EXPECT_EQ(cache.get().value(), "ghp_rotated");
  EXPECT_EQ(cache.get().value(), "ghp_rotated");
  EXPECT_EQ(fetches, 2);
}

}  // namespace
