# fds.cmake - issue 12, descriptors: pipes, dup/fcntl, poll/select,
# /dev and shm fds (included by tests/guest/CMakeLists.txt).
#
#   guest_<name>_<cpu>            the self-checking program under mmsim
#   guest_<name>_q100_<cpu>       the same with --quantum 100 (pre-emption in
#                                 the middle of pipe traffic)
#   native_<name>                 the same source built with the host's gcc
#                                 (-DNATIVE) and run on Linux
#   trace_record_replay_<name>_<cpu>  (GT_FD_REPLAY) recorded, then replayed
#   guest_determinism_<name>_<cpu>    (GT_FD_REPLAY) two runs, identical traces

set(GT_FD_TESTS test_fd_pipe test_fd_dup test_fd_poll test_fd_dev test_fd_files test_fd_exec
                test_fd_spawn)
set(GT_FD_REPLAY test_fd_pipe test_fd_files test_fd_exec test_fd_dev test_fd_spawn)

foreach(cpu IN LISTS MMSIM_GUEST_CPUS)
  foreach(name IN LISTS GT_FD_TESTS)
    gt_build(${name} ${cpu})
    if(NOT GT_ELF)
      continue()
    endif()
    string(REGEX REPLACE "^test_" "" short ${name})
    gt_selfcheck(guest_${short}_${cpu} ${GT_ELF} OPTS --cpu ${cpu})
    gt_selfcheck(guest_${short}_q100_${cpu} ${GT_ELF} OPTS --cpu ${cpu} --quantum 100)
    if(name STREQUAL "test_fd_dup")        # --max-fds, recorded and replayed
      gt_selfcheck(guest_fd_dup_maxfds_${cpu} ${GT_ELF} OPTS --cpu ${cpu} --max-fds 64
                   ARGS limit 64)
      add_test(NAME trace_record_replay_fd_dup_maxfds_${cpu}
               COMMAND ${CMAKE_COMMAND} -DMMSIM=${GT_MMSIM} -DELF=${GT_ELF}
                       -DWORK=${CMAKE_CURRENT_BINARY_DIR}/replay/${cpu} -DNAME=fd_dup_maxfds
                       -DRUN_OPTS=--cpu%%${cpu}%%--max-fds%%64 -DPROG_ARGS=limit%%64
                       -P ${GT_SRC}/record_replay.cmake)
      set_tests_properties(trace_record_replay_fd_dup_maxfds_${cpu} PROPERTIES TIMEOUT ${GT_TIMEOUT})
    endif()
    if(name STREQUAL "test_fd_files")      # --root with and without tmp/
      add_test(NAME guest_fd_files_root_${cpu}
               COMMAND ${CMAKE_COMMAND} -DMMSIM=${GT_MMSIM} -DELF=${GT_ELF} -DCPU=${cpu}
                       -DWORK=${CMAKE_CURRENT_BINARY_DIR}/fdroot/${cpu}
                       -P ${GT_SRC}/run_fd_root.cmake)
      set_tests_properties(guest_fd_files_root_${cpu} PROPERTIES TIMEOUT ${GT_TIMEOUT})
    endif()
    if(name IN_LIST GT_FD_REPLAY)           # two runs with pre-emption: identical traces
      add_test(NAME guest_determinism_${short}_${cpu}
               COMMAND ${CMAKE_COMMAND} -DMMSIM=${GT_MMSIM} -DELF=${GT_ELF}
                       -DWORK=${CMAKE_CURRENT_BINARY_DIR}/determinism/${cpu}/${short}
                       -DRUN_OPTS=--cpu%%${cpu}%%--quantum%%100
                       -P ${GT_SRC}/compare_runs.cmake)
      set_tests_properties(guest_determinism_${short}_${cpu} PROPERTIES TIMEOUT ${GT_TIMEOUT})
    endif()
    if(name IN_LIST GT_FD_REPLAY)
      add_test(NAME trace_record_replay_${short}_${cpu}
               COMMAND ${CMAKE_COMMAND} -DMMSIM=${GT_MMSIM} -DELF=${GT_ELF}
                       -DWORK=${CMAKE_CURRENT_BINARY_DIR}/replay/${cpu}
                       -DRUN_OPTS=--cpu%%${cpu}%%--quantum%%100
                       -P ${GT_SRC}/record_replay.cmake)
      set_tests_properties(trace_record_replay_${short}_${cpu} PROPERTIES TIMEOUT ${GT_TIMEOUT})
    endif()
  endforeach()
endforeach()

foreach(name IN LISTS GT_FD_TESTS)
  string(REGEX REPLACE "^test_" "" short ${name})
  add_executable(native_${name} ${GT_SRC}/${name}.c)
  target_compile_definitions(native_${name} PRIVATE NATIVE=1 _GNU_SOURCE)
  target_include_directories(native_${name} PRIVATE ${GT_SRC})
  target_compile_options(native_${name} PRIVATE -Wno-unused-result -fno-sanitize=all)
  target_link_options(native_${name} PRIVATE -fno-sanitize=all)
  add_test(NAME native_${short} COMMAND native_${name})
  set_tests_properties(native_${short} PROPERTIES TIMEOUT ${GT_TIMEOUT}
                       PASS_REGULAR_EXPRESSION "(^|\n)[0-9]+ passed, 0 failed\n")
endforeach()
target_link_libraries(native_test_fd_dup PRIVATE rt)
target_link_libraries(native_test_fd_poll PRIVATE rt)
target_link_libraries(native_test_fd_dev PRIVATE rt)
target_link_libraries(native_test_fd_exec PRIVATE pthread)
