/* time-exec.c — wall time from exec to exit, and peak RSS, of commands run N times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   time-exec [-n RUNS] [-w WARMUP] [-t TIMEOUT_S] [-o LOG] NAME=COMMAND...
 *
 * Each COMMAND is split like a shell would (no expansion) and run with the
 * environment of time-exec. The commands are interleaved, and their order
 * flips every round (A B, B A, ...), so a drift in machine load falls on all
 * of them alike. Wall time is CLOCK_MONOTONIC from just before fork() to the
 * return of wait4(); CPU time is the child's user + system time, which a busy
 * machine disturbs less; peak RSS is the child's ru_maxrss (its VmHWM at
 * exit).
 * Child output goes to LOG (default /dev/null).
 *
 * Prints one line per command:
 *   NAME runs=N median_ms=… min_ms=… max_ms=… median_cpu_ms=… median_rss_kib=… max_rss_kib=…
 * and, with -v, every sample. Exits 1 when a run fails or times out. It never
 * judges speed.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef struct {
  char   *name;
  char  **argv;
  GArray *ms;   /* double */
  GArray *rss;  /* double, KiB */
  GArray *cpu;  /* double, ms: user + system */
} Command;

static volatile pid_t running_child = 0;
static volatile sig_atomic_t timed_out = 0;

