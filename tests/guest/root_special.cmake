# root_special.cmake - run root_special.elf with a --root holding a FIFO
# and a regular file; the run must end (the test's TIMEOUT is the guard)
# with the guest's checks passing.
#   -DMMSIM=... -DELF=... -DCPU=... -DWORK=dir
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/root)
file(WRITE ${WORK}/root/plain.txt "ok\n")
execute_process(COMMAND mkfifo ${WORK}/root/fifo RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "mkfifo failed")
endif()
execute_process(COMMAND ${MMSIM} run --cpu ${CPU} --timeout 20 --root ${WORK}/root ${ELF}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 30)
if(NOT rc EQUAL 0 OR NOT out MATCHES "passed, 0 failed")
  message(FATAL_ERROR "exit ${rc}\n${out}\n${err}")
endif()
