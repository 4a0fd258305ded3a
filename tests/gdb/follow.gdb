# --gdb-follow 2: the forked child is debugged, the parent runs on.
break add
continue
print a + b
bt
delete
continue
