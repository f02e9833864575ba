#include "read_memo.h"

namespace scanner::native {

read_memo::value read_memo::once(const std::string& key, int readers,
                                 const std::function<value()>& fetch) {
  std::promise<value> mine;
  std::shared_future<value> answer;
  bool first = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end()) {
      first = true;
      answer = mine.get_future().share();
      entry e;
      e.answer = answer;
      e.taken = 1;
      e.readers = readers;
      if (readers != 1) entries_.emplace(key, std::move(e));
      ++fetched_;
    } else {
      answer = it->second.answer;
      ++shared_;
      if (++it->second.taken == it->second.readers) entries_.erase(it);
    }
  }
  if (first) {
    try {
      mine.set_value(fetch());
    } catch (...) {  // a waiter gets the same failure, never a broken promise
      mine.set_exception(std::current_exception());
      throw;
    }
  }
  return answer.get();
}

int read_memo::fetched() const {
  std::lock_guard<std::mutex> lock(mu_);
  return fetched_;
}

int read_memo::shared() const {
  std::lock_guard<std::mutex> lock(mu_);
  return shared_;
}

}  // namespace scanner::native
