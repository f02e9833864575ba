// Child processes: spawn a bootstrap in its own process group with a given environment,
// its output on a pipe; wait for it, kill its group, read its peak RSS.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

#include "core/result.h"

namespace harness {

struct spawn_request {
  std::string executable;
  std::vector<std::string> args;  // after argv[0]
  std::map<std::string, std::string> env;
  std::string cwd;
};

struct spawned {
  pid_t pid = -1;
  int output_fd = -1;  // read end of the child's stdout + stderr
};

// Spawns from one long-lived launcher thread: children are bound to it with
// PR_SET_PDEATHSIG (which follows the spawning *thread*), so they die with the harness
// even when it is killed without a chance to clean up.
core::result<spawned> spawn(const spawn_request& req);

struct exit_info {
  int status = 0;                // as from waitpid
  long max_rss_kb = 0;           // from the child's rusage
  std::string describe() const;  // "exit status 1", "signal: killed", ...
};

// Blocks until `pid` (a child of ours) ends.
exit_info wait_for(pid_t pid);

// Signals the child's whole process group.
void signal_group(pid_t pid, int sig);

// VmHWM from /proc/<pid>/status in kB; 0 when unreadable.
long peak_rss_kb(pid_t pid);

// Runs a short helper command to completion (unzip); its output goes to stderr.
core::result<core::unit> run_command(const std::vector<std::string>& argv);

}  // namespace harness
