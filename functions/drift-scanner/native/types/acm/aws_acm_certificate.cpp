// aws_acm_certificate: a requested, imported or private-CA certificate's names, key algorithm,
// validation method, options and tags, as the provider refreshes them: DescribeCertificate,
// then ListTagsForCertificate. Two calls per certificate: ACM has no batch read. Listed with
// ListCertificates over every key algorithm.
#include "aws/acm.h"
#include "module_util.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"subject_alternative_names", rule_kind::set_order,
     "a Terraform set: the order ACM lists the names in is not a change"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from ACM"},
};

const depth_claim depth{
    {"certificate_authority_arn", "domain_name", "key_algorithm", "options",
     "subject_alternative_names", "tags", "tags_all", "validation_method"},
    {
        {"certificate_body", skip_kind::provider_only,
         "an imported certificate's PEM: the provider keeps what it imported (a hash of the "
         "configuration) and never reads it back"},
        {"certificate_chain", skip_kind::provider_only,
         "an imported certificate's chain: kept from the configuration, never read back"},
        {"private_key", skip_kind::provider_only,
         "an imported certificate's key: ACM never returns it"},
        {"early_renewal_duration", skip_kind::provider_only,
         "when the provider itself renews a private certificate: never sent to ACM"},
        {"validation_option", skip_kind::create_only,
         "the validation domain of each name, sent with the request only"},
    },
    false,
    {"options"},
};

std::string text_of(const rapidjson::Value& o, const char* name) {
  const auto* v = member(o, name);
  return v && v->IsString() ? std::string(v->GetString(), v->GetStringLength()) : "";
}

// ACM answers "RSA-2048"; the provider stores the SDK's enum spelling, "RSA_2048".
std::string key_algorithm(std::string v) {
  for (auto& c : v)
    if (c == '-') c = '_';
  return v;
}

// The provider's certificateValidationMethod: an Amazon-issued certificate's first domain's
// method, "NONE" for imported and private ones.
std::string validation_method(const rapidjson::Value& cert) {
  if (text_of(cert, "Type") == "AMAZON_ISSUED")
    if (const auto* dvo = member(cert, "DomainValidationOptions");
        dvo && dvo->IsArray() && !dvo->Empty() && (*dvo)[0].IsObject())
      return text_of((*dvo)[0], "ValidationMethod");
  return "NONE";
}

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  ctx.count();
  auto r = aws::acm::describe_certificate(ctx.cloud, inst.id);
  if (!r) return gone_or_failed(r.error(), aws::acm::is_not_found);
  const auto* cert = member(*r, "Certificate");
  if (!cert || !cert->IsObject()) return live_resource::gone();
  // The provider drops a certificate whose validation timed out from the state.
  if (text_of(*cert, "Status") == "VALIDATION_TIMED_OUT") return live_resource::gone();

  auto d = new_object();
  auto& a = d->GetAllocator();
  set_string(*d, "certificate_authority_arn", text_of(*cert, "CertificateAuthorityArn"));
  set_string(*d, "domain_name", text_of(*cert, "DomainName"));
  set_string(*d, "key_algorithm", key_algorithm(text_of(*cert, "KeyAlgorithm")));
  rapidjson::Value options(rapidjson::kArrayType);
  if (const auto* o = member(*cert, "Options"); o && o->IsObject()) {
    rapidjson::Value opt(rapidjson::kObjectType);
    opt.AddMember("certificate_transparency_logging_preference",
                  string_value(text_of(*o, "CertificateTransparencyLoggingPreference"), a), a);
    options.PushBack(opt, a);
  }
  set_value(*d, "options", options);
  std::vector<std::string> sans;
  if (const auto* s = member(*cert, "SubjectAlternativeNames"); s && s->IsArray())
    for (const auto& n : s->GetArray())
      if (n.IsString()) sans.emplace_back(n.GetString(), n.GetStringLength());
  set_string_list(*d, "subject_alternative_names", sans);
  set_string(*d, "validation_method", validation_method(*cert));

  ctx.count();
  return found_with_tags(d, inst, aws::acm::list_tags_for_certificate(ctx.cloud, inst.id),
                         aws::acm::is_not_found);
}

core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  int pages = 0;
  auto arns = aws::acm::list_certificates(ctx.cloud, &pages);
  ctx.count(pages);
  if (!arns) return arns.error();
  return discovered_ids(*arns);
}

const iam_actions permissions{{"acm:DescribeCertificate", "acm:ListTagsForCertificate"},
                              {"acm:ListCertificates"}};

// A re-import names the certificate in its request; a first import's ARN (in the response) is
// no managed certificate yet.
const change_locator changes{
    "acm.amazonaws.com",
    {"AddTagsToCertificate", "RemoveTagsFromCertificate", "UpdateCertificateOptions",
     "ImportCertificate", "DeleteCertificate"},
    [](const change_call& c) { return targets_of({string_at(c.request, {"certificateArn"})}); }};

}  // namespace

const type_module& aws_acm_certificate_module() {
  static const type_module m{"aws_acm_certificate",
                             one_by_one(read_one),
                             &rules,
                             10,
                             list,
                             &depth,
                             &permissions,
                             &changes,
                             /*calls_per_batch=*/0,
                             /*calls_per_instance=*/2};
  return m;
}

}  // namespace scanner::native
