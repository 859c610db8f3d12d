// The backend JSON contract (docs/BACKEND_API.md) as C++ types, with the one encoder and decoder
// that both the connector and the one-stop simulator use, so the two cannot drift apart.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace gw::backends {

// A dossier's status as NĐ 118/2025 and TT 03/2025 name them.
enum class DossierState {
  kReceived,
  kProcessing,
  kSupplementRequired,  // "phiếu yêu cầu bổ sung": carries a reason
  kPaymentRequired,
  kDelayed,   // "phiếu xin lỗi và hẹn lại": carries a reason and a new due date
  kRejected,  // "phiếu từ chối": carries a reason
  kStopped,   // "thông báo dừng xử lý": carries a reason
  kResultReady,
  kReturned,
  kWithdrawn,
};

inline constexpr DossierState kAllDossierStates[] = {
    DossierState::kReceived,        DossierState::kProcessing,  DossierState::kSupplementRequired,
    DossierState::kPaymentRequired, DossierState::kDelayed,     DossierState::kRejected,
    DossierState::kStopped,         DossierState::kResultReady, DossierState::kReturned,
    DossierState::kWithdrawn,
};

std::string_view StateName(DossierState state);  // "received", "supplement_required", ...
std::optional<DossierState> ParseState(std::string_view name);
// The states that refuse, ask for a supplement, stop or apologise must say why (NĐ 137/2024).
bool StateNeedsReason(DossierState state);
// No further transition follows these (a withdrawn or returned dossier is closed).
bool IsFinalState(DossierState state);

struct Applicant {
  std::string name;
  std::string cccd;  // 12-digit citizen ID number
  std::string phone;
  std::string email;  // may be empty
};

struct SubmitRequest {
  std::string procedure_code;  // e.g. "1.001193" (khai sinh); from the backend's catalogue
  std::string agency_code;     // the receiving unit's code, e.g. "000.00.12.H29"
  Applicant applicant;
  nlohmann::json form_fields = nlohmann::json::object();  // the procedure's form, as filled in
  std::string channel;      // where the citizen asked: "sms", "zalo", "email", "app", "ivr"
  std::string citizen_ref;  // the gateway's citizen id; echoed as recipient.citizen_id in pushes
};

struct SubmitReceipt {
  std::string dossier_code;  // "<unit code>-YYMMDD-NNNN"
  core::TimePoint received_at;
  core::TimePoint due_at;
};

struct StatusStep {
  DossierState status = DossierState::kReceived;
  core::TimePoint at;
  std::string note;
  std::string officer_unit;  // the unit (not the person) that took the step
};

// Where and how the result is handed over, once there is one.
struct ResultInfo {
  std::string summary;          // e.g. "Giấy khai sinh (bản chính)"
  std::string delivery;         // "counter", "post" or "online"
  std::string pickup_location;  // for "counter"
  std::string document_url;     // for "online"
};

struct DossierStatus {
  std::string dossier_code;
  std::string procedure_code;
  std::string agency_code;
  DossierState status = DossierState::kReceived;
  std::string reason;  // non-empty for the states of StateNeedsReason
  core::TimePoint received_at;
  std::optional<core::TimePoint> due_at;
  std::optional<core::TimePoint> new_due_at;  // set once the dossier has been delayed
  std::vector<StatusStep> history;            // oldest first
  std::optional<ResultInfo> result;
};

struct DocumentRef {
  std::string name;
  std::string url;
};

struct SupplementRequest {
  std::string note;
  nlohmann::json form_fields = nlohmann::json::object();
  std::vector<DocumentRef> documents;
};

struct WithdrawRequest {
  std::string reason;  // the citizen's, may be empty
};

// What a supplement or a withdrawal led to.
struct ActionReceipt {
  std::string dossier_code;
  DossierState status = DossierState::kProcessing;
  core::TimePoint at;
};

enum class ComplaintKind { kComplaint, kFeedback };  // khiếu nại / phản ánh, kiến nghị

struct ComplaintRequest {
  ComplaintKind kind = ComplaintKind::kFeedback;
  std::string agency_code;
  std::string dossier_code;  // may be empty
  Applicant applicant;
  std::string text;
  std::string channel;
  std::string citizen_ref;
};

struct ComplaintReceipt {
  std::string ticket_number;
  core::TimePoint received_at;
};

// {"error":{"code","message"}}, the body of every failing response.
struct WireError {
  std::string code;
  std::string message;
};

// Timestamps on the wire are RFC 3339 (core::FormatTimestamp writes them). Accepts "Z" or a
// "+07:00" offset and an optional fraction; nullopt when malformed.
std::optional<core::TimePoint> ParseTimestamp(std::string_view text);

// Encoders. Optional fields that are empty are left out.
nlohmann::json ToJson(const SubmitRequest& v);
nlohmann::json ToJson(const SubmitReceipt& v);
nlohmann::json ToJson(const DossierStatus& v);
nlohmann::json ToJson(const SupplementRequest& v);
nlohmann::json ToJson(const WithdrawRequest& v);
nlohmann::json ToJson(const ActionReceipt& v);
nlohmann::json ToJson(const ComplaintRequest& v);
nlohmann::json ToJson(const ComplaintReceipt& v);
nlohmann::json ToJson(const ResultInfo& v);
nlohmann::json ToJson(const Applicant& v);
nlohmann::json ErrorJson(std::string_view code, std::string_view message);

// Decoders: check types and required fields, and the reason rule of StateNeedsReason. Errors are
// kInvalidArgument with the offending field's path in the message ("applicant.cccd: expected a
// string").
core::Result<SubmitRequest> SubmitRequestFromJson(const nlohmann::json& j);
core::Result<SubmitReceipt> SubmitReceiptFromJson(const nlohmann::json& j);
core::Result<DossierStatus> DossierStatusFromJson(const nlohmann::json& j);
core::Result<SupplementRequest> SupplementRequestFromJson(const nlohmann::json& j);
core::Result<WithdrawRequest> WithdrawRequestFromJson(const nlohmann::json& j);
core::Result<ActionReceipt> ActionReceiptFromJson(const nlohmann::json& j);
core::Result<ComplaintRequest> ComplaintRequestFromJson(const nlohmann::json& j);
core::Result<ComplaintReceipt> ComplaintReceiptFromJson(const nlohmann::json& j);
core::Result<ResultInfo> ResultInfoFromJson(const nlohmann::json& j);
core::Result<WireError> WireErrorFromJson(const nlohmann::json& j);

}  // namespace gw::backends
