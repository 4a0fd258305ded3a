/*
 * time.c - calendar time in UTC: gmtime/localtime, mktime/timegm,
 * strftime, asctime/ctime, difftime, gettimeofday.  No time zones (TZ is
 * ignored): localtime is gmtime.  Day arithmetic: Howard Hinnant's
 * days_from_civil / civil_from_days.
 */
#include <time.h>
#include <sys/time.h>
#include <string.h>
#include <stdio.h>
#include <limits.h>
#include "libc.h"

char *tzname[2] = { "UTC", "UTC" };
long timezone;
int daylight;

static const char *const wday_name[7] = { "Sunday", "Monday", "Tuesday", "Wednesday",
					  "Thursday", "Friday", "Saturday" };
static const char *const mon_name[12] = { "January", "February", "March", "April", "May",
					  "June", "July", "August", "September", "October",
					  "November", "December" };

/* days_from_civil(y, m, d): days since 1970-01-01 of the date (m 1..12). */
static long long days_from_civil(long long y, int m, int d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* is_leap(y): y (a full year) is a leap year. */
static int is_leap(long long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* breakdown(secs, tm): secs since the epoch as a UTC date in *tm. */
static void breakdown(long long secs, struct tm *tm)
{
	long long days = secs / 86400, rem = secs % 86400;
	if (rem < 0)
		rem += 86400, days--;
	tm->tm_hour = (int)(rem / 3600);
	tm->tm_min = (int)(rem / 60 % 60);
	tm->tm_sec = (int)(rem % 60);
	tm->tm_wday = (int)(((days % 7) + 11) % 7);        /* 1970-01-01 was a Thursday */
	long long z = days + 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long y = yoe + era * 400;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	y += m <= 2;
	tm->tm_year = (int)(y - 1900);
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_yday = (int)(days - days_from_civil(y, 1, 1));
	tm->tm_isdst = 0;
	tm->tm_gmtoff = 0;
	tm->tm_zone = "UTC";
}

/* gmtime_r(t, tm): *t broken down in UTC; tm. */
struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	breakdown((long long)*t, tm);
	return tm;
}

/* localtime_r(t, tm): gmtime_r (no time zones). */
struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	return gmtime_r(t, tm);
}

static struct tm tm_static;

/* gmtime(t): gmtime_r into static storage. */
struct tm *gmtime(const time_t *t)
{
	return gmtime_r(t, &tm_static);
}

/* localtime(t): gmtime(t). */
struct tm *localtime(const time_t *t)
{
	return gmtime_r(t, &tm_static);
}

/* timegm(tm): normalise *tm and give its time_t; (time_t)-1 and EOVERFLOW outside time_t. */
time_t timegm(struct tm *tm)
{
	long long y = 1900LL + tm->tm_year + tm->tm_mon / 12;
	int m = tm->tm_mon % 12;
	if (m < 0)
		m += 12, y--;
	long long secs = (days_from_civil(y, m + 1, 1) + tm->tm_mday - 1) * 86400LL +
			 tm->tm_hour * 3600LL + tm->tm_min * 60LL + tm->tm_sec;
	if (secs < 0 || secs > (long long)(time_t)-1 - 1) {
		errno = EOVERFLOW;
		return (time_t)-1;
	}
	breakdown(secs, tm);
	return (time_t)secs;
}

/* mktime(tm): timegm (local time is UTC). */
time_t mktime(struct tm *tm)
{
	return timegm(tm);
}

/* difftime(a, b): a - b. */
double difftime(time_t a, time_t b)
{
	return (double)((long long)a - (long long)b);
}

/* tzset(): nothing: UTC. */
void tzset(void)
{
}

/* asctime_r(tm, buf): "Www Mmm dd hh:mm:ss yyyy\n" in buf (26 bytes); buf. */
char *asctime_r(const struct tm *restrict tm, char *restrict buf)
{
	snprintf(buf, 26, "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n",
		 tm->tm_wday >= 0 && tm->tm_wday < 7 ? wday_name[tm->tm_wday] : "???",
		 tm->tm_mon >= 0 && tm->tm_mon < 12 ? mon_name[tm->tm_mon] : "???",
		 tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec, 1900 + tm->tm_year);
	return buf;
}

