#include "local_moto.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "http/client.h"

namespace bench {
namespace {

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

}  // namespace

local_moto::local_moto() {
  if (const char* e = std::getenv("DRIFT_MOTO_ENDPOINT"); e && *e) {
    endpoint_ = e;
    return;
  }
  const std::string port = std::to_string(free_port());
  pid_ = fork();
  if (pid_ == 0) {
    setpgid(0, 0);
    // The emulator's request log would drown the benchmark's table.
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    // moto's server writes a response's headers and body separately: without TCP_NODELAY the
    // body waits for the client's delayed ACK of the headers (~40 ms) on a kept-alive connection.
    const std::string start =
        "import socketserver, moto.server\n"
        "socketserver.StreamRequestHandler.disable_nagle_algorithm = True\n"
        "moto.server.main(['-H', '127.0.0.1', '-p', '" +
        port + "'])\n";
    execlp("python3", "python3", "-c", start.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  const std::string url = "http://127.0.0.1:" + port;
  http::client c({std::chrono::milliseconds(500), std::chrono::milliseconds(2000), ""});
  for (int i = 0; i < 300; ++i) {
    auto r = c.send({"GET", url + "/moto-api/", {}, ""});
    if (r && r->status == 200) {
      endpoint_ = url;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

local_moto::~local_moto() {
  if (pid_ > 0) {
    kill(-pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
}

}  // namespace bench
