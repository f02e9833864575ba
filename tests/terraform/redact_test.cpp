#include "terraform/redact.h"

#include <gtest/gtest.h>

using terraform::attr_path;
using terraform::path_step;

namespace {

path_step attr(const char* n) { return {path_step::kind::attribute, n, 0}; }
path_step key(const char* n) { return {path_step::kind::key, n, 0}; }
path_step idx(std::int64_t i) { return {path_step::kind::index, {}, i}; }

}  // namespace

TEST(TerraformRedact, ReplacesEveryMarkedValue) {
  const std::string v =
      R"J({"password":"hunter2","tags":{"Owner":"alice","Team":"x"},"list":[{"s":"a"},{"s":"b"}]})J";
  const auto out = terraform::redact(
      v, {{attr("password")}, {attr("tags"), key("Owner")}, {attr("list"), idx(1), attr("s")}});
  EXPECT_EQ(out, R"J({"password":"(sensitive)","tags":{"Owner":"(sensitive)","Team":"x"},)J"
                 R"J("list":[{"s":"a"},{"s":"(sensitive)"}]})J");
}

TEST(TerraformRedact, WholeValueMissingPathsAndGarbage) {
  EXPECT_EQ(terraform::redact(R"J({"a":1})J", {attr_path{}}), R"J("(sensitive)")J");
  EXPECT_EQ(terraform::redact(R"J({"a":1})J", {{attr("b")}}), R"J({"a":1})J");
  EXPECT_EQ(terraform::redact(R"J({"a":null})J", {{attr("a")}}), R"J({"a":null})J");
  EXPECT_EQ(terraform::redact("not json", {{attr("a")}}), R"J("(sensitive)")J");
  EXPECT_EQ(terraform::redact(R"J("plain")J", {}), R"J("plain")J");
}

TEST(TerraformRedact, PathsUnderAnAttribute) {
  const std::vector<attr_path> paths{{attr("tags"), key("Owner")}, {attr("password")}};
  auto under = terraform::paths_under(paths, "tags");
  ASSERT_EQ(under.size(), 1u);
  EXPECT_EQ(terraform::to_string(under[0]), R"J(["Owner"])J");
  under = terraform::paths_under(paths, "password");
  ASSERT_EQ(under.size(), 1u);
  EXPECT_TRUE(under[0].empty());
  EXPECT_TRUE(terraform::paths_under(paths, "other").empty());
}

TEST(TerraformRedact, CopiesOfASensitiveValueAreRedactedToo) {
  const std::string v = R"J({"tags":{"Owner":"alice"},"tags_all":{"Owner":"alice","T":"x"}})J";
  const std::vector<attr_path> paths{{attr("tags"), key("Owner")}};
  const auto secrets = terraform::sensitive_strings(v, paths);
  EXPECT_EQ(secrets, std::vector<std::string>{"alice"});
  EXPECT_EQ(terraform::redact(v, paths, secrets),
            R"J({"tags":{"Owner":"(sensitive)"},"tags_all":{"Owner":"(sensitive)","T":"x"}})J");
}
