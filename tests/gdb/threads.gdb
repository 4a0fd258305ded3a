# Guest threads are gdb threads (and a hardware breakpoint, Z1).
hbreak worker
continue
info threads
thread 1
bt
thread 2
next
print from_thread
delete
continue
