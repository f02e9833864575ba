# Every third-party library comes from Debian packages (scripts/setup.sh installs them),
# except two for the static build, each built once from Debian's own (patched) source package
# and cached in the build tree: libcurl, because Debian's libcurl.a needs Kerberos, LDAP and
# others that ship no static archive (ours is HTTP/HTTPS only, without NTLM); and OpenSSL,
# trimmed to what an HTTPS client of AWS and GitHub uses (below), because Debian's libcrypto.a
# was most of a bootstrap's bytes. The dynamic (sanitizer) build uses the
# system's libcurl and OpenSSL.
find_package(Threads REQUIRED)
find_package(RapidJSON REQUIRED)
if(NOT TARGET drift::rapidjson)
  add_library(drift::rapidjson INTERFACE IMPORTED)
  target_include_directories(drift::rapidjson INTERFACE ${RapidJSON_INCLUDE_DIRS} ${RAPIDJSON_INCLUDE_DIRS})
  target_compile_definitions(drift::rapidjson INTERFACE RAPIDJSON_HAS_STDSTRING=1)
endif()
find_package(pugixml REQUIRED)
# Command lines (the scanner's, the harness's): header-only, so the static bootstraps take it too.
find_package(CLI11 CONFIG REQUIRED)
add_library(drift::cli11 INTERFACE IMPORTED)
target_link_libraries(drift::cli11 INTERFACE CLI11::CLI11)
find_package(GTest REQUIRED)
find_package(benchmark QUIET)

