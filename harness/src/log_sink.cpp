#include "log_sink.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace harness {

log_sink::~log_sink() {
  if (owned_) ::close(fd_);
}

core::result<core::unit> log_sink::open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return core::error{"LogFile", path + ": " + std::strerror(errno)};
  std::lock_guard lock(m_);
  if (owned_) ::close(fd_);
  fd_ = fd;
  owned_ = true;
  return core::unit{};
}

void log_sink::line(std::string_view text) {
  std::string buf(text);
  buf.push_back('\n');
  std::lock_guard lock(m_);
  const char* p = buf.data();
  std::size_t left = buf.size();
  while (left > 0) {
    const ssize_t n = ::write(fd_, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

}  // namespace harness
