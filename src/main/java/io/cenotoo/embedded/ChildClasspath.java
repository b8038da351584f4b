package io.cenotoo.embedded;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the classpath of a child server JVM from {@code <project>/embedded/<module>/pom.xml}.
 *
 * <p>The result is cached in {@code embedded/<module>/target/classpath.txt}. Maven runs again only
 * when that file is missing, older than the pom, or names a jar that no longer exists.
 */
final class ChildClasspath {

  private static final Logger LOG = LoggerFactory.getLogger(ChildClasspath.class);

  /** Upper bound for one Maven run, which may download a few hundred MB on first use. */
  private static final long MAVEN_TIMEOUT_MINUTES = 15;

  private static final Object LOCK = new Object();

  private ChildClasspath() {}

  /** Returns the classpath string for {@code module} ("cassandra" or "kafka"), running Maven if needed. */
  static String resolve(Path projectDir, String module) {
    Path moduleDir = projectDir.resolve("embedded").resolve(module);
    Path pom = moduleDir.resolve("pom.xml");
    if (!Files.isRegularFile(pom)) {
      throw new EmbeddedStackException(
          "Missing "
              + pom
              + "; set the system property cenotoo.project.dir to the Cenotoo project directory");
    }
    Path output = moduleDir.resolve("target").resolve("classpath.txt");

    synchronized (LOCK) {
      try {
        if (isFresh(pom, output)) {
          String classpath = read(output);
          if (allEntriesExist(classpath)) {
            return classpath;
          }
          LOG.info("Classpath {} names a missing jar, resolving it again", output);
        }
        runMaven(pom, output);
        return read(output);
      } catch (IOException e) {
        throw new EmbeddedStackException("Failed to read or write " + output, e);
      }
    }
  }

  private static boolean isFresh(Path pom, Path output) throws IOException {
    return Files.isRegularFile(output)
        && Files.getLastModifiedTime(output).compareTo(Files.getLastModifiedTime(pom)) >= 0;
  }

  private static String read(Path output) throws IOException {
    String classpath = Files.readString(output, StandardCharsets.UTF_8).trim();
    if (classpath.isEmpty()) {
      throw new EmbeddedStackException("Classpath file " + output + " is empty");
    }
    return classpath;
  }

  private static boolean allEntriesExist(String classpath) {
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.isEmpty() && !Files.exists(Path.of(entry))) {
        return false;
      }
    }
    return true;
  }

  /** Runs Maven into a temporary file, then moves it into place so that readers never see half a file. */
  private static void runMaven(Path pom, Path output) throws IOException {
    Files.createDirectories(output.getParent());
    Path temporary = output.resolveSibling("classpath.txt.tmp-" + ProcessHandle.current().pid());
    Path mavenLog = output.resolveSibling("build-classpath.log");
    List<String> command = new ArrayList<>();
    command.add(findMaven());
    command.add("-q");
    command.add("-B");
    command.add("-f");
    command.add(pom.toString());
    command.add("dependency:build-classpath");
    command.add("-Dmdep.outputFile=" + temporary);
    String commandText = String.join(" ", command);

    LOG.info("Resolving child classpath: {}", commandText);
    long started = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(mavenLog.toFile())
            .start();
    boolean finished;
    try {
      finished = process.waitFor(MAVEN_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new EmbeddedStackException("Interrupted while running: " + commandText, e);
    }
    if (!finished) {
      process.destroyForcibly();
      throw new EmbeddedStackException(
          "Timed out after "
              + MAVEN_TIMEOUT_MINUTES
              + " min running: "
              + commandText
              + "\n"
              + LogTail.read(mavenLog));
    }
    if (process.exitValue() != 0 || !Files.isRegularFile(temporary)) {
      Files.deleteIfExists(temporary);
      throw new EmbeddedStackException(
          "Failed to resolve the child classpath (exit code "
              + process.exitValue()
              + "); run this command to see why: "
              + commandText
              + "\n"
              + LogTail.read(mavenLog));
    }
    Files.move(temporary, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    LOG.info(
        "Resolved child classpath {} in {} ms",
        output,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /** Returns the path of {@code mvn} from PATH. */
  private static String findMaven() {
    String path = System.getenv("PATH");
    boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    List<String> names = windows ? List.of("mvn.cmd", "mvn.bat", "mvn") : List.of("mvn");
    if (path != null) {
      for (String directory : path.split(File.pathSeparator)) {
        for (String name : names) {
          Path candidate = Path.of(directory).resolve(name);
          if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
            return candidate.toString();
          }
        }
      }
    }
    throw new EmbeddedStackException(
        "Maven (mvn) was not found on PATH; install Maven 3.9 or newer, which is needed to resolve"
            + " the embedded Cassandra and Kafka classpaths");
  }
}