# The unpacked Debian source package <package>=<version> in the build tree, fetched once with
# apt-get source and checked to be exactly that version: the pinned source is what the zips were
# measured and their handshakes tested with. Sets <package>_src, <package>_src_root and
# <package>_upstream (the version without its Debian revision) in the caller's scope.
function(drift_debian_source package version version_var)
  string(REGEX REPLACE "-[^-]*$" "" upstream ${version})
  set(root ${CMAKE_BINARY_DIR}/_deps/${package}-source)
  set(src ${root}/${package}-${upstream})
  if(NOT EXISTS ${src}/debian/changelog)
    message(STATUS "Fetching Debian's ${package} ${version} source package into ${root}")
    file(MAKE_DIRECTORY ${root})
    execute_process(COMMAND apt-get source ${package}=${version}
                    WORKING_DIRECTORY ${root} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
    if(NOT rc EQUAL 0 OR NOT EXISTS ${src}/debian/changelog)
      message(FATAL_ERROR "apt-get source ${package}=${version} failed (${err}). "
        "Run scripts/setup.sh first (it adds the deb-src entry); if the mirror no longer serves "
        "this version, set ${version_var} to one `apt-cache showsrc ${package}` lists and "
        "rerun the handshake test (tests/packaging).")
    endif()
  endif()
  file(STRINGS ${src}/debian/changelog head LIMIT_COUNT 1)
  if(NOT head MATCHES "^${package} \\(([^)]+)\\)" OR NOT CMAKE_MATCH_1 STREQUAL "${version}")
    message(FATAL_ERROR "${src} holds ${package} '${CMAKE_MATCH_1}', not the pinned "
      "${version}: remove ${root} and configure again.")
  endif()
  set(${package}_src ${src} PARENT_SCOPE)
  set(${package}_src_root ${root} PARENT_SCOPE)
  set(${package}_upstream ${upstream} PARENT_SCOPE)
endfunction()

if(DRIFT_STATIC)
  set(ZLIB_USE_STATIC_LIBS TRUE)
  include(ExternalProject)

  # OpenSSL, trimmed: Debian's source package at a pinned version (the source the build was
  # measured and tested with; a different fetched version stops the configure). Only TLS 1.2
  # and 1.3 with the ECDHE key exchanges, RSA/ECDSA certificates, AES-GCM and ChaCha20-Poly1305
  # (and the digests, HMAC and MD5 our AWS code uses) are needed; the rest goes (finite-field
  # DHE, OCSP and DSA too), -Os, and -ffunction-sections lets the bootstraps' --gc-sections drop
  # what nothing calls. tests/packaging/tls_handshakes.sh proves the handshakes that remain.
  set(DRIFT_OPENSSL_VERSION "3.0.20-1~deb12u2" CACHE STRING "Debian openssl source version of the static build")
  set(DRIFT_OPENSSL_PREBUILT "" CACHE PATH "An install prefix of an already built trimmed OpenSSL (reuse across build trees)")
  set(drift_openssl_options no-shared no-tests no-legacy no-engine no-dso no-comp no-ct no-cms
    no-ts no-srp no-dtls no-sctp no-ssl3 no-tls1 no-tls1_1 no-idea no-camellia no-aria no-seed
    no-bf no-cast no-rc2 no-rc4 no-rc5 no-md4 no-mdc2 no-whirlpool no-rmd160 no-sm2 no-sm3 no-sm4
    no-siphash no-blake2 no-ocb no-ec2m no-gost no-dsa no-async no-ui-console no-autoload-config
    no-uplink no-padlockeng no-afalgeng no-capieng no-siv no-scrypt no-srtp no-nextprotoneg
    no-ssl-trace no-weak-ssl-ciphers no-cmp no-des no-multiblock no-psk
    no-dh no-ocsp no-rfc3779 no-filenames)
  if(DRIFT_OPENSSL_PREBUILT)
    set(DRIFT_OPENSSL_PREFIX ${DRIFT_OPENSSL_PREBUILT})
    add_custom_target(openssl_static)
  else()
    drift_debian_source(openssl ${DRIFT_OPENSSL_VERSION} DRIFT_OPENSSL_VERSION)
    set(DRIFT_OPENSSL_PREFIX ${CMAKE_BINARY_DIR}/_deps/openssl-install)
    cmake_host_system_information(RESULT openssl_jobs QUERY NUMBER_OF_LOGICAL_CORES)
    # Fixed --prefix and --openssldir (installed through DESTDIR): the paths compiled into
    # libcrypto do not depend on the build tree, so the zips stay reproducible. /usr/lib/ssl is
    # where Debian's OpenSSL looks, as before, for a default CA store when no bundle is found.
    ExternalProject_Add(openssl_static
      SOURCE_DIR ${openssl_src}
      BINARY_DIR ${CMAKE_BINARY_DIR}/_deps/openssl-build
      INSTALL_DIR ${DRIFT_OPENSSL_PREFIX}
      DOWNLOAD_COMMAND "" UPDATE_COMMAND "" PATCH_COMMAND ""
      CONFIGURE_COMMAND ${CMAKE_COMMAND} -E env SOURCE_DATE_EPOCH=315619200
        perl <SOURCE_DIR>/Configure linux-x86_64 --prefix=/opt/drift-openssl --libdir=lib
        --openssldir=/usr/lib/ssl ${drift_openssl_options} -Os -ffunction-sections -fdata-sections
      BUILD_COMMAND ${CMAKE_COMMAND} -E env SOURCE_DATE_EPOCH=315619200 make -j${openssl_jobs} build_libs
      INSTALL_COMMAND make install_dev DESTDIR=<INSTALL_DIR>/stage
        COMMAND ${CMAKE_COMMAND} -E copy_directory <INSTALL_DIR>/stage/opt/drift-openssl <INSTALL_DIR>
      BUILD_BYPRODUCTS ${DRIFT_OPENSSL_PREFIX}/lib/libssl.a ${DRIFT_OPENSSL_PREFIX}/lib/libcrypto.a)
  endif()
  file(MAKE_DIRECTORY ${DRIFT_OPENSSL_PREFIX}/include)
  # The names FindOpenSSL gives, so that every target of the static build links the trimmed
  # archives whatever it asks for.
  add_library(OpenSSL::Crypto STATIC IMPORTED)
  set_target_properties(OpenSSL::Crypto PROPERTIES
    IMPORTED_LOCATION ${DRIFT_OPENSSL_PREFIX}/lib/libcrypto.a
    INTERFACE_INCLUDE_DIRECTORIES ${DRIFT_OPENSSL_PREFIX}/include
    INTERFACE_LINK_LIBRARIES "Threads::Threads;${CMAKE_DL_LIBS}")
  add_library(OpenSSL::SSL STATIC IMPORTED)
  set_target_properties(OpenSSL::SSL PROPERTIES
    IMPORTED_LOCATION ${DRIFT_OPENSSL_PREFIX}/lib/libssl.a
    INTERFACE_INCLUDE_DIRECTORIES ${DRIFT_OPENSSL_PREFIX}/include
    INTERFACE_LINK_LIBRARIES OpenSSL::Crypto)
  add_dependencies(OpenSSL::Crypto openssl_static)
  add_dependencies(OpenSSL::SSL openssl_static)
else()
  find_package(OpenSSL REQUIRED)
endif()
find_package(ZLIB REQUIRED)

# The TLS and crypto library of the product's binaries (libcurl's HTTPS and aws::crypto):
# `wolfssl`, the default of the static build, a TLS 1.2/1.3 client about 1.7 MB smaller
# stripped than the trimmed OpenSSL, which keeps every zip under 2 MB; or `openssl`, the trimmed
# OpenSSL above (the dynamic sanitizer build always uses the system's). Test tools and the
# harness keep OpenSSL::* either way (Debian's cpp-httplib is built against OpenSSL).
if(DRIFT_STATIC)
  set(drift_default_tls_backend "wolfssl")
else()
  set(drift_default_tls_backend "openssl")
endif()
set(DRIFT_TLS_BACKEND "${drift_default_tls_backend}" CACHE STRING "TLS/crypto library of the product's binaries: openssl or wolfssl")
set_property(CACHE DRIFT_TLS_BACKEND PROPERTY STRINGS openssl wolfssl)
if(NOT DRIFT_TLS_BACKEND MATCHES "^(openssl|wolfssl)$")
  message(FATAL_ERROR "DRIFT_TLS_BACKEND must be openssl or wolfssl, not '${DRIFT_TLS_BACKEND}'")
endif()
if(DRIFT_TLS_BACKEND STREQUAL "wolfssl" AND NOT DRIFT_STATIC)
  message(FATAL_ERROR "DRIFT_TLS_BACKEND=wolfssl needs the static build (DRIFT_STATIC=ON)")
endif()
add_library(drift::tls_crypto INTERFACE IMPORTED)
if(DRIFT_TLS_BACKEND STREQUAL "wolfssl")
  # wolfSSL from Debian's source package at a pinned version, built with its CMake: TLS 1.2 and
  # 1.3 only, ECDHE over P-256/P-384 and X25519, RSA (with PSS, which TLS 1.3 needs) and ECDSA
  # certificates, AES-GCM and ChaCha20-Poly1305, SNI and the supported-groups extension, the
  # file system for the CA bundle (CURLOPT_CAINFO), and the SHA-1/SHA-256/MD5/HMAC/base64 that
  # aws::crypto calls through wolfCrypt's own API. Everything else off, -Os with function
  # sections for the bootstraps' --gc-sections.
  # tests/packaging/tls_handshakes.sh proves the handshakes.
  set(DRIFT_WOLFSSL_VERSION "5.5.4-2+deb12u3" CACHE STRING "Debian wolfssl source version of the static build")
  set(drift_wolfssl_options -DBUILD_SHARED_LIBS=OFF -DWOLFSSL_REPRODUCIBLE_BUILD=yes
    -DWOLFSSL_EXAMPLES=no -DWOLFSSL_CRYPT_TESTS=no -DWOLFSSL_OLD_TLS=no -DWOLFSSL_TLSV12=yes
    -DWOLFSSL_TLS13=yes -DWOLFSSL_ECC=yes -DWOLFSSL_CURVE25519=yes -DWOLFSSL_RSA=yes
    -DWOLFSSL_RSA_PSS=yes -DWOLFSSL_HKDF=yes -DWOLFSSL_AESGCM=yes -DWOLFSSL_CHACHA=yes
    -DWOLFSSL_POLY1305=yes -DWOLFSSL_SNI=yes -DWOLFSSL_SUPPORTED_CURVES=yes -DWOLFSSL_MD5=yes
    -DWOLFSSL_SHA=yes -DWOLFSSL_BASE64_ENCODE=yes -DWOLFSSL_FILESYSTEM=yes -DWOLFSSL_DH=no
    -DWOLFSSL_DSA=no -DWOLFSSL_SHA3=no -DWOLFSSL_DES3=no -DWOLFSSL_ARC4=no -DWOLFSSL_PKCS12=no
    -DWOLFSSL_AESCBC=no -DWOLFSSL_OPENSSLEXTRA=yes)
  # Defines without a CMake option of wolfSSL's: its build writes them into wolfssl/options.h,
  # which every user includes first. A client only. (OPENSSL_EXTRA above: curl's wolfSSL
  # backend is written with the OpenSSL names and calls ERR_clear_error, which only it provides.)
  set(drift_wolfssl_defines "-DNO_WOLFSSL_SERVER")
  drift_debian_source(wolfssl ${DRIFT_WOLFSSL_VERSION} DRIFT_WOLFSSL_VERSION)
  set(DRIFT_WOLFSSL_PREFIX ${CMAKE_BINARY_DIR}/_deps/wolfssl-install)
  ExternalProject_Add(wolfssl_static
    SOURCE_DIR ${wolfssl_src}
    BINARY_DIR ${CMAKE_BINARY_DIR}/_deps/wolfssl-build
    INSTALL_DIR ${DRIFT_WOLFSSL_PREFIX}
    DOWNLOAD_COMMAND "" UPDATE_COMMAND "" PATCH_COMMAND ""
    CMAKE_ARGS
      -DCMAKE_INSTALL_PREFIX=<INSTALL_DIR> -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_LIBDIR=lib
      -DCMAKE_POSITION_INDEPENDENT_CODE=ON
      "-DCMAKE_C_FLAGS=-Os -ffunction-sections -fdata-sections -ffile-prefix-map=<SOURCE_DIR>=wolfssl ${drift_wolfssl_defines}"
      ${drift_wolfssl_options}
    BUILD_BYPRODUCTS ${DRIFT_WOLFSSL_PREFIX}/lib/libwolfssl.a)
  file(MAKE_DIRECTORY ${DRIFT_WOLFSSL_PREFIX}/include)
  add_library(drift_wolfssl STATIC IMPORTED)
  set_target_properties(drift_wolfssl PROPERTIES
    IMPORTED_LOCATION ${DRIFT_WOLFSSL_PREFIX}/lib/libwolfssl.a
    INTERFACE_INCLUDE_DIRECTORIES ${DRIFT_WOLFSSL_PREFIX}/include
    INTERFACE_LINK_LIBRARIES "Threads::Threads;m")
  add_dependencies(drift_wolfssl wolfssl_static)
  target_link_libraries(drift::tls_crypto INTERFACE drift_wolfssl)
  target_compile_definitions(drift::tls_crypto INTERFACE DRIFT_TLS_WOLFSSL)
  set(drift_tls_libraries drift_wolfssl)
  set(drift_tls_target wolfssl_static)
else()
  target_link_libraries(drift::tls_crypto INTERFACE OpenSSL::Crypto)
  set(drift_tls_libraries "OpenSSL::SSL;OpenSSL::Crypto")
  set(drift_tls_target openssl_static)
endif()

add_library(drift::pugixml INTERFACE IMPORTED)
if(DRIFT_STATIC)
  # pugixml from Debian's source package at a pinned version, compiled here at -Os with one
  # section per function: Debian's libpugixml.a is one object, so every bootstrap linked all of
  # it, the XPath engine included, which no shipped code calls (the tests still may).
  set(DRIFT_PUGIXML_VERSION "1.13-0.2" CACHE STRING "Debian pugixml source version of the static build")
  string(REGEX REPLACE "-[^-]*$" "" pugixml_upstream ${DRIFT_PUGIXML_VERSION})
  set(DRIFT_PUGIXML_SOURCE_DIR "" CACHE PATH "Unpacked pugixml source of that version (default: apt-get source pugixml into the build tree)")
  set(pugixml_src_root ${CMAKE_BINARY_DIR}/_deps/pugixml-source)
  set(pugixml_src ${pugixml_src_root}/pugixml-${pugixml_upstream})
  if(DRIFT_PUGIXML_SOURCE_DIR)
    set(pugixml_src ${DRIFT_PUGIXML_SOURCE_DIR})
  elseif(NOT EXISTS ${pugixml_src}/src/pugixml.cpp)
    message(STATUS "Fetching Debian's pugixml ${DRIFT_PUGIXML_VERSION} source package into ${pugixml_src_root}")
    file(MAKE_DIRECTORY ${pugixml_src_root})
    execute_process(COMMAND apt-get source pugixml=${DRIFT_PUGIXML_VERSION}
                    WORKING_DIRECTORY ${pugixml_src_root} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
    if(NOT rc EQUAL 0 OR NOT EXISTS ${pugixml_src}/src/pugixml.cpp)
      message(FATAL_ERROR "apt-get source pugixml=${DRIFT_PUGIXML_VERSION} failed (${err}). Run "
        "scripts/setup.sh first (it adds the deb-src entry), or set DRIFT_PUGIXML_VERSION to one "
        "`apt-cache showsrc pugixml` lists.")
    endif()
  endif()
  # The headers stay libpugixml-dev's (the same version, so the same declarations). -w: the
  # library's own warnings are not ours to fix under -Werror.
  if(NOT pugixml_VERSION VERSION_EQUAL pugixml_upstream)
    message(FATAL_ERROR "libpugixml-dev is ${pugixml_VERSION}, the pinned source ${pugixml_upstream}: "
      "set DRIFT_PUGIXML_VERSION to the installed package's version.")
  endif()
  add_library(drift_pugixml STATIC ${pugixml_src}/src/pugixml.cpp)
  target_compile_options(drift_pugixml PRIVATE -Os -ffunction-sections -fdata-sections -w
                         -ffile-prefix-map=${pugixml_src}=pugixml)
  target_link_libraries(drift::pugixml INTERFACE drift_pugixml)
else()
  target_link_libraries(drift::pugixml INTERFACE pugixml::pugixml)
endif()

add_library(drift::curl INTERFACE IMPORTED)
if(DRIFT_STATIC)
  find_library(CARES_STATIC_LIBRARY NAMES libcares.a REQUIRED)
  set(DRIFT_CURL_PREBUILT "" CACHE PATH "An install prefix of an already built static libcurl, built against the same OpenSSL (reuse across build trees)")
  if(DRIFT_CURL_PREBUILT)
    set(CURL_PREFIX ${DRIFT_CURL_PREBUILT})
    add_custom_target(curl_static)
  else()
    set(CURL_PREFIX ${CMAKE_BINARY_DIR}/_deps/curl-install)
    set(DRIFT_CURL_SOURCE_DIR "" CACHE PATH "Unpacked curl source (default: apt-get source curl into the build tree)")
    if(NOT DRIFT_CURL_SOURCE_DIR)
      set(src_root ${CMAKE_BINARY_DIR}/_deps/curl-source)
      file(GLOB found_src LIST_DIRECTORIES true ${src_root}/curl-*)
      list(FILTER found_src EXCLUDE REGEX "\\.(dsc|tar\\..*|gz|xz)$")
      if(NOT found_src)
        message(STATUS "Fetching Debian's curl source package into ${src_root}")
        file(MAKE_DIRECTORY ${src_root})
        execute_process(COMMAND apt-get source curl WORKING_DIRECTORY ${src_root}
                        RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
        file(GLOB found_src LIST_DIRECTORIES true ${src_root}/curl-*)
        list(FILTER found_src EXCLUDE REGEX "\\.(dsc|tar\\..*|gz|xz)$")
        if(NOT rc EQUAL 0 OR NOT found_src)
          message(FATAL_ERROR "apt-get source curl failed (${err}). Run scripts/setup.sh first: it adds the deb-src entry.")
        endif()
      endif()
      list(GET found_src 0 DRIFT_CURL_SOURCE_DIR)
    endif()
    if(DRIFT_TLS_BACKEND STREQUAL "wolfssl")
      set(drift_curl_tls_options -DCURL_USE_OPENSSL=OFF -DCURL_USE_WOLFSSL=ON
        -DWolfSSL_INCLUDE_DIR=${DRIFT_WOLFSSL_PREFIX}/include
        -DWolfSSL_LIBRARY=${DRIFT_WOLFSSL_PREFIX}/lib/libwolfssl.a)
    else()
      set(drift_curl_tls_options
        -DCURL_USE_OPENSSL=ON -DOPENSSL_USE_STATIC_LIBS=ON -DCURL_DISABLE_OPENSSL_AUTO_LOAD_CONFIG=ON
        -DOPENSSL_ROOT_DIR=${DRIFT_OPENSSL_PREFIX} -DOPENSSL_INCLUDE_DIR=${DRIFT_OPENSSL_PREFIX}/include
        -DOPENSSL_SSL_LIBRARY=${DRIFT_OPENSSL_PREFIX}/lib/libssl.a
        -DOPENSSL_CRYPTO_LIBRARY=${DRIFT_OPENSSL_PREFIX}/lib/libcrypto.a)
    endif()
    ExternalProject_Add(curl_static
      DEPENDS ${drift_tls_target}
      SOURCE_DIR ${DRIFT_CURL_SOURCE_DIR}
      BINARY_DIR ${CMAKE_BINARY_DIR}/_deps/curl-build
      INSTALL_DIR ${CURL_PREFIX}
      DOWNLOAD_COMMAND "" UPDATE_COMMAND "" PATCH_COMMAND ""
      CMAKE_ARGS
        -DCMAKE_INSTALL_PREFIX=<INSTALL_DIR> -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_LIBDIR=lib
        -DCMAKE_POSITION_INDEPENDENT_CODE=ON
        "-DCMAKE_C_FLAGS=-ffunction-sections -fdata-sections -ffile-prefix-map=${CMAKE_BINARY_DIR}=. -ffile-prefix-map=<SOURCE_DIR>=curl"
        -DBUILD_SHARED_LIBS=OFF -DBUILD_CURL_EXE=OFF -DBUILD_TESTING=OFF -DHTTP_ONLY=ON
        -DCURL_DISABLE_LDAP=ON -DCURL_DISABLE_LDAPS=ON -DCURL_DISABLE_NETRC=ON
        ${drift_curl_tls_options}
        # NTLM needs DES, which the trimmed OpenSSL leaves out; we never speak NTLM.
        -DCURL_DISABLE_NTLM=ON
        # Nothing here keeps cookies, HSTS or alt-svc caches, posts forms, resolves over HTTPS or
        # lets curl authenticate (SigV4 and tokens are our headers): left out for the zips' size.
        -DCURL_DISABLE_COOKIES=ON -DCURL_DISABLE_HSTS=ON -DCURL_DISABLE_ALTSVC=ON
        -DCURL_DISABLE_MIME=ON -DCURL_DISABLE_DOH=ON -DCURL_DISABLE_HTTP_AUTH=ON
        -DCURL_DISABLE_CRYPTO_AUTH=ON -DCURL_DISABLE_PARSEDATE=ON -DCURL_DISABLE_GETOPTIONS=ON
        -DCURL_DISABLE_LIBCURL_OPTION=ON
        -DCURL_ZLIB=ON -DZLIB_USE_STATIC_LIBS=ON -DENABLE_ARES=ON -DCARES_LIBRARY=${CARES_STATIC_LIBRARY}
        -DCURL_BROTLI=OFF -DCURL_ZSTD=OFF -DUSE_NGHTTP2=OFF -DUSE_LIBIDN2=OFF -DCURL_USE_LIBPSL=OFF
        -DCURL_USE_LIBSSH2=OFF -DCURL_USE_LIBSSH=OFF -DCURL_USE_GSSAPI=OFF -DENABLE_MANUAL=OFF
        -DCURL_CA_BUNDLE=none -DCURL_CA_PATH=none -DCURL_CA_FALLBACK=ON
      BUILD_BYPRODUCTS ${CURL_PREFIX}/lib/libcurl.a)
  endif()
  file(MAKE_DIRECTORY ${CURL_PREFIX}/include)
  # An imported static library (not a bare path) so that CMake always places the TLS library, zlib
  # and c-ares after libcurl.a on the link line, whatever else a target links.
  add_library(drift_curl_archive STATIC IMPORTED)
  set_target_properties(drift_curl_archive PROPERTIES IMPORTED_LOCATION ${CURL_PREFIX}/lib/libcurl.a
    INTERFACE_LINK_LIBRARIES "${drift_tls_libraries};ZLIB::ZLIB;${CARES_STATIC_LIBRARY};Threads::Threads;${CMAKE_DL_LIBS}")
  add_dependencies(drift_curl_archive curl_static)
  add_dependencies(drift::curl curl_static)
  target_include_directories(drift::curl INTERFACE ${CURL_PREFIX}/include)
  target_compile_definitions(drift::curl INTERFACE CURL_STATICLIB)
  target_link_libraries(drift::curl INTERFACE drift_curl_archive)
else()
  find_package(CURL REQUIRED)
  target_link_libraries(drift::curl INTERFACE CURL::libcurl)
endif()

find_path(HTTPLIB_INCLUDE_DIR httplib.h)
find_library(HTTPLIB_LIBRARY NAMES cpp-httplib)
add_library(drift::httplib INTERFACE IMPORTED)
target_include_directories(drift::httplib INTERFACE ${HTTPLIB_INCLUDE_DIR})
# Debian's libcpp-httplib.so is built with these (pkg-config cpp-httplib --cflags); every user
# must see the same class layouts.
target_compile_definitions(drift::httplib INTERFACE CPPHTTPLIB_OPENSSL_SUPPORT
                           CPPHTTPLIB_ZLIB_SUPPORT CPPHTTPLIB_BROTLI_SUPPORT)
if(HTTPLIB_LIBRARY)
  target_link_libraries(drift::httplib INTERFACE ${HTTPLIB_LIBRARY} Threads::Threads)
endif()
