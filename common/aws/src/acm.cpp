#include "aws/acm.h"

#include "aws/json_protocol.h"
#include "aws/paginate.h"
#include "json_build.h"

namespace aws::acm {

core::result<rapidjson::Document, error> describe_certificate(session& s, const std::string& arn) {
  detail::json_object in;
  in.set("CertificateArn", arn);
  return json_call(s, api, "DescribeCertificate", in.str());
}

core::result<std::vector<std::string>, error> list_certificates(session& s, int* pages) {
  // Every KeyAlgorithm value of the API reference.
  static const std::vector<std::string> key_types = {"RSA_1024",    "RSA_2048",      "RSA_3072",
                                                     "RSA_4096",    "EC_prime256v1", "EC_secp384r1",
                                                     "EC_secp521r1"};
  std::vector<std::string> out;
  int calls = 0;
  auto done = paginate(
      [&](const std::string& token) {
        ++calls;
        detail::json_object in;
        detail::json_object includes;
        includes.set_strings("keyTypes", key_types);
        in.set_value("Includes", includes.doc());
        if (!token.empty()) in.set("NextToken", token);
        return json_call(s, api, "ListCertificates", in.str());
      },
      [](const rapidjson::Document& r) { return detail::get_string(r, "NextToken"); },
      [&](const rapidjson::Document& r) {
        if (const auto* l = core::json::member(r, "CertificateSummaryList"); l && l->IsArray())
          for (const auto& c : l->GetArray())
            if (c.IsObject()) out.push_back(detail::get_string(c, "CertificateArn"));
      });
  if (pages) *pages = calls;
  if (!done) return done.error();
  return out;
}

core::result<std::map<std::string, std::string>, error> list_tags_for_certificate(
    session& s, const std::string& arn) {
  detail::json_object in;
  in.set("CertificateArn", arn);
  auto r = json_call(s, api, "ListTagsForCertificate", in.str());
  if (!r) return r.error();
  std::map<std::string, std::string> out;
  if (const auto* tags = core::json::member(*r, "Tags"); tags && tags->IsArray())
    for (const auto& t : tags->GetArray())
      if (t.IsObject()) out[detail::get_string(t, "Key")] = detail::get_string(t, "Value");
  return out;
}

}  // namespace aws::acm
