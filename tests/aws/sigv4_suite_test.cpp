// Every case of the AWS SigV4 test suite (aws-c-auth layout), each signed as its own
// context.json says. Fails when the suite folder is missing or holds no case.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <chrono>
#include <ctime>

#include "aws/sigv4.h"
#include "vector_files.h"

namespace fs = std::filesystem;

namespace {

std::chrono::system_clock::time_point parse_iso(const std::string& s) {
  std::tm tm{};
  strptime(s.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

std::string target_of(const std::string& request_text) {
  auto line = request_text.substr(0, request_text.find('\n'));
  auto sp1 = line.find(' ');
  return line.substr(sp1 + 1, line.rfind(' ') - sp1 - 1);
}

// "METHOD /path?b&a HTTP/1.1" -> "METHOD /path?a&b HTTP/1.1": parameter order is not meaning.
std::string sorted_request_line(std::string text) {
  auto eol = text.find('\n');
  std::string line = text.substr(0, eol);
  auto q = line.find('?');
  if (q == std::string::npos) return text;
  auto sp = line.rfind(' ');
  std::string query = line.substr(q + 1, sp - q - 1);
  std::vector<std::string> parts;
  for (size_t i = 0; i <= query.size();) {
    auto amp = query.find('&', i);
    if (amp == std::string::npos) amp = query.size();
    parts.push_back(query.substr(i, amp - i));
    i = amp + 1;
  }
  std::sort(parts.begin(), parts.end());
  std::string joined;
  for (auto& x : parts) joined += (joined.empty() ? "" : "&") + x;
  return line.substr(0, q + 1) + joined + line.substr(sp) + text.substr(eol);
}

TEST(SigV4Suite, EveryCaseSignsAsExpected) {
  fs::path dir = vectors::suite_dir("SIGV4_TEST_SUITE_DIR", "sigv4");
  ASSERT_TRUE(fs::is_directory(dir)) << "SigV4 suite not found at " << dir;
  int cases = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.path().filename() != "context.json") continue;
    fs::path c = entry.path().parent_path();
    SCOPED_TRACE(c.filename().string());
    ++cases;
    rapidjson::Document ctx;
    ctx.Parse(vectors::slurp(c / "context.json").c_str());
    ASSERT_FALSE(ctx.HasParseError());
    aws::credentials creds;
    const auto& cj = ctx["credentials"];
    creds.access_key_id = cj["access_key_id"].GetString();
    creds.secret_access_key = cj["secret_access_key"].GetString();
    if (cj.HasMember("token")) creds.session_token = cj["token"].GetString();
    aws::sigv4::params p;
    p.region = ctx["region"].GetString();
    p.service = ctx["service"].GetString();
    p.time = parse_iso(ctx["timestamp"].GetString());
    p.normalize_path = !ctx.HasMember("normalize") || ctx["normalize"].GetBool();
    p.add_content_sha256 = ctx.HasMember("sign_body") && ctx["sign_body"].GetBool();
    p.omit_session_token =
        ctx.HasMember("omit_session_token") && ctx["omit_session_token"].GetBool();

    std::string text = vectors::slurp(c / "request.txt");
    http::request req = vectors::parse_request(text);
    auto r = aws::sigv4::sign(req, creds, p);
    EXPECT_EQ(r.canonical_request, vectors::slurp(c / "header-canonical-request.txt"));
    EXPECT_EQ(r.string_to_sign, vectors::slurp(c / "header-string-to-sign.txt"));
    EXPECT_EQ(r.signature, vectors::slurp(c / "header-signature.txt"));
    EXPECT_EQ(vectors::request_meaning(vectors::serialise(req, target_of(text))),
              vectors::request_meaning(vectors::slurp(c / "header-signed-request.txt")));

    // The presigned (query-string) form of the same request, when the case has one.
    if (!fs::exists(c / "query-signature.txt")) continue;
    http::request qreq = vectors::parse_request(text);
    auto expires = std::chrono::seconds(ctx["expiration_in_seconds"].GetInt());
    auto q = aws::sigv4::presign(qreq, creds, p, expires);
    EXPECT_EQ(q.canonical_request, vectors::slurp(c / "query-canonical-request.txt"));
    EXPECT_EQ(q.string_to_sign, vectors::slurp(c / "query-string-to-sign.txt"));
    EXPECT_EQ(q.signature, vectors::slurp(c / "query-signature.txt"));
    std::string target = qreq.url.substr(qreq.url.find('/', 8));
    EXPECT_EQ(sorted_request_line(vectors::request_meaning(vectors::serialise(qreq, target))),
              sorted_request_line(
                  vectors::request_meaning(vectors::slurp(c / "query-signed-request.txt"))));
  }
  EXPECT_GT(cases, 0) << "no case in " << dir;
  std::cout << cases << " SigV4 cases checked from " << dir << "\n";
}

TEST(SigV4, SessionTokenIsSignedAndS3StyleSendsContentHash) {
  aws::credentials creds{"AKID", "SECRET", "TOKEN", std::nullopt};
  aws::sigv4::params p;
  p.region = "us-east-1";
  p.service = "s3";
  p.normalize_path = false;
  p.double_encode_path = false;
  p.add_content_sha256 = true;
  p.unsigned_payload = true;
  http::request req{"PUT", "https://b.s3.amazonaws.com/a//b%20c", {}, "data"};
  auto r = aws::sigv4::sign(req, creds, p);
  EXPECT_EQ(*http::find_header(req.headers, "x-amz-content-sha256"), "UNSIGNED-PAYLOAD");
  EXPECT_EQ(*http::find_header(req.headers, "x-amz-security-token"), "TOKEN");
  EXPECT_NE(r.canonical_request.find("\n/a//b%20c\n"), std::string::npos);
  EXPECT_NE(r.authorization.find("x-amz-security-token"), std::string::npos);
  EXPECT_EQ(r.authorization.find("SECRET"), std::string::npos);
}

}  // namespace