static char asc_buf[26];

/* asctime(tm): asctime_r into static storage. */
char *asctime(const struct tm *tm)
{
	return asctime_r(tm, asc_buf);
}

/* ctime_r(t, buf): asctime_r(localtime_r(t)). */
char *ctime_r(const time_t *t, char *buf)
{
	struct tm tm;
	return asctime_r(localtime_r(t, &tm), buf);
}

/* ctime(t): asctime(localtime(t)). */
char *ctime(const time_t *t)
{
	return ctime_r(t, asc_buf);
}

/* iso_week(tm, &year): the ISO 8601 week number (1..53) and its year. */
static int iso_week(const struct tm *tm, int *year)
{
	int y = tm->tm_year + 1900;
	int wday = (tm->tm_wday + 6) % 7;                 /* Monday 0 */
	int week = (tm->tm_yday - wday + 10) / 7;
	if (week < 1) {
		y--;
		int pyday = tm->tm_yday + 365 + is_leap(y);
		week = (pyday - wday + 10) / 7;
	} else if (week == 53) {
		int days = 365 + is_leap(y);
		if (tm->tm_yday - wday + 3 >= days) {     /* Thursday of this week is next year */
			week = 1;
			y++;
		}
	}
	*year = y;
	return week;
}

/* Output state of strftime. */
struct out {
	char *s;
	size_t n, len;
};

/* emit(o, text): append text if it fits (len counts it anyway). */
static void emit(struct out *o, const char *text)
{
	for (; *text; text++, o->len++)
		if (o->len < o->n)
			o->s[o->len] = *text;
}

