// Test data locations for the drift domain tests.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace drift_test {

inline std::filesystem::path shared_dir() {
  const char* d = std::getenv("DRIFT_SHARED_DIR");
  return d ? d : "../shared";
}

inline std::filesystem::path fixtures_dir() {
  const char* d = std::getenv("TERRAFORM_FIXTURES_DIR");
  return d ? d : "tests/terraform/fixtures";
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open " << p;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace drift_test
