/* ctype.c - <ctype.h> for the "C" locale (ASCII); EOF and bytes >= 0x80 are in no class. */
#include <ctype.h>

/* isdigit(c): '0'..'9'. */
int isdigit(int c) { return c >= '0' && c <= '9'; }
/* isupper(c): 'A'..'Z'. */
int isupper(int c) { return c >= 'A' && c <= 'Z'; }
/* islower(c): 'a'..'z'. */
int islower(int c) { return c >= 'a' && c <= 'z'; }
/* isalpha(c): a letter. */
int isalpha(int c) { return isupper(c) || islower(c); }
/* isalnum(c): a letter or digit. */
int isalnum(int c) { return isalpha(c) || isdigit(c); }
/* isxdigit(c): a hex digit. */
int isxdigit(int c) { return isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
/* isblank(c): space or tab. */
int isblank(int c) { return c == ' ' || c == '\t'; }
/* isspace(c): space, \t \n \v \f \r. */
int isspace(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
/* iscntrl(c): 0..31 and 127. */
int iscntrl(int c) { return (c >= 0 && c < 32) || c == 127; }
/* isprint(c): 32..126. */
int isprint(int c) { return c >= 32 && c < 127; }
/* isgraph(c): printable, not space. */
int isgraph(int c) { return c > 32 && c < 127; }
/* ispunct(c): printable, not space, letter or digit. */
int ispunct(int c) { return isgraph(c) && !isalnum(c); }
/* tolower(c): c in lower case, if it is a letter. */
int tolower(int c) { return isupper(c) ? c - 'A' + 'a' : c; }
/* toupper(c): c in upper case, if it is a letter. */
int toupper(int c) { return islower(c) ? c - 'a' + 'A' : c; }
