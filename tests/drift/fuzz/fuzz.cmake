# libFuzzer targets for the parsers, compiled with clang++ directly (whatever compiler the
# build uses) so that the bounded fuzz runs are part of every build's test suite.
# Library sources are compiled once per build into fuzz objects and linked into each target.
option(DRIFT_FUZZ_SMOKE "Build the libFuzzer targets with clang++ and run each for 20 s in ctest" ON)
if(NOT DRIFT_FUZZ_SMOKE)
  return()
endif()
find_program(DRIFT_CLANGXX NAMES clang++ clang++-18 clang++-17 clang++-16 clang++-15 clang++-14)
if(NOT DRIFT_CLANGXX)
  message(STATUS "clang++ not found: fuzz targets and their tests are skipped")
  return()
endif()

set(fuzz_flags -std=c++20 -g -O1 -fno-omit-frame-pointer -DRAPIDJSON_HAS_STDSTRING=1
    -I${CMAKE_SOURCE_DIR}/common/core/include -I${CMAKE_SOURCE_DIR}/common/terraform/include
    -I${CMAKE_SOURCE_DIR}/common/terraform/src -I${CMAKE_SOURCE_DIR}/common/drift/include
    -I${CMAKE_SOURCE_DIR}/common/drift/src)
# pointer-overflow is off: rapidjson 1.1's internal::Stack::Reserve adds an offset to its
# null initial stack pointer on the first push (benign, fixed upstream after 1.1.0), which
# would otherwise stop every run at the first parse.
set(fuzz_sanitizers -fsanitize=address,undefined -fno-sanitize=pointer-overflow
    -fno-sanitize-recover=undefined -Wno-ambiguous-reversed-operator)
set(fuzz_dir ${CMAKE_CURRENT_BINARY_DIR}/fuzz)
file(MAKE_DIRECTORY ${fuzz_dir}/obj ${fuzz_dir}/artifacts)

file(GLOB fuzz_terraform_sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/common/terraform/src/*.cpp)
file(GLOB fuzz_drift_sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/common/drift/src/*.cpp)
# The drift domain formats and parses times with core::time.
list(APPEND fuzz_drift_sources ${CMAKE_SOURCE_DIR}/common/core/src/time.cpp)

function(drift_fuzz_objects out_var)
  set(objects)
  foreach(src IN LISTS ARGN)
    get_filename_component(dir ${src} DIRECTORY)
    get_filename_component(lib ${dir} DIRECTORY)
    get_filename_component(lib ${lib} NAME)
    get_filename_component(name ${src} NAME_WE)
    set(obj ${fuzz_dir}/obj/${lib}_${name}.o)
    add_custom_command(OUTPUT ${obj}
      COMMAND ${DRIFT_CLANGXX} ${fuzz_flags} ${fuzz_sanitizers} -fsanitize=fuzzer-no-link
              -MD -MF ${obj}.d -c ${src} -o ${obj}
      DEPENDS ${src} DEPFILE ${obj}.d
      COMMENT "Compiling ${lib}/${name}.cpp for fuzzing" VERBATIM)
    list(APPEND objects ${obj})
  endforeach()
  set(${out_var} ${objects} PARENT_SCOPE)
endfunction()

drift_fuzz_objects(fuzz_terraform_objects ${fuzz_terraform_sources})
drift_fuzz_objects(fuzz_drift_objects ${fuzz_drift_sources})

# drift_fuzz_target(NAME test-name TARGET exe SOURCE file OBJECTS ... SEEDS dir...
#                   [LINK link options and libraries...] [ARGS extra libFuzzer flags...])
function(drift_fuzz_target)
  cmake_parse_arguments(F "" "NAME;TARGET;SOURCE" "OBJECTS;SEEDS;LINK;ARGS" ${ARGN})
  set(exe ${fuzz_dir}/${F_TARGET})
  add_custom_command(OUTPUT ${exe}
    COMMAND ${DRIFT_CLANGXX} ${fuzz_flags} ${fuzz_sanitizers} -fsanitize=fuzzer
            ${F_SOURCE} ${F_OBJECTS} ${F_LINK} -o ${exe}
    DEPENDS ${F_SOURCE} ${F_OBJECTS}
    COMMENT "Linking fuzz target ${F_TARGET}" VERBATIM)
  add_custom_target(${F_TARGET} ALL DEPENDS ${exe})
  # The first directory collects new inputs (in the build tree); the seeds are read only. A fixed
  # seed keeps a suite run repeatable: what a run finds, the next run on the same tree finds too.
  file(MAKE_DIRECTORY ${fuzz_dir}/corpus/${F_TARGET})
  add_test(NAME ${F_NAME}
    COMMAND ${exe} -seed=1 -max_total_time=20 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 ${F_ARGS}
            -artifact_prefix=${fuzz_dir}/artifacts/${F_TARGET}- ${fuzz_dir}/corpus/${F_TARGET}
            ${F_SEEDS})
  set_tests_properties(${F_NAME} PROPERTIES LABELS fuzz TIMEOUT 180
    ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1;UBSAN_OPTIONS=print_stacktrace=1")
endfunction()

drift_fuzz_target(NAME drift.fuzz.event TARGET fuzz_drift_event
  SOURCE ${CMAKE_SOURCE_DIR}/tests/drift/fuzz/event_fuzz.cpp
  OBJECTS ${fuzz_drift_objects} ${fuzz_terraform_objects}
  SEEDS ${CMAKE_SOURCE_DIR}/tests/drift/fuzz/seeds/event)
drift_fuzz_target(NAME terraform.fuzz.state TARGET fuzz_terraform_state
  SOURCE ${CMAKE_SOURCE_DIR}/tests/terraform/fuzz/state_fuzz.cpp
  OBJECTS ${fuzz_terraform_objects}
  SEEDS ${CMAKE_SOURCE_DIR}/tests/terraform/fixtures ${DRIFT_SHARED_DIR}/vectors/terraform)
drift_fuzz_target(NAME terraform.fuzz.plan TARGET fuzz_terraform_plan
  SOURCE ${CMAKE_SOURCE_DIR}/tests/terraform/fuzz/plan_fuzz.cpp
  OBJECTS ${fuzz_terraform_objects}
  SEEDS ${CMAKE_SOURCE_DIR}/tests/terraform/fixtures ${DRIFT_SHARED_DIR}/vectors/terraform
        ${CMAKE_SOURCE_DIR}/tests/terraform/fuzz/seeds)
drift_fuzz_target(NAME drift.fuzz.rules TARGET fuzz_drift_rules
  SOURCE ${CMAKE_SOURCE_DIR}/tests/drift/fuzz/rules_fuzz.cpp
  OBJECTS ${fuzz_drift_objects} ${fuzz_terraform_objects}
  ARGS -max_len=4096
  SEEDS ${CMAKE_SOURCE_DIR}/tests/drift/fuzz/seeds/rules)

# Folders configured before this one register their targets from here.
include(${CMAKE_SOURCE_DIR}/tests/aws/fuzz/fuzz.cmake)
include(${CMAKE_SOURCE_DIR}/tests/callback/fuzz/fuzz.cmake)
