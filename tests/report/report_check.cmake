# report_check.cmake - a report made and checked in a real browser
# (headless Chromium, --dump-dom): what the page's scripts rendered must
# agree with the trace it was made from.
#
#   cmake -DMMSIM=<mmsim> -DCHROMIUM=<chromium> -DWORK=<dir> -DNAME=<name>
#         ( -DTRACE=<trace.jsonl>
#         | -DELF=<prog.elf> [-DRUN_OPTS=a%%b] [-DPROG_ARGS=a%%b] [-DEXPECT_CODE=n] )
#         [-DVA=0x...] [-DCHECK_RE=hash=>regex%%hash=>regex] [-DSCREENSHOT=<png>]
#         [-DSHOT_HASH=step=N&va=...] -P report_check.cmake
#
# With ELF the program is run as `mmsim run --trace T --report R --dump-pt`
# from its directory; the page at the step of process 1's "exit" record
# must show as many mappings, pages with a PTE and RAM frames those PTEs
# point at as --dump-pt printed.
# Then, for the trace (given or recorded):
#   - `mmsim report` twice gives byte-identical pages (and, with ELF and
#     --elf ELF, the same bytes as run --report);
#   - no script error (#errors empty) in any page load;
#   - the page holds every record, and as many checker reports + faults;
#   - stepping to the last PTE record that maps a page (of VA if given) shows
#     its value in the walk, and the step before shows a different state;
#     on ARM the walk shows the L1 descriptor raw (with ELF: the value
#     --dump-pt printed over the same L2 table);
#   - each CHECK_RE: the page loaded at #hash has a DOM matching regex
#     (@WALK@ in hash: the step, pid and va of the walk above; @EXIT@: the
#     step of process 1's exit record).
# Lists are separated by "%%" (";" would be split by add_test).
cmake_minimum_required(VERSION 3.20)

foreach(v MMSIM CHROMIUM WORK NAME)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "report_check.cmake: -D${v}= is required")
  endif()
endforeach()
string(REPLACE "%%" ";" RUN_OPTS "${RUN_OPTS}")
string(REPLACE "%%" ";" PROG_ARGS "${PROG_ARGS}")
string(REPLACE "%%" ";" CHECK_RE "${CHECK_RE}")
file(REMOVE_RECURSE ${WORK}/${NAME})
file(MAKE_DIRECTORY ${WORK}/${NAME})
set(dir ${WORK}/${NAME})
set(page ${dir}/${NAME}.html)
set(failed "")

macro(fail msg)
  string(APPEND failed "  - ${msg}\n")
endmacro()

# --- the report -------------------------------------------------------------
if(DEFINED ELF)
  set(TRACE ${dir}/${NAME}.jsonl)
  get_filename_component(elfdir ${ELF} DIRECTORY)
  get_filename_component(elfname ${ELF} NAME)
  if(NOT DEFINED EXPECT_CODE)
    set(EXPECT_CODE 0)
  endif()
  execute_process(COMMAND ${MMSIM} run ${RUN_OPTS} --trace ${TRACE} --report ${page} --dump-pt ${elfname} ${PROG_ARGS}
                  WORKING_DIRECTORY ${elfdir} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc STREQUAL "${EXPECT_CODE}")
    message(FATAL_ERROR "report_check ${NAME}: mmsim run exited ${rc}, expected ${EXPECT_CODE}\nstdout:\n${out}\nstderr:\n${err}")
  endif()
  if(NOT err MATCHES "mmsim: report written to ")
    fail("run --report did not say where the report is: ${err}")
  endif()
  set(dump "${out}")
else()
  execute_process(COMMAND ${MMSIM} report ${TRACE} -o ${page} RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "report_check ${NAME}: mmsim report exited ${rc}: ${err}")
  endif()
endif()
# the program's ELF gives the source lines of checker reports: given, the
# page of `mmsim report` is the one run --report wrote
set(elf_opt "")
if(DEFINED ELF)
  set(elf_opt --elf ${ELF})
endif()
execute_process(COMMAND ${MMSIM} report ${TRACE} ${elf_opt} -o ${dir}/again.html RESULT_VARIABLE rc1)
execute_process(COMMAND ${MMSIM} report ${TRACE} ${elf_opt} -o ${dir}/again2.html RESULT_VARIABLE rc2)
file(SHA256 ${page} h0)
file(SHA256 ${dir}/again.html h1)
file(SHA256 ${dir}/again2.html h2)
if(NOT rc1 EQUAL 0 OR NOT rc2 EQUAL 0 OR NOT h1 STREQUAL h2)
  fail("two reports of the same trace differ (or failed: ${rc1} ${rc2})")
endif()
if(DEFINED ELF AND NOT h0 STREQUAL h1)
  fail("run --report and mmsim report of its trace differ")
endif()

