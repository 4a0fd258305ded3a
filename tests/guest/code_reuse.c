/*
 * code_reuse.c - every process runs on the machine's one engine, whose
 * translated code is found by physical address: when a process exits,
 * the frames of its code are freed and the next program's code is loaded
 * into them by mmsim (not by the CPU), so the engine must drop what it
 * translated from them.  Built three times: without VARIANT it is the test,
 * which spawns code_reuse_a.elf and code_reuse_b.elf in turn (their code
 * differs only in constants, at the same addresses, so a stale translation
 * returns the other one's value) and execs one of them from a fork.
 */
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#if defined(VARIANT_a)
#define K 11
#elif defined(VARIANT_b)
#define K 22
#endif

#ifdef K
/* K, from code whose bytes depend on K (constants in several
 * instructions). */
__attribute__((noinline)) static int mix(volatile int *v)
{
	int x = *v;
	x = x * K + 3 * K;
	x -= 2 * K;
	return x - K;             /* *v * K */
}

int main(void)
{
	volatile int one = 1;
	return mix(&one);
}
#else
#include "check.h"

/* The directory of this program, where its variants are. */
static char dir[256];

/* Spawn variant v; its exit status. */
static int spawn_variant(char v)
{
	char path[300];
	snprintf(path, sizeof path, "%s/code_reuse_%c.elf", dir, v);
	char *argv[] = { path, NULL };
	pid_t pid;
	int st = -1;
	if (posix_spawn(&pid, path, NULL, NULL, argv, NULL) != 0)
		return -1;
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -2;
	return WEXITSTATUS(st);
}

int main(int argc, char **argv)
{
	(void)argc;
	snprintf(dir, sizeof dir, "%s", argv[0]);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = 0;
	else
		strcpy(dir, ".");
	for (int i = 0; i < 4; i++) {
		CHECK_EQ(spawn_variant('a'), 11, "variant a, round %d", i);
		CHECK_EQ(spawn_variant('b'), 22, "variant b, round %d", i);
	}
	for (int i = 0; i < 2; i++) {
		char v = i ? 'a' : 'b';
		pid_t pid = fork();
		if (pid == 0) {
			char path[300];
			snprintf(path, sizeof path, "%s/code_reuse_%c.elf", dir, v);
			execl(path, path, (char *)NULL);
			_exit(99);
		}
		int st = -1;
		CHECK_EQ(waitpid(pid, &st, 0), pid, "waitpid");
		CHECK_EQ(WEXITSTATUS(st), v == 'a' ? 11 : 22, "exec of variant %c", v);
	}
	return done();
}
#endif
