/* <locale.h> - the C locale, which is the only one mmsim guests have. */
#ifndef _LOCALE_H_INCLUDED
#define _LOCALE_H_INCLUDED

#include <stddef.h>

#define LC_ALL      0
#define LC_COLLATE  1
#define LC_CTYPE    2
#define LC_MONETARY 3
#define LC_NUMERIC  4
#define LC_TIME     5
#define LC_MESSAGES 6

struct lconv {
	char *decimal_point, *thousands_sep, *grouping, *int_curr_symbol, *currency_symbol,
	     *mon_decimal_point, *mon_thousands_sep, *mon_grouping, *positive_sign, *negative_sign;
	char int_frac_digits, frac_digits, p_cs_precedes, p_sep_by_space, n_cs_precedes,
	     n_sep_by_space, p_sign_posn, n_sign_posn, int_p_cs_precedes, int_p_sep_by_space,
	     int_n_cs_precedes, int_n_sep_by_space, int_p_sign_posn, int_n_sign_posn;
};

/* setlocale(cat, name): "C" for name "C", "POSIX", "" or NULL (a query);
 * NULL for any other name or a bad category. */
char *setlocale(int __cat, const char *__name);
/* localeconv(): the C locale's conventions ("." and CHAR_MAX everywhere else). */
struct lconv *localeconv(void);

#endif
