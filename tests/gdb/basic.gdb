# Break on a function, step over a source line, print a local, registers,
# a backtrace, memory through an unmapped address, run to the end.
break add
continue
next
print sum
info registers pc
bt
x/x 0x1234
print *(int *)0x1234
delete
continue
