# A SIGSEGV stops in gdb with $_siginfo; `signal 0` drops it (the store runs
# again and faults again); `continue` passes it and the process dies.
continue
print $_siginfo.si_signo
print $_siginfo.si_code
print $_siginfo._sifields._sigfault.si_addr
signal 0
continue
