// ICU MessageFormat catalogs loaded from the embedded locale files.
#include "locales/catalog.hpp"

#include <fmt/format.h>
#include <unicode/msgfmt.h>
#include <unicode/unistr.h>

#include <atomic>
#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "embedded/locales.hpp"

namespace gw::locales {

struct Catalog::Entry {
  // Unique for the life of the process: the per-thread clone cache is keyed by it. (Keyed by the
  // entry's address, a clone outlived its catalog and was handed to a new entry at that address.)
  std::uint64_t id = 0;
  std::string pattern;
  bool plain = false;  // no arguments, no quoting: returned as is without ICU
  std::unique_ptr<icu::MessageFormat> format;  // shared read-only; cloned per thread for use
};

namespace {

icu::UnicodeString U(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

// ICU format objects are not documented as safe for concurrent use, so each thread formats with
// its own clone, made once per entry (cloning costs microseconds, building a pattern far more).
std::atomic<std::uint64_t> g_next_entry_id{1};

const icu::MessageFormat& ThreadFormat(std::uint64_t entry, const icu::MessageFormat& shared) {
  thread_local std::map<std::uint64_t, std::unique_ptr<icu::MessageFormat>> clones;
  auto& slot = clones[entry];
  if (!slot) slot.reset(shared.clone());
  return *slot;
}

}  // namespace

core::Result<Catalog> Catalog::Parse(std::string lang, std::string_view json_text) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::parse_error& e) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           fmt::format("locales/{}: {}", lang, e.what()));
  }
  if (!j.is_object()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           fmt::format("locales/{}: expected an object of key -> pattern", lang));
  }
  icu::Locale locale(lang.c_str());
  Catalog c;
  c.lang_ = std::move(lang);
  for (const auto& [key, value] : j.items()) {
    if (!value.is_string()) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             fmt::format("locales/{}: {}: expected a string", c.lang_, key));
    }
    auto entry = std::make_shared<Entry>();
    entry->id = g_next_entry_id++;
    entry->pattern = value.get<std::string>();
    entry->plain = entry->pattern.find_first_of("{}'") == std::string::npos;
    if (!entry->plain) {
      UErrorCode status = U_ZERO_ERROR;
      UParseError perr{};
      entry->format = std::make_unique<icu::MessageFormat>(U(entry->pattern), locale, perr, status);
      if (U_FAILURE(status)) {
        return core::MakeError(
            core::ErrorCode::kInvalidArgument,
            fmt::format("locales/{}: {}: bad MessageFormat pattern at offset {} ({})", c.lang_, key,
                        perr.offset, u_errorName(status)));
      }
    }
    c.entries_.emplace(key, std::move(entry));
  }
  return c;
}

bool Catalog::Has(std::string_view key) const {
  return entries_.find(key) != entries_.end();
}

std::vector<std::string> Catalog::Keys() const {
  std::vector<std::string> keys;
  for (const auto& [k, v] : entries_) keys.push_back(k);
  return keys;
}

std::string Catalog::Format(std::string_view key, const MessageArgs& args) const {
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    core::Logger("locales.catalog")
        .Error("missing catalog key", {{"lang", lang_}, {"key", std::string(key)}});
    return std::string(key);
  }
  const Entry& e = *it->second;
  if (e.plain) return e.pattern;
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  names.reserve(args.size());
  values.reserve(args.size());
  for (const auto& [name, value] : args) {
    names.push_back(U(name));
    if (const auto* s = std::get_if<std::string>(&value)) {
      values.emplace_back(U(*s));
    } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
      values.emplace_back(static_cast<int64_t>(*i));
    } else {
      values.emplace_back(std::get<double>(value));
    }
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out;
  ThreadFormat(e.id, *e.format)
      .format(names.data(), values.data(), static_cast<int32_t>(values.size()), out, status);
  if (U_FAILURE(status)) {
    core::Logger("locales.catalog")
        .Error("message format failed",
               {{"lang", lang_}, {"key", std::string(key)}, {"icu", u_errorName(status)}});
    return e.pattern;
  }
  std::string s;
  out.toUTF8String(s);
  return s;
}

core::Result<Catalogs> Catalogs::LoadEmbedded() {
  Catalogs cs;
  for (std::string lang : {"vi", "en"}) {
    auto text = embedded::locales::Find(lang + "/messages.json");
    if (!text) {
      return core::MakeError(core::ErrorCode::kInternal,
                             fmt::format("locales/{}/messages.json is not embedded", lang));
    }
    auto cat = Catalog::Parse(lang, *text);
    if (!cat.ok()) return cat.error();
    cs.by_lang_.emplace(lang, std::move(cat).value());
  }
  return cs;
}

const Catalog& Catalogs::For(std::string_view lang) const {
  auto it = by_lang_.find(lang);
  if (it != by_lang_.end()) return it->second;
  return by_lang_.find("vi")->second;
}

std::optional<std::string_view> EmbeddedLocaleFile(std::string_view path) {
  return embedded::locales::Find(path);
}

}  // namespace gw::locales
