// aws_lb_listener: a load balancer's listener: DescribeListeners per batch of ARNs (port,
// protocol, TLS policy and certificate, ALPN, mutual TLS, default actions), DescribeTags for
// 20 at a time, then per listener its attributes (TCP idle timeout, the HTTP request and
// response header settings).
#include <cstdlib>

#include "elbv2_common.h"
#include "listener_actions.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from ELB"},
};

// DescribeListenerAttributes keys are these names with '.' for '_'.
const std::vector<std::string_view> header_attributes = {
    "routing_http_request_x_amzn_mtls_clientcert_header_name",
    "routing_http_request_x_amzn_mtls_clientcert_issuer_header_name",
    "routing_http_request_x_amzn_mtls_clientcert_leaf_header_name",
    "routing_http_request_x_amzn_mtls_clientcert_serial_number_header_name",
    "routing_http_request_x_amzn_mtls_clientcert_subject_header_name",
    "routing_http_request_x_amzn_mtls_clientcert_validity_header_name",
    "routing_http_request_x_amzn_tls_cipher_suite_header_name",
    "routing_http_request_x_amzn_tls_version_header_name",
    "routing_http_response_access_control_allow_credentials_header_value",
    "routing_http_response_access_control_allow_headers_header_value",
    "routing_http_response_access_control_allow_methods_header_value",
    "routing_http_response_access_control_allow_origin_header_value",
    "routing_http_response_access_control_expose_headers_header_value",
    "routing_http_response_access_control_max_age_header_value",
    "routing_http_response_content_security_policy_header_value",
    "routing_http_response_strict_transport_security_header_value",
    "routing_http_response_x_content_type_options_header_value",
    "routing_http_response_x_frame_options_header_value",
};

const depth_claim depth{
    {"alpn_policy",
     "certificate_arn",
     "default_action",
     "load_balancer_arn",
     "mutual_authentication",
     "port",
     "protocol",
     "routing_http_request_x_amzn_mtls_clientcert_header_name",
     "routing_http_request_x_amzn_mtls_clientcert_issuer_header_name",
     "routing_http_request_x_amzn_mtls_clientcert_leaf_header_name",
     "routing_http_request_x_amzn_mtls_clientcert_serial_number_header_name",
     "routing_http_request_x_amzn_mtls_clientcert_subject_header_name",
     "routing_http_request_x_amzn_mtls_clientcert_validity_header_name",
     "routing_http_request_x_amzn_tls_cipher_suite_header_name",
     "routing_http_request_x_amzn_tls_version_header_name",
     "routing_http_response_access_control_allow_credentials_header_value",
     "routing_http_response_access_control_allow_headers_header_value",
     "routing_http_response_access_control_allow_methods_header_value",
     "routing_http_response_access_control_allow_origin_header_value",
     "routing_http_response_access_control_expose_headers_header_value",
     "routing_http_response_access_control_max_age_header_value",
     "routing_http_response_content_security_policy_header_value",
     "routing_http_response_server_enabled",
     "routing_http_response_strict_transport_security_header_value",
     "routing_http_response_x_content_type_options_header_value",
     "routing_http_response_x_frame_options_header_value",
     "ssl_policy",
     "tags",
     "tags_all",
     "tcp_idle_timeout_seconds"},
    {},
    false,
    // moto keeps no certificate list, ALPN policy or mutual TLS settings on a listener.
    {"alpn_policy", "certificate_arn", "mutual_authentication"},
};

// The API key of a header attribute: its name with '.' for '_' at the API's separators.
std::string key_of(std::string_view name) {
  // routing_http_request_<header>_header_name -> routing.http.request.<header>.header_name
  std::string n(name);
  const bool request = n.rfind("routing_http_request_", 0) == 0;
  const std::string head = request ? "routing_http_request_" : "routing_http_response_";
  const std::string tail = request ? "_header_name" : "_header_value";
  const std::string header = n.substr(head.size(), n.size() - head.size() - tail.size());
  return std::string(request ? "routing.http.request." : "routing.http.response.") + header +
         (request ? ".header_name" : ".header_value");
}

rapidjson::Value mutual_authentication(rapidjson::Document& d, const pugi::xml_node& l) {
  std::vector<rapidjson::Value> out;
  if (auto m = l.child("MutualAuthentication")) {
    elbv2::object o(d);
    const std::string mode = xtext(m, "Mode");
    if (mode == "off") {
      o.null("advertise_trust_store_ca_names")
          .null("ignore_client_certificate_expiry")
          .str("mode", mode)
          .null("trust_store_arn");
    } else {
      auto opt = [&](const char* f) {
        return m.child(f) ? std::optional<std::string>(xtext(m, f)) : std::nullopt;
      };
      o.str_or_null("advertise_trust_store_ca_names", opt("AdvertiseTrustStoreCaNames"));
      if (m.child("IgnoreClientCertificateExpiry"))
        o.boolean("ignore_client_certificate_expiry",
                  xtext(m, "IgnoreClientCertificateExpiry") == "true");
      else
        o.null("ignore_client_certificate_expiry");
      o.str_or_null("mode", opt("Mode")).str_or_null("trust_store_arn", opt("TrustStoreArn"));
    }
    out.push_back(o.take());
  }
  return elbv2::array_of(std::move(out), d);
}

