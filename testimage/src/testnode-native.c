/*
 * The test node image's native helper (built static at image build time).
 *
 *   testnode-native reserve RESULT SHARDS NETWORKING LOCK...
 *     Locks each LOCK (flock, as ScyllaDB holds `<dir>/.lock`), then reserves kernel AIO
 *     contexts the way Seastar sizes them: per shard 1,024 storage + 2 preemption iocbs and
 *     NETWORKING networking iocbs, the networking part shrunk to what the host has left, and
 *     a refusal below Seastar's minimum. Writes "ok <networking per shard>" or the error line
 *     to RESULT, then holds the locks and contexts until its parent dies.
 *   testnode-native cql RESULT ADDRESS PORT...
 *     Listens on each port, writes "ok" or the error line to RESULT, then answers CQL v4 frames: OPTIONS -> SUPPORTED, STARTUP -> READY, anything
 *     else -> a protocol ERROR. Ends with its parent.
 *
 * Why C: the AIO contexts must be real kernel reservations held by a live process, and the CQL
 * handshake is binary; busybox has neither.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/aio_abi.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

enum { STORAGE = 1024, PREEMPT = 2, MIN_NETWORKING = 10 };

static void die_with_parent(void) {
  pid_t parent = getppid();
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(0);
}

static long read_long(const char *path) {
  FILE *f = fopen(path, "r");
  long v = -1;
  if (f) {
    if (fscanf(f, "%ld", &v) != 1) v = -1;
    fclose(f);
  }
  return v;
}

static int result(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  if (!f) return 1;
  fprintf(f, "%s\n", text);
  fclose(f);
  return 0;
}

static int reserve(int argc, char **argv) {
  if (argc < 5) return 2;
  const char *out = argv[2];
  long shards = atol(argv[3]), networking = atol(argv[4]);
  char line[512];
  die_with_parent();
  for (int i = 5; i < argc; i++) {
    int fd = open(argv[i], O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) != 0) {
      snprintf(line, sizeof line, "lock %s %s", argv[i], strerror(errno));
      result(out, line);
      return 1;
    }
  }
  long max = read_long("/proc/sys/fs/aio-max-nr"), used = read_long("/proc/sys/fs/aio-nr");
  long storage = STORAGE + PREEMPT;
  long minimum = shards * (storage + MIN_NETWORKING);
  long available = max - used;
  if (max >= 0 && used >= 0 && available < minimum) {
    snprintf(line, sizeof line,
             "aio Your system does not satisfy minimum AIO requirements. Set "
             "/proc/sys/fs/aio-max-nr to at least %ld (minimum) or %ld (recommended for "
             "networking performance)",
             used + minimum, used + shards * (storage + networking));
    result(out, line);
    return 1;
  }
  if (max >= 0 && used >= 0 && shards * (storage + networking) > available)
    networking = available / shards - storage;
  for (long s = 0; s < shards; s++) {
    long sizes[3] = {STORAGE, PREEMPT, networking};
    for (int k = 0; k < 3; k++) {
      aio_context_t ctx = 0;
      if (syscall(SYS_io_setup, (unsigned)sizes[k], &ctx) != 0) {
        snprintf(line, sizeof line,
                 "aio Could not setup Async I/O: %s. The most common cause is not enough "
                 "request capacity in /proc/sys/fs/aio-max-nr. Try increasing that number or "
                 "reducing the amount of logical CPUs available for your application",
                 strerror(errno));
        result(out, line);
        return 1;
      }
    }
  }
  snprintf(line, sizeof line, "ok %ld", networking);
  if (result(out, line) != 0) return 1;
  for (;;) pause();
}

static void put16(unsigned char *p, unsigned v) { p[0] = v >> 8; p[1] = v; }
static void put32(unsigned char *p, unsigned v) {
  p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}
static size_t put_string(unsigned char *p, const char *s) {
  size_t n = strlen(s);
  put16(p, (unsigned)n);
  memcpy(p + 2, s, n);
  return n + 2;
}

static int read_full(int fd, unsigned char *buf, size_t n) {
  size_t got = 0;
  while (got < n) {
    ssize_t r = read(fd, buf + got, n - got);
    if (r <= 0) return -1;
    got += (size_t)r;
  }
  return 0;
}

/* One connection: frames until the peer closes or stays silent for 5 s. */
static void serve(int fd) {
  struct timeval tv = {5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  unsigned char header[9], body[4096], reply[512];
  while (read_full(fd, header, 9) == 0) {
    unsigned length = (unsigned)header[5] << 24 | header[6] << 16 | header[7] << 8 | header[8];
    while (length > 0) {
      size_t chunk = length > sizeof body ? sizeof body : length;
      if (read_full(fd, body, chunk) != 0) return;
      length -= (unsigned)chunk;
    }
    size_t n = 9;
    unsigned char opcode;
    if ((header[0] & 0x7f) != 4) {
      opcode = 0x00;
      put32(reply + n, 0x000A);
      n += 4;
      n += put_string(reply + n, "Invalid or unsupported protocol version; supported versions are (4)");
    } else if (header[4] == 0x05) {
      opcode = 0x06;
      put16(reply + n, 2);
      n += 2;
      n += put_string(reply + n, "CQL_VERSION");
      put16(reply + n, 1);
      n += 2;
      n += put_string(reply + n, "3.3.1");
      n += put_string(reply + n, "COMPRESSION");
      put16(reply + n, 0);
      n += 2;
    } else if (header[4] == 0x01) {
      opcode = 0x02;
    } else {
      opcode = 0x00;
      put32(reply + n, 0x000A);
      n += 4;
      n += put_string(reply + n, "test node: only OPTIONS and STARTUP are answered");
    }
    reply[0] = 0x84;
    reply[1] = 0;
    reply[2] = header[2];
    reply[3] = header[3];
    reply[4] = opcode;
    put32(reply + 5, (unsigned)(n - 9));
    if (write(fd, reply, n) != (ssize_t)n) return;
  }
}

static int cql(int argc, char **argv) {
  if (argc < 5) return 2;
  const char *out = argv[2];
  char line[256];
  die_with_parent();
  signal(SIGPIPE, SIG_IGN);
  struct pollfd fds[8];
  int count = 0;
  for (int i = 4; i < argc && count < 8; i++, count++) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(argv[i]))};
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    /* A node started while cut off from its network (ccmsh's partition across a start) has no
       address yet; it gets it back at the heal. */
    setsockopt(fd, IPPROTO_IP, IP_FREEBIND, &one, sizeof one);
    if (inet_pton(AF_INET, argv[3], &a.sin_addr) != 1 ||
        bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 64) != 0) {
      snprintf(line, sizeof line, "bind %s:%s: %s", argv[3], argv[i], strerror(errno));
      result(out, line);
      return 1;
    }
    fds[count] = (struct pollfd){.fd = fd, .events = POLLIN};
  }
  if (result(out, "ok") != 0) return 1;
  for (;;) {
    if (poll(fds, (nfds_t)count, -1) < 0 && errno != EINTR) return 1;
    for (int i = 0; i < count; i++) {
      if (!(fds[i].revents & POLLIN)) continue;
      int c = accept4(fds[i].fd, NULL, NULL, SOCK_CLOEXEC);
      if (c < 0) continue;
      serve(c);
      close(c);
    }
  }
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "reserve") == 0) return reserve(argc, argv);
  if (argc > 1 && strcmp(argv[1], "cql") == 0) return cql(argc, argv);
  fprintf(stderr, "usage: testnode-native reserve RESULT SHARDS NETWORKING LOCK... | cql RESULT ADDRESS PORT...\n");
  return 2;
}
