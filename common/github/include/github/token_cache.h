// The GitHub token, fetched once per container and kept: a deliberate warm-container cache, so
// that a warm Lambda does not read the SSM SecureString on every invocation. The fetch itself
// is the caller's (the orchestrator passes an SSM GetParameter with decryption).
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "core/result.h"

namespace github {

class token_cache {
 public:
  using fetcher = std::function<core::result<std::string>()>;

  explicit token_cache(fetcher fetch);

  // The cached token, or the fetcher's answer on first use. A failed fetch is not cached:
  // the next call tries again. An empty token counts as a failure.
  core::result<std::string> get();

  // Forgets the token, e.g. after GitHub answered 401, so a rotated token is read next time.
  void invalidate();

 private:
  std::mutex mu_;
  fetcher fetch_;
  std::optional<std::string> token_;
};

}  // namespace github
