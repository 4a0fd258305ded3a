# `signal 0` drops the SIGSEGV: the store runs again and faults again.
continue
signal 0
print $_siginfo._sifields._sigfault.si_addr
continue
