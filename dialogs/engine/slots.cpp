// Slot validators: dossier codes, phones, CCCD, dates, e-mail, free text, choices, procedures.
#include "dialogs/engine/slots.hpp"

#include <fmt/format.h>

#include "locales/text.hpp"

namespace gw::dialogs {

std::string Simplify(std::string_view text) {
  std::string folded = locales::FoldDiacritics(text);
  std::string out;
  out.reserve(folded.size());
  for (char c : folded) {
    bool word =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
    if (word) {
      out.push_back(c);
    } else if (!out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool HasWords(std::string_view simple, std::string_view phrase) {
  std::size_t pos = 0;
  while ((pos = simple.find(phrase, pos)) != std::string_view::npos) {
    bool start_ok = pos == 0 || simple[pos - 1] == ' ';
    std::size_t end = pos + phrase.size();
    bool end_ok = end == simple.size() || simple[end] == ' ';
    if (start_ok && end_ok) return true;
    pos = end;
  }
  return false;
}

namespace {

bool IsSkip(std::string_view simple) {
  return simple == "bo qua" || simple == "khong" || simple == "khong co" || simple == "skip" ||
         simple == "ko" || simple == "k" || simple == "khong can";
}

std::optional<std::string> Email(std::string_view text) {
  // The first token shaped like local@domain.tld; a full RFC 5322 parser would accept addresses
  // no citizen types into a chat.
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == ',' || text[i] == ';')) ++i;
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != ',' && text[j] != ';') ++j;
    std::string_view tok = text.substr(i, j - i);
    while (!tok.empty() && (tok.back() == '.' || tok.back() == ')')) tok.remove_suffix(1);
    auto at = tok.find('@');
    if (at != std::string_view::npos && at > 0 && tok.find('.', at) != std::string_view::npos &&
        tok.back() != '.' && tok.find(' ') == std::string_view::npos) {
      return locales::ToLower(tok);
    }
    i = j;
  }
  return std::nullopt;
}

std::optional<std::string> Choice(const SlotSpec& slot, std::string_view text) {
  const std::string simple = Simplify(text);
  for (const auto& o : slot.options) {
    if (simple == o.id || simple == Simplify(o.id)) return o.id;
  }
  // Longer synonyms first, so "khong hai long" wins over "hai long".
  const ChoiceOption* best = nullptr;
  std::size_t best_len = 0;
  for (const auto& o : slot.options) {
    for (const auto& syn : o.synonyms) {
      if (syn.size() > best_len && HasWords(simple, syn)) {
        best = &o;
        best_len = syn.size();
      }
    }
  }
  if (best != nullptr) return best->id;
  return std::nullopt;
}

std::optional<std::string> Procedure(const Understanding& in, const ProcedureDirectory& procedures,
                                     float threshold, bool* unknown) {
  if (!in.procedure.empty() && in.procedure_confidence >= threshold &&
      procedures.BySlug(in.procedure) != nullptr) {
    return in.procedure;
  }
  if (const auto* p = procedures.Match(in.text)) return p->slug;
  if (procedures.BySlug(Simplify(in.text)) != nullptr) return Simplify(in.text);
  *unknown = true;
  return std::nullopt;
}

std::optional<std::string> Value(const SlotSpec& slot, const Understanding& in,
                                 const ProcedureDirectory& procedures, float threshold,
                                 bool* unknown_procedure) {
  const auto& e = in.entities;
  switch (slot.type) {
    case SlotType::kDossierCode:
      if (!e.dossier_codes.empty()) return e.dossier_codes.front();
      return std::nullopt;
    case SlotType::kPhone:
      if (!e.phones.empty()) return e.phones.front();
      return std::nullopt;
    case SlotType::kCccd:
      for (const auto& id : e.id_numbers) {
        if (id.size() == 12) return id;
      }
      return std::nullopt;
    case SlotType::kDate:
      if (!e.dates.empty() && e.dates.front().year > 0) {
        const auto& d = e.dates.front();
        return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
      }
      return std::nullopt;
    case SlotType::kEmail:
      return Email(in.text);
    case SlotType::kChoice:
      return Choice(slot, in.text);
    case SlotType::kProcedure:
      return Procedure(in, procedures, threshold, unknown_procedure);
    case SlotType::kText: {
      std::string t(in.text);
      while (!t.empty() && (t.back() == ' ' || t.back() == '\n')) t.pop_back();
      const auto n = static_cast<int>(locales::CodePointCount(t));
      if (n < std::max(1, slot.min_length) || n > slot.max_length) return std::nullopt;
      return t;
    }
  }
  return std::nullopt;
}

}  // namespace

SlotAnswer ValidateSlot(const SlotSpec& slot, const Understanding& in,
                        const ProcedureDirectory& procedures, float procedure_threshold) {
  SlotAnswer a;
  if (!slot.required && IsSkip(Simplify(in.text))) {
    a.skipped = true;
    return a;
  }
  a.value = Value(slot, in, procedures, procedure_threshold, &a.unknown_procedure);
  return a;
}

std::optional<std::string> PrefillSlot(const SlotSpec& slot, const Understanding& in,
                                       const ProcedureDirectory& procedures,
                                       float procedure_threshold) {
  if (!slot.prefill) return std::nullopt;
  if (slot.type == SlotType::kText) {
    // A first message long enough to be the content itself ("phản ánh: ... chi tiết") is taken
    // as it; a short one ("tôi muốn phản ánh") is the request, and the content is asked for.
    if (locales::CodePointCount(in.text) <
        static_cast<std::size_t>(std::max(slot.min_length, 40))) {
      return std::nullopt;
    }
  }
  if (slot.type == SlotType::kProcedure) {
    if (!in.procedure.empty() && in.procedure_confidence >= procedure_threshold &&
        procedures.BySlug(in.procedure) != nullptr) {
      return in.procedure;
    }
    return std::nullopt;
  }
  bool unknown = false;
  return Value(slot, in, procedures, procedure_threshold, &unknown);
}

}  // namespace gw::dialogs
