/*
 * probe: tries one privileged operation and prints what happened, for DefaultProtectionsIT.
 * The test builds it static (gcc -static) and copies it into the container's rootfs, so it
 * needs nothing from the image. A probe prints one line, "NAME [ARG] ok" or "NAME [ARG] ERRNO"
 * (the errno's symbolic name), and exits 0: the test reads the exact failure, not an exit code.
 *
 *   probe ids                    real, effective and saved uid
 *   probe mount DIR              mount a tmpfs on DIR
 *   probe settime                set the clock to the time it is
 *   probe load-module FILE       finit_module(FILE): EPERM before the kernel parses FILE
 *   probe unshare NS             unshare(CLONE_NEW<NS>): mount, net, pid, ipc, uts, cgroup, user
 *   probe userns-then OP [ARG]   unshare a user namespace, then OP (mount, settime, sethostname)
 *   probe write FILE             open FILE for writing and write "1"
 *   probe ptrace PID             PTRACE_ATTACH to PID
 *   probe keyctl-add DESC        add_key: a "user" key DESC in the user keyring
 *   probe keyctl-find DESC       list the user keyring and describe each key, looking for DESC
 *   probe keyctl-unlink DESC     the same, then unlink DESC from the user keyring
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* From <linux/keyctl.h>; raw syscalls keep libkeyutils out of a static build. */
#define KEY_SPEC_USER_KEYRING -4
#define KEYCTL_DESCRIBE 6
#define KEYCTL_UNLINK 9
#define KEYCTL_READ 11

static int report(const char *name, const char *arg, long rc) {
    printf("%s%s%s %s\n", name, arg == NULL ? "" : " ", arg == NULL ? "" : arg,
            rc < 0 ? strerrorname_np(errno) : "ok");
    return 0;
}

static long ids(const char *unused) {
    (void)unused;
    uid_t r, e, s;
    getresuid(&r, &e, &s);
    printf("ids ruid=%d euid=%d suid=%d\n", (int)r, (int)e, (int)s);
    exit(0);
}

static long do_mount(const char *dir) {
    return mount("probe", dir, "tmpfs", 0, "size=64k");
}

static long set_time(const char *unused) {
    (void)unused;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return clock_settime(CLOCK_REALTIME, &now);
}

static long set_hostname(const char *unused) {
    (void)unused;
    return sethostname("probed", 6);
}

static long load_module(const char *file) {
    int fd = open(file, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    return syscall(SYS_finit_module, fd, "", 0);
}

static long do_unshare(const char *ns) {
    static const struct { const char *name; int flag; } flags[] = {
        {"mount", CLONE_NEWNS}, {"net", CLONE_NEWNET}, {"pid", CLONE_NEWPID}, {"ipc", CLONE_NEWIPC},
        {"uts", CLONE_NEWUTS}, {"cgroup", CLONE_NEWCGROUP}, {"user", CLONE_NEWUSER},
    };
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
        if (strcmp(ns, flags[i].name) == 0) {
            return unshare(flags[i].flag);
        }
    }
    fprintf(stderr, "probe: unknown namespace %s\n", ns);
    exit(2);
}

static long do_write(const char *file) {
    int fd = open(file, O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    return write(fd, "1", 1);
}

static long trace(const char *pid) {
    long rc = ptrace(PTRACE_ATTACH, (pid_t)atoi(pid), NULL, NULL);
    if (rc == 0) {
        waitpid((pid_t)atoi(pid), NULL, __WALL);
        ptrace(PTRACE_DETACH, (pid_t)atoi(pid), NULL, NULL);
    }
    return rc;
}

static long key_add(const char *desc) {
    static const char payload[] = "host-secret";
    return syscall(SYS_add_key, "user", desc, payload, sizeof payload - 1, KEY_SPEC_USER_KEYRING);
}

/* Lists the keyring (read permission on it) and describes each key (view permission on it):
 * unlike a search, this needs no permission on the keys' contents. */
static long key_lookup(const char *desc) {
    int keys[256];
    long n = syscall(SYS_keyctl, KEYCTL_READ, KEY_SPEC_USER_KEYRING, keys, sizeof keys);
    if (n < 0) {
        return -1;
    }
    for (long i = 0; i < n / (long)sizeof keys[0] && i < 256; i++) {
        char d[512] = {0};
        if (syscall(SYS_keyctl, KEYCTL_DESCRIBE, keys[i], d, sizeof d - 1) > 0) {
            const char *name = strrchr(d, ';');
            if (name != NULL && strcmp(name + 1, desc) == 0) {
                return keys[i];
            }
        }
    }
    errno = ENOKEY;
    return -1;
}

static long key_find(const char *desc) {
    return key_lookup(desc) < 0 ? -1 : 0;
}

static long key_unlink(const char *desc) {
    long key = key_lookup(desc);
    return key < 0 ? -1 : syscall(SYS_keyctl, KEYCTL_UNLINK, key, KEY_SPEC_USER_KEYRING);
}

struct probe {
    const char *name;
    long (*run)(const char *arg);
};

static const struct probe PROBES[] = {
    {"ids", ids}, {"mount", do_mount}, {"settime", set_time}, {"sethostname", set_hostname},
    {"load-module", load_module}, {"unshare", do_unshare}, {"write", do_write}, {"ptrace", trace},
    {"keyctl-add", key_add}, {"keyctl-find", key_find}, {"keyctl-unlink", key_unlink},
};

static const struct probe *lookup(const char *name) {
    for (size_t i = 0; i < sizeof PROBES / sizeof PROBES[0]; i++) {
        if (strcmp(name, PROBES[i].name) == 0) {
            return &PROBES[i];
        }
    }
    fprintf(stderr, "probe: unknown probe %s\n", name);
    exit(2);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: probe NAME [ARG] | probe userns-then NAME [ARG]\n");
        return 2;
    }
    if (strcmp(argv[1], "userns-then") == 0 && argc >= 3) {
        /* Full capabilities in a new user namespace, but only over what that namespace owns. */
        const struct probe *p = lookup(argv[2]);
        char name[64];
        snprintf(name, sizeof name, "userns-then-%s", p->name);
        const char *arg = argc > 3 ? argv[3] : NULL;
        if (unshare(CLONE_NEWUSER) != 0) {
            printf("%s unshare-%s\n", name, strerrorname_np(errno));
            return 0;
        }
        return report(name, arg, p->run(arg));
    }
    const struct probe *p = lookup(argv[1]);
    const char *arg = argc > 2 ? argv[2] : NULL;
    return report(p->name, arg, p->run(arg));
}