# --- what the trace says ------------------------------------------------------
file(READ ${TRACE} trace)
string(REGEX MATCHALL "\"seq\":[0-9]+,\"ev\":\"" recs "${trace}")
list(LENGTH recs n_events)
string(REGEX MATCHALL "\"seq\":[0-9]+,\"ev\":\"(check|fault)\"" reps "${trace}")
list(LENGTH reps n_reports)
set(pte_re "\"seq\":([0-9]+),\"ev\":\"pte\",\"asid\":([0-9]+),\"va\":\"(0x[0-9a-f]+)\",\"pte_pa\":\"0x[0-9a-f]+\",\"old\":\"(0x[0-9a-f]+)\",\"new\":\"(0x[0-9a-f]+)\"")
string(REGEX MATCHALL "${pte_re}" ptes "${trace}")
set(walk_seq "")
foreach(p IN LISTS ptes)
  string(REGEX MATCH "${pte_re}" _ "${p}")
  set(s ${CMAKE_MATCH_1})
  set(asid ${CMAKE_MATCH_2})
  set(va ${CMAKE_MATCH_3})
  set(old ${CMAKE_MATCH_4})
  set(new ${CMAKE_MATCH_5})
  if(new MATCHES "^0x0+$" OR new STREQUAL old)
    continue()   # an unmap, or a rewrite of the same value (e500 after a fault)
  endif()
  if(DEFINED VA AND NOT va STREQUAL VA)
    continue()
  endif()
  set(walk_seq ${s})
  set(walk_asid ${asid})
  set(walk_va ${va})
  set(walk_new ${new})
endforeach()

