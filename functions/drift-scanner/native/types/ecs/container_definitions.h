// `container_definitions` of aws_ecs_task_definition as the provider stores it: the state's
// JSON text while ECS's containers are the same ones (ECS fills defaults the configuration
// leaves out), else ECS's answer re-encoded.
#pragma once

#include <rapidjson/document.h>

#include <string>

namespace scanner::native::ecs {

// `live` is DescribeTaskDefinition's containerDefinitions array; `in_state` the state's text.
// `awsvpc`: the task's network mode is awsvpc (a port mapping's host port is its container
// port there).
std::string container_definitions_text(const rapidjson::Value& live, const std::string& in_state,
                                       bool awsvpc);

}  // namespace scanner::native::ecs
