// AWS Systems Manager Parameter Store (JSON 1.1).
#pragma once

#include <string>

#include "aws/session.h"

namespace aws::ssm {

struct parameter {
  std::string name;
  std::string type;   // String, StringList, SecureString
  std::string value;  // decrypted when asked; a secret for SecureString: never log it
  long long version = 0;
};

// A missing parameter fails with code "ParameterNotFound".
core::result<parameter, error> get_parameter(session& s, const std::string& name,
                                             bool with_decryption = true);
core::result<core::unit, error> put_parameter(session& s, const std::string& name,
                                              const std::string& value,
                                              const std::string& type = "String",
                                              bool overwrite = true);

}  // namespace aws::ssm
