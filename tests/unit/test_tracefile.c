/*
 * test_tracefile.c - the trace reader: records parse into typed fields,
 * and every malformed input is refused with file:line and a reason.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tracefile.h"

static struct tf_reader R;

/* Open a reader over the bytes of `text` (a memory stream). */
static FILE *mem;
static void open_text(const char *text, size_t len)
{
    mem = fmemopen((void *)text, len, "r");
    cr_assert_not_null(mem);
    tf_open_file(&R, mem, "t.jsonl");
}

static void done(void)
{
    tf_close(&R);
    if (mem)
        fclose(mem);
    mem = NULL;
}

TestSuite(tracefile, .fini = done);

Test(tracefile, typed_fields)
{
    static const char t[] =
        "{\"seq\":0,\"ev\":\"mm\",\"pid\":7,\"op\":\"mmap\",\"args\":{\"len\":\"0x00003000\",\"fd\":-1,"
        "\"s\":\"a\\\"b\\n\\u0041\",\"ok\":true},\"segs\":[1,2,3],\"n\":null}\n";
    open_text(t, sizeof t - 1);
    cr_assert_eq(tf_next(&R), 1, "%s", R.err);
    cr_assert_str_eq(tf_ev(&R), "mm");
    const struct tf_node *args;
    int64_t pid, fd;
    uint64_t len;
    bool ok;
    const char *s;
    cr_assert_eq(tf_int(&R, tf_root(&R), "pid", &pid), 0);
    cr_assert_eq(pid, 7);
    cr_assert_eq(tf_obj(&R, tf_root(&R), "args", &args), 0);
    cr_assert_eq(tf_hex(&R, args, "len", &len), 0);
    cr_assert_eq(len, 0x3000);
    cr_assert_eq(tf_int(&R, args, "fd", &fd), 0);
    cr_assert_eq(fd, -1);
    cr_assert_eq(tf_bool(&R, args, "ok", &ok), 0);
    cr_assert(ok);
    cr_assert_eq(tf_str(&R, args, "s", &s), 0);
    cr_assert_str_eq(s, "a\"b\nA");
    const struct tf_node *segs = tf_get(&R, tf_root(&R), "segs");
    cr_assert_eq(segs->type, TF_ARR);
    cr_assert_eq(segs->len, 3);
    cr_assert_eq(tf_get(&R, tf_root(&R), "n")->type, TF_NULL);
    cr_assert_eq(tf_next(&R), 0);
}

Test(tracefile, wrong_types_name_the_field)
{
    static const char t[] = "{\"seq\":0,\"ev\":\"x\",\"a\":\"12\",\"b\":12,\"c\":\"0xZZ\"}\n";
    open_text(t, sizeof t - 1);
    cr_assert_eq(tf_next(&R), 1);
    int64_t i;
    uint64_t u;
    cr_assert_eq(tf_int(&R, tf_root(&R), "a", &i), -1);
    cr_assert_str_eq(R.err, "t.jsonl:1: field 'a': expected a number");
    cr_assert_eq(tf_hex(&R, tf_root(&R), "b", &u), -1);
    cr_assert(strstr(R.err, "t.jsonl:1: field 'b': expected a hex string"), "%s", R.err);
    cr_assert_eq(tf_hex(&R, tf_root(&R), "c", &u), -1);
    cr_assert(strstr(R.err, "bad hex digit"), "%s", R.err);
    cr_assert_eq(tf_hex(&R, tf_root(&R), "missing", &u), -1);
    cr_assert(strstr(R.err, "field 'missing' missing"), "%s", R.err);
}

/* One malformed input and the reason its refusal must give. */
struct bad {
    const char *text;
    const char *why;
};