static void
on_alarm (int sig)
{
  (void) sig;
  if (running_child > 0)
    {
      timed_out = 1;
      kill (running_child, SIGKILL);
    }
}

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_autoptr(GArray) sorted = g_array_copy (values);
  guint n = sorted->len;

  if (n == 0)
    return 0;
  g_array_sort (sorted, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (sorted, double, n / 2);
  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

static double
extreme (GArray *values,
         gboolean want_max)
{
  double best = values->len > 0 ? g_array_index (values, double, 0) : 0;

  for (guint i = 1; i < values->len; i++)
    {
      double v = g_array_index (values, double, i);
      if (want_max ? v > best : v < best)
        best = v;
    }
  return best;
}

/* Runs the command once. Returns FALSE on a failed exec, a non-zero exit, a
 * signal or a timeout, with the reason on stderr. */
static gboolean
run_once (Command    *cmd,
          const char *log_path,
          guint       timeout_s,
          double     *ms_out,
          double     *rss_out,
          double     *cpu_out)
{
  struct rusage usage;
  double start, end;
  int status = 0;
  pid_t pid;
  int log_fd;

  log_fd = open (log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0)
    {
      g_printerr ("time-exec: %s: %s\n", log_path, g_strerror (errno));
      return FALSE;
    }

  timed_out = 0;
  start = now_ms ();
  pid = fork ();
  if (pid < 0)
    {
      g_printerr ("time-exec: fork: %s\n", g_strerror (errno));
      close (log_fd);
      return FALSE;
    }
  if (pid == 0)
    {
      int null_fd = open ("/dev/null", O_RDONLY);
      if (null_fd >= 0)
        dup2 (null_fd, STDIN_FILENO);
      dup2 (log_fd, STDOUT_FILENO);
      dup2 (log_fd, STDERR_FILENO);
      execvp (cmd->argv[0], cmd->argv);
      dprintf (log_fd, "time-exec: cannot run %s: %s\n", cmd->argv[0], strerror (errno));
      _exit (127);
    }

  running_child = pid;
  alarm (timeout_s);
  while (wait4 (pid, &status, 0, &usage) < 0)
    {
      if (errno != EINTR)
        {
          g_printerr ("time-exec: wait4: %s\n", g_strerror (errno));
          close (log_fd);
          return FALSE;
        }
    }
  end = now_ms ();
  alarm (0);
  running_child = 0;
  close (log_fd);

  if (timed_out)
    {
      g_printerr ("time-exec: %s: still running after %u s, killed (see %s)\n", cmd->name, timeout_s, log_path);
      return FALSE;
    }
  if (WIFSIGNALED (status))
    {
      g_printerr ("time-exec: %s: killed by signal %d (see %s)\n", cmd->name, WTERMSIG (status), log_path);
      return FALSE;
    }
  if (WEXITSTATUS (status) != 0)
    {
      g_printerr ("time-exec: %s: exit status %d (see %s)\n", cmd->name, WEXITSTATUS (status), log_path);
      return FALSE;
    }

  *ms_out = end - start;
  *rss_out = usage.ru_maxrss;  /* KiB on Linux */
  *cpu_out = usage.ru_utime.tv_sec * 1e3 + usage.ru_utime.tv_usec / 1e3
           + usage.ru_stime.tv_sec * 1e3 + usage.ru_stime.tv_usec / 1e3;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  int runs = 11, warmup = 2, timeout_s = 30;
  gboolean verbose = FALSE;
  g_autofree char *log_path = NULL;
  g_auto(GStrv) specs = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) commands = g_ptr_array_new ();
  struct sigaction sa;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Timed runs of each command (default 11)", "N" },
    { "warmup", 'w', 0, G_OPTION_ARG_INT, &warmup, "Untimed runs of each command first (default 2)", "N" },
    { "timeout", 't', 0, G_OPTION_ARG_INT, &timeout_s, "Kill a run after this many seconds (default 30)", "S" },
    { "log", 'o', 0, G_OPTION_ARG_FILENAME, &log_path, "Append the commands' output here", "FILE" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Print every sample", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &specs, NULL, "NAME=COMMAND…" },
    { NULL }
  };

  context = g_option_context_new ("NAME=COMMAND…");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("time-exec: %s\n", error->message);
      return 2;
    }
  if (specs == NULL || runs < 1 || warmup < 0 || timeout_s < 1)
    {
      g_printerr ("usage: time-exec [-n RUNS] [-w WARMUP] [-t TIMEOUT_S] [-o LOG] NAME=COMMAND…\n");
      return 2;
    }
  if (log_path == NULL)
    log_path = g_strdup ("/dev/null");

  for (guint i = 0; specs[i] != NULL; i++)
    {
      const char *eq = strchr (specs[i], '=');
      Command *cmd;

      if (eq == NULL || eq == specs[i])
        {
          g_printerr ("time-exec: \"%s\" is not NAME=COMMAND\n", specs[i]);
          return 2;
        }
      cmd = g_new0 (Command, 1);
      cmd->name = g_strndup (specs[i], eq - specs[i]);
      if (!g_shell_parse_argv (eq + 1, NULL, &cmd->argv, &error))
        {
          g_printerr ("time-exec: %s: %s\n", cmd->name, error->message);
          return 2;
        }
      cmd->ms = g_array_new (FALSE, FALSE, sizeof (double));
      cmd->rss = g_array_new (FALSE, FALSE, sizeof (double));
      cmd->cpu = g_array_new (FALSE, FALSE, sizeof (double));
      g_ptr_array_add (commands, cmd);
    }

  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sigaction (SIGALRM, &sa, NULL);

  for (int round = 0; round < warmup + runs; round++)
    for (guint k = 0; k < commands->len; k++)
      {
        /* A B, B A, A B…: neither goes first every time. */
        guint idx = (round % 2 == 0) ? k : commands->len - 1 - k;
        Command *cmd = commands->pdata[idx];
        double ms, rss, cpu;

        if (!run_once (cmd, log_path, timeout_s, &ms, &rss, &cpu))
          return 1;
        if (round < warmup)
          continue;
        g_array_append_val (cmd->ms, ms);
        g_array_append_val (cmd->rss, rss);
        g_array_append_val (cmd->cpu, cpu);
        if (verbose)
          g_print ("sample %s run=%d ms=%.2f cpu_ms=%.2f rss_kib=%.0f\n", cmd->name, round - warmup + 1, ms, cpu, rss);
      }

  for (guint k = 0; k < commands->len; k++)
    {
      Command *cmd = commands->pdata[k];
      g_print ("%s runs=%u median_ms=%.2f min_ms=%.2f max_ms=%.2f median_cpu_ms=%.2f median_rss_kib=%.0f max_rss_kib=%.0f\n",
               cmd->name, cmd->ms->len, median (cmd->ms), extreme (cmd->ms, FALSE), extreme (cmd->ms, TRUE),
               median (cmd->cpu), median (cmd->rss), extreme (cmd->rss, TRUE));
    }
  return 0;
}
