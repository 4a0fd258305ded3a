/* <syslog.h> - system log messages.  mmsim has no log daemon: each
 * message goes to stderr as "ident[pid]: message" (LOG_PID) or
 * "ident: message", when its priority passes setlogmask. */
#ifndef _SYSLOG_H_INCLUDED
#define _SYSLOG_H_INCLUDED

#include <stdarg.h>

#define LOG_EMERG   0
#define LOG_ALERT   1
#define LOG_CRIT    2
#define LOG_ERR     3
#define LOG_WARNING 4
#define LOG_NOTICE  5
#define LOG_INFO    6
#define LOG_DEBUG   7
#define LOG_PRIMASK 0x07
#define LOG_PRI(p)  ((p) & LOG_PRIMASK)
#define LOG_MAKEPRI(fac, pri) ((fac) | (pri))

#define LOG_KERN    (0 << 3)
#define LOG_USER    (1 << 3)
#define LOG_MAIL    (2 << 3)
#define LOG_DAEMON  (3 << 3)
#define LOG_AUTH    (4 << 3)
#define LOG_SYSLOG  (5 << 3)
#define LOG_LPR     (6 << 3)
#define LOG_NEWS    (7 << 3)
#define LOG_UUCP    (8 << 3)
#define LOG_CRON    (9 << 3)
#define LOG_LOCAL0  (16 << 3)
#define LOG_LOCAL1  (17 << 3)
#define LOG_LOCAL2  (18 << 3)
#define LOG_LOCAL3  (19 << 3)
#define LOG_LOCAL4  (20 << 3)
#define LOG_LOCAL5  (21 << 3)
#define LOG_LOCAL6  (22 << 3)
#define LOG_LOCAL7  (23 << 3)

#define LOG_PID     0x01
#define LOG_CONS    0x02
#define LOG_ODELAY  0x04
#define LOG_NDELAY  0x08
#define LOG_NOWAIT  0x10
#define LOG_PERROR  0x20

#define LOG_MASK(pri) (1 << (pri))
#define LOG_UPTO(pri) ((1 << ((pri) + 1)) - 1)

/* openlog(ident, opts, facility): ident (the program name if NULL) and LOG_PID. */
void openlog(const char *__ident, int __opts, int __facility);
/* syslog(pri, fmt, ...): one line on stderr; %m is strerror(errno). */
void syslog(int __pri, const char *__fmt, ...) __attribute__((__format__(__printf__, 2, 3)));
void vsyslog(int __pri, const char *__fmt, va_list __ap) __attribute__((__format__(__printf__, 2, 0)));
void closelog(void);
/* setlogmask(mask): the old mask (0 leaves it unchanged); LOG_UPTO(LOG_DEBUG) at start. */
int setlogmask(int __mask);

#endif
