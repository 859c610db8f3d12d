// The one text preparation the classifier uses, for training and prediction alike.
#pragma once

#include <string>
#include <string_view>

namespace gw::dialogs::nlu {

// The one preprocessing used for training and prediction: lower case, NFC, diacritics folded
// (đ -> d), punctuation split off and dropped except '?' and '!', e-mail addresses, URLs,
// dossier codes, long numbers and dates replaced by placeholder tokens (__email__, __url__,
// __code__, __num__, __date__) so their digits do not become n-grams, tokens joined by one space.
// Numbers of one or two digits stay ("5 sao", "phiếu số 2"). Input should be valid UTF-8
// (invalid bytes become U+FFFD).
std::string PrepareForClassifier(std::string_view text);

}  // namespace gw::dialogs::nlu