/* conv(o, c, tm): one %c conversion; 0, or -1 for an unknown one (printed as is). */
static int conv(struct out *o, int c, const struct tm *tm)
{
	char b[64];
	int wk, iy;
	const char *wd = tm->tm_wday >= 0 && tm->tm_wday < 7 ? wday_name[tm->tm_wday] : "?";
	const char *mn = tm->tm_mon >= 0 && tm->tm_mon < 12 ? mon_name[tm->tm_mon] : "?";
	int h12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;
	switch (c) {
	case 'a': snprintf(b, sizeof b, "%.3s", wd); break;
	case 'A': snprintf(b, sizeof b, "%s", wd); break;
	case 'b': case 'h': snprintf(b, sizeof b, "%.3s", mn); break;
	case 'B': snprintf(b, sizeof b, "%s", mn); break;
	case 'c': snprintf(b, sizeof b, "%.3s %.3s %2d %.2d:%.2d:%.2d %d", wd, mn, tm->tm_mday,
			   tm->tm_hour, tm->tm_min, tm->tm_sec, tm->tm_year + 1900); break;
	case 'C': snprintf(b, sizeof b, "%.2d", (tm->tm_year + 1900) / 100); break;
	case 'd': snprintf(b, sizeof b, "%.2d", tm->tm_mday); break;
	case 'D': snprintf(b, sizeof b, "%.2d/%.2d/%.2d", tm->tm_mon + 1, tm->tm_mday,
			   (tm->tm_year + 1900) % 100); break;
	case 'e': snprintf(b, sizeof b, "%2d", tm->tm_mday); break;
	case 'F': snprintf(b, sizeof b, "%d-%.2d-%.2d", tm->tm_year + 1900, tm->tm_mon + 1,
			   tm->tm_mday); break;
	case 'g': wk = iso_week(tm, &iy); (void)wk; snprintf(b, sizeof b, "%.2d", iy % 100); break;
	case 'G': wk = iso_week(tm, &iy); (void)wk; snprintf(b, sizeof b, "%d", iy); break;
	case 'H': snprintf(b, sizeof b, "%.2d", tm->tm_hour); break;
	case 'I': snprintf(b, sizeof b, "%.2d", h12); break;
	case 'j': snprintf(b, sizeof b, "%.3d", tm->tm_yday + 1); break;
	case 'k': snprintf(b, sizeof b, "%2d", tm->tm_hour); break;
	case 'l': snprintf(b, sizeof b, "%2d", h12); break;
	case 'm': snprintf(b, sizeof b, "%.2d", tm->tm_mon + 1); break;
	case 'M': snprintf(b, sizeof b, "%.2d", tm->tm_min); break;
	case 'n': strcpy(b, "\n"); break;
	case 'p': strcpy(b, tm->tm_hour < 12 ? "AM" : "PM"); break;
	case 'P': strcpy(b, tm->tm_hour < 12 ? "am" : "pm"); break;
	case 'r': snprintf(b, sizeof b, "%.2d:%.2d:%.2d %s", h12, tm->tm_min, tm->tm_sec,
			   tm->tm_hour < 12 ? "AM" : "PM"); break;
	case 'R': snprintf(b, sizeof b, "%.2d:%.2d", tm->tm_hour, tm->tm_min); break;
	case 's': {
		struct tm t = *tm;
		snprintf(b, sizeof b, "%u", (unsigned)timegm(&t));
		break;
	}
	case 'S': snprintf(b, sizeof b, "%.2d", tm->tm_sec); break;
	case 't': strcpy(b, "\t"); break;
	case 'T': snprintf(b, sizeof b, "%.2d:%.2d:%.2d", tm->tm_hour, tm->tm_min, tm->tm_sec); break;
	case 'u': snprintf(b, sizeof b, "%d", tm->tm_wday ? tm->tm_wday : 7); break;
	case 'U': snprintf(b, sizeof b, "%.2d", (tm->tm_yday + 7 - tm->tm_wday) / 7); break;
	case 'V': snprintf(b, sizeof b, "%.2d", iso_week(tm, &iy)); break;
	case 'w': snprintf(b, sizeof b, "%d", tm->tm_wday); break;
	case 'W': snprintf(b, sizeof b, "%.2d", (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7); break;
	case 'x': snprintf(b, sizeof b, "%.2d/%.2d/%.2d", tm->tm_mon + 1, tm->tm_mday,
			   (tm->tm_year + 1900) % 100); break;
	case 'X': snprintf(b, sizeof b, "%.2d:%.2d:%.2d", tm->tm_hour, tm->tm_min, tm->tm_sec); break;
	case 'y': snprintf(b, sizeof b, "%.2d", (tm->tm_year + 1900) % 100); break;
	case 'Y': snprintf(b, sizeof b, "%d", tm->tm_year + 1900); break;
	case 'z': strcpy(b, "+0000"); break;
	case 'Z': strcpy(b, "UTC"); break;
	case '%': strcpy(b, "%"); break;
	default: return -1;
	}
	emit(o, b);
	return 0;
}

/* strftime(s, n, fmt, tm): the length written (without the NUL), or 0 if it does not fit. */
size_t strftime(char *restrict s, size_t n, const char *restrict fmt, const struct tm *restrict tm)
{
	struct out o = { s, n, 0 };
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			char one[2] = { *p, 0 };
			emit(&o, one);
			continue;
		}
		const char *start = p++;
		while (*p == 'E' || *p == 'O')     /* alternative forms: the C locale's */
			p++;
		if (!*p) {
			emit(&o, start);
			break;
		}
		if (conv(&o, (unsigned char)*p, tm) < 0) {
			char bad[3] = { '%', *p, 0 };
			emit(&o, bad);
		}
	}
	if (o.len >= n)
		return 0;
	s[o.len] = '\0';
	return o.len;
}

/* gettimeofday(tv, tz): CLOCK_REALTIME in microseconds; 0. */
int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	if (tv) {
		tv->tv_sec = ts.tv_sec;
		tv->tv_usec = (suseconds_t)(ts.tv_nsec / 1000);
	}
	if (tz)
		memset(tz, 0, sizeof(struct timezone));
	return 0;
}

/* clock_getres(id, res): 1 ns; 0, or -1 (EINVAL). */
int clock_getres(clockid_t id, struct timespec *res)
{
	if (id != CLOCK_REALTIME && id != CLOCK_MONOTONIC) {
		errno = EINVAL;
		return -1;
	}
	if (res) {
		res->tv_sec = 0;
		res->tv_nsec = 1;
	}
	return 0;
}
