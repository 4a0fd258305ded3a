# source_check.cmake - checker reports in the page show their source line
# (from the program's -g debug info) with its neighbours, the disassembly
# around the pc, the DMA transfer and the cache lines involved; checked in
# headless Chromium (docs/REPORT.md).
#
#   cmake -DMMSIM=<mmsim> -DMMSIM_CC=<mmsim-cc> -DCHROMIUM=<chromium> -DCPU=<cpu>
#         -DSRC=<guest/examples> -DWORK=<dir> -P source_check.cmake
#
# guest/examples/bug_stale_read.c (and its board.h) are copied to a work
# folder and built there twice with mmsim-cc, with -g and without:
#   - with -g, run --report: the report's box shows the line marked
#     "<- stale-read" highlighted, the two lines before and after it, the
#     recorded instruction highlighted in the disassembly, the line where
#     the DMA was started, the transfer, the cache line of the physical
#     address, and the fix; `mmsim report TRACE --elf` gives the same bytes;
#   - the sources moved away: file:line, no lines, "source file not found";
#   - without -g: "no debug info (compile with -g)", no source listing, the
#     disassembly still there.
cmake_minimum_required(VERSION 3.20)
cmake_policy(SET CMP0007 NEW)   # list(GET) counts empty source lines
foreach(v MMSIM MMSIM_CC CHROMIUM CPU SRC WORK)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "source_check.cmake: -D${v}= is required")
  endif()
endforeach()
set(dir ${WORK}/source_${CPU})
file(REMOVE_RECURSE ${dir})
file(MAKE_DIRECTORY ${dir}/src)
file(COPY ${SRC}/bug_stale_read.c ${SRC}/board.h DESTINATION ${dir}/src)
set(failed "")
macro(fail msg)
  string(APPEND failed "  - ${msg}\n")
endmacro()

# shows(regex what): the page text in d must match regex, else fail(what).
function(shows re what)
  if(NOT d MATCHES "${re}")
    fail("${what}")
    set(failed "${failed}" PARENT_SCOPE)
  endif()
endfunction()

foreach(v g nog)
  set(flags -O2 -Wall)
  if(v STREQUAL "g")
    list(APPEND flags -g)
  endif()
  execute_process(COMMAND ${MMSIM_CC} --cpu ${CPU} ${flags} -o ${dir}/${v}.elf ${dir}/src/bug_stale_read.c
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "source_check: mmsim-cc failed: ${err}")
  endif()
  execute_process(COMMAND ${MMSIM} run --cpu ${CPU} --trace ${dir}/${v}.jsonl --report ${dir}/${v}.html ${v}.elf
                  WORKING_DIRECTORY ${dir} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 1 OR NOT err MATCHES "report written to")
    message(FATAL_ERROR "source_check: run --report ${v}.elf exited ${rc}, expected 1 (a stale read)\n${err}")
  endif()
endforeach()

# the marked line and its neighbours, as the page's DOM text holds them (& < >
# escaped; [ ] ; made _ in both, for CMake's lists)
file(READ ${dir}/src/bug_stale_read.c src)
string(REGEX REPLACE "[][;]" "_" src "${src}")       # list-safe
string(REPLACE "\n" ";" src "${src}")
set(mark -1)
set(i 0)
foreach(l IN LISTS src)
  if(l MATCHES "<- stale-read")
    set(mark ${i})
  endif()
  math(EXPR i "${i} + 1")
endforeach()
if(mark LESS 2)
  message(FATAL_ERROR "source_check: no line marked <- stale-read in bug_stale_read.c")
endif()
math(EXPR line "${mark} + 1")
function(escaped idx outvar)
  list(GET src ${idx} l)
  string(REPLACE "&" "&amp;" l "${l}")
  string(REPLACE "<" "&lt;" l "${l}")
  string(REPLACE ">" "&gt;" l "${l}")
  string(REPLACE ";" "_" l "${l}")                  # as in the DOM below
  set(${outvar} "${l}" PARENT_SCOPE)
endfunction()

# the check record: its step, pc and instruction
file(READ ${dir}/g.jsonl trace)
string(REGEX MATCH "\"seq\":([0-9]+),\"ev\":\"check\",\"class\":\"stale-read\",\"pid\":1,\"pc\":\"(0x[0-9a-f]+)\",\"insn\":\"([^\"]*)\"" _ "${trace}")
set(step ${CMAKE_MATCH_1})
set(pc ${CMAKE_MATCH_2})
set(insn ${CMAKE_MATCH_3})
if(step STREQUAL "")
  message(FATAL_ERROR "source_check: no stale-read check record in ${dir}/g.jsonl")
endif()

