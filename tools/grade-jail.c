// SPDX-License-Identifier: GPL-2.0
/*
 * grade-jail - run one untrusted command under limits, and say how it ended.
 *
 *   grade-jail [-u UID[-LAST]] [-d DIR] [-w WALL-S] [-t CPU-S] [-m MEM-MIB]
 *              [-f FILE-MIB] [-n NPROC] [-o VERDICT-FILE] COMMAND [ARG...]
 *
 * The command runs in a process group of its own, with the rlimits asked
 * for (-t CPU seconds per process, -m address space, -f largest file, -n
 * processes of its user), no core dumps and no way to gain privileges.
 * When it ends, or its wall-clock time (-w) runs out, every process it
 * started is killed: the jail is their "subreaper", so a process that
 * leaves the group with setsid() still comes back to the jail as an orphan.
 *
 * With -u (root only) it runs as UID:UID with no supplementary groups, and
 * in new mount, network and IPC namespaces where every file system is
 * read-only but fresh tmpfs on /tmp, /var/tmp and /dev/shm and the folder
 * DIR of -d, which is UID's while the command runs.  Given a range
 * UID-LAST, it takes the first UID of it that no other jail holds and
 * no process uses, so that parallel jails never share one: a uid's
 * processes are all killed at the end, wherever they went.  Without -u it
 * runs as the caller, can write wherever the caller can, and -n, which
 * counts all the processes of a user, is raised by the number the caller
 * has already.
 *
 * Exit status: the command's, 128+N when signal N killed it, 124 when the
 * wall-clock time ran out (as timeout(1) does).  VERDICT-FILE gets one line
 * that says why in words, for a grade report: "exit status 0", "CPU time
 * limit of 5 s", "wall-clock limit of 10 s, 31 processes running", ...
 * With -u, a command whose processes reach the -n limit is stopped there
 * and then, as a fork bomb ("process limit of 64 reached, a fork bomb").
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

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
 * Counts the threads of the live processes in group @pgid, whose parent is
 * @ppid or whose real uid is @uid (a zero or -1 matches nothing), and sends
 * them @sig unless it is 0.  Zombies are dead already: they neither count
 * nor mind.
 */
static int procs(pid_t pgid, pid_t ppid, long uid, int sig)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		char path[sizeof(e->d_name) + 16], buf[512], state = 'Z', *p;
		long grp = 0, parent = 0, ruid = -1;
		int threads = 1;
		FILE *f;

		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		/* The command name may hold blanks: fields resume after ')'. */
		if (fgets(buf, sizeof(buf), f) && (p = strrchr(buf, ')')))
			sscanf(p + 1, " %c %ld %ld", &state, &parent, &grp);
		fclose(f);
		snprintf(path, sizeof(path), "/proc/%s/status", e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		/* Uid: comes first; RLIMIT_NPROC counts Threads: too. */
		while (fgets(buf, sizeof(buf), f))
			if (sscanf(buf, "Uid: %ld", &ruid) != 1 &&
			    sscanf(buf, "Threads: %d", &threads) == 1)
				break;
		fclose(f);
		if (state == 'Z' || !((pgid > 0 && grp == pgid) ||
				      (ppid > 0 && parent == ppid) ||
				      (uid != -1 && ruid == uid)))
			continue;
		n += threads;
		/* Safe by pid: a child of ours stays until we reap it. */
		if (sig && parent == ppid)
			kill(atoi(e->d_name), sig);
	}
	closedir(d);
	return n;
}

/*
 * Kill every process of @uid.  One kill(-1) does it at once, however fast
 * they fork: it walks the processes under the lock that fork() needs to add
 * one, and a fork that has begun gives up on the pending SIGKILL.  It must
 * be sent as @uid, to hit nobody else, so a child of ours becomes @uid.
 */
static void kill_uid(long uid)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (setgid(uid) == 0 && setuid(uid) == 0)
			kill(-1, SIGKILL);
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

/*
 * Kill the group, every process of @uid, and the orphans that came back to
 * us as their subreaper, until no child of ours is left.  Without a uid of
 * its own, a fork bomb that left the group may outrun this.
 */
