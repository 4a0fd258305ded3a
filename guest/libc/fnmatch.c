/*
 * fnmatch.c - shell wildcard matching: '*', '?', bracket expressions
 * with ranges, negation ('!' or '^') and character classes, backslash
 * escapes; FNM_PATHNAME, FNM_PERIOD, FNM_NOESCAPE, FNM_CASEFOLD.
 */
#include <ctype.h>
#include <fnmatch.h>
#include <string.h>

static int fold(int c, int flags)
{
	return flags & FNM_CASEFOLD ? tolower(c) : c;
}

/* Whether c is in the class named by [name, name+len) ("alpha" ...). */
static int in_class(const char *name, size_t len, int c)
{
	static const struct { const char *n; int (*f)(int); } cl[] = {
		{ "alnum", isalnum }, { "alpha", isalpha }, { "blank", isblank }, { "cntrl", iscntrl },
		{ "digit", isdigit }, { "graph", isgraph }, { "lower", islower }, { "print", isprint },
		{ "punct", ispunct }, { "space", isspace }, { "upper", isupper }, { "xdigit", isxdigit },
	};
	for (size_t i = 0; i < sizeof cl / sizeof cl[0]; i++)
		if (strlen(cl[i].n) == len && !strncmp(cl[i].n, name, len))
			return cl[i].f(c) != 0;
	return 0;
}

/* The bracket expression at p (just after '['): whether c matches it;
 * *end gets the character after its ']', or NULL if it is not closed. */
static int bracket(const char *p, int c, int flags, const char **end)
{
	int neg = *p == '!' || *p == '^', hit = 0;
	if (neg)
		p++;
	int first = 1;
	while (*p && (first || *p != ']')) {
		first = 0;
		if (p[0] == '[' && p[1] == ':') {
			const char *q = strstr(p + 2, ":]");
			if (!q)
				break;
			hit |= in_class(p + 2, (size_t)(q - p - 2), c);
			p = q + 2;
			continue;
		}
		int lo = (unsigned char)*p;
		if (lo == '\\' && !(flags & FNM_NOESCAPE) && p[1])
			lo = (unsigned char)*++p;
		p++;
		int hi = lo;
		if (p[0] == '-' && p[1] && p[1] != ']') {
			p++;
			if (*p == '\\' && !(flags & FNM_NOESCAPE) && p[1])
				p++;
			hi = (unsigned char)*p++;
		}
		int fc = fold(c, flags);
		if ((c >= lo && c <= hi) || (fc >= fold(lo, flags) && fc <= fold(hi, flags)))
			hit = 1;
	}
	if (*p != ']') {
		*end = NULL;
		return 0;
	}
	*end = p + 1;
	return hit != neg;
}

/* Whether s is "leading" for FNM_PERIOD: its start, or after '/' with FNM_PATHNAME. */
static int leading(const char *s, const char *start, int flags)
{
	return s == start || ((flags & FNM_PATHNAME) && s[-1] == '/');
}

/* Whether c at s is a leading '.' that FNM_PERIOD keeps from wildcards. */
static int hidden_dot(int c, const char *s, const char *start, int flags)
{
	return (flags & FNM_PERIOD) && c == '.' && leading(s, start, flags);
}

/* Whether '?' or a bracket expression may not stand for c at s. */
static int no_single(int c, const char *s, const char *start, int flags)
{
	return !c || ((flags & FNM_PATHNAME) && c == '/') || hidden_dot(c, s, start, flags);
}

static int match(const char *p, const char *s, const char *start, int flags)
{
	for (;; p++, s++) {
		int c = (unsigned char)*s;
		switch (*p) {
		case '\0':
			return c == '\0';
		case '?':
			if (no_single(c, s, start, flags))
				return 0;
			break;
		case '*':
			if (hidden_dot(c, s, start, flags))
				return 0;
			while (p[1] == '*')
				p++;
			if (!p[1])
				return !(flags & FNM_PATHNAME) || !strchr(s, '/');
			for (const char *t = s;; t++) {
				if (match(p + 1, t, start, flags))
					return 1;
				if (!*t || ((flags & FNM_PATHNAME) && *t == '/'))
					return 0;
			}
		case '[': {
			const char *end;
			if (no_single(c, s, start, flags))
				return 0;
			int hit = bracket(p + 1, c, flags, &end);
			if (!end) {                   /* not closed: '[' is itself */
				if (c != '[')
					return 0;
				break;
			}
			if (!hit)
				return 0;
			p = end - 1;
			break;
		}
		case '\\':
			if (!(flags & FNM_NOESCAPE) && p[1])
				p++;
			/* fall through */
		default:
			if (fold((unsigned char)*p, flags) != fold(c, flags))
				return 0;
		}
	}
}

int fnmatch(const char *pattern, const char *s, int flags)
{
	return match(pattern, s, s, flags) ? 0 : FNM_NOMATCH;
}
