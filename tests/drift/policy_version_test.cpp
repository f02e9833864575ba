#include "drift/policy_version.h"

#include <gtest/gtest.h>

using drift::compare_policy_versions;
using drift::policy_verdict;

TEST(DriftPolicyVersion, MajorAheadIsAConflict) {
  EXPECT_EQ(compare_policy_versions("v1.4.2", "v2.0.0").verdict, policy_verdict::conflict);
  EXPECT_EQ(compare_policy_versions("1.0", "3").verdict, policy_verdict::conflict);
  EXPECT_EQ(compare_policy_versions("v2.0.0", "v2.1.0").verdict, policy_verdict::compatible);
  EXPECT_EQ(compare_policy_versions("v2.1.0", "v2.0.9").verdict, policy_verdict::compatible);
  EXPECT_EQ(compare_policy_versions("V2", "v2.0.0").verdict, policy_verdict::compatible);
}

TEST(DriftPolicyVersion, MalformedOrRolledBackNeedsAHuman) {
  for (const char* bad : {"", "v", "latest", "v2.x", "2..1", "1.2.3.4", "-1.0", "v99999999999"}) {
    auto c = compare_policy_versions(bad, "v2.0.0");
    EXPECT_EQ(c.verdict, policy_verdict::manual_review) << bad;
    EXPECT_FALSE(c.reason.empty());
  }
  EXPECT_EQ(compare_policy_versions("v2.0.0", "garbage").verdict, policy_verdict::manual_review);
  EXPECT_EQ(compare_policy_versions("v3.0.0", "v2.0.0").verdict, policy_verdict::manual_review);
  EXPECT_EQ(drift::to_string(policy_verdict::conflict), "conflict");
}
