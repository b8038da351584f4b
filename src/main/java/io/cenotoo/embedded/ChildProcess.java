package io.cenotoo.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server JVM launched by {@link EmbeddedStack}, with its log file and PID file.
 *
 * <p>The PID file contains two lines: the child's PID and the PID of the JVM that launched it. A later
 * launch uses them to stop a child whose parent died without stopping it.
 */
final class ChildProcess {

  private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);

  /** System property passed to every child so that a leftover child can be recognised by its command line. */
  static final String MARKER_PROPERTY = "cenotoo.embedded";

  private final String name;
  private final Process process;
  private final Path logFile;
  private final Path pidFile;

  private ChildProcess(String name, Process process, Path logFile, Path pidFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
    this.pidFile = pidFile;
  }

  /** Returns the {@code java} launcher of the running JVM, so that children run on the same JDK. */
  static String javaExecutable() {
    Path fromHome = Path.of(System.getProperty("java.home"), "bin", "java");
    if (Files.isExecutable(fromHome)) {
      return fromHome.toString();
    }
    return ProcessHandle.current()
        .info()
        .command()
        .orElseThrow(
            () ->
                new EmbeddedStackException(
                    "Failed to find the java launcher under java.home " + System.getProperty("java.home")));
  }

  /** Returns the marker argument that identifies children of the stack in {@code workDir}. */
  static String markerArgument(Path workDir) {
    return "-D" + MARKER_PROPERTY + "=" + workDir;
  }

  /**
   * Starts {@code command} with standard output and error going to {@code logFile}. An existing
   * log file is first renamed to {@code <name>.1}, replacing an older one.
   */
  static ChildProcess launch(
      String name, List<String> command, Path directory, Path logFile, Path pidFile) {
    try {
      rotate(logFile);
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(logFile.toFile())
              .start();
      Files.writeString(
          pidFile,
          process.pid() + "\n" + ProcessHandle.current().pid() + "\n",
          StandardCharsets.UTF_8);
      LOG.info("Started {} as PID {}, logging to {}", name, process.pid(), logFile);
      return new ChildProcess(name, process, logFile, pidFile);
    } catch (IOException e) {
      throw new EmbeddedStackException("Failed to launch " + name + ": " + e.getMessage(), e);
    }
  }

  private static void rotate(Path logFile) throws IOException {
    if (Files.exists(logFile)) {
      Path previous = logFile.resolveSibling(logFile.getFileName() + ".1");
      Files.move(logFile, previous, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Stops a child left behind by a launcher that died, found through {@code pidFile}.
   *
   * <p>The process is stopped only if it is alive, its command line contains {@code marker}, and
   * the launcher PID recorded next to it is no longer alive.
   *
   * @throws WorkDirInUseException if the recorded launcher is still running, because the work
   *     directory is then in use by another stack
   */
  static void stopLeftover(String name, Path pidFile, String marker, Duration timeout) {
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.warn("Failed to read PID file {}, ignoring it", pidFile, e);
      return;
    }
    Optional<ProcessHandle> child = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0));
    Optional<ProcessHandle> launcher = lines.size() < 2 ? Optional.empty() : parsePid(lines.get(1));

    if (child.isPresent() && child.get().isAlive() && commandLine(child.get()).contains(marker)) {
      if (launcher.isPresent()
          && launcher.get().isAlive()
          && launcher.get().pid() != ProcessHandle.current().pid()) {
        throw new WorkDirInUseException(
            name
                + " PID "
                + child.get().pid()
                + " from PID file "
                + pidFile
                + " is still run by live process "
                + launcher.get().pid()
                + "; stop that process or use another work directory");
      }
      LOG.warn(
          "Stopping leftover {} PID {} from a previous run (PID file {})",
          name,
          child.get().pid(),
          pidFile);
      stop(name, child.get(), timeout);
    }
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      LOG.warn("Failed to delete PID file {}", pidFile, e);
    }
  }

  private static Optional<ProcessHandle> parsePid(String line) {
    try {
      return ProcessHandle.of(Long.parseLong(line.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Returns the full command line, reading /proc on Linux because the JDK may truncate it. */
  private static String commandLine(ProcessHandle handle) {
    Path proc = Path.of("/proc", Long.toString(handle.pid()), "cmdline");
    if (Files.isReadable(proc)) {
      try {
        return new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ');
      } catch (IOException e) {
        LOG.debug("Failed to read {}, falling back to ProcessHandle", proc, e);
      }
    }
    return handle.info().commandLine().orElse("");
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Process process() {
    return process;
  }

  Path logFile() {
    return logFile;
  }

  /** Returns the last 40 lines of this child's log. */
  String logTail() {
    return LogTail.read(logFile);
  }

  /** Sends SIGTERM without waiting, so that several children can shut down in parallel. */
  void requestStop() {
    if (process.isAlive()) {
      process.destroy();
    }
  }

  /**
   * Sends SIGTERM, waits up to {@code timeout} for the child to exit, then kills it with SIGKILL,
   * waits for that, and deletes the PID file. A second SIGTERM after {@link #requestStop} does no
   * harm, because a JVM starts its shutdown only once.
   */
  void awaitStop(Duration timeout) {
    if (process.isAlive()) {
      LOG.info("Stopping {} PID {}", name, process.pid());
    }
    stop(name, process.toHandle(), timeout);
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      LOG.warn("Failed to delete PID file {}", pidFile, e);
    }
  }

  private static void stop(String name, ProcessHandle handle, Duration timeout) {
    long started = System.nanoTime();
    if (!handle.isAlive()) {
      return;
    }
    handle.destroy();
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info(
          "Stopped {} PID {} in {} ms",
          name,
          handle.pid(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      return;
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.warn(
          "{} PID {} did not exit within {} ms after SIGTERM, sending SIGKILL",
          name,
          handle.pid(),
          timeout.toMillis());
    } catch (java.util.concurrent.ExecutionException e) {
      LOG.warn("Failed to wait for {} PID {} to exit, sending SIGKILL", name, handle.pid(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("Interrupted while stopping {} PID {}, sending SIGKILL", name, handle.pid());
    }

    handle.destroyForcibly();
    try {
      // SIGKILL cannot be ignored, so this wait ends once the kernel reaps the process.
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("Killed {} PID {}", name, handle.pid());
    } catch (java.util.concurrent.TimeoutException
        | java.util.concurrent.ExecutionException e) {
      LOG.error("{} PID {} is still alive after SIGKILL", name, handle.pid(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.error("Interrupted while waiting for {} PID {} to exit after SIGKILL", name, handle.pid());
    }
  }
}
