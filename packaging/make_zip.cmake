# Writes a byte-for-byte reproducible Lambda zip holding one stripped `bootstrap` (mode 0755)
# at its root: fixed timestamp, no extra fields (zip -X), one entry, so Terraform's
# source_code_hash changes only when the code does.
# Inputs: BOOTSTRAP (built executable), ZIP (output), STAGE (scratch dir), STRIP (strip tool).
find_program(ZIP_TOOL zip REQUIRED)
file(REMOVE_RECURSE ${STAGE})
file(MAKE_DIRECTORY ${STAGE})
file(COPY_FILE ${BOOTSTRAP} ${STAGE}/bootstrap)
if(STRIP)
  execute_process(COMMAND ${STRIP} --strip-all ${STAGE}/bootstrap COMMAND_ERROR_IS_FATAL ANY)
endif()
file(CHMOD ${STAGE}/bootstrap PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
     GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
# 1980-01-02 00:00 UTC: the DOS epoch (plus a day, so no time zone wraps it below 1980).
execute_process(COMMAND touch -h -d "1980-01-02 00:00:00 UTC" ${STAGE}/bootstrap COMMAND_ERROR_IS_FATAL ANY)
get_filename_component(zip_dir ${ZIP} DIRECTORY)
file(MAKE_DIRECTORY ${zip_dir})
file(REMOVE ${ZIP})
execute_process(COMMAND ${CMAKE_COMMAND} -E env TZ=UTC ${ZIP_TOOL} -X -9 -q -D ${ZIP} bootstrap
                WORKING_DIRECTORY ${STAGE} COMMAND_ERROR_IS_FATAL ANY)
