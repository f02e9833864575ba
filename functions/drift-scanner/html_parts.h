// The small pieces both of our HTML pages (report_html, fleet_page) are built from. Every value
// reaches a page through one of them, escaped.
#pragma once

#include <string>
#include <string_view>

#include "drift/severity.h"
#include "report_html.h"

namespace scanner::html {

inline std::string text(std::string_view s) { return html_escape(s); }
inline std::string code(std::string_view s) { return "<code>" + html_escape(s) + "</code>"; }
// A table cell that a narrow screen shows as a labelled line (the style sheet's `.stack`).
inline std::string cell(std::string_view label, const std::string& html) {
  return "<td data-label=\"" + html_escape(label) + "\">" + html + "</td>";
}
inline std::string sev_name(drift::severity s) { return std::string(drift::to_string(s)); }

// The charts' bar colours: the same as the badges' in the style sheet.
inline const char* colour(drift::severity s) {
  switch (s) {
    case drift::severity::critical:
      return "#b00020";
    case drift::severity::high:
      return "#d9480f";
    case drift::severity::medium:
      return "#a86b00";
    case drift::severity::low:
      return "#1c6fc2";
    default:
      return "#6c757d";
  }
}

}  // namespace scanner::html
