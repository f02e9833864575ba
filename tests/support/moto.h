// Test-side access to the moto_server started by the CTest fixture.
#pragma once

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

namespace drift_test {

// The endpoint (http://127.0.0.1:PORT) of the fixture's moto_server; `fixture` is the
// environment variable naming its state folder (DRIFT_MOTO_DIR or DRIFT_MOTO_AUTH_DIR).
inline std::string moto_endpoint(const char* fixture = "DRIFT_MOTO_DIR") {
  const char* dir = std::getenv(fixture);
  if (!dir)
    throw std::runtime_error(std::string(fixture) + " is not set: run this test through ctest");
  std::ifstream in(std::string(dir) + "/endpoint");
  std::string endpoint;
  if (!(in >> endpoint)) throw std::runtime_error(std::string("no moto endpoint in ") + dir);
  return endpoint;
}

}  // namespace drift_test
