# run_rootfs.cmake - run test_files in a freshly prepared --root directory
# and check the host side afterwards.
#
#   -DMMSIM=<mmsim> -DELF=<elf> -DWORK=<dir> [-DRUN_OPTS=a%%b] [-DPROG_ARGS=a%%b]
#   [-DNATIVE=<host binary>] [-DNO_OPENAT2=1] [-DTRACE=<file outside WORK>]
#
# With TRACE the run is recorded, and at the end the root is removed and
# `mmsim replay TRACE` must agree with the run (replay needs no files).
#
# WORK/root holds data.txt, sub/, and the links out -> /etc/passwd,
# up -> .., in -> data.txt; WORK/victim lies beside the root.  After the
# run: exit 0, "N passed, 0 failed", the victim untouched, nothing created
# beside the root, and mapped.bin holding what the guest's mappings wrote
# (the munmap write-back at offset 4101, the exit write-back at 200).
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/root/sub)
file(WRITE ${WORK}/root/data.txt "hello, files\n")
file(WRITE ${WORK}/victim "do not touch\n")
file(CREATE_LINK /etc/passwd ${WORK}/root/out SYMBOLIC)
file(CREATE_LINK .. ${WORK}/root/up SYMBOLIC)
file(CREATE_LINK data.txt ${WORK}/root/in SYMBOLIC)

string(REPLACE "%%" ";" opts "${RUN_OPTS}")
string(REPLACE "%%" ";" args "${PROG_ARGS}")
if(NATIVE)
  set(cmd ${NATIVE} ${WORK}/root)
else()
  if(TRACE)
    list(APPEND opts --trace ${TRACE})
  endif()
  set(cmd ${MMSIM} run ${opts} --root ${WORK}/root ${ELF} ${args})
endif()
if(NO_OPENAT2)
  set(cmd ${CMAKE_COMMAND} -E env MMSIM_NO_OPENAT2=1 ${cmd})
endif()
execute_process(COMMAND ${cmd} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "(^|\n)[0-9]+ passed, 0 failed\n")
  message(FATAL_ERROR "exit ${rc}\n--- stdout\n${out}\n--- stderr\n${err}")
endif()

file(READ ${WORK}/victim v)
if(NOT v STREQUAL "do not touch\n")
  message(FATAL_ERROR "the file outside --root changed: '${v}'")
endif()
file(GLOB beside RELATIVE ${WORK} ${WORK}/*)
list(SORT beside)
if(NOT beside STREQUAL "root;victim")
  message(FATAL_ERROR "something was created beside the root: ${beside}")
endif()
file(READ ${WORK}/root/mapped.bin m HEX)
string(LENGTH "${m}" n)
if(NOT n EQUAL 16384)
  message(FATAL_ERROR "mapped.bin is ${n} hex digits, want 8192 bytes")
endif()
string(SUBSTRING "${m}" 0 24 head)        # "shared store"
string(SUBSTRING "${m}" 400 30 at200)     # "written at exit"
string(SUBSTRING "${m}" 8202 2 at4101)    # 'M'
if(NOT head STREQUAL "7368617265642073746f7265" OR NOT at4101 STREQUAL "4d"
   OR NOT at200 STREQUAL "7772697474656e2061742065786974")
  message(FATAL_ERROR "mapped.bin lacks the mapped writes: head=${head} @200=${at200} @4101=${at4101}")
endif()
message(STATUS "${out}")
if(TRACE)
  file(REMOVE_RECURSE ${WORK}/root)
  execute_process(COMMAND ${MMSIM} replay ${TRACE} RESULT_VARIABLE rrc OUTPUT_VARIABLE rout
                  ERROR_VARIABLE rerr)
  if(NOT rrc EQUAL 0)
    message(FATAL_ERROR "replay of ${TRACE} failed with ${rrc}:\n${rout}${rerr}")
  endif()
  message(STATUS "${rout}")
endif()
