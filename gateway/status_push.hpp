// The status push a one-stop backend sends to POST /api/v1/notifications: parsed and checked
// against the contract (docs/API.md). Pure; the route verifies the signature and stores it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace gw::gateway {

struct StatusPush {
  std::string dossier_code;
  std::string procedure_code;
  std::string status;  // received | processing | supplement_required | payment_required |
                       // delayed | rejected | stopped | result_ready | returned | withdrawn
  std::string reason;
  std::string new_due_date;  // YYYY-MM-DD, delayed only
  std::string result;        // free text or the JSON of an object, as sent
  struct Recipient {
    std::string citizen_id, phone, email, zalo_user_id, app_user_id;
  } recipient;
  std::string occurred_at;  // RFC 3339 as sent
};

// Errors: kInvalidArgument (400) for malformed JSON or a field of the wrong shape, naming the
// field; kUnprocessable (422) when a status that refuses, asks for a supplement, stops or
// apologises comes without its reason (delayed: also without its new due date).
core::Result<StatusPush> ParseStatusPush(std::string_view body);

}  // namespace gw::gateway
