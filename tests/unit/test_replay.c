/*
 * test_replay.c - the comparer: re-driven calls that agree pass, and each
 * kind of difference (result, errno, reason, output, PTE write) is a
 * divergence with what was recorded and what happened now.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "replay.h"
#include "tracefile.h"

static struct tf_reader R;
static struct replay *RP;
static unsigned long long Seq;

#define HDR "\"ev\":\"machine\",\"format\":2,\"mmsim\":\"0.2\",\"cpu\":\"armv7\",\"ram\":\"0x01000000\"," \
            "\"banks\":[{\"base\":\"0x00000000\",\"size\":\"0x01000000\"}],\"devices\":[],\"frag\":false,\"frag_seed\":0,\"unprivileged\":false," \
            "\"max_insns\":0,\"timeout\":0"

/* Feed one record (without its seq); returns replay_event's verdict. */
static int feed(const char *body)
{
    char line[2048];
    int n = snprintf(line, sizeof line, "{\"seq\":%llu,%s}", Seq++, body);
    R.line++;
    cr_assert_eq(tf_parse(&R, line, (size_t)n), 0, "%s", R.err);
    return replay_event(RP, &R);
}

static void teardown(void);

/* Criterion runs the suite's .init/.fini and a test's own ones, so setup
 * and teardown may run twice: each leaves nothing behind to free twice. */
static void setup(bool partial)
{
    teardown();
    memset(&R, 0, sizeof R);
    R.path = "r.jsonl";
    Seq = 0;
    RP = replay_new(partial);
    cr_assert_not_null(RP);
    cr_assert_eq(feed(HDR), 0, "%s", R.err);
    cr_assert_eq(feed("\"ev\":\"mm\",\"pid\":1,\"op\":\"proc_create\",\"args\":{\"privileged\":true},\"ret\":0"), 0,
                 "%s", R.err);
}

static void strict(void) { setup(false); }
static void teardown(void)
{
    if (!RP)
        return;
    replay_free(RP);
    RP = NULL;
    tf_close(&R);
}

#define OPEN(ret) "\"ev\":\"mm\",\"pid\":1,\"op\":\"shm_open\",\"args\":{\"name\":\"/a\",\"oflag\":\"0x102\"," \
                  "\"mode\":\"0x180\"}," ret

TestSuite(replay, .init = strict, .fini = teardown);

Test(replay, agreeing_result)
{
    cr_assert_eq(feed(OPEN("\"ret\":3")), 0, "%s", R.err);
}

Test(replay, different_result)
{
    cr_assert_eq(feed(OPEN("\"ret\":4")), 1);
    cr_assert(strstr(replay_what(RP, "rec", "now"), "rec: ret 4; now: ret 3"), "%s",
              replay_what(RP, "rec", "now"));
}

Test(replay, errno_and_reason)
{
    cr_assert_eq(feed(OPEN("\"ret\":3")), 0);
    /* Opening with O_WRONLY: EINVAL with the memory manager's reason. */
    cr_assert_eq(feed("\"ev\":\"mm\",\"pid\":1,\"op\":\"shm_open\",\"args\":{\"name\":\"/a\",\"oflag\":\"0x1\","
                      "\"mode\":\"0x0\"},\"ret\":-1,\"errno\":\"EINVAL\",\"why\":\"shm_open needs O_RDONLY or O_RDWR\""),
                 0, "%s", replay_what(RP, "r", "n"));
    cr_assert_eq(feed("\"ev\":\"mm\",\"pid\":1,\"op\":\"shm_open\",\"args\":{\"name\":\"/a\",\"oflag\":\"0x1\","
                      "\"mode\":\"0x0\"},\"ret\":-1,\"errno\":\"EINVAL\",\"why\":\"another reason\""), 1);
    cr_assert(strstr(replay_what(RP, "r", "n"), "(another reason)"));
    cr_assert_eq(feed("\"ev\":\"mm\",\"pid\":1,\"op\":\"close\",\"args\":{\"fd\":9},\"ret\":-1,\"errno\":\"EPERM\""), 1);
    cr_assert(strstr(replay_what(RP, "r", "n"), "r: ret -1 EPERM; n: ret -1 EBADF"), "%s",
              replay_what(RP, "r", "n"));
}

