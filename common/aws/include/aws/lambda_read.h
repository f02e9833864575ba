// AWS Lambda (REST-JSON) reads for drift detection: functions, their resource policy,
// aliases, event source mappings and function URLs, each answer as Lambda returns it.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "aws/session.h"

namespace aws::lambda {

// GetFunction: {Configuration, Code, Tags, Concurrency}. A missing function is the error
// ResourceNotFoundException.
core::result<rapidjson::Document, error> get_function(session& s, const std::string& name);

// GetPolicy: {Policy (a JSON string), RevisionId}; `qualifier` may be empty.
core::result<rapidjson::Document, error> get_policy(session& s, const std::string& name,
                                                    const std::string& qualifier);

// GetAlias: {AliasArn, Name, FunctionVersion, Description, RoutingConfig, RevisionId}.
core::result<rapidjson::Document, error> get_alias(session& s, const std::string& function,
                                                   const std::string& alias);

// GetEventSourceMapping: the mapping's configuration.
core::result<rapidjson::Document, error> get_event_source_mapping(session& s,
                                                                  const std::string& uuid);

// GetFunctionUrlConfig: {FunctionUrl, FunctionArn, AuthType, Cors, InvokeMode, ...}.
core::result<rapidjson::Document, error> get_function_url_config(session& s,
                                                                 const std::string& name,
                                                                 const std::string& qualifier);

// ListTags: {Tags} of a function, event source mapping or code signing config, by its ARN.
core::result<rapidjson::Document, error> list_tags(session& s, const std::string& arn);

// Every item of a listing, page after page (Marker/NextMarker paging).
core::result<std::vector<rapidjson::Document>, error> list_functions(session& s);
core::result<std::vector<rapidjson::Document>, error> list_aliases(session& s,
                                                                   const std::string& function);
core::result<std::vector<rapidjson::Document>, error> list_event_source_mappings(session& s);

}  // namespace aws::lambda
