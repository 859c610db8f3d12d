// Rendering per channel.
#include "dialogs/render.hpp"

#include <fmt/format.h>

#include <cctype>

#include "locales/sms_segments.hpp"
#include "locales/text.hpp"

namespace gw::dialogs {
namespace {

std::string TrimTo(const std::string& text, std::size_t max_chars) {
  if (locales::CodePointCount(text) <= max_chars) return text;
  // Cut at the last sentence end that fits, counting code points.
  std::size_t count = 0, cut = 0, last_stop = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (++count > max_chars) break;
      cut = i;
    }
    if (text[i] == '.' || text[i] == '\n') last_stop = i + 1;
  }
  return text.substr(0, last_stop > 0 ? last_stop : cut);
}

}  // namespace

Rendered RenderSms(const std::vector<core::Reply>& replies, const locales::Catalog& texts,
                   std::size_t max_sms_chars) {
  std::string body;
  std::string refusals;
  std::vector<core::ReplyOption> options;
  for (const auto& r : replies) {
    if (r.rejection) {
      refusals += (refusals.empty() ? "" : " ") + r.text;
    } else {
      body += (body.empty() ? "" : " ") + r.text;
    }
    options.insert(options.end(), r.options.begin(), r.options.end());
  }
  std::string opts;
  for (std::size_t i = 0; i < options.size() && i < 9; ++i) {
    opts += fmt::format("{}{}. {}", opts.empty() ? "" : " ", i + 1, options[i].label);
  }
  // Bullets and line breaks cost characters and render badly on basic phones.
  auto flatten = [](std::string s) {
    for (std::string_view from : {"\n• ", "\n   - ", "\n"}) {
      for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos))
        s.replace(pos, from.size(), " ");
    }
    return s;
  };
  body = flatten(body);
  std::string full = refusals.empty() ? body : (body.empty() ? refusals : refusals + " " + body);
  if (!opts.empty()) full += " " + opts;
  Rendered out;
  // Fits when it is within the character budget and, counted as the network counts it (GSM-7
  // or UCS-2 parts), within two parts.
  if ((locales::CodePointCount(full) <= max_sms_chars && locales::CountSms(full).parts <= 2) ||
      body.empty()) {
    out.text = full;
    return out;
  }
  // The reason of a refusal is never cut; the informational text gives way, with a pointer.
  const std::string more = texts.Format("render.sms_more");
  std::size_t fixed = locales::CodePointCount(refusals) + locales::CodePointCount(opts) +
                      locales::CodePointCount(more) + 3;
  std::string trimmed = fixed < max_sms_chars ? TrimTo(body, max_sms_chars - fixed) : "";
  out.text = refusals;
  if (!trimmed.empty()) out.text += (out.text.empty() ? "" : " ") + trimmed;
  out.text += (out.text.empty() ? "" : " ") + more;
  if (!opts.empty()) out.text += " " + opts;
  return out;
}

Rendered RenderZalo(const std::vector<core::Reply>& replies) {
  Rendered out;
  for (const auto& r : replies) {
    out.text += (out.text.empty() ? "" : "\n\n") + r.text;
    out.buttons.insert(out.buttons.end(), r.options.begin(), r.options.end());
  }
  if (out.buttons.size() > 5) out.buttons.resize(5);  // Zalo OA shows at most five quick replies
  return out;
}

Rendered RenderEmail(const std::vector<core::Reply>& replies, const locales::Catalog& texts) {
  Rendered out;
  bool refusal = false;
  for (const auto& r : replies) {
    refusal |= r.rejection.has_value();
    out.text += (out.text.empty() ? "" : "\n\n") + r.text;
    if (!r.options.empty()) {
      out.text += "\n";
      for (const auto& o : r.options) out.text += "\n- " + o.label;
    }
  }
  out.text += "\n\n" + texts.Format("render.email_footer");
  out.subject = texts.Format(refusal ? "render.email_subject_refusal" : "render.email_subject");
  return out;
}

std::string SpeakDigits(std::string_view text, const locales::Catalog& texts) {
  std::string out;
  auto add = [&](const std::string& word) {
    out += (out.empty() || out.back() == ' ' ? "" : " ") + word + " ";
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    auto is_digit = [&](std::size_t j) {
      return j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]));
    };
    auto is_alnum = [&](std::size_t j) {
      return j < text.size() && std::isalnum(static_cast<unsigned char>(text[j]));
    };
    // A dot or comma inside a code ("000.00.12.H29") is spoken; one ending a sentence is not.
    const bool in_code =
        i > 0 && is_alnum(i - 1) && is_alnum(i + 1) && (is_digit(i - 1) || is_digit(i + 1));
    if (c >= '0' && c <= '9') {
      add(texts.Format(std::string("speak.digit.") + c));
    } else if ((c == '.' || c == ',') && in_code) {
      add(texts.Format("speak.dot"));
    } else if (c == '-' && i > 0 && std::isalnum(static_cast<unsigned char>(text[i - 1]))) {
      add(texts.Format("speak.dash"));
    } else if (c >= 'A' && c <= 'Z' && i + 1 < text.size() &&
               std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
      add(texts.Format(std::string("speak.letter.") + static_cast<char>(c - 'A' + 'a')));
    } else {
      if (!out.empty() && out.back() == ' ' && c == ' ') continue;
      // Punctuation sticks to the spoken word before it ("một.", not "một .").
      if (!out.empty() && out.back() == ' ' && std::ispunct(static_cast<unsigned char>(c)))
        out.pop_back();
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Rendered RenderIvr(const std::vector<core::Reply>& replies, const locales::Catalog& texts) {
  Rendered out;
  std::vector<core::ReplyOption> options;
  for (const auto& r : replies) {
    out.text += (out.text.empty() ? "" : " ") + SpeakDigits(r.text, texts);
    options.insert(options.end(), r.options.begin(), r.options.end());
  }
  for (std::size_t i = 0; i < options.size() && i < 9; ++i) {
    out.text += " " + texts.Format("render.ivr_option",
                                   {{"key", std::to_string(i + 1)}, {"label", options[i].label}});
  }
  for (std::string_view from : {"\n• ", "\n   - ", "\n"}) {
    for (auto pos = out.text.find(from); pos != std::string::npos; pos = out.text.find(from, pos)) {
      out.text.replace(pos, from.size(), ". ");
    }
  }
  out.buttons = options;
  return out;
}

}  // namespace gw::dialogs
