// File access for the reader tests: the shared vectors and our captured fixtures.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace terraform_test {

inline std::filesystem::path vectors_dir() {
  if (const char* d = std::getenv("TERRAFORM_VECTORS_DIR"); d && *d) return d;
  const char* shared = std::getenv("DRIFT_SHARED_DIR");
  return std::filesystem::path(shared ? shared : "../shared") / "vectors" / "terraform";
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

}  // namespace terraform_test
