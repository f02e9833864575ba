#include "drift/ignore.h"

#include "glob.h"

namespace drift {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

ignore_rules ignore_rules::parse(std::string_view text) {
  ignore_rules out;
  std::size_t number = 0;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view raw = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++number;
    std::string_view l = trim(raw);
    if (l.empty() || l.front() == '#') continue;
    line entry;
    if (l.front() == '!') {
      entry.negate = true;
      l = trim(l.substr(1));
    }
    if (l.empty()) {
      out.warnings_.push_back("line " + std::to_string(number) + ": `!` without a pattern");
      continue;
    }
    entry.pattern = std::string(l);
    out.lines_.push_back(std::move(entry));
  }
  return out;
}

bool ignore_rules::ignores_resource(std::string_view address, std::string_view type,
                                    std::string_view id) const {
  const std::string by_id = std::string(type) + "." + std::string(id);
  bool ignored = false;
  for (const auto& l : lines_) {
    if (detail::glob_match(l.pattern, address) ||
        (!id.empty() && detail::glob_match(l.pattern, by_id))) {
      ignored = !l.negate;
    }
  }
  return ignored;
}

bool ignore_rules::ignores_attribute(std::string_view address, std::string_view type,
                                     std::string_view id, std::string_view attribute) const {
  const std::string a = std::string(address) + "." + std::string(attribute);
  const std::string b = std::string(type) + "." + std::string(id) + "." + std::string(attribute);
  bool ignored = ignores_resource(address, type, id);
  for (const auto& l : lines_) {
    if (detail::glob_match(l.pattern, a) || (!id.empty() && detail::glob_match(l.pattern, b))) {
      ignored = !l.negate;
    }
  }
  return ignored;
}

}  // namespace drift
