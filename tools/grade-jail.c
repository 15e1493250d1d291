// SPDX-License-Identifier: GPL-2.0
/*
 * grade-jail - run one untrusted command under limits, and say how it ended.
 *
 *   grade-jail [-u UID] [-w WALL-S] [-t CPU-S] [-m MEM-MIB] [-f FILE-MIB]
 *              [-n NPROC] [-o VERDICT-FILE] COMMAND [ARG...]
 *
 * The command runs in a process group of its own, with the rlimits asked
 * for (-t CPU seconds per process, -m address space, -f largest file, -n
 * processes of its user), no core dumps and no way to gain privileges.
 *
 * With -u (root only) it runs as UID:UID with no supplementary groups, and
 * in new mount, network and IPC namespaces whose /tmp, /var/tmp and
 * /dev/shm are fresh tmpfs: the only place on disk it can write is a
 * folder the caller made UID's.  UID must be one no account uses: at the
 * end every process of UID is killed, wherever it went (setsid leaves the
 * process group, not the uid).
 *
 * Without -u the process group is all it can clean up, and -n counts the
 * caller's own processes too, so it is raised by their number.
 *
 * Exit status: the command's, 128+N when signal N killed it, 124 when the
 * wall-clock time ran out (as timeout(1) does).  VERDICT-FILE gets one line
 * that says why in words, for a grade report: "exit status 0", "CPU time
 * limit of 5 s", "wall-clock limit of 10 s, 31 processes running", ...
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <grp.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = sig;
}

static void die(const char *what)
{
	perror(what);
	exit(125);
}

/*
 * Live processes in group @pgid when it is positive, or whose real uid is
 * @uid unless that is -1.  Zombies do not count: they are dead already.
 */
static int count_procs(pid_t pgid, long uid)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		char path[sizeof(e->d_name) + 16], buf[512], state = 'Z', *p;
		long grp = 0, ruid = -1;
		FILE *f;

		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		/* The command name may hold blanks: fields resume after ')'. */
		if (fgets(buf, sizeof(buf), f) && (p = strrchr(buf, ')')))
			sscanf(p + 1, " %c %*d %ld", &state, &grp);
		fclose(f);
		snprintf(path, sizeof(path), "/proc/%s/status", e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		while (fgets(buf, sizeof(buf), f))
			if (sscanf(buf, "Uid: %ld", &ruid) == 1)
				break;
		fclose(f);
		if (state != 'Z' &&
		    ((pgid > 0 && grp == pgid) || (uid != -1 && ruid == uid)))
			n++;
	}
	closedir(d);
	return n;
}

/* Kill every process of @uid, from a child that becomes @uid to do it. */
static void kill_uid(uid_t uid)
{
	pid_t pid = fork();
	int i;

	if (pid < 0)
		die("fork");
	if (pid == 0) {
		if (setgid(uid) || setuid(uid))
			_exit(1);
		/*
		 * Fork bombs fork while we kill: go on until only this process
		 * is left (kill() cannot tell: it fails only when no process
		 * at all, of any user, could have been signalled).
		 */
		for (i = 0; i < 1000; i++) {
			kill(-1, SIGKILL);
			if (count_procs(0, uid) <= 1)
				_exit(0);
			usleep(2000);
		}
		_exit(1);
	}
	waitpid(pid, NULL, 0);
}

static void private_tmp(void)
{
	static const char *const dirs[] = { "/tmp", "/var/tmp", "/dev/shm" };
	size_t i;

	if (unshare(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC))
		die("unshare");
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		die("mount --make-rprivate /");
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (mount("tmpfs", dirs[i], "tmpfs", MS_NOSUID | MS_NODEV,
			  "size=64m,mode=1777") &&
		    errno != ENOENT)
			die(dirs[i]);
}

static void limit(int resource, long soft, long hard)
{
	struct rlimit rl = { soft, hard };

	if (setrlimit(resource, &rl))
		die("setrlimit");
}

