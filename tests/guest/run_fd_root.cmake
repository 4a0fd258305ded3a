# run_fd_root.cmake - test_fd_files with --root: a root with a tmp
# directory gets the guest's /tmp files on the host; a root without one
# gets nothing (the in-memory /tmp serves them).
#
#   -DMMSIM=<mmsim> -DELF=<elf> -DWORK=<dir> -DCPU=<cpu>
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/with/tmp ${WORK}/without)
foreach(kind with without)
  execute_process(COMMAND ${MMSIM} run --cpu ${CPU} --root ${WORK}/${kind} ${ELF} marker
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "(^|\n)[0-9]+ passed, 0 failed\n")
    message(FATAL_ERROR "--root ${kind} tmp: exit ${rc}\n--- stdout\n${out}\n--- stderr\n${err}")
  endif()
endforeach()
if(NOT EXISTS ${WORK}/with/tmp/mmsim_fd_marker)
  message(FATAL_ERROR "a --root with tmp/: the guest's /tmp file is not in it")
endif()
file(READ ${WORK}/with/tmp/mmsim_fd_marker m)
if(NOT m STREQUAL "marker")
  message(FATAL_ERROR "the marker file holds '${m}'")
endif()
file(GLOB_RECURSE left ${WORK}/without/*)
if(left)
  message(FATAL_ERROR "a --root without tmp/: files appeared on the host: ${left}")
endif()
message("ok: /tmp is the root's tmp/ when it exists, in memory otherwise")
