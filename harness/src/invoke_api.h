// The caller's side of the service: Lambda's Invoke API by function name
// (POST /2015-03-31/functions/<name>/invocations, RequestResponse | Event | DryRun), which
// also serves the runtime interface emulator's fixed name "function".
#pragma once

namespace httplib {
class Server;
}

namespace harness {

class registry;
struct config;

void mount_invoke_api(httplib::Server& server, const registry& functions, const config& cfg);

}  // namespace harness
