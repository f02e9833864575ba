# Every third-party library comes from Debian packages (scripts/setup.sh installs them),
# except libcurl for the static build: Debian's libcurl.a needs Kerberos, LDAP and
# others that ship no static archive, so we build a minimal HTTP/HTTPS-only libcurl from
# Debian's own (patched) curl source package, once, cached in the build tree.
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

if(DRIFT_STATIC)
  set(OPENSSL_USE_STATIC_LIBS TRUE)
  set(ZLIB_USE_STATIC_LIBS TRUE)
endif()
find_package(OpenSSL REQUIRED)
find_package(ZLIB REQUIRED)

add_library(drift::pugixml INTERFACE IMPORTED)
if(DRIFT_STATIC AND TARGET pugixml::static)
  target_link_libraries(drift::pugixml INTERFACE pugixml::static)
else()
  target_link_libraries(drift::pugixml INTERFACE pugixml::pugixml)
endif()

add_library(drift::curl INTERFACE IMPORTED)
if(DRIFT_STATIC)
  find_library(CARES_STATIC_LIBRARY NAMES libcares.a REQUIRED)
  set(DRIFT_CURL_PREBUILT "" CACHE PATH "An install prefix of an already built static libcurl (reuse across build trees)")
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
    include(ExternalProject)
    ExternalProject_Add(curl_static
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
        -DCURL_USE_OPENSSL=ON -DOPENSSL_USE_STATIC_LIBS=ON -DCURL_DISABLE_OPENSSL_AUTO_LOAD_CONFIG=ON
        -DCURL_ZLIB=ON -DZLIB_USE_STATIC_LIBS=ON -DENABLE_ARES=ON -DCARES_LIBRARY=${CARES_STATIC_LIBRARY}
        -DCURL_BROTLI=OFF -DCURL_ZSTD=OFF -DUSE_NGHTTP2=OFF -DUSE_LIBIDN2=OFF -DCURL_USE_LIBPSL=OFF
        -DCURL_USE_LIBSSH2=OFF -DCURL_USE_LIBSSH=OFF -DCURL_USE_GSSAPI=OFF -DENABLE_MANUAL=OFF
        -DCURL_CA_BUNDLE=none -DCURL_CA_PATH=none -DCURL_CA_FALLBACK=ON
      BUILD_BYPRODUCTS ${CURL_PREFIX}/lib/libcurl.a)
  endif()
  file(MAKE_DIRECTORY ${CURL_PREFIX}/include)
  # An imported static library (not a bare path) so that CMake always places OpenSSL, zlib
  # and c-ares after libcurl.a on the link line, whatever else a target links.
  add_library(drift_curl_archive STATIC IMPORTED)
  set_target_properties(drift_curl_archive PROPERTIES IMPORTED_LOCATION ${CURL_PREFIX}/lib/libcurl.a
    INTERFACE_LINK_LIBRARIES "OpenSSL::SSL;OpenSSL::Crypto;ZLIB::ZLIB;${CARES_STATIC_LIBRARY};Threads::Threads;${CMAKE_DL_LIBS}")
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
