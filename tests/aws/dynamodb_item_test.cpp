// The DynamoDB item type: what callers build is what goes on the wire, and back.
#include "aws/dynamodb_item.h"

#include <gtest/gtest.h>

#include "aws/json_protocol.h"

namespace {

namespace ddb = aws::dynamodb;

std::string wire(const ddb::item& it) {
  rapidjson::Document d;
  return aws::to_json(ddb::to_wire(it, d.GetAllocator()));
}

TEST(DynamoDbItem, BuildsTheWireFormat) {
  std::vector<int> v{1, 2};
  ddb::item it{{"s", "x"},
               {"n", v.size()},
               {"f", 1.5},
               {"b", false},
               {"z", ddb::value::null()},
               {"m", ddb::item{{"k", "v"}}},
               {"l", std::vector<ddb::value>{"a", 7}},
               {"ss", ddb::value::string_set({"p", "q"})},
               {"bin", ddb::value::binary("hi")}};
  EXPECT_EQ(
      wire(it),
      R"({"b":{"BOOL":false},"bin":{"B":"aGk="},"f":{"N":"1.5"},"l":{"L":[{"S":"a"},{"N":"7"}]},)"
      R"("m":{"M":{"k":{"S":"v"}}},"n":{"N":"2"},"s":{"S":"x"},"ss":{"SS":["p","q"]},"z":{"NULL":true}})");
}

TEST(DynamoDbItem, ReadsBackWhatItWrote) {
  ddb::item it{{"id", "abc"},
               {"count", 12345678901LL},
               {"ratio", 0.25},
               {"bin", ddb::value::binary(std::string("\0\xff", 2))}};
  rapidjson::Document d;
  d.Parse(wire(it).c_str());
  auto back = ddb::item_from_wire(d);
  EXPECT_EQ(back, it);
  EXPECT_EQ(ddb::get_int(back, "count"), 12345678901LL);
  EXPECT_EQ(ddb::get_double(back, "ratio"), 0.25);
  EXPECT_EQ(ddb::get_s(back, "missing", "dflt"), "dflt");
  EXPECT_EQ(ddb::get_int(back, "id"), std::nullopt) << "a string is not a number";
  EXPECT_EQ(ddb::value::number("1.50").as_int(), std::nullopt);
  EXPECT_EQ(ddb::value::number("1.50").as_double(), 1.5);
}

}  // namespace

TEST(DynamoDbItem, BytesWithNulAndBinarySetsSurviveTheRoundTrip) {
  const std::string bytes("a\0b\xff", 4);
  ddb::item it = {{"bs", ddb::value::binary_set({bytes, "x"})},
                  {"b", ddb::value::binary(bytes)},
                  {std::string("s"), ddb::value(std::string("n\0ul", 4))}};
  rapidjson::Document d;
  const rapidjson::Value wire = ddb::to_wire(it, d.GetAllocator());
  ASSERT_TRUE(wire["bs"].HasMember("BS")) << "a binary set is written as BS";
  const ddb::item back = ddb::item_from_wire(wire);
  EXPECT_TRUE(back == it);
  EXPECT_EQ(back.at("bs").kind(), ddb::value::type::bs);
  EXPECT_EQ(back.at("bs").as_set()->front().size(), 4u);
  EXPECT_EQ(back.at("s").as_s()->size(), 4u);
}
