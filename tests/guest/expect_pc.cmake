# expect_pc.cmake - run tests/guest/exc.c under mmsim and check that the
# report's PC is exactly the faulting instruction (issue 4, item 3).
#
#   cmake -DMMSIM=<mmsim> -DELF=<exc.elf> -DCASE=<load|store|...> -DEXPECT_CODE=<n>
#         [-DRUN_OPTS=a%%b] [-DACCESS=read|write|instruction fetch]
#         [-DSTDERR_RE=re1%%re2] -P expect_pc.cmake
#
# The program prints "insn at 0x<label>" (and "addr 0x<va>" for data and
# fetch faults) before it faults.  Required:
#   - exit status EXPECT_CODE (128 + QNX signal: SIGTRAP 133, SIGILL 132,
#     SIGBUS 138, SIGSEGV 139);
#   - the report line "  pc:      0x<8 hex digits>" equal to the label,
#     not one instruction before or after it;
#   - with ACCESS: "  access:  <ACCESS> at virtual address 0x<va>" with va
#     exactly the printed address (for fetch: the branch target);
#   - every STDERR_RE regex matches; no host trouble on stderr.
cmake_minimum_required(VERSION 3.20)
include(${CMAKE_CURRENT_LIST_DIR}/run_common.cmake)
require_defs(expect_pc.cmake MMSIM ELF CASE EXPECT_CODE)
split_list(RUN_OPTS)
split_list(STDERR_RE)

run_guest(${CASE})

# The label the program printed, and the PC the report gives.
if(out MATCHES "(^|\n)insn at 0x([0-9a-f]+)\n")
  set(want_pc "${CMAKE_MATCH_2}")
  if(err MATCHES "(^|\n)  pc:      0x([0-9a-f]+)  ")
    set(got_pc "${CMAKE_MATCH_2}")
    if(NOT got_pc STREQUAL want_pc)
      string(APPEND problems "  report pc 0x${got_pc} is not the faulting instruction at 0x${want_pc}\n")
    endif()
  else()
    string(APPEND problems "  no \"  pc:      0x........\" line in the report\n")
  endif()
else()
  string(APPEND problems "  the program did not print \"insn at 0x...\"\n")
endif()

if(DEFINED ACCESS)
  if(out MATCHES "(^|\n)addr 0x([0-9a-f]+)\n")
    set(want_va "${CMAKE_MATCH_2}")
    if(err MATCHES "(^|\n)  access:  ([a-z ]+) at virtual address 0x([0-9a-f]+)\n")
      set(got_access "${CMAKE_MATCH_2}")
      set(got_va "${CMAKE_MATCH_3}")
      if(NOT got_access STREQUAL ACCESS)
        string(APPEND problems "  report access '${got_access}', want '${ACCESS}'\n")
      endif()
      if(NOT got_va STREQUAL want_va)
        string(APPEND problems "  report virtual address 0x${got_va}, want 0x${want_va}\n")
      endif()
    else()
      string(APPEND problems "  no \"  access:  ... at virtual address 0x...\" line in the report\n")
    endif()
  else()
    string(APPEND problems "  the program did not print \"addr 0x...\"\n")
  endif()
endif()

check_regexes()
finish(expect_pc "exit ${rc}, pc 0x${got_pc}")
