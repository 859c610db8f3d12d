// Wording of action outcomes and of procedure information, in the conversation's language.
#include <fmt/format.h>

#include <cstdio>

#include "dialogs/engine/engine.hpp"

namespace gw::dialogs {
namespace {

std::string Get(const std::map<std::string, std::string>& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? std::string() : it->second;
}

// "2026-11-23" -> "ngày 23 tháng 11 năm 2026" (or the English form); other text unchanged.
std::string FormatDate(const locales::Catalog& texts, std::string_view iso) {
  int y = 0, m = 0, d = 0;
  if (iso.size() < 10 ||
      std::sscanf(std::string(iso.substr(0, 10)).c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) {
    return std::string(iso);
  }
  // Strings, not numbers: ICU would group the year as "2.026" in Vietnamese.
  return texts.Format(
      "date.long", {{"d", std::to_string(d)}, {"m", std::to_string(m)}, {"y", std::to_string(y)}});
}

}  // namespace

core::Reply Engine::ProcedureInfo(const ProcedureFacts& p) const {
  std::string documents;
  for (const auto& doc : p.documents) documents += "\n   - " + doc;
  core::Reply r;
  r.text = texts_.Format("info.summary", {{"name", p.name},
                                          {"code", p.code},
                                          {"documents", documents},
                                          {"fees", p.fees},
                                          {"time", p.processing_time},
                                          {"where", p.where}});
  if (p.fully_online) {
    r.text += "\n" + texts_.Format("info.fully_online");
    r.options = {{"submit", texts_.Format("option.submit")},
                 {"menu", texts_.Format("menu.option.menu")}};
  } else {
    r.text += "\n" +
              texts_.Format("info.partly_online", {{"in_person", p.in_person}, {"where", p.where}});
    r.options = {{"officer", texts_.Format("menu.option.officer")},
                 {"menu", texts_.Format("menu.option.menu")}};
  }
  return r;
}

std::vector<core::Reply> Engine::DescribeOutcome(const ActionOutcome& o) const {
  using Status = ActionOutcome::Status;
  const auto& d = o.data;
  core::Reply r;
  const std::string code = Get(d, "dossier_code");
  switch (o.status) {
    case Status::kNotFound:
      r.text = texts_.Format("reason.dossier_not_found", {{"code", code}});
      r.rejection.emplace(core::ReasonCode::kDossierNotFound, r.text);
      return {r};
    case Status::kRefused:
      r.text = texts_.Format("reason.backend_refused", {{"reason", Get(d, "reason")}});
      r.rejection.emplace(core::ReasonCode::kBackendRefused, r.text);
      r.options = {{"officer", texts_.Format("menu.option.officer")}};
      return {r};
    case Status::kQueued:
      r.text = texts_.Format(
          "action.queued", {{"why", Get(d, "why").empty() ? texts_.Format("action.why_unreachable")
                                                          : Get(d, "why")}});
      return {r};
    case Status::kFailed:
      r.text = texts_.Format("action.failed", {{"hotline", settings_.hotline}});
      r.options = {{"officer", texts_.Format("menu.option.officer")}};
      return {r};
    case Status::kOk:
      break;
  }
  switch (o.kind) {
    case ActionKind::kLookupDossier: {
      const std::string status = Get(d, "status");
      r.text = texts_.Format("lookup.result", {{"code", code},
                                               {"procedure", Get(d, "procedure")},
                                               {"status", texts_.Format("status." + status)}});
      if (!Get(d, "due_date").empty()) {
        r.text +=
            "\n" + texts_.Format("lookup.due", {{"due", FormatDate(texts_, Get(d, "due_date"))}});
      }
      if (!Get(d, "reason").empty())
        r.text += "\n" + texts_.Format("lookup.reason", {{"reason", Get(d, "reason")}});
      const std::string history = Get(d, "history");
      if (!history.empty()) {
        r.text += "\n" + texts_.Format("lookup.history");
        std::size_t start = 0;
        while (start < history.size()) {
          auto end = history.find('\n', start);
          if (end == std::string::npos) end = history.size();
          std::string line = history.substr(start, end - start);
          auto p1 = line.find('|'), p2 = line.find('|', p1 == std::string::npos ? 0 : p1 + 1);
          if (p1 != std::string::npos) {
            std::string when = FormatDate(texts_, line.substr(0, p1));
            std::string st = texts_.Format("status." + line.substr(p1 + 1, p2 == std::string::npos
                                                                               ? std::string::npos
                                                                               : p2 - p1 - 1));
            std::string note = p2 == std::string::npos ? "" : line.substr(p2 + 1);
            r.text += fmt::format("\n• {}: {}{}", when, st, note.empty() ? "" : " — " + note);
          }
          start = end + 1;
        }
      }
      std::vector<core::Reply> out{r};
      if (status == "result_ready" || status == "returned") {
        // Satisfaction is asked after a result (NĐ 42/2022: every channel lets citizens rate).
        core::Reply offer;
        offer.text = texts_.Format("rating.offer");
        offer.options = {{"rat_hai_long", texts_.Format("rating.very_satisfied")},
                         {"hai_long", texts_.Format("rating.satisfied")},
                         {"khong_hai_long", texts_.Format("rating.unsatisfied")}};
        out.push_back(std::move(offer));
      }
      return out;
    }
    case ActionKind::kSubmitDossier:
      r.text = texts_.Format("submit.done", {{"procedure", Get(d, "procedure_name")},
                                             {"code", code},
                                             {"due", FormatDate(texts_, Get(d, "due_date"))}});
      break;
    case ActionKind::kSupplement:
      r.text = texts_.Format("supplement.done", {{"code", code}});
      break;
    case ActionKind::kWithdraw:
      r.text = texts_.Format("withdraw.done", {{"code", code}});
      break;
    case ActionKind::kFileComplaint:
      r.text = texts_.Format("complaint.done", {{"ticket", Get(d, "ticket")},
                                                {"days", std::int64_t{settings_.complaint_days}}});
      break;
    case ActionKind::kRecordRating:
      r.text = texts_.Format("rating.done");
      break;
    case ActionKind::kSubscribe:
      r.text = texts_.Format("subscribe.done",
                             {{"channel", texts_.Format("channel." + Get(d, "channel"))}});
      break;
    case ActionKind::kUnsubscribe:
      r.text = texts_.Format("unsubscribe.done",
                             {{"channel", texts_.Format("channel." + Get(d, "channel"))}});
      break;
    case ActionKind::kHandOff:
      return {};
  }
  r.options = {{"menu", texts_.Format("menu.option.menu")}};
  return {r};
}

}  // namespace gw::dialogs
