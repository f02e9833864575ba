// One pagination loop for every listing call (NextToken, LastEvaluatedKey,
// ContinuationToken, Marker): the caller says how to fetch a page and where its token is.
#pragma once

#include <string>

#include "aws/error.h"
#include "core/result.h"

namespace aws {

// fetch(token) -> core::result<Page, error>, token "" for the first page;
// next(const Page&) -> std::string, "" on the last page; visit(Page&) sees every page.
// Stops at max_pages as a guard against a service that repeats a token forever.
template <typename Fetch, typename Next, typename Visit>
core::result<core::unit, error> paginate(Fetch fetch, Next next, Visit visit,
                                         int max_pages = 10000) {
  std::string token;
  for (int page = 0; page < max_pages; ++page) {
    auto r = fetch(token);
    if (!r) return r.error();
    std::string following = next(*r);
    visit(*r);
    if (following.empty() || following == token) return core::unit{};
    token = std::move(following);
  }
  return error{"", error::kInvalid, "pagination did not end", 0, "", 0};
}

}  // namespace aws
