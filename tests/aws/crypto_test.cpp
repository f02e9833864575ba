// The encodings and digests of aws/crypto.h against their standards' own test vectors.
#include "aws/crypto.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace aws::crypto;

TEST(Crypto, Base64MatchesRfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base64(plain), encoded);
    EXPECT_EQ(unbase64(encoded).value_or("<refused>"), plain);
  }
}

TEST(Crypto, Base64KeepsEveryByte) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  for (std::size_t n = 0; n <= bytes.size(); n += 37) {
    const std::string part = bytes.substr(0, n) + std::string(1, '\0');
    EXPECT_EQ(unbase64(base64(part)).value_or("<refused>"), part) << n;
  }
}

TEST(Crypto, Unbase64RefusesWhatIsNotBase64) {
  EXPECT_FALSE(unbase64("Zm9").has_value());
  EXPECT_FALSE(unbase64("Zm9v!A==").has_value());
}

TEST(Crypto, Md5MatchesRfc1321Vectors) {
  EXPECT_EQ(md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(md5_hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(md5_hex("message digest"), "f96b697d7cb7938d525a2f31aaf161d0");
  EXPECT_EQ(base64(md5("")), "1B2M2Y8AsgTpgAmY7PhCfg==");  // S3's Content-MD5 of an empty body
}

}  // namespace
