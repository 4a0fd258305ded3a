/* <ctype.h> - character classes of the "C" locale (ASCII). */
#ifndef _CTYPE_H_INCLUDED
#define _CTYPE_H_INCLUDED

/* isdigit(c) etc.: nonzero when c (an unsigned char value or EOF) is in the class. */
int isalnum(int __c);
int isalpha(int __c);
int isblank(int __c);
int iscntrl(int __c);
int isdigit(int __c);
int isgraph(int __c);
int islower(int __c);
int isprint(int __c);
int ispunct(int __c);
int isspace(int __c);
int isupper(int __c);
int isxdigit(int __c);
/* tolower(c) / toupper(c): c in the other case, if it is a letter. */
int tolower(int __c);
int toupper(int __c);

#endif
