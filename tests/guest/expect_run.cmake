# expect_run.cmake - run one guest under mmsim and check how it ended.
#
#   cmake -DMMSIM=<mmsim> -DELF=<prog.elf> [-DRUN_OPTS=a%%b] [-DPROG_ARGS=a%%b]
#         -DEXPECT_CODE=<n> [-DSTDERR_RE=re1%%re2] [-DSTDOUT_RE=re1%%re2]
#         [-DSTDERR_NOT_RE=re1%%re2] -P expect_run.cmake
#
# Lists are separated by "%%" (a ";" would be split by add_test).  The
# run must exit with exactly EXPECT_CODE: a host crash (signal, abort,
# sanitizer report) or a wrong status fails the test.  Each STDERR_RE /
# STDOUT_RE regex must match; no STDERR_NOT_RE may match.  On failure
# everything is printed.
cmake_minimum_required(VERSION 3.20)
foreach(v MMSIM ELF EXPECT_CODE)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "expect_run.cmake: -D${v}=... is required")
  endif()
endforeach()

macro(split_list var)
  if(DEFINED ${var})
    string(REPLACE "%%" ";" ${var} "${${var}}")
  else()
    set(${var} "")
  endif()
endmacro()
split_list(RUN_OPTS)
split_list(PROG_ARGS)
split_list(STDERR_RE)
split_list(STDOUT_RE)
split_list(STDERR_NOT_RE)

execute_process(
  COMMAND ${MMSIM} run ${RUN_OPTS} ${ELF} ${PROG_ARGS}
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err
  TIMEOUT 50)

set(problems "")
if(NOT rc STREQUAL "${EXPECT_CODE}")
  string(APPEND problems "  exit status: got '${rc}', want ${EXPECT_CODE}\n")
endif()
# Host-side trouble never belongs in the output, whatever the status.
foreach(re "AddressSanitizer" "UndefinedBehaviorSanitizer" "runtime error:" "Segmentation fault"
           "core dumped" "Assertion .* failed")
  if(err MATCHES "${re}")
    string(APPEND problems "  stderr shows a host problem: /${re}/\n")
  endif()
endforeach()
foreach(re IN LISTS STDERR_RE)
  if(NOT err MATCHES "${re}")
    string(APPEND problems "  stderr does not match /${re}/\n")
  endif()
endforeach()
foreach(re IN LISTS STDOUT_RE)
  if(NOT out MATCHES "${re}")
    string(APPEND problems "  stdout does not match /${re}/\n")
  endif()
endforeach()
foreach(re IN LISTS STDERR_NOT_RE)
  if(err MATCHES "${re}")
    string(APPEND problems "  stderr matches /${re}/ and must not\n")
  endif()
endforeach()

string(REPLACE ";" " " cmdline "${MMSIM} run ${RUN_OPTS} ${ELF} ${PROG_ARGS}")
if(problems)
  message("command: ${cmdline}\n--- stdout ---\n${out}--- stderr ---\n${err}--- end ---")
  message(FATAL_ERROR "expect_run: unexpected outcome:\n${problems}")
endif()
message("ok: ${cmdline} -> exit ${rc}\n--- stderr ---\n${err}")
