# record_replay.cmake - run a guest with --trace, then `mmsim replay` the
# trace: the memory manager re-driven from the trace alone must agree with
# the run on every result and PTE write.  The guest's own exit status does
# not matter here (its own test checks it).
#
#   cmake -DMMSIM=<mmsim> -DELF=<prog.elf> -DWORK=<dir> -DRUN_OPTS=<a%%b>
#         [-DPROG_ARGS=<a%%b>] [-DNAME=<trace name>] -P record_replay.cmake
cmake_minimum_required(VERSION 3.20)
foreach(v MMSIM ELF WORK)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "record_replay.cmake: -D${v}=... is required")
  endif()
endforeach()
string(REPLACE "%%" ";" opts "${RUN_OPTS}")
file(MAKE_DIRECTORY ${WORK})
string(REPLACE "%%" ";" args "${PROG_ARGS}")
if(DEFINED NAME)
  set(name ${NAME})
else()
  get_filename_component(name ${ELF} NAME_WE)
endif()
set(trace ${WORK}/${name}.jsonl)
execute_process(COMMAND ${MMSIM} run ${opts} --trace ${trace} ${ELF} ${args}
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET TIMEOUT 50)
execute_process(COMMAND ${MMSIM} replay ${trace} RESULT_VARIABLE rrc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rrc EQUAL 0)
  message(FATAL_ERROR "replay of ${trace} (run exit ${rc}) failed with ${rrc}:\n${out}${err}")
endif()
message("${out}")
