// Our command lines (the scanner's, lambda-harness's) parse with CLI11; this is how their --help
// looks and how a CLI11 complaint about a missing value is worded.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace core::cli {

// --help laid out by CLI11 from the parser's own options, so that the two cannot disagree:
// the app's description, `usage` as given, each option group under its name as a heading,
// "-h, --help VALUE" rows with descriptions from `column` on ('\n' in a description continues
// at that column), and the app's footer.
class help_layout : public CLI::Formatter {
 public:
  help_layout(std::string usage, std::size_t column) : usage_(std::move(usage)) {
    column_width(column);
  }
  std::string make_description(const CLI::App* app) const override {
    return app->get_description() + "\n";
  }
  std::string make_usage(const CLI::App*, std::string) const override {
    return "\n" + usage_ + "\n";
  }
  std::string make_group(std::string group, bool positional,
                         std::vector<const CLI::Option*> opts) const override {
    std::string out = group + "\n";
    for (const CLI::Option* o : opts) out += make_option(o, positional);
    return out;
  }
  std::string make_option_name(const CLI::Option* o, bool) const override {
    std::string names = o->get_name(false, true);
    for (auto at = names.find(','); at != std::string::npos; at = names.find(',', at + 2))
      names.insert(at + 1, " ");
    return names;
  }
  std::string make_option_opts(const CLI::Option* o) const override {
    if (o->get_type_size() == 0 || o->get_type_name().empty()) return "";
    return o->get_expected_min() == 0 ? " [" + o->get_type_name() + "]" : " " + o->get_type_name();
  }

 private:
  std::string usage_;
};

// The option a CLI11 ArgumentMismatch names ("--zip: 1 required FILE missing" -> "--zip"), or
// "" when its text names none of `app`'s options.
inline std::string option_of(const CLI::ParseError& e, const CLI::App& app) {
  const std::string_view what = e.what();
  const std::string name(what.substr(0, what.find(':')));
  return name.rfind("-", 0) == 0 && app.get_option_no_throw(name) ? name : std::string();
}

}  // namespace core::cli