static void child(char **argv, long uid, long cpu, long mem, long fsize,
		  long nproc)
{
	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (uid != -1) {
		private_tmp();
		if (setgroups(0, NULL) || setgid(uid) || setuid(uid))
			die("dropping to the grading uid");
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		die("no_new_privs");
	limit(RLIMIT_CORE, 0, 0);
	if (cpu)
		/* SIGXCPU at the soft limit names the cause; SIGKILL later. */
		limit(RLIMIT_CPU, cpu, cpu + 1);
	if (mem)
		limit(RLIMIT_AS, mem << 20, mem << 20);
	if (fsize)
		limit(RLIMIT_FSIZE, fsize << 20, fsize << 20);
	if (nproc) {
		if (uid == -1)
			nproc += count_procs(0, getuid());
		limit(RLIMIT_NPROC, nproc, nproc);
	}
	execvp(argv[0], argv);
	perror(argv[0]);
	_exit(127);
}

int main(int argc, char **argv)
{
	long uid = -1, wall = 0, cpu = 0, mem = 0, fsize = 0, nproc = 0;
	const char *verdict_file = NULL;
	char verdict[256];
	struct timespec t0, now, tick = { 0, 10 * 1000 * 1000 };
	struct sigaction sa = { .sa_handler = on_signal };
	struct rusage ru;
	int opt, status = 0, rc, left, sig;
	long rss;
	pid_t pid;

	while ((opt = getopt(argc, argv, "+u:w:t:m:f:n:o:")) != -1) {
		switch (opt) {
		case 'u':
			uid = atol(optarg);
			break;
		case 'w':
			wall = atol(optarg);
			break;
		case 't':
			cpu = atol(optarg);
			break;
		case 'm':
			mem = atol(optarg);
			break;
		case 'f':
			fsize = atol(optarg);
			break;
		case 'n':
			nproc = atol(optarg);
			break;
		case 'o':
			verdict_file = optarg;
			break;
		default:
			return 125;
		}
	}
	if (optind == argc) {
		fprintf(stderr, "usage: grade-jail [-u UID] [-w WALL-S] "
				"[-t CPU-S] [-m MEM-MIB] [-f FILE-MIB] "
				"[-n NPROC] [-o VERDICT-FILE] COMMAND...\n");
		return 125;
	}
	if (uid != -1 && geteuid() != 0) {
		fprintf(stderr, "grade-jail: -u needs root\n");
		return 125;
	}
	/* A uid still in use could be another job's: never kill those. */
	if (uid != -1 && count_procs(0, uid)) {
		fprintf(stderr, "grade-jail: uid %ld has processes\n", uid);
		return 125;
	}

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0)
		child(argv + optind, uid, cpu, mem, fsize, nproc);
	/* Set it here too: the command must not run before it is a group. */
	setpgid(pid, pid);

	for (;;) {
		rc = wait4(pid, &status, WNOHANG, &ru);
		if (rc == pid || (rc < 0 && errno != EINTR))
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (stop || (wall && now.tv_sec - t0.tv_sec >= wall))
			break;
		nanosleep(&tick, NULL);
	}

	left = count_procs(pid, uid);
	kill(-pid, SIGKILL);
	if (uid != -1)
		kill_uid(uid);
	if (rc != pid) {
		wait4(pid, &status, 0, &ru);
		if (stop)
			snprintf(verdict, sizeof(verdict),
				 "stopped by the grader (%s)", strsignal(stop));
		else
			snprintf(
				verdict, sizeof(verdict),
				"wall-clock limit of %ld s, %d process%s running",
				wall, left, left == 1 ? "" : "es");
		rc = 124;
	} else {
		rss = ru.ru_maxrss >> 10;
		sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
		/* A command that ignores SIGXCPU gets SIGKILL a second later. */
		if (sig == SIGXCPU ||
		    (sig == SIGKILL && cpu &&
		     ru.ru_utime.tv_sec + ru.ru_stime.tv_sec >= cpu))
			snprintf(verdict, sizeof(verdict),
				 "CPU time limit of %ld s", cpu);
		else if (sig == SIGXFSZ)
			snprintf(verdict, sizeof(verdict),
				 "file size limit of %ld MiB", fsize);
		else if (sig)
			snprintf(verdict, sizeof(verdict), "killed by SIG%s",
				 sigabbrev_np(sig));
		else
			snprintf(verdict, sizeof(verdict), "exit status %d",
				 WEXITSTATUS(status));
		/* A failed malloc shows only as a crash or an error exit. */
		if (mem && rss * 10 >= mem * 8 &&
		    !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
			snprintf(verdict + strlen(verdict),
				 sizeof(verdict) - strlen(verdict),
				 ", out of memory (%ld of %ld MiB)", rss, mem);
		/* Left-overs of a clean exit are a fork bomb's children. */
		if (left)
			snprintf(verdict + strlen(verdict),
				 sizeof(verdict) - strlen(verdict),
				 ", %d process%s left running", left,
				 left == 1 ? "" : "es");
		rc = WIFSIGNALED(status) ? 128 + WTERMSIG(status) :
					   WEXITSTATUS(status);
	}
	if (verdict_file) {
		FILE *f = fopen(verdict_file, "w");

		if (!f || fprintf(f, "%s\n", verdict) < 0 || fclose(f))
			die(verdict_file);
	}
	return rc;
}