static const struct bad bads[] = {
    {"{\"seq\":0,\"ev\":\"x\"}", "t.jsonl:1: truncated line: no newline"},
    {"{\"seq\":0,\"ev\":\"x\"\n", "t.jsonl:1: column"},
    {"{\"seq\":0,\"ev\":\"x\",\"a\":1.5}\n", "only integers"},
    {"{\"seq\":0,\"ev\":\"x\",\"a\":1e3}\n", "only integers"},
    {"{\"seq\":0,\"ev\":\"x\",\"a\":tru}\n", "unexpected character"},
    {"{\"seq\":0,\"ev\":\"x\"} x\n", "text after the record"},
    {"[0]\n", "must be a JSON object"},
    {"\n", "t.jsonl:1: empty line"},
    {"{\"ev\":\"x\",\"seq\":0}\n", "first field must be \"seq\""},
    {"{\"seq\":0,\"pid\":1}\n", "second field must be \"ev\""},
    {"{\"seq\":0,\"ev\":7}\n", "second field must be \"ev\""},
    {"{\"seq\":1,\"ev\":\"x\"}\n", "seq 1 out of order (expected 0)"},
    {"{\"seq\":0,\"ev\":\"x\"}\n{\"seq\":0,\"ev\":\"x\"}\n", "t.jsonl:2: seq 0 out of order"},
    {"{\"seq\":0,\"ev\":\"x\",\"s\":\"\\x\"}\n", "bad escape"},
    {"{\"seq\":0,\"ev\":\"x\",\"s\":\"\\u00\"}\n", "escape"},
    {"{\"seq\":0,\"ev\":\"x\",\"s\":\"\\u0100\"}\n", "outside the bytes"},
    {"{\"seq\":0,\"ev\":\"x\",\"s\":\"abc}\n", "unterminated string"},
    {"{\"seq\":0,\"ev\":\"x\",\"a\":99999999999999999999999}\n", "out of range"},
    {"{\"seq\":0,\"ev\":\"x\",\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}\n",
     "nested deeper than 32"},
    {"{\"seq\":0,\"ev\":\"x\",\"a\" 1}\n", "expected ':'"},
    {"{\"seq\":0,\"ev\":\"x\",1:1}\n", "expected a member name"},
    {"{\"seq\":0,\"ev\":\"x\",\"a\":1,}\n", "expected a member name"},
    {"{\"seq\":0,\"ev\":\"x\",\"a\":[1 2]}\n", "expected ',' or ']'"},
    {"{\"seq\":-1,\"ev\":\"x\"}\n", "first field must be \"seq\""},
};

Test(tracefile, malformed_records_are_refused_with_file_line_and_reason)
{
    for (size_t i = 0; i < sizeof bads / sizeof bads[0]; i++) {
        open_text(bads[i].text, strlen(bads[i].text));
        int rc;
        while ((rc = tf_next(&R)) == 1)
            ;
        cr_assert_eq(rc, -1, "case %zu (%s) was accepted", i, bads[i].text);
        cr_assert(strncmp(R.err, "t.jsonl:", 8) == 0, "case %zu: %s", i, R.err);
        cr_assert(strstr(R.err, bads[i].why), "case %zu: '%s' lacks '%s'", i, R.err, bads[i].why);
        done();
    }
}

/* Every byte a guest can write, NUL included, comes back with its length
 * (the writer escapes bytes, never code points above 0xff). */
Test(tracefile, every_byte_round_trips)
{
    static const char t[] = "{\"seq\":0,\"ev\":\"x\",\"s\":\"a\\u0000b\\u00ff\"}\n";
    open_text(t, strlen(t));
    cr_assert_eq(tf_next(&R), 1, "%s", R.err);
    const struct tf_node *n = tf_get(&R, tf_root(&R), "s");
    cr_assert(n && n->type == TF_STR);
    cr_assert_eq(n->len, 4);
    cr_assert(memcmp(n->str, "a\0b\xff", 4) == 0);
    done();
}

/* A line over the cap is refused once the cap is read, whatever follows. */
Test(tracefile, giant_line_is_refused_without_reading_it_whole)
{
    char path[] = "/tmp/mmsim_giant_XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("{\"seq\":0,\"ev\":\"x\"}\n{\"seq\":1,\"ev\":\"x\",\"s\":\"", f);
    static char chunk[65536];
    memset(chunk, 'a', sizeof chunk);
    for (int i = 0; i < 40; i++)           /* 2.5 MiB */
        fwrite(chunk, 1, sizeof chunk, f);
    fputs("\"}\n", f);
    fclose(f);
    cr_assert_eq(tf_open(&R, path), 0);
    cr_assert_eq(tf_next(&R), 1);
    cr_assert_eq(tf_next(&R), -1);
    cr_assert(strstr(R.err, ":2: line longer than 1048576 bytes"), "%s", R.err);
    cr_assert(R.cap <= 2 * TF_MAX_LINE + 1, "buffered %zu bytes", R.cap);
    unlink(path);
}

Test(tracefile, missing_file)
{
    cr_assert_eq(tf_open(&R, "/nonexistent/trace.jsonl"), -1);
    cr_assert(strstr(R.err, "/nonexistent/trace.jsonl: cannot open"), "%s", R.err);
}
