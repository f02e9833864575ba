# libFuzzer on the callback's request and claim readers. Included by tests/drift/fuzz/fuzz.cmake
# (this folder is configured before it, so drift_fuzz_target is not yet defined here).
function(callback_fuzz_targets)
  set(src ${CMAKE_SOURCE_DIR}/functions/agent-callback)
  # claim.cpp also formats the store's records: one section per function, and the link keeps
  # only what the parsers reach.
  set(fuzz_flags ${fuzz_flags} -ffunction-sections -fdata-sections -I${src}
      -I${CMAKE_SOURCE_DIR}/common/aws/include -I${CMAKE_SOURCE_DIR}/common/http/include
      -I${CMAKE_SOURCE_DIR}/common/store/include -I${CMAKE_SOURCE_DIR}/common/drift/include)
  set(fuzz_dir ${CMAKE_BINARY_DIR}/tests/callback/fuzz)
  file(MAKE_DIRECTORY ${fuzz_dir}/obj ${fuzz_dir}/artifacts)
  drift_fuzz_objects(objects ${src}/request.cpp ${src}/claim.cpp
                     ${CMAKE_SOURCE_DIR}/common/drift/src/status.cpp)
  drift_fuzz_target(NAME callback.fuzz.request TARGET fuzz_callback_request
    SOURCE ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/request_fuzz.cpp
    OBJECTS ${objects}
    LINK -Wl,--gc-sections -Wl,-z,start-stop-gc
    ARGS -max_len=4096
    SEEDS ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/seeds)
endfunction()
callback_fuzz_targets()
