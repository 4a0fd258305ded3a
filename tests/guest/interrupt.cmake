# interrupt.cmake - mmsim stopped by a host signal (Ctrl-C, kill): exit
# status 128 + signal, the guest's output so far kept, the trace complete
# and readable, its last record saying why.
#   -DMMSIM=... -DELF=... -DCPU=... -DWORK=dir -DSIG=INT|TERM
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(t ${WORK}/run.jsonl)
execute_process(COMMAND timeout --preserve-status -s ${SIG} 2 ${MMSIM} run --cpu ${CPU} --trace ${t} ${ELF}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
if(SIG STREQUAL "INT")
  set(want 130)
else()
  set(want 143)
endif()
if(NOT rc EQUAL want OR NOT out MATCHES "parent exits first" OR NOT err MATCHES "interrupted by SIG${SIG}")
  message(FATAL_ERROR "exit ${rc} (want ${want})\n${out}\n${err}")
endif()
file(STRINGS ${t} lines)
list(GET lines -1 last)
if(NOT last MATCHES "\"ev\":\"interrupted\",\"signal\":\"SIG${SIG}\"")
  message(FATAL_ERROR "the trace's last record is not the interruption: ${last}")
endif()
foreach(cmd "replay;${t}" "trace;show;${t}")
  execute_process(COMMAND ${MMSIM} ${cmd} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "mmsim ${cmd}: exit ${rc}: ${err}")
  endif()
endforeach()
