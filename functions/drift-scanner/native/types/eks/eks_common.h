// Pieces the EKS type modules share: EKS's "not found" answer and its timestamps in the
// provider's RFC 3339 text. JSON lookups come from lambda/lambda_common.h.
#pragma once

#include <rapidjson/document.h>

#include <string>

#include "lambda/lambda_common.h"

namespace scanner::native::eks {

using lambda::at;
using lambda::bool_at;
using lambda::copy_fields;
using lambda::field;
using lambda::field_kind;
using lambda::int_at;
using lambda::set_block;
using lambda::str_at;
using lambda::string_array;
using lambda::strings_at;

// ResourceNotFoundException (HTTP 404): the cluster or node group no longer exists.
bool not_found(const aws::error& e);

// An EKS timestamp (epoch seconds, as the REST-JSON protocol sends it) as the provider stores
// it: RFC 3339 in UTC, whole seconds; "" when absent.
std::string rfc3339(const rapidjson::Value* epoch);

}  // namespace scanner::native::eks