set(profile ${dir}/profile)
function(dom page outvar)
  execute_process(COMMAND ${CHROMIUM} --headless --no-sandbox --disable-gpu --no-first-run
                          --disable-extensions --user-data-dir=${profile} --virtual-time-budget=5000
                          --dump-dom "file://${page}#step=${step}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE d ERROR_VARIABLE err TIMEOUT 120)
  if(NOT rc EQUAL 0 OR NOT d MATCHES "data-ready=\"1\"")
    message(FATAL_ERROR "source_check: chromium did not render ${page} (exit ${rc})\n${err}")
  endif()
  if(NOT d MATCHES "<pre id=\"errors\" hidden=\"\"></pre>")
    set(failed "${failed}  - script error in ${page}\n" PARENT_SCOPE)
  endif()
  string(FIND "${d}" "<div class=\"report\"" at)
  string(SUBSTRING "${d}" ${at} -1 d)
  string(REGEX REPLACE "[][;]" "_" d "${d}")           # as src above
  set(${outvar} "${d}" PARENT_SCOPE)
endfunction()

# --- with -g ------------------------------------------------------------------
execute_process(COMMAND ${MMSIM} report ${dir}/g.jsonl --elf ${dir}/g.elf -o ${dir}/again.html RESULT_VARIABLE rc)
file(SHA256 ${dir}/g.html h0)
file(SHA256 ${dir}/again.html h1)
if(NOT rc EQUAL 0 OR NOT h0 STREQUAL h1)
  fail("mmsim report --elf of the trace is not the page run --report wrote (exit ${rc})")
endif()
dom(${dir}/g.html d)
escaped(${mark} l)
string(REGEX REPLACE "([][().*+?^$|\\\\])" "\\\\\\1" lre "${l}")
shows("<mark class=\"at\">▶ +${line}  ${lre}\n</mark>"
      "the source line ${line} (${l}) is not shown highlighted")
foreach(k -2 -1 1 2)
  math(EXPR n "${mark} + ${k}")
  math(EXPR ln "${n} + 1")
  escaped(${n} l)
  string(FIND "${d}" "  ${ln}  ${l}\n" at)
  if(at LESS 0)
    fail("the neighbour line ${ln} (${l}) is not shown")
  endif()
endforeach()
shows("At pc ${pc} \\(bug_stale_read.c:${line}, in main\\+0x[0-9a-f]+\\)"
      "the box does not name bug_stale_read.c:${line} and main for pc ${pc}")
string(REGEX REPLACE "[][;]" "_" ire "${insn}")
string(REGEX REPLACE "([().*+?^$|\\\\])" "\\\\\\1" ire "${ire}")
shows("<mark class=\"at\">▶ ${pc}  ${ire}\n</mark>"
      "the disassembly does not highlight ${pc} ${insn}")
shows("The transfer was started at 0x[0-9a-f]+ \\(board.h:[0-9]+, in main"
      "the line that started the DMA is not shown")
shows("DMA #1 copy 0x[0-9a-f]+ -&gt_ 0x[0-9a-f]+, 4096 bytes"
      "the DMA transfer is not shown")
shows("is in cache line 0x[0-9a-f]+-0x[0-9a-f]+ \\(set [0-9]+ of [0-9]+\\)"
      "the cache line of the physical address is not shown")
shows("Fix: </strong>invalidate the buffer"
      "the fix is not shown")

# --- the sources moved away -----------------------------------------------------
file(RENAME ${dir}/src ${dir}/src.moved)
execute_process(COMMAND ${MMSIM} report ${dir}/g.jsonl --elf ${dir}/g.elf -o ${dir}/moved.html RESULT_VARIABLE rc)
file(RENAME ${dir}/src.moved ${dir}/src)
dom(${dir}/moved.html d)
if(NOT rc EQUAL 0 OR NOT d MATCHES "bug_stale_read.c:${line} - source file not found")
  fail("without its sources the page does not say bug_stale_read.c:${line} and that the source was not found")
endif()
if(d MATCHES "listing src")
  fail("without its sources the page still shows source lines")
endif()

# --- without -g -------------------------------------------------------------------
dom(${dir}/nog.html d)
shows("no debug info \\(compile with -g\\)"
      "the page of a program built without -g does not say: no debug info (compile with -g)")
if(d MATCHES "listing src" OR NOT d MATCHES "<mark class=\"at\">▶ 0x[0-9a-f]+  ")
  fail("without -g: a source listing, or no disassembly")
endif()
file(REMOVE_RECURSE ${profile})

if(failed)
  message(FATAL_ERROR "source_check ${CPU} (${dir}):\n${failed}")
endif()
message(STATUS "source_check ${CPU}: line ${line} of bug_stale_read.c, pc ${pc}: ok")
