# trace_bytes.cmake: record ELF's run, then every trace reader must take
# the trace (replay, trace show, trace diff with itself, run --expect).
#   -DMMSIM=... -DELF=... -DCPU=... -DWORK=dir
file(MAKE_DIRECTORY ${WORK})
set(t ${WORK}/bytes.jsonl)
execute_process(COMMAND ${MMSIM} run --cpu ${CPU} --trace ${t} ${ELF}
                RESULT_VARIABLE rc OUTPUT_FILE ${WORK}/out ERROR_FILE ${WORK}/err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "run: exit ${rc}")
endif()
file(READ ${t} trace)
if(NOT trace MATCHES "\"text\":\"a\\\\u0000b\\\\n\"")
  message(FATAL_ERROR "the NUL byte is not in the trace's console record")
endif()
foreach(cmd "replay;${t}" "trace;show;${t}" "trace;diff;${t};${t}"
            "run;--cpu;${CPU};--expect;${t};${ELF}")
  execute_process(COMMAND ${MMSIM} ${cmd} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "mmsim ${cmd}: exit ${rc}\n${out}\n${err}")
  endif()
endforeach()
