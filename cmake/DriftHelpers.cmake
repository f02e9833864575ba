# Adds every direct sub-folder of the current source dir that has a CMakeLists.txt,
# so that new modules can be added without touching a shared list.
function(drift_add_subdirectories)
  file(GLOB children LIST_DIRECTORIES true RELATIVE ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/*)
  list(SORT children)
  foreach(child IN LISTS children)
    if(IS_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/${child} AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${child}/CMakeLists.txt)
      add_subdirectory(${child})
    endif()
  endforeach()
endfunction()

# drift_lambda_executable(NAME target SOURCES ...) : a Lambda bootstrap; static when DRIFT_STATIC.
function(drift_link_static target)
  if(DRIFT_STATIC)
    target_link_options(${target} PRIVATE -static -static-libstdc++ -static-libgcc -Wl,--gc-sections)
  endif()
endfunction()

# drift_gtest(NAME name SOURCES ... LIBS ... [LABELS ...] [FIXTURES ...] [ENV ...])
function(drift_gtest)
  cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS;FIXTURES;ENV" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main)
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set_tests_properties(${T_NAME} PROPERTIES TIMEOUT ${T_TIMEOUT}
    ENVIRONMENT "DRIFT_MOTO_DIR=${DRIFT_MOTO_DIR};DRIFT_GITHUB_DIR=${CMAKE_BINARY_DIR}/fixtures/github;DRIFT_MOTO_AUTH_DIR=${DRIFT_MOTO_AUTH_DIR};DRIFT_SHARED_DIR=${DRIFT_SHARED_DIR};DRIFT_BUILD_DIR=${CMAKE_BINARY_DIR};DRIFT_SOURCE_DIR=${CMAKE_SOURCE_DIR};${T_ENV}")
  if(NOT T_LABELS)
    set(T_LABELS unit)
  endif()
  set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}")
  if(T_FIXTURES)
    set_tests_properties(${T_NAME} PROPERTIES FIXTURES_REQUIRED "${T_FIXTURES}")
  endif()
endfunction()

# drift_lambda_function(NAME fn SOURCES ... LIBS ...): the function's `bootstrap` executable
# (target <fn>_bootstrap, file functions/<fn>/bootstrap in the build tree) and, in the static
# build, its reproducible zip build/dist/<fn>.zip (target package_<fn>, part of ALL).
function(drift_lambda_function)
  cmake_parse_arguments(F "" "NAME" "SOURCES;LIBS" ${ARGN})
  set(target ${F_NAME}_bootstrap)
  add_executable(${target} ${F_SOURCES})
  set_target_properties(${target} PROPERTIES OUTPUT_NAME bootstrap
    RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/functions/${F_NAME})
  target_link_libraries(${target} PRIVATE ${F_LIBS} lambda_runtime)
  drift_link_static(${target})
  if(DRIFT_STATIC)
    # gold's identical code folding merges the many byte-identical template instantiations
    # (rapidjson, std::vector, std::function thunks): the scanner's zip 0.97x. `safe` folds
    # only functions whose address is never taken, so no pointer comparison changes meaning.
    target_link_options(${target} PRIVATE -fuse-ld=gold -Wl,--icf=safe)
    set(zip ${CMAKE_BINARY_DIR}/dist/${F_NAME}.zip)
    add_custom_command(OUTPUT ${zip}
      COMMAND ${CMAKE_COMMAND} -DBOOTSTRAP=$<TARGET_FILE:${target}> -DZIP=${zip}
              -DSTAGE=${CMAKE_BINARY_DIR}/packaging/${F_NAME} -DSTRIP=${CMAKE_STRIP}
              -P ${CMAKE_SOURCE_DIR}/packaging/make_zip.cmake
      DEPENDS ${target} ${CMAKE_SOURCE_DIR}/packaging/make_zip.cmake
      COMMENT "Packaging ${F_NAME}.zip")
    add_custom_target(package_${F_NAME} ALL DEPENDS ${zip})
    set_property(GLOBAL APPEND PROPERTY DRIFT_LAMBDA_FUNCTIONS ${F_NAME})
  endif()
endfunction()
