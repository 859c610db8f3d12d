// Refusals: a reason code and a citizen-facing text, always together (NĐ 137/2024 requires a
// refusal to state its reason). A Rejection cannot be built without both.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gw::core {

// The catalogue of reasons. Texts live in locales/<lang>/messages.json under "reason.<code>".
enum class ReasonCode {
  kOutOfScope,
  kUnknownProcedure,
  kNotFullyOnline,
  kWrongJurisdiction,
  kDossierNotFound,
  kInvalidInput,
  kBackendRefused,
  kStateSecret,
  kRateLimited,
  kAttachmentRejected,
};

inline constexpr ReasonCode kAllReasonCodes[] = {
    ReasonCode::kOutOfScope,         ReasonCode::kUnknownProcedure, ReasonCode::kNotFullyOnline,
    ReasonCode::kWrongJurisdiction,  ReasonCode::kDossierNotFound,  ReasonCode::kInvalidInput,
    ReasonCode::kBackendRefused,     ReasonCode::kStateSecret,      ReasonCode::kRateLimited,
    ReasonCode::kAttachmentRejected,
};

// The wire name ("out_of_scope", ...), as carried in `reason_code`.
std::string_view ReasonCodeName(ReasonCode code);
std::optional<ReasonCode> ParseReasonCode(std::string_view name);

class Rejection {
 public:
  // `text` is the citizen-facing explanation in the conversation's language; it must not be empty
  // (checked: an empty text is a bug in the caller and is replaced by the code's name, logged).
  Rejection(ReasonCode code, std::string text);

  ReasonCode code() const { return code_; }
  std::string_view code_name() const { return ReasonCodeName(code_); }
  const std::string& text() const { return text_; }

 private:
  ReasonCode code_;
  std::string text_;
};

}  // namespace gw::core
