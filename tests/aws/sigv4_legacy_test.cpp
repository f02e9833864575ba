// The older SigV4 suite in botocore's layout (<case>/<case>.req, .creq, .sts, .authz, .sreq)
// with its fixed credentials, region, service and time.
#include <gtest/gtest.h>

#include "aws/sigv4.h"
#include "vector_files.h"

namespace fs = std::filesystem;

namespace {

TEST(SigV4Legacy, EveryCaseSignsAsExpected) {
  fs::path dir = vectors::suite_dir("SIGV4_LEGACY_TEST_SUITE_DIR", "sigv4-legacy");
  ASSERT_TRUE(fs::is_directory(dir)) << "legacy SigV4 suite not found at " << dir;
  const aws::credentials creds{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "", {}};
  aws::sigv4::params p;
  p.region = "us-east-1";
  p.service = "service";
  p.time = std::chrono::system_clock::from_time_t(1440938160);  // 20150830T123600Z
  int cases = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.path().extension() != ".req") continue;
    fs::path base = entry.path();
    base.replace_extension();
    SCOPED_TRACE(base.filename().string());
    ++cases;
    std::string text = vectors::slurp(entry.path());
    http::request req = vectors::parse_request(text);
    auto r = aws::sigv4::sign(req, creds, p);
    EXPECT_EQ(r.canonical_request, vectors::slurp(base.string() + ".creq"));
    EXPECT_EQ(r.string_to_sign, vectors::slurp(base.string() + ".sts"));
    EXPECT_EQ(r.authorization, vectors::slurp(base.string() + ".authz"));
    auto target = text.substr(0, text.find('\n'));
    target = target.substr(target.find(' ') + 1);
    target = target.substr(0, target.rfind(' '));
    EXPECT_EQ(vectors::request_meaning(vectors::serialise(req, target)),
              vectors::request_meaning(vectors::slurp(base.string() + ".sreq")));
  }
  EXPECT_GT(cases, 0) << "no case in " << dir;
  std::cout << cases << " legacy SigV4 cases checked from " << dir << "\n";
}

}  // namespace
