// A value or an error: the return type at module boundaries (C++20 has no std::expected).
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace core {

// Generic error carried across module boundaries. Modules with richer errors (AWS, HTTP)
// define their own and use result<T, their_error>.
struct error {
  std::string code;     // machine-readable, e.g. "NotFound", "InvalidInput"
  std::string message;  // human-readable; never holds a secret
};

template <typename T, typename E = error>
class result {
 public:
  result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  result(E err) : v_(std::in_place_index<1>, std::move(err)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const E& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, E> v_;
};

// For operations that return nothing on success.
struct unit {};

}  // namespace core
