# tests/guest/libc.cmake - the C library and system interfaces (issue 12,
# docs/posix/libc.md): self-checking programs test_libc_*.c on every CPU
# of MMSIM_GUEST_CPUS, and the same sources built with the host's gcc
# (native_libc_*), so each behaviour is pinned to Linux.
#
#   guest_libc_<name>_<cpu>     test_libc_<name>.c under mmsim
#   native_libc_<name>          the same on the host
# Programs that need files run with --root <build>/libc_root/<cpu>, which
# has a /tmp; natively they use the host's /tmp.

set(LIBC_TESTS "")
foreach(name compile string scanf stdio math time sys limits cancel more)
  if(EXISTS ${GT_SRC}/test_libc_${name}.c)
    list(APPEND LIBC_TESTS ${name})
  endif()
endforeach()
# Extra mmsim options and program arguments per test.
set(LIBC_OPTS_time --epoch 1767225600)

foreach(cpu IN LISTS MMSIM_GUEST_CPUS)
  set(root ${CMAKE_CURRENT_BINARY_DIR}/libc_root/${cpu})
  file(MAKE_DIRECTORY ${root}/tmp)
  foreach(name IN LISTS LIBC_TESTS)
    gt_build(test_libc_${name} ${cpu})
    if(NOT GT_ELF)
      continue()
    endif()
    gt_selfcheck(guest_libc_${name}_${cpu} ${GT_ELF} OPTS --cpu ${cpu} --root ${root} ${LIBC_OPTS_${name}})
  endforeach()
  # The clock and the System V times follow --epoch.
  if("time" IN_LIST LIBC_TESTS)
    gt_build(test_libc_time ${cpu})
  endif()
  if("time" IN_LIST LIBC_TESTS AND GT_ELF)
    gt_selfcheck(guest_libc_time_epoch_${cpu} ${GT_ELF} OPTS --cpu ${cpu} --epoch 1000000000
                 ARGS 1000000000)
  endif()
  # Credentials, limits, scheduling as an unprivileged user.
  if("sys" IN_LIST LIBC_TESTS)
    gt_build(test_libc_sys ${cpu})
  endif()
  if("sys" IN_LIST LIBC_TESTS AND GT_ELF)
    gt_selfcheck(guest_libc_sys_user_${cpu} ${GT_ELF} OPTS --cpu ${cpu} --uid 1000 --gid 1000
                 ARGS user)
  endif()
  # Recorded and replayed: set*id goes through the traced "setids"
  # record, System V times through "now" (traces/lib/replay.c re-drives both).
  foreach(rr sys time)
    if(NOT rr IN_LIST LIBC_TESTS)
      continue()
    endif()
    gt_build(test_libc_${rr} ${cpu})
    if(GT_ELF)
      add_test(NAME trace_record_replay_libc_${rr}_${cpu}
               COMMAND ${CMAKE_COMMAND} -DMMSIM=${GT_MMSIM} -DELF=${GT_ELF}
                       -DWORK=${CMAKE_CURRENT_BINARY_DIR}/replay/${cpu} -DRUN_OPTS=--cpu%%${cpu}
                       -P ${GT_SRC}/record_replay.cmake)
      set_tests_properties(trace_record_replay_libc_${rr}_${cpu} PROPERTIES TIMEOUT ${GT_TIMEOUT})
    endif()
  endforeach()
  gt_build(test_libc_sys ${cpu})
  if(GT_ELF)
    add_test(NAME trace_record_replay_libc_sys_user_${cpu}
             COMMAND ${CMAKE_COMMAND} -DMMSIM=${GT_MMSIM} -DELF=${GT_ELF}
                     -DWORK=${CMAKE_CURRENT_BINARY_DIR}/replay/${cpu} -DNAME=test_libc_sys_user
                     -DRUN_OPTS=--cpu%%${cpu}%%--uid%%1000%%--gid%%1000 -DPROG_ARGS=user
                     -P ${GT_SRC}/record_replay.cmake)
    set_tests_properties(trace_record_replay_libc_sys_user_${cpu} PROPERTIES TIMEOUT ${GT_TIMEOUT})
  endif()
  # --max-procs / --max-threads: EAGAIN exactly at the limit.
  if("limits" IN_LIST LIBC_TESTS)
    gt_build(test_libc_limits ${cpu})
  endif()
  if("limits" IN_LIST LIBC_TESTS AND GT_ELF)
    gt_selfcheck(guest_libc_limits_small_${cpu} ${GT_ELF} OPTS --cpu ${cpu} --max-procs 10
                 --max-threads 5 ARGS 10 5)
  endif()
endforeach()

foreach(name IN LISTS LIBC_TESTS)
  add_executable(native_libc_${name} ${GT_SRC}/test_libc_${name}.c)
  target_compile_definitions(native_libc_${name} PRIVATE _GNU_SOURCE NATIVE_HOST)
  target_include_directories(native_libc_${name} PRIVATE ${GT_SRC})
  target_compile_options(native_libc_${name} PRIVATE -Wno-unused-function -Wno-unused-result
                         -fno-sanitize=all -fno-builtin)
  target_link_options(native_libc_${name} PRIVATE -fno-sanitize=all)
  target_link_libraries(native_libc_${name} PRIVATE m pthread)
  add_test(NAME native_libc_${name} COMMAND native_libc_${name})
  set_tests_properties(native_libc_${name} PROPERTIES
                       PASS_REGULAR_EXPRESSION "(^|\n)[0-9]+ passed, 0 failed\n"
                       FAIL_REGULAR_EXPRESSION "FAIL - " TIMEOUT ${GT_TIMEOUT}
                       ENVIRONMENT TZ=UTC)
endforeach()
