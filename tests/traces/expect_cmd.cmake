# expect_cmd.cmake - run a command, require its exit code and that its
# output (stdout + stderr) matches a regular expression.
#
#   cmake -DCMD="prog;arg;..." -DCODE=<n> -DMATCH=<regex> [-DINPUT=<file>] -P expect_cmd.cmake
cmake_minimum_required(VERSION 3.20)
foreach(v CMD CODE MATCH)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "expect_cmd.cmake: -D${v}=... is required")
  endif()
endforeach()
string(REPLACE "%%" ";" CMD "${CMD}")
execute_process(COMMAND ${CMD} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
if(NOT rc STREQUAL "${CODE}")
  message(FATAL_ERROR "exit '${rc}', expected ${CODE}\n--- stdout ---\n${out}--- stderr ---\n${err}")
endif()
if(NOT "${out}${err}" MATCHES "${MATCH}")
  message(FATAL_ERROR "output does not match '${MATCH}'\n--- stdout ---\n${out}--- stderr ---\n${err}")
endif()
message("${out}${err}")
