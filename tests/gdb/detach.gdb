# A debugger that detaches (or goes away) lets the guest run on, unchanged.
break add
continue
detach
