/*
 * syslog.c - <syslog.h> without a log daemon: messages whose priority
 * the mask lets through go to stderr as one line "ident[pid]: text".
 * "%m" in the format is strerror(errno), as syslog(3) says.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

static const char *log_ident;
static int log_opts, log_mask = LOG_UPTO(LOG_DEBUG);

void openlog(const char *ident, int opts, int facility)
{
	(void)facility;
	log_ident = ident;
	log_opts = opts;
}

void closelog(void)
{
	log_ident = NULL;
	log_opts = 0;
}

int setlogmask(int mask)
{
	int old = log_mask;
	if (mask)
		log_mask = mask;
	return old;
}

void vsyslog(int pri, const char *fmt, va_list ap)
{
	int e = errno;
	if (!(log_mask & LOG_MASK(LOG_PRI(pri))))
		return;
	/* fmt with each %m replaced by the error text (%% kept for vfprintf) */
	char f[512];
	size_t k = 0;
	for (const char *p = fmt; *p && k + 1 < sizeof f; p++) {
		if (p[0] == '%' && p[1] == 'm') {
			for (const char *t = strerror(e); *t && k + 2 < sizeof f; t++) {
				if (*t == '%')
					f[k++] = '%';
				f[k++] = *t;
			}
			p++;
		} else if (p[0] == '%' && p[1] == '%') {
			f[k++] = *p++;
			f[k++] = *p;
		} else {
			f[k++] = *p;
		}
	}
	f[k] = '\0';
	fflush(stdout);
	fprintf(stderr, "%s", log_ident ? log_ident : program_invocation_short_name);
	if (log_opts & LOG_PID)
		fprintf(stderr, "[%d]", (int)getpid());
	fputs(": ", stderr);
	vfprintf(stderr, f, ap);
	if (k == 0 || f[k - 1] != '\n')
		fputc('\n', stderr);
	errno = e;
}

void syslog(int pri, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsyslog(pri, fmt, ap);
	va_end(ap);
}
