// Result types for expected failures on per-message paths (STYLE.md, "Errors").
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace gw::core {

// What went wrong, in classes that map to HTTP statuses in one table (gateway/http/errors.cpp).
enum class ErrorCode {
  kInvalidArgument,       // malformed or missing input: 400
  kNotFound,              // 404
  kConflict,              // 409
  kUnprocessable,         // well-formed but refused by a rule: 422
  kPayloadTooLarge,       // 413
  kUnauthorized,          // 401
  kForbidden,             // 403
  kRateLimited,           // 429
  kUnsupportedMediaType,  // 415
  kMethodNotAllowed,      // 405
  kUnavailable,           // a dependency (store, backend) cannot serve now: 503
  kInternal,              // a bug or broken invariant: 500
};

// `message` is safe to show the caller; `detail` is for the log only (may name files, errno...).
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string detail;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

struct Ok {};
using Status = Result<Ok>;

inline Error MakeError(ErrorCode code, std::string message, std::string detail = {}) {
  return Error{code, std::move(message), std::move(detail)};
}

}  // namespace gw::core
