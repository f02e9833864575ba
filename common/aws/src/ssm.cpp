#include "aws/ssm.h"

#include "aws/json_protocol.h"
#include "json_build.h"

namespace aws::ssm {

core::result<parameter, error> get_parameter(session& s, const std::string& name,
                                             bool with_decryption) {
  detail::json_object in;
  in.set("Name", name).set("WithDecryption", with_decryption);
  auto r = json_call(s, services::ssm, "GetParameter", in.str());
  if (!r) return r.error();
  if (!r->HasMember("Parameter"))
    return error{"SSM", error::kParse, "GetParameter answered without Parameter", 200, "", 1};
  const auto& p = (*r)["Parameter"];
  parameter out{detail::get_string(p, "Name"), detail::get_string(p, "Type"),
                detail::get_string(p, "Value"), 0};
  if (p.HasMember("Version") && p["Version"].IsInt64()) out.version = p["Version"].GetInt64();
  return out;
}

core::result<core::unit, error> put_parameter(session& s, const std::string& name,
                                              const std::string& value, const std::string& type,
                                              bool overwrite) {
  detail::json_object in;
  in.set("Name", name).set("Value", value).set("Type", type).set("Overwrite", overwrite);
  auto r = json_call(s, services::ssm, "PutParameter", in.str());
  if (!r) return r.error();
  return core::unit{};
}

}  // namespace aws::ssm
