# proc_tests.cmake - issue 6 (processes, threads, semaphores, mon_shm),
# included by tests/guest/CMakeLists.txt.
#
#   guest_<name>_<cpu>            the self-checking program under mmsim
#   guest_<name>_q<N>_<cpu>       the same with --quantum N (pre-emption)
#   native_<name>                 the same source built with the host's gcc
#                                 (-DNATIVE) and run on Linux: the
#                                 expectations hold on a real kernel
#   guest_determinism_<name>_<cpu> two runs with --quantum: identical trace

set(GT_PROC_TESTS test_proc test_threads test_sem)
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
  endforeach()
endforeach()

foreach(name IN LISTS GT_PROC_TESTS)
  string(REGEX REPLACE "^test_" "" short ${name})
  add_executable(native_${name} ${GT_SRC}/${name}.c)
  target_compile_definitions(native_${name} PRIVATE NATIVE=1)
  target_include_directories(native_${name} PRIVATE ${GT_SRC})
  target_compile_options(native_${name} PRIVATE -Wno-unused-result)
  target_link_libraries(native_${name} PRIVATE pthread rt)
  add_test(NAME native_${short} COMMAND native_${name})
  set_tests_properties(native_${short} PROPERTIES TIMEOUT ${GT_TIMEOUT})
endforeach()
