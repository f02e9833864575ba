#include "code_source.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "core/env.h"
#include "process.h"

namespace harness {

namespace fs = std::filesystem;

core::result<std::string> make_work_dir() {
  std::string pattern = core::env::get_or("TMPDIR", "/tmp") + "/lambda-harness-XXXXXX";
  if (!mkdtemp(pattern.data()))
    return core::error{"WorkDir", "mkdtemp " + pattern + ": " + std::strerror(errno)};
  return pattern;
}

core::result<function_code> prepare_code(const function_config& fn, const std::string& work_dir) {
  std::error_code ec;
  if (!fn.bootstrap.empty()) {
    const fs::path exe = fs::absolute(fn.bootstrap, ec);
    if (ec || !fs::is_regular_file(exe, ec))
      return core::error{"NoBootstrap",
                         "function \"" + fn.name + "\": " + fn.bootstrap + " is not a file"};
    if (::access(exe.c_str(), X_OK) != 0)
      return core::error{"NoBootstrap", fn.bootstrap + " is not executable"};
    return function_code{exe.string(), exe.parent_path().string()};
  }
  if (!fs::is_regular_file(fn.zip, ec))
    return core::error{"NoZip", "function \"" + fn.name + "\": " + fn.zip + " is not a file"};
  const fs::path root = fs::path(work_dir) / fn.name;
  fs::create_directories(root, ec);
  if (ec) return core::error{"WorkDir", root.string() + ": " + ec.message()};
  // unzip keeps the Unix modes recorded in the archive (the bootstrap's exec bit).
  auto unzipped = run_command({"unzip", "-q", "-o", fn.zip, "-d", root.string()});
  if (!unzipped) return core::error{"BadZip", fn.zip + ": " + unzipped.error().message};
  const fs::path exe = root / "bootstrap";
  if (!fs::is_regular_file(exe, ec))
    return core::error{"NoBootstrap", fn.zip + " holds no bootstrap at its root"};
  if (::access(exe.c_str(), X_OK) != 0)
    return core::error{"NoBootstrap", fn.zip + ": bootstrap is not executable (mode 0755 needed)"};
  return function_code{exe.string(), root.string()};
}

}  // namespace harness
