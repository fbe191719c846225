/* Non-variadic wrappers for libedit: Swift cannot call el_set/el_get/history directly. */
#include <stdio.h>
#include <stdlib.h>
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <histedit.h>

typedef char *(*ccm_prompt_fn)(EditLine *);
typedef unsigned char (*ccm_el_fn)(EditLine *, int);

static inline int ccm_el_set_prompt(EditLine *el, ccm_prompt_fn f) { return el_set(el, EL_PROMPT, f); }
static inline int ccm_el_set_editor(EditLine *el, const char *m) { return el_set(el, EL_EDITOR, m); }
static inline int ccm_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int ccm_el_set_hist(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int ccm_el_addfn(EditLine *el, const char *n, const char *help, ccm_el_fn f) {
  return el_set(el, EL_ADDFN, n, help, f);
}
static inline int ccm_el_bind(EditLine *el, const char *key, const char *fn) {
  return el_set(el, EL_BIND, key, fn, (const char *)NULL);
}
static inline int ccm_el_setty(EditLine *el, const char *mode, const char *flag) {
  return el_set(el, EL_SETTY, mode, flag, (const char *)NULL);
}
static inline int ccm_el_set_clientdata(EditLine *el, void *d) { return el_set(el, EL_CLIENTDATA, d); }
static inline void *ccm_el_get_clientdata(EditLine *el) {
  void *d = NULL;
  el_get(el, EL_CLIENTDATA, &d);
  return d;
}

static inline int ccm_history_setsize(History *h, int n) { HistEvent ev; return history(h, &ev, H_SETSIZE, n); }
static inline int ccm_history_setunique(History *h, int on) { HistEvent ev; return history(h, &ev, H_SETUNIQUE, on); }
static inline int ccm_history_enter(History *h, const char *l) { HistEvent ev; return history(h, &ev, H_ENTER, l); }
static inline int ccm_history_load(History *h, const char *p) { HistEvent ev; return history(h, &ev, H_LOAD, p); }
static inline int ccm_history_save(History *h, const char *p) { HistEvent ev; return history(h, &ev, H_SAVE, p); }

/* Swift 6 rejects direct use of the mutable C globals stdin/stdout/stderr. */
static inline FILE *ccm_stdin(void) { return stdin; }
static inline FILE *ccm_stdout(void) { return stdout; }
static inline FILE *ccm_stderr(void) { return stderr; }
static inline const char *ccm_codeset(void) { return nl_langinfo(CODESET); }

/* Terminal height of fd, or 0 when unknown. */
static inline int ccm_term_rows(int fd) {
  struct winsize ws;
  if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return 0;
  return ws.ws_row;
}

/* Terminal width of fd, or 0 when unknown (ioctl is variadic). */
static inline int ccm_term_columns(int fd) {
  struct winsize ws;
  if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return 0;
  return ws.ws_col;
}

/* sigaction with a plain handler and no SA_RESTART, so blocking reads see EINTR. */
static inline int ccm_sigaction_handler(int sig, void (*handler)(int), struct sigaction *old) {
  struct sigaction sa;
  sa.sa_handler = handler;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;
  return sigaction(sig, &sa, old);
}
static inline int ccm_sigaction_restore(int sig, const struct sigaction *old) { return sigaction(sig, old, NULL); }
