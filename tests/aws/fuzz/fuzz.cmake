# libFuzzer on the readers of AWS answers. Included by tests/drift/fuzz/fuzz.cmake (this folder
# is configured before it, so drift_fuzz_target is not yet defined here).
function(aws_fuzz_targets)
  set(src ${CMAKE_SOURCE_DIR}/common/aws/src)
  # The sources also make the calls (session, HTTP): one section per function, and the link
  # keeps only what the readers reach.
  set(fuzz_flags ${fuzz_flags} -ffunction-sections -fdata-sections -I${src}
      -I${CMAKE_SOURCE_DIR}/common/aws/include -I${CMAKE_SOURCE_DIR}/common/http/include)
  set(fuzz_dir ${CMAKE_BINARY_DIR}/tests/aws/fuzz)
  file(MAKE_DIRECTORY ${fuzz_dir}/obj ${fuzz_dir}/artifacts)
  drift_fuzz_objects(objects ${src}/error_parsing.cpp ${src}/query_protocol.cpp ${src}/ec2.cpp
                     ${src}/error.cpp ${src}/dynamodb_item.cpp ${src}/crypto.cpp
                     ${CMAKE_SOURCE_DIR}/common/http/src/headers.cpp)
  drift_fuzz_target(NAME aws.fuzz.responses TARGET fuzz_aws_responses
    SOURCE ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/responses_fuzz.cpp
    OBJECTS ${objects}
    LINK -Wl,--gc-sections -Wl,-z,start-stop-gc -lpugixml -lcrypto
    ARGS -max_len=4096
    SEEDS ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/seeds)
endfunction()
aws_fuzz_targets()
