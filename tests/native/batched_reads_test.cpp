// Repositories read in one DescribeRepositories per batch, against moto: ECR fails the whole call
// when one name is gone, so the batch is asked name by name and the gone one is reported
// deleted while the rest are still compared.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "aws/ecr.h"
#include "aws/json_protocol.h"
#include "moto_session.h"
#include "native_engine.h"
#include "terraform/state.h"

namespace {

std::string repository_state(const std::vector<std::string>& names) {
  std::string resources;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) resources += ",";
    resources +=
        R"({"mode":"managed","type":"aws_ecr_repository","name":"r)" + std::to_string(i) +
        R"(","provider":"provider[\"registry.terraform.io/hashicorp/aws\"]","instances":[{"schema_version":0,"attributes":{"id":")" +
        names[i] + R"(","name":")" + names[i] + R"(","image_tag_mutability":"MUTABLE"}}]})";
  }
  return R"({"version":4,"terraform_version":"1.11.0","serial":1,"lineage":"batched","outputs":{},"resources":[)" +
         resources + "]}";
}

struct scanned {
  std::set<std::string> deleted;
  int resources = 0;
  int calls = 0;
  size_t not_checked = 0;
};

scanned scan(const std::string& state_json) {
  auto st = terraform::parse_state(state_json);
  EXPECT_TRUE(st.ok());
  scanner::target t;
  t.name = "batched";
  t.region = "us-east-1";
  scanner::workspace_scan ws;
  ws.tgt = &t;
  ws.workspace = "default";
  ws.state = &*st;
  ws.cloud = aws_test::moto_session();
  scanner::native::engine_options o;
  o.find_unmanaged = false;
  scanner::native::native_engine engine(o);
  auto f = engine.scan(ws);
  scanned out;
  for (const auto& d : f.drifts)
    if (d.change == drift::change_kind::deleted) out.deleted.insert(d.address);
  out.resources = f.resources_scanned;
  out.calls = engine.last_calls();
  out.not_checked = f.not_checked.size();
  return out;
}

TEST(BatchedReads, RepositoriesInOneCallAndAGoneOneFoundByName) {
  auto s = aws_test::moto_session();
  std::vector<std::string> names;
  for (int i = 0; i < 3; ++i) {
    auto n = aws_test::unique("batched");
    for (auto& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto made = aws::json_call(*s, aws::services::ecr, "CreateRepository",
                               R"({"repositoryName":")" + n + R"("})");
    ASSERT_TRUE(made.ok()) << made.error().describe();
    names.push_back(n);
  }
  // All there: one DescribeRepositories for the three, then their tags.
  auto all = scan(repository_state(names));
  EXPECT_EQ(all.resources, 3);
  EXPECT_TRUE(all.deleted.empty());
  EXPECT_EQ(all.not_checked, 0u);
  EXPECT_EQ(all.calls, 1 + 3);

  // One deleted in the console: the batch call fails, each name is asked alone.
  names.push_back(names[1] + "-deleted");
  auto one_gone = scan(repository_state(names));
  EXPECT_EQ(one_gone.resources, 4);
  EXPECT_EQ(one_gone.deleted, std::set<std::string>{"aws_ecr_repository.r3"});
  EXPECT_EQ(one_gone.not_checked, 0u);
  EXPECT_EQ(one_gone.calls, 1 + 4 + 3);
}

}  // namespace
