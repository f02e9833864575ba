// One HTTPS GET through common/http, linked like a bootstrap (static, trimmed TLS library): prints
// the TLS library curl runs on, then "ok STATUS" and the body, or "error KIND: MESSAGE".
// Usage: tls_probe URL   (the CA bundle comes from SSL_CERT_FILE, as in a function)
#include <curl/curl.h>

#include <cstdio>

#include "http/client.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s URL\n", argv[0]);
    return 2;
  }
  std::printf("library: %s\n", curl_version());
  http::options o;
  o.connect_timeout = std::chrono::milliseconds(3000);
  o.total_timeout = std::chrono::milliseconds(10000);
  http::client c(o);
  auto r = c.send({"GET", argv[1], {}, ""});
  if (!r) {
    const auto& e = r.error();
    const char* kind = e.what == http::error::kind::connect     ? "connect"
                       : e.what == http::error::kind::timeout   ? "timeout"
                       : e.what == http::error::kind::transport ? "transport"
                                                                : "invalid";
    std::printf("error %s: %s\n", kind, e.message.c_str());
    return 1;
  }
  std::printf("ok %ld\n%s\n", r->status, r->body.c_str());
  return 0;
}
