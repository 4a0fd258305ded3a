# proc_tests.cmake - issue 6 (processes, threads, semaphores, mon_shm),
# included by tests/guest/CMakeLists.txt.
#
#   guest_<name>_<cpu>            the self-checking program under mmsim
#   guest_<name>_q<N>_<cpu>       the same with --quantum N (pre-emption)
#   native_<name>                 the same source built with the host's gcc
#                                 (-DNATIVE) and run on Linux: the
#                                 expectations hold on a real kernel
#   guest_determinism_<name>_<cpu> two runs with --quantum: identical trace

set(GT_PROC_TESTS test_proc test_threads test_sem test_sysvsem test_mon_shm test_mon_shm_kill)
set(GT_PROC_QUANTUM 997)

foreach(cpu IN LISTS MMSIM_GUEST_CPUS)
  foreach(name IN LISTS GT_PROC_TESTS)
    gt_build(${name} ${cpu})
    if(NOT GT_ELF)
      continue()
    endif()
    string(REGEX REPLACE "^test_" "" short ${name})
    gt_selfcheck(guest_${short}_${cpu} ${GT_ELF} OPTS --cpu ${cpu})
    gt_selfcheck(guest_${short}_q${GT_PROC_QUANTUM}_${cpu} ${GT_ELF}
                 OPTS --cpu ${cpu} --quantum ${GT_PROC_QUANTUM})
    add_test(NAME guest_determinism_${short}_${cpu}
             COMMAND ${CMAKE_COMMAND} -DMMSIM=${GT_MMSIM} -DELF=${GT_ELF}
                     -DWORK=${CMAKE_CURRENT_BINARY_DIR}/determinism/${cpu}/${short}
                     -DRUN_OPTS=--cpu%%${cpu}%%--quantum%%${GT_PROC_QUANTUM}
                     -P ${GT_SRC}/compare_runs.cmake)
    set_tests_properties(guest_determinism_${short}_${cpu} PROPERTIES TIMEOUT ${GT_TIMEOUT})
    # Recorded with pre-emption, replayed without a CPU: fork, spawn, exit
    # and every process's memory-manager calls re-driven in trace order.
    add_test(NAME trace_record_replay_${short}_${cpu}
             COMMAND ${CMAKE_COMMAND} -DMMSIM=${GT_MMSIM} -DELF=${GT_ELF}
                     -DWORK=${CMAKE_CURRENT_BINARY_DIR}/replay/${cpu}
                     -DRUN_OPTS=--cpu%%${cpu}%%--quantum%%${GT_PROC_QUANTUM}
                     -P ${GT_SRC}/record_replay.cmake)
    set_tests_properties(trace_record_replay_${short}_${cpu} PROPERTIES TIMEOUT ${GT_TIMEOUT})
  endforeach()
endforeach()

foreach(name IN LISTS GT_PROC_TESTS)
  string(REGEX REPLACE "^test_" "" short ${name})
  add_executable(native_${name} ${GT_SRC}/${name}.c)
  target_compile_definitions(native_${name} PRIVATE NATIVE=1)
  target_include_directories(native_${name} PRIVATE ${GT_SRC})
  # No sanitizers: these programs fault on purpose (children die of
  # SIGSEGV/SIGBUS), which ASan/UBSan would turn into their own reports.
  target_compile_options(native_${name} PRIVATE -Wno-unused-result -fno-sanitize=all)
  target_link_options(native_${name} PRIVATE -fno-sanitize=all)
  target_link_libraries(native_${name} PRIVATE pthread rt)
  if(name MATCHES "^test_mon_shm")
    target_sources(native_${name} PRIVATE ${CMAKE_SOURCE_DIR}/guest/mon_shm/mon_shm.c
                                          ${CMAKE_SOURCE_DIR}/guest/mon_shm/rbuf.c)
    target_include_directories(native_${name} PRIVATE ${CMAKE_BINARY_DIR}/mon_inc)
  endif()
  add_test(NAME native_${short} COMMAND native_${name})
  set_tests_properties(native_${short} PROPERTIES TIMEOUT ${GT_TIMEOUT})
