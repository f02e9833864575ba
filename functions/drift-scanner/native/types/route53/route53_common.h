// What the Route 53 modules share: DNS names as the provider compares them, and the parts of a
// record set's id.
#pragma once

#include <string>

namespace scanner::native::route53 {

// A DNS name in Route 53's API representation as the provider stores zone and alias names
// (its normalizeZoneName): lower case, no trailing dot, every character other than a-z, 0-9,
// `-`, `_` and `.` as an octal escape code (`*` is `\052`); "." stays ".".
std::string canonical_name(const std::string& name);

// `name` inside `zone`: a relative name gets the zone's name appended (the provider's
// expandRecordName), a name already in the zone stays as it is.
std::string fully_qualified(const std::string& name, const std::string& zone);

// The id the provider gives a record set: <zone id>_<name>_<type>[_<set identifier>].
struct record_key {
  std::string zone_id, name, type, set_identifier;
};
std::string record_id(const record_key& k);
// The parts of a record set's id, as the provider's parseRecordID splits it: the zone before
// the first `_`, then the type (a record type in capitals) and the set identifier at the end.
// The name keeps any `_` of its own (`_dmarc`).
record_key parse_record_id(const std::string& id);

}  // namespace scanner::native::route53
