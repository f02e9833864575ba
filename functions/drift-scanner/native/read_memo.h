// Answers that more than one type reads of the same thing in one scan. A bucket's versioning
// is read by aws_s3_bucket and by aws_s3_bucket_versioning: with both in a workspace, the
// first read asks AWS and the second takes its answer. The engine owns one memo per workspace
// scan (never global: a later scan must see later changes).
#pragma once

#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace scanner::native {

class read_memo {
 public:
  using value = std::shared_ptr<const void>;

  // The answer under `key`: `fetch` runs once, and a reader arriving while it runs waits for
  // it. The entry is dropped once `readers` reads have taken it (0: kept for the whole scan).
  // `fetch` must not call the memo again.
  value once(const std::string& key, int readers, const std::function<value()>& fetch);

  // How many reads ran `fetch` (asked AWS) and how many took a kept answer.
  int fetched() const;
  int shared() const;

 private:
  struct entry {
    std::shared_future<value> answer;
    int taken = 0;
    int readers = 0;
  };
  mutable std::mutex mu_;
  std::map<std::string, entry> entries_;
  int fetched_ = 0;
  int shared_ = 0;
};

// Typed front of read_memo::once; with no memo (a single type's read, the live path), fetches.
template <class T, class Fetch>
std::shared_ptr<const T> read_once(read_memo* memo, const std::string& key, int readers,
                                   Fetch fetch) {
  if (!memo) return std::make_shared<const T>(fetch());
  return std::static_pointer_cast<const T>(memo->once(
      key, readers, [&]() -> read_memo::value { return std::make_shared<const T>(fetch()); }));
}

}  // namespace scanner::native