static void kill_all(pid_t pgid, long uid)
{
	struct timespec tick = { 0, 2 * 1000 * 1000 };
	pid_t r;
	int i;

	for (i = 0; i < 1000; i++) {
		kill(-pgid, SIGKILL);
		if (uid != -1)
			kill_uid(uid);
		procs(0, getpid(), -1, SIGKILL);
		do
			r = waitpid(-1, NULL, WNOHANG);
		while (r > 0);
		if (r < 0 && errno == ECHILD)
			return;
		nanosleep(&tick, NULL);
	}
}

/*
 * Take the first uid of [first, last] that no other jail holds and no
 * process uses.  A jail holds its uid by an abstract socket named after
 * it: the name is taken atomically, and the kernel frees it when the jail
 * dies, however it dies.  Returns -1 when all are taken.
 */
static long claim_uid(long first, long last)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	long uid;
	int fd;

	for (uid = first; uid <= last; uid++) {
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			die("socket");
		snprintf(sa.sun_path + 1, sizeof(sa.sun_path) - 1,
			 "grade-jail/uid/%ld", uid);
		if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
		    procs(0, 0, uid, 0) == 0)
			return uid;
		close(fd);
	}
	return -1;
}

/*
 * The mount namespace of -u: all read-only but @dir and fresh tmpfs.  @dir
 * is bound on itself first, so that it is a mount of its own, to be made
 * writable again once everything is read-only.
 */
/* Is @path (absolute, or relative to the working directory) in @top? */
static bool under(const char *path, const char *top)
{
	char real[PATH_MAX];
	size_t n = strlen(top);

	if (!realpath(path, real))
		return false;
	return !strncmp(real, top, n) && (real[n] == '/' || !real[n]);
}

static void confine(const char *dir)
{
	static const char *const tmps[] = { "/tmp", "/var/tmp", "/dev/shm" };
	struct mount_attr ro = { .attr_set = MOUNT_ATTR_RDONLY };
	struct mount_attr rw = { .attr_clr = MOUNT_ATTR_RDONLY };
	const char *cwd = ".";
	size_t i;

	if (unshare(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC))
		die("unshare");
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		die("mount --make-rprivate /");
	if (dir && mount(dir, dir, NULL, MS_BIND, NULL))
		die(dir);
	if (mount_setattr(AT_FDCWD, "/", AT_RECURSIVE, &ro, sizeof(ro)))
		die("read-only /");
	if (dir && mount_setattr(AT_FDCWD, dir, 0, &rw, sizeof(rw)))
		die(dir);
	for (i = 0; i < sizeof(tmps) / sizeof(tmps[0]); i++) {
		/* A tree checked out under /tmp would vanish under a fresh
		 * tmpfs: that one stays read-only, and temporary files go to
		 * @dir instead. */
		if (under(cwd, tmps[i]) || (dir && under(dir, tmps[i]))) {
			if (dir && setenv("TMPDIR", dir, 1))
				die("setenv TMPDIR");
			continue;
		}
		if (mount("tmpfs", tmps[i], "tmpfs", MS_NOSUID | MS_NODEV,
			  "size=64m,mode=1777") &&
		    errno != ENOENT)
			die(tmps[i]);
	}
}

static void limit(int resource, long soft, long hard)
{
	struct rlimit rl = { soft, hard };

	if (setrlimit(resource, &rl))
		die("setrlimit");
}

static void child(char **argv, long uid, const char *dir, long cpu, long mem,
		  long fsize, long nproc)
{
	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (uid != -1) {
		confine(dir);
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
			nproc += procs(0, 0, getuid(), 0);
		limit(RLIMIT_NPROC, nproc, nproc);
	}
	execvp(argv[0], argv);
	perror(argv[0]);
	_exit(127);
}

static char verdict[256];

/* Adds to the verdict. */
__attribute__((format(printf, 1, 2))) static void say(const char *fmt, ...)
{
	size_t len = strlen(verdict);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(verdict + len, sizeof(verdict) - len, fmt, ap);
	va_end(ap);
}

