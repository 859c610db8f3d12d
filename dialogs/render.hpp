// Channel-aware rendering of the engine's replies: SMS short with numbered options and no markup,
// Zalo with quick-reply buttons, e-mail with a subject and the full text, the app with structured
// options, the hotline (IVR) as a DTMF menu with numbers read digit by digit.
#pragma once

#include <string>
#include <vector>

#include "core/types.hpp"
#include "locales/catalog.hpp"

namespace gw::dialogs {

struct Rendered {
  std::string subject;                     // e-mail only
  std::string text;                        // SMS, e-mail, IVR speech; for Zalo/app the message text
  std::vector<core::ReplyOption> buttons;  // Zalo quick replies, app options
};

// SMS: the replies joined, options as "1. ...", refusals keep their reason text, no markup. When
// the whole does not fit `max_sms_chars` (two UCS-2 segments: 134) the long informational parts
// are cut at a sentence with a pointer to the web chat, but never a refusal's reason.
Rendered RenderSms(const std::vector<core::Reply>& replies, const locales::Catalog& texts,
                   std::size_t max_sms_chars = 134);
Rendered RenderZalo(const std::vector<core::Reply>& replies);
Rendered RenderEmail(const std::vector<core::Reply>& replies, const locales::Catalog& texts);
// IVR: "Bấm phím 1 để ..., phím 2 để ..."; digit runs (codes, phone numbers) spoken one by one.
Rendered RenderIvr(const std::vector<core::Reply>& replies, const locales::Catalog& texts);

// "000.00.12.H29" -> "không không không chấm không không chấm một hai chấm hắt hai chín".
std::string SpeakDigits(std::string_view text, const locales::Catalog& texts);

}  // namespace gw::dialogs
