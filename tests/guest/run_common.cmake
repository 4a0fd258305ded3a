# run_common.cmake - shared by expect_run.cmake and expect_pc.cmake: run one
# guest under mmsim and check the parts every such test checks.
#
#   require_defs(SCRIPT VARS...) fail unless every -DVAR=... was given
#   split_list(VAR)           "a%%b" -> list (a ";" would be split by add_test)
#   run_guest(ARGS...)        runs `${MMSIM} run ${RUN_OPTS} ${ELF} ARGS...`;
#                             sets rc, out, err, cmdline and `problems` with the
#                             exit-status and host-trouble findings
#   check_regexes()           appends STDERR_RE / STDOUT_RE / STDERR_NOT_RE findings
#   finish(NAME SUMMARY)      fails with everything printed if there are problems

macro(require_defs script)
  foreach(v ${ARGN})
    if(NOT DEFINED ${v})
      message(FATAL_ERROR "${script}: -D${v}=... is required")
    endif()
  endforeach()
endmacro()

macro(split_list var)
  if(DEFINED ${var})
    string(REPLACE "%%" ";" ${var} "${${var}}")
  else()
    set(${var} "")
  endif()
endmacro()

macro(run_guest)
  execute_process(
    COMMAND ${MMSIM} run ${RUN_OPTS} ${ELF} ${ARGN}
    RESULT_VARIABLE rc
    OUTPUT_VARIABLE out
    ERROR_VARIABLE err
    TIMEOUT 50)
  string(REPLACE ";" " " cmdline "${MMSIM} run ${RUN_OPTS} ${ELF} ${ARGN}")
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
endmacro()

macro(check_regexes)
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
endmacro()

macro(finish name summary)
  if(problems)
    message("command: ${cmdline}\n--- stdout ---\n${out}--- stderr ---\n${err}--- end ---")
    message(FATAL_ERROR "${name}: unexpected outcome:\n${problems}")
  endif()
  message("ok: ${cmdline} -> ${summary}\n--- stderr ---\n${err}")
endmacro()
