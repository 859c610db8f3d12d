// Global commands, recognised at any point of a conversation, with or without diacritics:
// hủy, quay lại, menu, trợ giúp, gặp cán bộ.
#pragma once

#include <string_view>

namespace gw::dialogs {

enum class GlobalCommand { kNone, kCancel, kBack, kMenu, kHelp, kOfficer };

// `simple` is the message lower-cased, folded, punctuation as spaces (dialogs::Simplify). Only a
// message that is the command (possibly with politeness words around it) counts: "hủy hồ sơ
// 000..." is a withdrawal request, not the command "hủy".
GlobalCommand ParseGlobalCommand(std::string_view simple);

// Yes/no answers to a confirmation; nullopt when neither.
enum class YesNo { kNone, kYes, kNo };
YesNo ParseYesNo(std::string_view simple);

}  // namespace gw::dialogs