Test(replay, output_fields)
{
    cr_assert_eq(feed(OPEN("\"ret\":3")), 0);
    cr_assert_eq(feed("\"ev\":\"mm\",\"pid\":1,\"op\":\"ftruncate\",\"args\":{\"fd\":3,\"len\":\"0x1000\"},\"ret\":0"), 0);
    cr_assert_eq(feed("\"ev\":\"mm\",\"pid\":1,\"op\":\"fstat\",\"args\":{\"fd\":3},\"st\":{\"ino\":1,\"size\":\"0x1000\","
                      "\"mode\":\"0x8180\",\"nlink\":1,\"objflags\":\"0x0\"},\"ret\":0"), 0,
                 "%s", replay_what(RP, "r", "n"));
    cr_assert_eq(feed("\"ev\":\"mm\",\"pid\":1,\"op\":\"fstat\",\"args\":{\"fd\":3},\"st\":{\"ino\":1,\"size\":\"0x2000\","
                      "\"mode\":\"0x8180\",\"nlink\":1,\"objflags\":\"0x0\"},\"ret\":0"), 1);
    cr_assert(strstr(replay_what(RP, "r", "n"), "r: size=0x00002000; n: size=0x00001000"));
    /* Strict mode: an output the call gives now but the record lacks. */
    cr_assert_eq(feed("\"ev\":\"mm\",\"pid\":1,\"op\":\"fstat\",\"args\":{\"fd\":3},\"ret\":0"), 1);
}

Test(replay, pte_writes_must_match_both_ways)
{
    /* A shared mapping writes one PTE: the next driving event without a
     * pte record in between is a divergence. */
    cr_assert_eq(feed(OPEN("\"ret\":3")), 0);
    cr_assert_eq(feed("\"ev\":\"mm\",\"pid\":1,\"op\":\"ftruncate\",\"args\":{\"fd\":3,\"len\":\"0x1000\"},\"ret\":0"), 0);
    cr_assert_eq(feed("\"ev\":\"mm\",\"pid\":1,\"op\":\"mmap\",\"args\":{\"addr\":\"0x0\",\"len\":\"0x1000\",\"prot\":\"0x100\","
                      "\"flags\":\"0x1\",\"fd\":3,\"off\":\"0x0\"},\"out\":\"0x40000000\",\"ret\":0"), 0,
                 "%s", replay_what(RP, "r", "n"));
    cr_assert_eq(feed("\"ev\":\"kcall\",\"pid\":1,\"call\":\"getpid\",\"args\":{},\"ret\":1"), 0);
    cr_assert_eq(feed("\"ev\":\"mm\",\"pid\":1,\"op\":\"close\",\"args\":{\"fd\":3},\"ret\":0"), 1);
    cr_assert(strstr(replay_what(RP, "r", "n"), "n: PTE write asid 1 va 0x40000000"), "%s",
              replay_what(RP, "r", "n"));
}

Test(replay, recorded_pte_that_did_not_happen)
{
    cr_assert_eq(feed("\"ev\":\"pte\",\"asid\":1,\"va\":\"0x40000000\",\"pte_pa\":\"0x1000\",\"old\":\"0x0\",\"new\":\"0x1\","
                      "\"decoded\":\"x\""), 1);
    cr_assert(strstr(replay_what(RP, "r", "n"), "n: no PTE write happened here"));
}

Test(replay, unknown_event_and_op_are_refused)
{
    cr_assert_eq(feed("\"ev\":\"teleport\""), -1);
    cr_assert(strstr(R.err, "r.jsonl:3: unknown event \"teleport\""), "%s", R.err);
    cr_assert_eq(feed("\"ev\":\"mm\",\"pid\":1,\"op\":\"teleport\",\"args\":{}"), -1);
    cr_assert(strstr(R.err, "unknown memory-manager op \"teleport\""), "%s", R.err);
}

Test(replay, informational_events_pass)
{
    static const char *const info[] = {"console", "spawn", "exit", "kcall", "fault", "check", "dma", "dev"};
    for (size_t i = 0; i < sizeof info / sizeof info[0]; i++) {
        char b[64];
        snprintf(b, sizeof b, "\"ev\":\"%s\",\"pid\":1", info[i]);
        cr_assert_eq(feed(b), 0, "%s: %s", info[i], R.err);
    }
}

Test(replay, header_rules)
{
    cr_assert_eq(feed(HDR), -1);
    cr_assert(strstr(R.err, "a second \"machine\" header"), "%s", R.err);
}

Test(replay, missing_args_are_refused)
{
    cr_assert_eq(feed("\"ev\":\"mm\",\"pid\":1,\"op\":\"mmap\",\"args\":{\"addr\":\"0x0\"},\"ret\":0"), -1);
    cr_assert(strstr(R.err, "field 'len' missing"), "%s", R.err);
}

static void partial(void) { setup(true); }
Test(replay, partial_mode_compares_only_given_fields, .init = partial, .fini = teardown)
{
    cr_assert_eq(feed(OPEN("\"ret\":3")), 0);
    cr_assert_eq(feed("\"ev\":\"mm\",\"pid\":1,\"op\":\"fstat\",\"args\":{\"fd\":3}"), 0);
    cr_assert_eq(feed("\"ev\":\"mm\",\"pid\":1,\"op\":\"fstat\",\"args\":{\"fd\":3},\"st\":{\"nlink\":1}"), 0);
    cr_assert_eq(feed("\"ev\":\"mm\",\"pid\":1,\"op\":\"fstat\",\"args\":{\"fd\":3},\"st\":{\"nlink\":0}"), 1);
}
