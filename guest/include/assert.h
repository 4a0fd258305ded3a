/* <assert.h> - assert(e): unless NDEBUG, print the failed expression and abort. */
#undef assert
#ifdef NDEBUG
#define assert(e) ((void)0)
#else
/* __assert_fail(expr, file, line, func): report a failed assert and abort. */
_Noreturn void __assert_fail(const char *__expr, const char *__file, unsigned __line, const char *__func);
#define assert(e) ((e) ? (void)0 : __assert_fail(#e, __FILE__, __LINE__, __func__))
#endif
#ifndef static_assert
#define static_assert _Static_assert
#endif
