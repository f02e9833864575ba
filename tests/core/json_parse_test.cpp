// The guarded parser (core/json.h): hostile documents are refused with a short, clear error,
// never a crash, and ordinary documents parse as rapidjson would.
#include <gtest/gtest.h>

#include <string>

#include "core/json.h"
#include "core/text.h"

namespace {

std::string nested(std::size_t depth, char open = '[', char close = ']') {
  return std::string(depth, open) + std::string(depth, close);
}

}  // namespace

TEST(JsonParse, OrdinaryDocumentsParse) {
  auto d = core::json::parse(R"({"a":[1,2.5,true,null,"x\u00e9\ud83d\ude00"],"b":{"c":"d"}})");
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ((*d)["a"].Size(), 5u);
  EXPECT_EQ(std::string((*d)["a"][4].GetString()), "x\xc3\xa9\xf0\x9f\x98\x80");
  EXPECT_STREQ((*d)["b"]["c"].GetString(), "d");
}

TEST(JsonParse, DeepDocumentsAreRefusedWhileParsingNotAfter) {
  // 400,000 levels: rapidjson's recursive parser and DOM destructor would overflow the stack.
  for (auto [open, close] : {std::pair{'[', ']'}, std::pair{'{', '}'}}) {
    std::string doc = open == '[' ? nested(400000) : std::string();
    if (open == '{') {
      for (int i = 0; i < 200000; ++i) doc += "{\"a\":";
      doc += "1";
      doc += std::string(200000, '}');
    }
    auto d = core::json::parse(doc);
    ASSERT_FALSE(d);
    EXPECT_EQ(d.error().code, "TooDeep");
    EXPECT_LT(d.error().message.size(), 200u);
  }
  EXPECT_TRUE(core::json::parse(nested(64)));
  EXPECT_FALSE(core::json::parse(nested(65)));
  EXPECT_TRUE(core::json::parse(nested(100), {1 << 20, 128}));
}

TEST(JsonParse, LoneSurrogatesAndInvalidUtf8AreRefused) {
  for (const std::string& bad : {std::string(R"({"a":"\udc80"})"), std::string(R"({"\ud800x":1})"),
                                 std::string("{\"a\":\"\xed\xb2\x80\"}"),
                                 std::string("{\"a\":\"\xc0\xaf\"}"), std::string("[\"\xff\"]")}) {
    auto d = core::json::parse(bad);
    ASSERT_FALSE(d) << bad;
    EXPECT_TRUE(d.error().code == "InvalidUtf8" || d.error().code == "InvalidJson")
        << d.error().code;
  }
  auto d = core::json::parse(R"({"a":"\udc80"})");
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, "InvalidUtf8");
}

TEST(JsonParse, SizeLimitAndSyntaxErrorsSayWhatIsWrong) {
  auto big = core::json::parse(std::string(1000, ' ') + "1", {100, 64});
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code, "TooLarge");
  auto bad = core::json::parse("{\"a\": 1} trailing");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "InvalidJson");
  EXPECT_NE(bad.error().message.find("offset"), std::string::npos);
  EXPECT_FALSE(core::json::parse(""));
  EXPECT_FALSE(core::json::parse("{\"a\":"));
}

TEST(Text, CutsOnCharacterBoundariesAndRepairsInvalidBytes) {
  const std::string s = "ab\xc3\xa9\xf0\x9f\x98\x80z";  // a b é 😀 z
  EXPECT_EQ(core::text::cut_utf8(s, 3), "ab");
  EXPECT_EQ(core::text::cut_utf8(s, 4), "ab\xc3\xa9");
  EXPECT_EQ(core::text::cut_utf8(s, 7), "ab\xc3\xa9");
  EXPECT_EQ(core::text::cut_utf8(s, 100), s);
  EXPECT_EQ(core::text::cut_utf8(std::string(10, 'x'), 6, true), "xxx...");
  EXPECT_EQ(core::text::valid_utf8("a\xff"
                                   "b\xc3"),
            "a?b?");
}

TEST(JsonParse, ANumberBeyondADoublesRangeIsRefused) {
  // rapidjson reads it as infinity, which no writer can write back.
  const std::string huge = "{\"n\": 6666666666666666666866666666666666666666664766666888E266}";
  auto d = core::json::parse(huge);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, "InvalidJson");
  EXPECT_NE(d.error().message.find("too large"), std::string::npos);
  EXPECT_FALSE(core::json::parse("-1e400"));
  auto fine = core::json::parse("[1e308, -1e-400, 0.5]");
  ASSERT_TRUE(fine);
  EXPECT_EQ(core::json::to_text(*fine).empty(), false);
}
