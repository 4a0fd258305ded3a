# signals.cmake - issue 12, signals (docs/posix/signals.md), included by
# tests/guest/CMakeLists.txt.
#
#   guest_<name>_<cpu>             the self-checking program under mmsim
#   guest_<name>_q1000_<cpu>       the same with --quantum 1000 (pre-emption)
#   native_<name>                  the same source built with the host's gcc
#   trace_record_replay_sig_basic_<cpu>  recorded with --quantum, replayed

set(GT_SIG_TESTS test_sig_basic test_sig_fault test_sig_regs test_sig_eintr)
set(GT_SIG_NATIVE test_sig_basic test_sig_fault test_sig_regs test_sig_eintr)

foreach(cpu IN LISTS MMSIM_GUEST_CPUS)
  foreach(name IN LISTS GT_SIG_TESTS)
    if(NOT EXISTS ${GT_SRC}/${name}.c)
      continue()
    endif()
    gt_build(${name} ${cpu})
    if(NOT GT_ELF)
      continue()
    endif()
    string(REGEX REPLACE "^test_" "" short ${name})
    gt_selfcheck(guest_${short}_${cpu} ${GT_ELF} OPTS --cpu ${cpu})
    gt_selfcheck(guest_${short}_q1000_${cpu} ${GT_ELF} OPTS --cpu ${cpu} --quantum 1000)
  endforeach()
  gt_build(test_sig_basic ${cpu})
  if(GT_ELF)
    add_test(NAME trace_record_replay_sig_basic_${cpu}
             COMMAND ${CMAKE_COMMAND} -DMMSIM=${GT_MMSIM} -DELF=${GT_ELF}
                     -DWORK=${CMAKE_CURRENT_BINARY_DIR}/replay/${cpu}
                     -DRUN_OPTS=--cpu%%${cpu}%%--quantum%%1000
                     -P ${GT_SRC}/record_replay.cmake)
    set_tests_properties(trace_record_replay_sig_basic_${cpu} PROPERTIES TIMEOUT ${GT_TIMEOUT})
    add_test(NAME guest_determinism_sig_basic_${cpu}
             COMMAND ${CMAKE_COMMAND} -DMMSIM=${GT_MMSIM} -DELF=${GT_ELF}
                     -DWORK=${CMAKE_CURRENT_BINARY_DIR}/determinism/${cpu}/sig_basic
                     -DRUN_OPTS=--cpu%%${cpu}%%--quantum%%1000
                     -P ${GT_SRC}/compare_runs.cmake)
    set_tests_properties(guest_determinism_sig_basic_${cpu} PROPERTIES TIMEOUT ${GT_TIMEOUT})
  endif()
endforeach()

foreach(name IN LISTS GT_SIG_NATIVE)
  if(NOT EXISTS ${GT_SRC}/${name}.c)
    continue()
  endif()
  string(REGEX REPLACE "^test_" "" short ${name})
  add_executable(native_${name} ${GT_SRC}/${name}.c)
  target_compile_definitions(native_${name} PRIVATE NATIVE=1 _GNU_SOURCE)
  target_include_directories(native_${name} PRIVATE ${GT_SRC})
  # No sanitizers: these programs fault on purpose and catch it.
  target_compile_options(native_${name} PRIVATE -Wno-unused-result -fno-sanitize=all)
  target_link_options(native_${name} PRIVATE -fno-sanitize=all)
  target_link_libraries(native_${name} PRIVATE pthread rt)
  add_test(NAME native_${short} COMMAND native_${name})
  set_tests_properties(native_${short} PROPERTIES TIMEOUT ${GT_TIMEOUT}
                       PASS_REGULAR_EXPRESSION "(^|\n)[0-9]+ passed, 0 failed\n"
                       FAIL_REGULAR_EXPRESSION "FAIL - ")
endforeach()
