# check_report.cmake - run one checker example under mmsim in both cache
# models and check its reports.
#
#   -DMMSIM=... -DCPU=... -DELF=... -DEXPECT_CODE=<exit status>
#   -DCLASS=<report class, or none>
#   -DADDR2LINE=<the guest toolchain's addr2line>   (with MARKER)
#   -DMARKER=1      the report's pc (or, for a report made during a kernel
#                   call, the calling instruction) must map, through the
#                   ELF's line table, to a source line containing "<- CLASS"
#   -DPROG_ARGS=a%%b  the program's arguments
#   -DPC_FROM_STDOUT=<regex with one group>: the report's pc must equal the
#                   address the program printed
#
# Checks: exit status; exactly one report, of CLASS (none: no report);
# --cache-model full gives the same stdout, exit status and report lines
# as the default (watched) model; --check=error ends the run with status 3
# when there is a report; nothing from the host's sanitizers.
cmake_policy(SET CMP0007 NEW)   # list(GET) counts empty source lines
include(${CMAKE_CURRENT_LIST_DIR}/../guest/run_common.cmake)
require_defs(check_report.cmake MMSIM CPU ELF EXPECT_CODE CLASS)

# Report lines of stderr (the summary line excluded).
function(report_lines text outvar)
  string(REPLACE ";" "," text "${text}")     # one list element per line
  string(REGEX MATCHALL "mmsim: check: [a-z-]+ pid [^\n]*" lines "${text}")
  set(${outvar} "${lines}" PARENT_SCOPE)
endfunction()

split_list(PROG_ARGS)
set(RUN_OPTS --cpu ${CPU})
run_guest(${PROG_ARGS})
set(out_w "${out}")
set(rc_w "${rc}")
report_lines("${err}" rep_w)
list(LENGTH rep_w n)

if(CLASS STREQUAL "none")
  if(NOT n EQUAL 0)
    string(APPEND problems "  expected no checker report, got ${n}\n")
  endif()
else()
  if(NOT n EQUAL 1)
    string(APPEND problems "  expected exactly one report, got ${n}\n")
  elseif(NOT rep_w MATCHES "^mmsim: check: ${CLASS} pid ")
    string(APPEND problems "  expected a ${CLASS} report\n")
  endif()
  if(NOT err MATCHES "mmsim: check: 1 report; occurrences: ${CLASS} [0-9]+\n")
    string(APPEND problems "  no end-of-run summary for ${CLASS}\n")
  endif()
endif()

# Where the report points.
if(n EQUAL 1 AND (DEFINED MARKER OR DEFINED PC_FROM_STDOUT))
  if(rep_w MATCHES "\\(kernel call from (0x[0-9a-f]+)\\)")
    set(pc ${CMAKE_MATCH_1})
  elseif(rep_w MATCHES " pc (0x[0-9a-f]+) ")
    set(pc ${CMAKE_MATCH_1})
  endif()
  if(DEFINED MARKER)
    execute_process(COMMAND ${ADDR2LINE} -e ${ELF} ${pc} OUTPUT_VARIABLE where
                    OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(where MATCHES "^(.*):([0-9]+)")
      math(EXPR idx "${CMAKE_MATCH_2} - 1")
      file(READ ${CMAKE_MATCH_1} src)          # (file(STRINGS) drops empty lines)
      string(REGEX REPLACE "[][;]" "_" src "${src}")   # list-safe: no ; [ ]
      string(REPLACE "\n" ";" src "${src}")
      list(GET src ${idx} line)
      if(NOT line MATCHES "<- ${CLASS}([^a-z-]|$)")
        string(APPEND problems "  pc ${pc} is ${where}: '${line}', not the line marked <- ${CLASS}\n")
      endif()
    else()
      string(APPEND problems "  addr2line does not know pc ${pc}: '${where}'\n")
    endif()
  endif()
  if(DEFINED PC_FROM_STDOUT)
    if(NOT out MATCHES "${PC_FROM_STDOUT}" OR NOT CMAKE_MATCH_1 STREQUAL pc)
      string(APPEND problems "  pc ${pc} is not the address the program printed\n")
    endif()
  endif()
endif()

# The reference model must agree (run_guest resets `problems`).
set(found "${problems}")
set(RUN_OPTS --cpu ${CPU} --cache-model full)
run_guest(${PROG_ARGS})
string(PREPEND problems "${found}")
report_lines("${err}" rep_f)
if(NOT out STREQUAL out_w)
  string(APPEND problems "  --cache-model full printed other output:\n${out}\n")
endif()
if(NOT rep_f STREQUAL rep_w)
  string(APPEND problems "  --cache-model full made other reports:\n  ${rep_f}\n  vs\n  ${rep_w}\n")
endif()

# --check=error: the first report ends the run with status 3.
if(NOT CLASS STREQUAL "none")
  set(EXPECT_CODE 3)
  set(RUN_OPTS --cpu ${CPU} --check=error)
  set(found "${problems}")
  run_guest(${PROG_ARGS})
  string(PREPEND problems "${found}")
  if(NOT err MATCHES "run stopped by --check=error")
    string(APPEND problems "  --check=error did not say it stopped the run\n")
  endif()
endif()
finish("${CPU} ${ELF}" "${CLASS}")
