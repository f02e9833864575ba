#include "github/token_cache.h"

#include <utility>

namespace github {

token_cache::token_cache(fetcher fetch) : fetch_(std::move(fetch)) {}

core::result<std::string> token_cache::get() {
  // Held across the fetch so that concurrent first callers cause one fetch, not several.
  std::lock_guard<std::mutex> lock(mu_);
  if (token_) return *token_;
  if (!fetch_) return core::error{"NoTokenSource", "no way to fetch the GitHub token"};
  auto fetched = fetch_();
  if (!fetched) return fetched.error();
  if (fetched.value().empty()) return core::error{"EmptyToken", "the GitHub token is empty"};
  token_ = fetched.value();
  return *token_;
}

void token_cache::invalidate() {
  std::lock_guard<std::mutex> lock(mu_);
  token_.reset();
}

}  // namespace github