# --- the browser ----------------------------------------------------------------
set(profile ${dir}/chromium-profile)
function(load hash outvar)
  execute_process(COMMAND ${CHROMIUM} --headless --no-sandbox --disable-gpu --no-first-run
                          --disable-extensions --user-data-dir=${profile}
                          --virtual-time-budget=5000 --dump-dom "file://${page}#${hash}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE dom ERROR_VARIABLE err TIMEOUT 120)
  if(NOT rc EQUAL 0 OR NOT dom MATCHES "data-ready=\"1\"")
    message(FATAL_ERROR "report_check ${NAME}: chromium did not render #${hash} (exit ${rc})\n${err}\n${dom}")
  endif()
  if(NOT dom MATCHES "<pre id=\"errors\" hidden=\"\"></pre>")
    string(REGEX MATCH "<pre id=\"errors\"[^<]*</pre>" e "${dom}")
    set(failed "${failed}  - script error at #${hash}: ${e}\n" PARENT_SCOPE)
  endif()
  string(REGEX MATCH "<div id=\"status\"[^>]*>" status "${dom}")
  set(${outvar} "${dom}" PARENT_SCOPE)
  set(${outvar}_status "${status}" PARENT_SCOPE)
endfunction()
# attr(<status> <name> <outvar>): data-<name> of the status element
function(attr status name outvar)
  string(REGEX MATCH "data-${name}=\"([^\"]*)\"" _ "${status}")
  set(${outvar} "${CMAKE_MATCH_1}" PARENT_SCOPE)
endfunction()

math(EXPR last "${n_events} - 1")
load("step=${last}" d)
attr("${d_status}" events got)
if(NOT got STREQUAL "${n_events}")
  fail("the page holds ${got} records, the trace ${n_events}")
endif()
attr("${d_status}" reports got)
if(NOT got STREQUAL "${n_reports}")
  fail("the page lists ${got} checker reports and faults, the trace has ${n_reports}")
endif()
string(REGEX MATCHALL "<div class=\"report\"" rdivs "${d}")
list(LENGTH rdivs nrdivs)
if(NOT nrdivs EQUAL n_reports)
  fail("${nrdivs} report boxes rendered, the trace has ${n_reports} reports")
endif()
attr("${d_status}" step got)
if(NOT got STREQUAL "${last}")
  fail("#step=${last} shows step ${got}")
endif()

if(walk_seq STREQUAL "")
  fail("no PTE record${VA} to walk in the trace")
else()
  load("step=${walk_seq}&pid=${walk_asid}&va=${walk_va}" d)
  attr("${d_status}" step got_step)
  attr("${d_status}" walk-pte got)
  if(NOT got_step STREQUAL walk_seq OR NOT got STREQUAL walk_new)
    fail("at #step=${walk_seq} the walk of ${walk_va} shows '${got}' (step ${got_step}), the trace recorded ${walk_new}")
  endif()
  # ARM: the walk shows the L1 descriptor raw; with --dump-pt, the L1 line
  # over the same L2 table (if process 1 still has it) holds that value
  attr("${d_status}" walk-l1 got_l1)
  if(trace MATCHES "\"cpu\":\"armv[567]\"" AND NOT got_l1 MATCHES "^0x[0-9a-f]+$")
    fail("the ARM walk at #step=${walk_seq} shows no L1 descriptor ('${got_l1}')")
  elseif(DEFINED ELF AND got_l1)
    math(EXPR l2 "${got_l1} & 0xFFFFFC00" OUTPUT_FORMAT HEXADECIMAL)
    string(SUBSTRING "${l2}" 2 -1 l2)
    string(TOLOWER "${l2}" l2)
    string(LENGTH "${l2}" len)
    while(len LESS 8)
      set(l2 "0${l2}")
      math(EXPR len "${len} + 1")
    endwhile()
    string(REGEX MATCH "raw=(0x[0-9a-f]+) coarse L2=0x${l2}" _ "${dump}")
    if(CMAKE_MATCH_1 AND NOT CMAKE_MATCH_1 STREQUAL got_l1)
      fail("the walk shows the L1 descriptor ${got_l1}; --dump-pt printed ${CMAKE_MATCH_1} over the L2 table at 0x${l2}")
    endif()
  endif()
  math(EXPR before "${walk_seq} - 1")
  load("step=${before}&pid=${walk_asid}&va=${walk_va}" d)
  attr("${d_status}" walk-pte got)
  if(got STREQUAL walk_new)
    fail("one step before the PTE write (#step=${before}) the walk already shows ${walk_new}")
  endif()
endif()

string(REGEX MATCH "\"seq\":([0-9]+),\"ev\":\"exit\",\"pid\":1," _ "${trace}")
set(exit_seq ${CMAKE_MATCH_1})
# run --report: the mappings and PTEs of process 1 when it exits, as --dump-pt printed them
if(DEFINED ELF)
  string(FIND "${dump}" "== page tables of process 1 (" at)
  if(exit_seq STREQUAL "" OR at LESS 0)
    fail("no exit record or --dump-pt output for process 1")
  else()
    string(SUBSTRING "${dump}" ${at} -1 sect)
    string(FIND "${sect}" "-- raw tables --" end)
    if(end GREATER 0)
      string(SUBSTRING "${sect}" 0 ${end} sect)
    endif()
    string(REGEX MATCHALL "\n  map 0x" maps "${sect}")
    list(LENGTH maps n_maps)
    string(REGEX MATCHALL "\n    va 0x[0-9a-f]+  pte@" pg "${sect}")
    list(LENGTH pg n_pages)
    # the RAM frames those PTEs point at (RAM is below 0x10000000 with the default --ram)
    string(REGEX MATCHALL "\n    va 0x[0-9a-f]+  pte@[^\n]*  pa=0x0[0-9a-f]+" pl "${sect}")
    set(frames "")
    foreach(l IN LISTS pl)
      string(REGEX MATCH "pa=(0x[0-9a-f]+)$" _ "${l}")
      list(APPEND frames ${CMAKE_MATCH_1})
    endforeach()
    list(REMOVE_DUPLICATES frames)
    list(LENGTH frames n_frames)
    load("step=${exit_seq}&pid=1" d)
    attr("${d_status}" mappings got_m)
    attr("${d_status}" pages got_p)
    attr("${d_status}" user-frames got_f)
    if(NOT got_m STREQUAL "${n_maps}" OR NOT got_p STREQUAL "${n_pages}")
      fail("at process 1's exit (#step=${exit_seq}) the page shows ${got_m} mappings and ${got_p} pages with a PTE; --dump-pt printed ${n_maps} and ${n_pages}")
    endif()
    if(NOT got_f STREQUAL "${n_frames}")
      fail("at process 1's exit (#step=${exit_seq}) the page shows ${got_f} RAM frames mapped by user PTEs; --dump-pt's PTEs point at ${n_frames}")
    endif()
  endif()
endif()

foreach(c IN LISTS CHECK_RE)
  string(FIND "${c}" "=>" sep)
  string(SUBSTRING "${c}" 0 ${sep} hash)
  string(REPLACE "@WALK@" "step=${walk_seq}&pid=${walk_asid}&va=${walk_va}" hash "${hash}")
  string(REPLACE "@EXIT@" "step=${exit_seq}" hash "${hash}")
  math(EXPR sep "${sep} + 2")
  string(SUBSTRING "${c}" ${sep} -1 re)
  load("${hash}" d)
  if(NOT d MATCHES "${re}")
    fail("at #${hash} the page does not match /${re}/")
  endif()
endforeach()

if(DEFINED SCREENSHOT)
  if(NOT DEFINED SHOT_HASH)
    set(SHOT_HASH "step=${last}")
  endif()
  string(REPLACE "@WALK@" "step=${walk_seq}&pid=${walk_asid}&va=${walk_va}" SHOT_HASH "${SHOT_HASH}")
  string(REPLACE "@EXIT@" "step=${exit_seq}" SHOT_HASH "${SHOT_HASH}")
  execute_process(COMMAND ${CHROMIUM} --headless --no-sandbox --disable-gpu --no-first-run
                          --disable-extensions --user-data-dir=${profile} --hide-scrollbars
                          --window-size=1400,2000 --virtual-time-budget=5000
                          --screenshot=${SCREENSHOT} "file://${page}#${SHOT_HASH}"
                  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET TIMEOUT 120)
  if(NOT rc EQUAL 0 OR NOT EXISTS ${SCREENSHOT})
    fail("no screenshot ${SCREENSHOT}")
  endif()
endif()
file(REMOVE_RECURSE ${profile})

if(failed)
  message(FATAL_ERROR "report_check ${NAME} (${page}):\n${failed}")
endif()
message(STATUS "report_check ${NAME}: ${n_events} records, ${n_reports} reports, walk of ${walk_va} at step ${walk_seq}: ok")