live_resource build(const read_context& ctx, const terraform::resource_instance& inst,
                    const pugi::xml_node& l, const elbv2::tag_map& tags) {
  const auto state = elbv2::state_of(inst);
  auto d = new_object();
  // One ALPN policy and one certificate are what the provider reads; otherwise it keeps the
  // state's value (further certificates are aws_lb_listener_certificate's).
  const auto alpn = elbv2::members_of(l, "AlpnPolicy");
  if (alpn.size() == 1)
    set_string(*d, "alpn_policy", alpn[0]);
  else
    elbv2::keep_state(*d, state, "alpn_policy");
  set_string(*d, "arn", xtext(l, "ListenerArn"));
  std::vector<std::string> certs;
  for (auto c : l.child("Certificates").children("member"))
    certs.emplace_back(c.child_value("CertificateArn"));
  if (certs.size() == 1)
    set_string(*d, "certificate_arn", certs[0]);
  else
    elbv2::keep_state(*d, state, "certificate_arn");
  auto acts = elbv2::actions(*d, l.child("DefaultActions"), member(state, "default_action"), true);
  set_value(*d, "default_action", acts);
  set_string(*d, "load_balancer_arn", xtext(l, "LoadBalancerArn"));
  auto mtls = mutual_authentication(*d, l);
  set_value(*d, "mutual_authentication", mtls);
  set_int(*d, "port", xint(l, "Port"));
  set_string(*d, "protocol", xtext(l, "Protocol"));
  set_string(*d, "ssl_policy", xtext(l, "SslPolicy"));

  auto a = elbv2::attributes(ctx, "DescribeListenerAttributes", "ListenerArn", inst.id);
  if (!a) return gone_or_failed(a.error(), aws::elbv2::is_not_found);
  for (auto name : header_attributes) {
    const std::string n(name);
    elbv2::set_string_attr(*d, state, n.c_str(), *a, key_of(name).c_str());
  }
  elbv2::set_bool_attr(*d, state, "routing_http_response_server_enabled", *a,
                       "routing.http.response.server.enabled");
  elbv2::set_int_attr(*d, state, "tcp_idle_timeout_seconds", *a, "tcp.idle_timeout.seconds");
  set_tags(*d, inst, tags);
  return live_resource::found(d);
}

// Every listener of every load balancer in the region.
core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  ctx.count();
  auto lbs = aws::elbv2::describe(ctx.cloud, "DescribeLoadBalancers", {}, "LoadBalancers");
  if (!lbs) return lbs.error();
  std::vector<std::string> ids;
  for (auto lb : lbs->items) {
    ctx.count();
    auto ls =
        aws::elbv2::describe(ctx.cloud, "DescribeListeners",
                             {{"LoadBalancerArn", lb.child_value("LoadBalancerArn")}}, "Listeners");
    if (!ls) {
      if (aws::elbv2::is_not_found(ls.error())) continue;  // deleted since the listing
      return ls.error();
    }
    for (auto l : ls->items) ids.emplace_back(l.child_value("ListenerArn"));
  }
  return discovered_ids(ids);
}

const iam_actions permissions{
    {"elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeTags",
     "elasticloadbalancing:DescribeListenerAttributes"},
    {"elasticloadbalancing:DescribeLoadBalancers"}};

const change_locator changes{
    elbv2::event_source,
    {"ModifyListener", "ModifyListenerAttributes", "DeleteListener", "AddTags", "RemoveTags"},
    [](const change_call& c) { return elbv2::arn_changes(c, "listenerArn", ":listener/"); }};

}  // namespace

const type_module& aws_lb_listener_module() {
  static const type_module m{"aws_lb_listener",
                             [](const read_context& ctx, const instance_list& batch) {
                               return elbv2::read_batch(ctx, batch, "DescribeListeners",
                                                        "ListenerArns", "Listeners", "ListenerArn",
                                                        build);
                             },
                             &rules,
                             20,
                             list,
                             &depth,
                             &permissions,
                             &changes,
                             /*calls_per_batch=*/2,
                             /*calls_per_instance=*/1};
  return m;
}

}  // namespace scanner::native
