// Shell-style wildcard matching (private): `*` any run of characters (dots included),
// `?` one character; everything else literal.
#pragma once

#include <string_view>

namespace drift::detail {

bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace drift::detail
