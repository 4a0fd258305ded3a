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

include(${CMAKE_CURRENT_LIST_DIR}/run_common.cmake)
require_defs(expect_run.cmake MMSIM ELF EXPECT_CODE)
split_list(RUN_OPTS)
split_list(PROG_ARGS)
split_list(STDERR_RE)
split_list(STDOUT_RE)
split_list(STDERR_NOT_RE)

run_guest(${PROG_ARGS})
check_regexes()
finish(expect_run "exit ${rc}")
