# Every monitor command, at a stop where the shared object exists.
break worker
continue
monitor help
monitor maps
monitor walk 0x40000000
monitor walk 0x1234
monitor phys 0x0 32
monitor objinfo 3
monitor objinfo 99
monitor cache 0x40000000
monitor checker
monitor position
monitor nonsense
delete
continue
