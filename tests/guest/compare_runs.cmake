# compare_runs.cmake - determinism: run one guest twice with --trace and
# require the expected exit status both times (default 0), byte-identical
# traces and identical stdout and stderr (issue 3: "the same run twice
# gives byte-identical traces and output").
#
#   cmake -DMMSIM=<mmsim> -DELF=<prog.elf> -DWORK=<dir> [-DRUN_OPTS=a%%b]
#         [-DPROG_ARGS=a%%b] [-DEXPECT_CODE=n] -P compare_runs.cmake
cmake_minimum_required(VERSION 3.20)
include(${CMAKE_CURRENT_LIST_DIR}/run_common.cmake)
require_defs(compare_runs.cmake MMSIM ELF WORK)
split_list(RUN_OPTS)
split_list(PROG_ARGS)
if(NOT DEFINED EXPECT_CODE)
  set(EXPECT_CODE 0)
endif()
file(MAKE_DIRECTORY ${WORK})

foreach(i 1 2)
  file(REMOVE ${WORK}/trace${i}.jsonl)
  execute_process(
    COMMAND ${MMSIM} run ${RUN_OPTS} --trace ${WORK}/trace${i}.jsonl ${ELF} ${PROG_ARGS}
    RESULT_VARIABLE rc${i}
    OUTPUT_VARIABLE out${i}
    ERROR_VARIABLE err${i}
    TIMEOUT 50)
  file(WRITE ${WORK}/stdout${i}.txt "${out${i}}")
  if(NOT rc${i} STREQUAL "${EXPECT_CODE}")
    message(FATAL_ERROR "run ${i} exited with '${rc${i}}', want ${EXPECT_CODE}\n--- stdout ---\n${out${i}}--- stderr ---\n${err${i}}")
  endif()
  if(NOT EXISTS ${WORK}/trace${i}.jsonl)
    message(FATAL_ERROR "run ${i} wrote no trace file ${WORK}/trace${i}.jsonl")
  endif()
endforeach()

file(READ ${WORK}/trace1.jsonl t1)
string(LENGTH "${t1}" len)
if(len EQUAL 0 OR NOT t1 MATCHES "\"kcall\"" OR NOT t1 MATCHES "\"pte\"")
  message(FATAL_ERROR "the trace (${len} bytes) lacks kcall or pte records: ${WORK}/trace1.jsonl")
endif()
# Every line is a JSON object starting with "seq" (= its line number) and "ev".
set(rest "${t1}")
set(n 0)
while(NOT rest STREQUAL "")
  string(FIND "${rest}" "\n" nl)
  if(nl EQUAL -1)
    message(FATAL_ERROR "trace line ${n} does not end with a newline")
  endif()
  string(SUBSTRING "${rest}" 0 ${nl} line)
  math(EXPR nl "${nl} + 1")
  string(SUBSTRING "${rest}" ${nl} -1 rest)
  string(JSON seq ERROR_VARIABLE jerr GET "${line}" seq)
  if(jerr)
    message(FATAL_ERROR "trace line ${n} is not valid JSON (${jerr}):\n${line}")
  endif()
  string(JSON ev ERROR_VARIABLE jerr GET "${line}" ev)
  if(jerr OR NOT seq EQUAL n OR NOT line MATCHES "^{\"seq\":${n},\"ev\":\"[a-z_]+\"")
    message(FATAL_ERROR "trace line ${n} must start with \"seq\":${n},\"ev\":...:\n${line}")
  endif()
  math(EXPR n "${n} + 1")
endwhile()

execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK}/trace1.jsonl ${WORK}/trace2.jsonl
                RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  execute_process(COMMAND diff ${WORK}/trace1.jsonl ${WORK}/trace2.jsonl OUTPUT_VARIABLE d)
  string(SUBSTRING "${d}" 0 4000 d)
  message(FATAL_ERROR "the two traces differ:\n${d}")
endif()
if(NOT out1 STREQUAL out2)
  message(FATAL_ERROR "stdout differs between the runs:\n--- 1 ---\n${out1}--- 2 ---\n${out2}")
endif()
if(NOT err1 STREQUAL err2)
  message(FATAL_ERROR "stderr differs between the runs:\n--- 1 ---\n${err1}--- 2 ---\n${err2}")
endif()
message("identical: ${n} trace records (${len} bytes), ${WORK}/stdout1.txt")
