#include <cstdio>
#include <cstdlib>

#include "http/client.h"

namespace http {
namespace {

bool readable(const char* path) {
  if (!path || !*path) return false;
  // stdio, not <fstream>: see common/aws/src/ini.cpp.
  std::FILE* f = std::fopen(path, "r");
  if (!f) return false;
  std::fclose(f);
  return true;
}

}  // namespace

std::string find_ca_bundle() {
  // The static build bakes in no CA path, so the bundle is looked up on the host it runs on.
  for (const char* var : {"SSL_CERT_FILE", "CURL_CA_BUNDLE"}) {
    const char* p = std::getenv(var);
    if (readable(p)) return p;
  }
  for (const char* p : {"/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/certs/ca-certificates.crt",
                        "/etc/ssl/ca-bundle.pem",
                        "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", "/etc/ssl/cert.pem"}) {
    if (readable(p)) return p;
  }
  return {};
}

}  // namespace http
