// AWS Certificate Manager reads for the drift scanner (JSON 1.1, CertificateManager): a
// certificate's details, its tags, and every certificate of the region.
#pragma once

#include <rapidjson/document.h>

#include <map>
#include <string>
#include <vector>

#include "aws/service.h"
#include "aws/session.h"

namespace aws::acm {

inline constexpr service api{"ACM", "ACM", "acm", "acm", protocol::json, "CertificateManager",
                             "1.1"};

// A certificate that does not exist (any more).
inline bool is_not_found(const error& e) { return e.code == "ResourceNotFoundException"; }

// DescribeCertificate: the whole answer ({"Certificate": {...}}).
core::result<rapidjson::Document, error> describe_certificate(session& s, const std::string& arn);

// Every certificate ARN of the region (ListCertificates, NextToken pages), of every key
// algorithm: without Includes.keyTypes ACM lists RSA-1024 and RSA-2048 keys only. `pages` (if
// given) gets the number of calls made.
core::result<std::vector<std::string>, error> list_certificates(session& s, int* pages = nullptr);

// The certificate's tags (ListTagsForCertificate).
core::result<std::map<std::string, std::string>, error> list_tags_for_certificate(
    session& s, const std::string& arn);

}  // namespace aws::acm
