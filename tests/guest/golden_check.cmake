# golden_check.cmake - run the golden program and compare its trace with
# the committed one, or (with -DUPDATE=1) replace the committed one.
#
#   cmake -DMMSIM=<mmsim> -DELF=<dir/prog.elf> -DCPU=<cpu> -DGOLDEN=<file.jsonl>
#         -DWORK=<dir> [-DUPDATE=1] -P golden_check.cmake
#
# The program runs from its own directory under a relative name, so the
# path in the trace's "spawn" record does not depend on the build tree.
cmake_minimum_required(VERSION 3.20)
foreach(v MMSIM ELF CPU GOLDEN WORK)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "golden_check.cmake: -D${v}=... is required")
  endif()
endforeach()
get_filename_component(dir ${ELF} DIRECTORY)
get_filename_component(name ${ELF} NAME)
file(MAKE_DIRECTORY ${WORK})
set(trace ${WORK}/golden.${CPU}.jsonl)
file(REMOVE ${trace})
execute_process(
  COMMAND ${MMSIM} run --cpu ${CPU} --trace ${trace} ${name}
  WORKING_DIRECTORY ${dir}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 50)
# Any guest status is fine (the trace's "exit" record pins it: the bug
# examples exit 1 or are killed); 125 means mmsim could not run it.
if(NOT rc MATCHES "^[0-9]+$" OR rc STREQUAL "125")
  message(FATAL_ERROR "the golden program exited with '${rc}'\n--- stdout ---\n${out}--- stderr ---\n${err}")
endif()
if(UPDATE)
  configure_file(${trace} ${GOLDEN} COPYONLY)
  message("updated ${GOLDEN}")
  return()
endif()
if(NOT EXISTS ${GOLDEN})
  message(FATAL_ERROR "no golden trace ${GOLDEN}: create it with `cmake --build <build> --target update-golden` "
                      "(see traces/README.md)")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${trace} ${GOLDEN} RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  execute_process(COMMAND diff -u ${GOLDEN} ${trace} OUTPUT_VARIABLE d)
  string(SUBSTRING "${d}" 0 6000 d)
  message(FATAL_ERROR "the trace differs from ${GOLDEN}:\n${d}\n"
                      "If the change is intended (mmsim's behaviour or the guest runtime changed), "
                      "regenerate with `cmake --build <build> --target update-golden` and review the diff.")
endif()
message("trace identical to ${GOLDEN}")
