# Guest threads are gdb threads.
break worker
continue
info threads
thread 1
bt
thread 2
next
print from_thread
delete
continue
