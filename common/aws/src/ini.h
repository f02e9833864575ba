// The AWS shared credentials/config file format: [section] headers and key = value lines.
#pragma once

#include <map>
#include <string>

namespace aws::detail {

using ini_sections = std::map<std::string, std::map<std::string, std::string>>;

// Empty when the file is missing or unreadable. Keys are lower-cased; values trimmed.
ini_sections read_ini(const std::string& path);

// The shared files' locations: $AWS_SHARED_CREDENTIALS_FILE / $AWS_CONFIG_FILE, else
// $HOME/.aws/credentials and $HOME/.aws/config (HOME only: no NSS lookups in a static binary).
std::string credentials_file_path();
std::string config_file_path();
// $AWS_PROFILE, else "default".
std::string profile_name();
// The profile's section in the config file ("[profile x]", or "[default]"); empty when absent.
std::map<std::string, std::string> config_profile(const std::string& profile);

}  // namespace aws::detail
