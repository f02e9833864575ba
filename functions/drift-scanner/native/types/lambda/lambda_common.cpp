#include "lambda_common.h"

#include <algorithm>

namespace scanner::native::lambda {

const rapidjson::Value* at(const rapidjson::Value& v, std::initializer_list<const char*> path) {
  const rapidjson::Value* cur = &v;
  for (const char* p : path) {
    cur = member(*cur, p);
    if (!cur) return nullptr;
  }
  return cur;
}

std::string str_at(const rapidjson::Value& v, std::initializer_list<const char*> path) {
  const auto* x = at(v, path);
  return x && x->IsString() ? std::string(x->GetString(), x->GetStringLength()) : "";
}

long long int_at(const rapidjson::Value& v, std::initializer_list<const char*> path,
                 long long absent) {
  const auto* x = at(v, path);
  return x && x->IsInt64() ? x->GetInt64() : absent;
}

bool bool_at(const rapidjson::Value& v, std::initializer_list<const char*> path, bool absent) {
  const auto* x = at(v, path);
  return x && x->IsBool() ? x->GetBool() : absent;
}

std::vector<std::string> strings_at(const rapidjson::Value& v,
                                    std::initializer_list<const char*> path) {
  std::vector<std::string> out;
  if (const auto* x = at(v, path); x && x->IsArray())
    for (const auto& e : x->GetArray())
      if (e.IsString()) out.emplace_back(e.GetString(), e.GetStringLength());
  return out;
}

std::map<std::string, std::string> string_map_at(const rapidjson::Value& v,
                                                 std::initializer_list<const char*> path) {
  std::map<std::string, std::string> out;
  if (const auto* x = at(v, path); x && x->IsObject())
    for (auto it = x->MemberBegin(); it != x->MemberEnd(); ++it)
      if (it->value.IsString()) out[it->name.GetString()] = it->value.GetString();
  return out;
}

rapidjson::Value string_array(std::vector<std::string> v, bool sorted,
                              rapidjson::Document::AllocatorType& a) {
  if (sorted) std::sort(v.begin(), v.end());
  rapidjson::Value arr(rapidjson::kArrayType);
  for (const auto& s : v) arr.PushBack(string_value(s, a), a);
  return arr;
}

void set_block(rapidjson::Document& d, const char* name, rapidjson::Value* obj) {
  rapidjson::Value list(rapidjson::kArrayType);
  if (obj) list.PushBack(*obj, d.GetAllocator());
  set_value(d, name, list);
}

void copy_fields(rapidjson::Value& dst, const rapidjson::Value& src,
                 std::initializer_list<field> fields, rapidjson::Document::AllocatorType& a) {
  for (const auto& f : fields) {
    rapidjson::Value v;
    switch (f.kind) {
      case field_kind::string:
        v = string_value(str_at(src, {f.aws}), a);
        break;
      case field_kind::integer:
        v.SetInt64(int_at(src, {f.aws}));
        break;
      case field_kind::boolean:
        v.SetBool(bool_at(src, {f.aws}));
        break;
      case field_kind::string_set:
      case field_kind::string_list:
        v = string_array(strings_at(src, {f.aws}), f.kind == field_kind::string_set, a);
        break;
    }
    dst.AddMember(rapidjson::StringRef(f.tf), v, a);
  }
}

void set_block_of(rapidjson::Document& d, const char* name, const rapidjson::Value* src,
                  std::initializer_list<field> fields) {
  rapidjson::Value block(rapidjson::kObjectType);
  const bool present = src && src->IsObject();
  if (present) copy_fields(block, *src, fields, d.GetAllocator());
  set_block(d, name, present ? &block : nullptr);
}

std::string function_ref_as_in_state(const std::string& arn, const std::string& in_state) {
  if (in_state.empty() || in_state == arn) return arn;
  // arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]
  const std::string marker = ":function:";
  const auto at = arn.find(marker);
  if (at == std::string::npos) return arn;
  const std::string rest = arn.substr(at + marker.size());
  return rest == in_state ? in_state : arn;
}

std::string state_string(const terraform::resource_instance& inst, const char* name) {
  rapidjson::Document state;
  state.Parse(inst.attributes.c_str(), inst.attributes.size());
  return state.HasParseError() ? "" : string_member(state, name);
}

bool not_found(const aws::error& e) {
  return e.code == "ResourceNotFoundException" || e.http_status == 404;
}

}  // namespace scanner::native::lambda
