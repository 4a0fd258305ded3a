# A write watchpoint stops at the store that changed the variable (gdb
# shows the statement after it, as on hardware); a read watchpoint.
watch watched
continue
print $pc
continue
delete
rwatch watched
continue
delete
continue
