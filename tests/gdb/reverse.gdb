# Backwards: reverse-continue to the previous write of a watched variable,
# reverse-stepi / stepi, reverse-continue to a breakpoint, reverse-step,
# reverse-next and reverse-finish.
break add
watch watched
continue
continue
continue
continue
print watched
reverse-continue
print watched
print total
delete 2
monitor position
reverse-stepi
monitor position
stepi
monitor position
reverse-continue
print a
print b
continue
next
reverse-next
reverse-finish
reverse-step
delete
continue
