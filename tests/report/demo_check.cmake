# demo_check.cmake - `mmsim demo --report`: the demo tells where its page is,
# and the page opens in headless Chromium without a script error, showing
# the demo's run and section 6's table of all five flavours.
#
#   cmake -DMMSIM=<mmsim> -DCHROMIUM=<chromium> -DWORK=<dir> -DCPU=<cpu> -DCPUS=<a%%b..> -P demo_check.cmake
cmake_minimum_required(VERSION 3.20)
set(dir ${WORK}/demo)
file(REMOVE_RECURSE ${dir})
file(MAKE_DIRECTORY ${dir})
set(page ${dir}/demo.html)
execute_process(COMMAND ${MMSIM} demo --cpu ${CPU} --report ${page}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "open ${page} in a browser")
  message(FATAL_ERROR "demo --report exited ${rc} or did not say where the page is:\n${out}\n${err}")
endif()
execute_process(COMMAND ${CHROMIUM} --headless --no-sandbox --disable-gpu --no-first-run
                        --disable-extensions --user-data-dir=${dir}/profile
                        --virtual-time-budget=5000 --dump-dom "file://${page}#step=0"
                RESULT_VARIABLE rc OUTPUT_VARIABLE dom ERROR_QUIET TIMEOUT 120)
set(bad "")
if(NOT rc EQUAL 0 OR NOT dom MATCHES "data-ready=\"1\"")
  set(bad "${bad} not rendered;")
endif()
if(NOT dom MATCHES "<pre id=\"errors\" hidden=\"\"></pre>")
  set(bad "${bad} script error;")
endif()
if(NOT dom MATCHES "<section id=\"flavours-sec\" aria-labelledby=\"h-flavours\">")
  set(bad "${bad} no side-by-side section;")
endif()
string(REPLACE "%%" ";" CPUS "${CPUS}")
foreach(c IN LISTS CPUS)   # the flavours the build has guest programs for
  if(NOT dom MATCHES "<li>${c}: pa=0x")
    set(bad "${bad} no decoded page 0 for ${c};")
  endif()
endforeach()
if(NOT dom MATCHES "fragmented \\(--phys-frag 1\\)")
  set(bad "${bad} header does not say the run was fragmented;")
endif()
file(REMOVE_RECURSE ${dir}/profile)
if(bad)
  message(FATAL_ERROR "demo --report page ${page}:${bad}")
endif()