endforeach()

# How mmsim ends with several processes: deadlock (status 124 and a report
# naming every blocked thread), timers instead of a deadlock, a process
# killing itself, an orphan outliving its parent (mmsim's status is
# process 1's).
foreach(cpu IN LISTS MMSIM_GUEST_CPUS)
  gt_build(proc_misc ${cpu})
  if(NOT GT_ELF)
    continue()
  endif()
  set(run --cpu ${cpu})
  gt_expect(guest_deadlock1_${cpu} ${GT_ELF} CODE 124 OPTS ${run} ARGS deadlock1
            STDOUT "waiting forever\n"
            STDERR "mmsim: deadlock: every thread is blocked" "  process 1 thread 1 blocked in futex_wait"
                   "exit status 124")
  gt_expect(guest_deadlock2_${cpu} ${GT_ELF} CODE 124 OPTS ${run} ARGS deadlock2
            STDERR "mmsim: deadlock" "  process 1 thread 1 blocked in futex_wait"
                   "  process 2 thread 1 blocked in futex_wait"
            NOT_STDERR "killed by")
  gt_expect(guest_deadlock2_q_${cpu} ${GT_ELF} CODE 124 OPTS ${run} --quantum 50 ARGS deadlock2
            STDERR "mmsim: deadlock" "  process 2 thread 1 blocked in futex_wait")
  gt_expect(guest_sleepers_${cpu} ${GT_ELF} CODE 0 OPTS ${run} ARGS sleepers
            STDOUT "both slept: ok\n" NOT_STDERR "deadlock")
  gt_expect(guest_selfkill_${cpu} ${GT_ELF} CODE 143 OPTS ${run} ARGS selfkill
            STDOUT "raising SIGTERM\n"
            STDERR "mmsim: process 1 killed by SIGTERM \\(signal 15\\)" "sent by kill\\(\\) from process 1")
  gt_expect(guest_orphan_${cpu} ${GT_ELF} CODE 5 OPTS ${run} ARGS orphan
            STDOUT "parent exits first\n" "orphan: ppid 1\n")
  gt_expect(guest_forklimit_${cpu} ${GT_ELF} CODE 0 OPTS ${run} --max-procs 32 ARGS forklimit
            STDOUT "forked 31, then EAGAIN\n" "after reaping: fork works\n")
  gt_expect(guest_semlimits_${cpu} ${GT_ELF} CODE 0
            OPTS ${run} --ipc-limit semmsl=4 --ipc-limit semmni=1 --ipc-limit semopm=2
                 --ipc-limit semvmx=10 ARGS semlimits
            STDOUT "semget 5: EINVAL; semget 4: ok\n" "second set: ENOSPC\n" "3 operations: E2BIG\n"
                   "value 11: ERANGE\n")
  gt_expect(guest_semlimit_bad_${cpu} ${GT_ELF} CODE 125 OPTS ${run} --ipc-limit semopm=65
            ARGS semlimits STDERR "bad --ipc-limit 'semopm=65'")
  gt_expect(guest_threadlimit_${cpu} ${GT_ELF} CODE 0 OPTS ${run} --max-threads 64 ARGS threadlimit
            STDOUT "created 63 threads, then EAGAIN\n" "after joining: create works\n")
endforeach()

# System V semaphores as uid 1000: permission errors.
foreach(cpu IN LISTS MMSIM_GUEST_CPUS)
  gt_build(test_sysvsem ${cpu})
  if(GT_ELF)
    gt_selfcheck(guest_sysvsem_unpriv_${cpu} ${GT_ELF} OPTS --cpu ${cpu} --unprivileged ARGS unpriv)
  endif()
endforeach()

# Hostile arguments to the calls of this family (mmsim only).
foreach(cpu IN LISTS MMSIM_GUEST_CPUS)
  gt_build(test_proc_hostile ${cpu})
  if(GT_ELF)
    gt_selfcheck(guest_proc_hostile_${cpu} ${GT_ELF} OPTS --cpu ${cpu})
  endif()
endforeach()
