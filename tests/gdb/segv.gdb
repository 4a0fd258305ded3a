# A SIGSEGV stops in gdb with $_siginfo; `continue` passes the signal and
# the process dies as it would without gdb.
continue
print $_siginfo.si_signo
print $_siginfo.si_code
print $_siginfo._sifields._sigfault.si_addr
x/x 0x1234
continue
