// The drift report as one self-contained HTML page, for operators reading drift in a browser:
// inline CSS and SVG, no script, no outside asset, and a Content-Security-Policy that forbids
// loading anything else, so the page works offline and as an S3 object. Pure: no I/O.
#pragma once

#include <string>
#include <string_view>

#include "drift/report.h"

namespace scanner {

// `s` safe as HTML text and as a quoted attribute value: & < > " ' become entities. Every
// value the page shows goes through it (tags, names and values come from the cloud and can be
// anyone's).
std::string html_escape(std::string_view s);

// What every page of ours shares (the fleet page too): the Content-Security-Policy that lets
// it load nothing but inline styles and data: images, and the style sheet, which keeps a 375 px
// phone screen free of horizontal overflow.
inline constexpr const char* page_csp =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
const char* page_css();

// The page of one report: summary cards and a chart by severity with the cost delta, one
// section per drift (attributes expected vs actual, reason, fix, lifecycle), unmanaged
// resources with their import commands, IaC coverage, and what was not checked and why.
std::string report_html(const drift::report& r);

}  // namespace scanner
