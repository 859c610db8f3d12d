// Reason code names and the Rejection invariant.
#include "core/rejection.hpp"

#include <utility>

#include "core/log.hpp"

namespace gw::core {

std::string_view ReasonCodeName(ReasonCode code) {
  switch (code) {
    case ReasonCode::kOutOfScope:
      return "out_of_scope";
    case ReasonCode::kUnknownProcedure:
      return "unknown_procedure";
    case ReasonCode::kNotFullyOnline:
      return "not_fully_online";
    case ReasonCode::kWrongJurisdiction:
      return "wrong_jurisdiction";
    case ReasonCode::kDossierNotFound:
      return "dossier_not_found";
    case ReasonCode::kInvalidInput:
      return "invalid_input";
    case ReasonCode::kBackendRefused:
      return "backend_refused";
    case ReasonCode::kStateSecret:
      return "state_secret";
    case ReasonCode::kRateLimited:
      return "rate_limited";
    case ReasonCode::kAttachmentRejected:
      return "attachment_rejected";
  }
  return "out_of_scope";
}

std::optional<ReasonCode> ParseReasonCode(std::string_view name) {
  for (ReasonCode c : kAllReasonCodes) {
    if (ReasonCodeName(c) == name) return c;
  }
  return std::nullopt;
}

Rejection::Rejection(ReasonCode code, std::string text) : code_(code), text_(std::move(text)) {
  if (text_.empty()) {
    Logger("core.rejection")
        .Error("rejection built without a text; using its code",
               {{"code", std::string(ReasonCodeName(code))}});
    text_ = std::string(ReasonCodeName(code));
  }
}

}  // namespace gw::core
