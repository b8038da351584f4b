package io.cenotoo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Peak resident memory and CPU time of another process, read from Linux {@code /proc}. The peak of
 * one scenario is the largest {@code VmRSS} sampled every 50 ms while it runs, because
 * {@code VmHWM} only reports the peak since the process started.
 */
final class ProcessMeter {

  /** Clock ticks per second (USER_HZ) of {@code /proc/<pid>/stat}: 100 on x86-64 Linux, as {@code getconf CLK_TCK} shows. */
  private static final double CLOCK_TICKS_PER_SECOND = 100.0;

  private final long pid;
  private Thread sampler;
  private volatile boolean sampling;
  private volatile long peakRssKb;
  private long cpuTicksAtStart;

  /** Resource use of one scenario: peak RSS in MiB and CPU seconds (user plus system). */
  record Usage(double peakRssMib, double cpuSeconds) {
  }

  ProcessMeter(long pid) {
    this.pid = pid;
  }

  /** Starts a measurement window. */
  void start() {
    cpuTicksAtStart = cpuTicks();
    peakRssKb = statusKb("VmRSS");
    sampling = true;
    sampler = new Thread(() -> {
      while (sampling) {
        peakRssKb = Math.max(peakRssKb, statusKb("VmRSS"));
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-rss-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Ends the window and returns what the process used during it. */
  Usage stop() throws InterruptedException {
    sampling = false;
    sampler.join();
    long peak = Math.max(peakRssKb, statusKb("VmRSS"));
    return new Usage(peak / 1024.0, (cpuTicks() - cpuTicksAtStart) / CLOCK_TICKS_PER_SECOND);
  }

  /** CPU seconds (user plus system) the process has used since it started. */
  double cpuSeconds() {
    return cpuTicks() / CLOCK_TICKS_PER_SECOND;
  }

  /**
   * CPU seconds (user plus system) of the process's JIT compiler threads, per thread id. HotSpot
   * starts and stops compiler threads as the compile queue grows and shrinks (the JVM flag
   * UseDynamicNumberOfCompilerThreads, on by default), so callers compare two of these maps thread
   * by thread: see {@link #compilerSecondsBetween}.
   */
  Map<String, Double> compilerCpuSeconds() {
    Map<String, Double> seconds = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      for (Path task : tasks.toList()) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException e) {
          // The thread ended after the listing.
          continue;
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
          seconds.put(task.getFileName().toString(), ticks(stat) / CLOCK_TICKS_PER_SECOND);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Failed to list /proc/" + pid + "/task; has the process exited?", e);
    }
    return seconds;
  }

  /** Returns the compiler CPU seconds used between two readings, leaving out threads that ended meanwhile. */
  static double compilerSecondsBetween(Map<String, Double> before, Map<String, Double> after) {
    double total = 0;
    for (Map.Entry<String, Double> thread : after.entrySet()) {
      total += thread.getValue() - before.getOrDefault(thread.getKey(), 0.0);
    }
    return total;
  }

  /** Peak RSS since the process started, in MiB. */
  double lifetimePeakRssMib() {
    return statusKb("VmHWM") / 1024.0;
  }

  private long statusKb(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
        }
      }
      throw new IllegalStateException("No " + field + " in /proc/" + pid + "/status");
    } catch (IOException e) {
      throw new IllegalStateException("Failed to read /proc/" + pid + "/status; has the process exited?", e);
    }
  }

  private long cpuTicks() {
    try {
      return ticks(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
    } catch (IOException e) {
      throw new IllegalStateException("Failed to read /proc/" + pid + "/stat; has the process exited?", e);
    }
  }

  /** Returns utime plus stime of a process's or thread's {@code stat} line, in clock ticks. */
  private static long ticks(String stat) {
    // The command name in brackets may contain spaces, so fields are counted after its closing bracket.
    // After it come field 3 (state) onwards, and utime and stime are fields 14 and 15.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
