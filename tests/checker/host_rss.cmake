# host_rss.cmake - a run whose pages are watched (or modelled in full)
# stays under a host-memory ceiling: mmsim's own getrusage peak RSS, as
# --stats prints it, not a time.
#
#   -DMMSIM=... -DCPU=... -DELF=<bench watched.elf> -DCEILING_MIB=64
#   -DOPTS=a%%b   extra run options (e.g. --cache-model%%full)
string(REPLACE "%%" ";" OPTS "${OPTS}")
execute_process(COMMAND ${MMSIM} run --cpu ${CPU} --ram 2G --stats ${OPTS} ${ELF} reveal 20
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "run failed (${rc}):\n${out}\n${err}")
endif()
if(NOT err MATCHES "host_peak_rss_kib=([0-9]+)")
  message(FATAL_ERROR "no host_peak_rss_kib in --stats:\n${err}")
endif()
math(EXPR mib "${CMAKE_MATCH_1} / 1024")
if(mib GREATER_EQUAL CEILING_MIB)
  message(FATAL_ERROR "host peak RSS ${mib} MiB, ceiling ${CEILING_MIB} MiB (${OPTS})")
endif()
message(STATUS "host peak RSS ${mib} MiB < ${CEILING_MIB} MiB")