int main(int argc, char **argv)
{
	long uid = -1, last = -1, wall = 0, cpu = 0, mem = 0, fsize = 0,
	     nproc = 0;
	const char *verdict_file = NULL, *dir = NULL;
	char *end;
	struct timespec t0, now, tick = { 0, 10 * 1000 * 1000 };
	struct sigaction sa = { .sa_handler = on_signal };
	struct rusage ru;
	int opt, status = 0, rc, left, sig, ticks, bombed = 0;
	pid_t pid;

	while ((opt = getopt(argc, argv, "+u:d:w:t:m:f:n:o:")) != -1) {
		switch (opt) {
		case 'u':
			uid = last = strtol(optarg, &end, 10);
			if (*end == '-')
				last = strtol(end + 1, &end, 10);
			if (*end || uid <= 0 || last < uid) {
				fprintf(stderr,
					"grade-jail: -u %s: give UID or "
					"FIRST-LAST, above 0\n",
					optarg);
				return 125;
			}
			break;
		case 'd':
			dir = optarg;
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
		fprintf(stderr, "usage: grade-jail [-u UID[-LAST]] [-d DIR] "
				"[-w WALL-S] [-t CPU-S] [-m MEM-MIB] "
				"[-f FILE-MIB] [-n NPROC] [-o VERDICT-FILE] "
				"COMMAND...\n");
		return 125;
	}
	if (uid != -1 && geteuid() != 0) {
		fprintf(stderr, "grade-jail: -u needs root\n");
		return 125;
	}
	if (uid != -1) {
		uid = claim_uid(uid, last);
		if (uid == -1) {
			fprintf(stderr, "grade-jail: -u: every uid is taken\n");
			return 125;
		}
		if (dir && chown(dir, uid, uid))
			die(dir);
	}

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0)
		child(argv + optind, uid, dir, cpu, mem, fsize, nproc);
	/* Here too: the group must exist before we might kill it. */
	setpgid(pid, pid);

	for (ticks = 1;; ticks++) {
		rc = wait4(pid, &status, WNOHANG, &ru);
		if (rc == pid || (rc < 0 && errno != EINTR))
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (stop || (wall && now.tv_sec - t0.tv_sec >= wall))
			break;
		/*
		 * A fork bomb at the -n limit spins in fork() until the wall
		 * clock runs out, and takes the CPU from every other job: end
		 * it now.  Only a uid of its own tells its processes apart.
		 */
		if (uid != -1 && nproc && ticks % 25 == 0 &&
		    procs(0, 0, uid, 0) >= nproc) {
			bombed = 1;
			break;
		}
		nanosleep(&tick, NULL);
	}
	left = procs(pid, getpid(), -1, 0);
	kill_all(pid, uid);
	/* Nothing of the uid is left to write there. */
	if (uid != -1 && dir && chown(dir, getuid(), getgid()))
		die(dir);

	if (rc != pid) {
		if (bombed)
			say("process limit of %ld reached, a fork bomb", nproc);
		else if (stop)
			say("stopped by the grader (%s)", strsignal(stop));
		else
			say("wall-clock limit of %ld s, %d processes running",
			    wall, left);
		rc = 124;
	} else {
		sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
		/* A command that ignores SIGXCPU gets SIGKILL a second later. */
		if (sig == SIGXCPU ||
		    (sig == SIGKILL && cpu &&
		     ru.ru_utime.tv_sec + ru.ru_stime.tv_sec >= cpu))
			say("CPU time limit of %ld s", cpu);
		else if (sig == SIGXFSZ)
			say("file size limit of %ld MiB", fsize);
		else if (sig)
			say("killed by SIG%s", sigabbrev_np(sig));
		else
			say("exit status %d", WEXITSTATUS(status));
		/* A failed malloc shows only as a crash or an error exit. */
		if (mem && ru.ru_maxrss >> 10 >= mem * 8 / 10 && status)
			say(", out of memory (%ld of %ld MiB)",
			    ru.ru_maxrss >> 10, mem);
		/* What outlives a clean exit is a fork bomb's children. */
		if (left)
			say(", %d processes left running", left);
		rc = sig ? 128 + sig : WEXITSTATUS(status);
	}
	if (verdict_file) {
		FILE *f = fopen(verdict_file, "w");

		if (!f || fprintf(f, "%s\n", verdict) < 0 || fclose(f))
			die(verdict_file);
	}
	return rc;
}
