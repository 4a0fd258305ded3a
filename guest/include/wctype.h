/* <wctype.h> - wide character classes in the C locale (those of <ctype.h>
 * for 0x00-0x7f, none above). */
#ifndef _WCTYPE_H_INCLUDED
#define _WCTYPE_H_INCLUDED

#include <wchar.h>

typedef int wctype_t;      /* 0: no class */
typedef int wctrans_t;     /* 0: no mapping */

int iswalnum(wint_t __c);
int iswalpha(wint_t __c);
int iswblank(wint_t __c);
int iswcntrl(wint_t __c);
int iswdigit(wint_t __c);
int iswgraph(wint_t __c);
int iswlower(wint_t __c);
int iswprint(wint_t __c);
int iswpunct(wint_t __c);
int iswspace(wint_t __c);
int iswupper(wint_t __c);
int iswxdigit(wint_t __c);
wint_t towlower(wint_t __c);
wint_t towupper(wint_t __c);
/* wctype("alpha") ... and iswctype(c, t); wctrans("tolower"/"toupper") and towctrans. */
wctype_t wctype(const char *__name);
int iswctype(wint_t __c, wctype_t __t);
wctrans_t wctrans(const char *__name);
wint_t towctrans(wint_t __c, wctrans_t __t);

#endif
