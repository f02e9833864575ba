// Amazon RDS reads (query protocol).
#pragma once

#include <map>
#include <string>

#include "aws/query_protocol.h"
#include "aws/session.h"

namespace aws::rds {

// Every DB instance (following Marker), merged: `result` holds all <DBInstance> elements.
// `identifier` empty: all instances; a missing one fails with DBInstanceNotFound.
core::result<xml_response, error> describe_db_instances(session& s,
                                                        const std::string& identifier = {},
                                                        int page_size = 0);
core::result<std::map<std::string, std::string>, error> list_tags_for_resource(
    session& s, const std::string& arn);

}  // namespace aws::rds
