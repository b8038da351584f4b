package io.cenotoo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A one-line description of the machine from Linux {@code /proc}. */
final class Machine {

  private Machine() {
  }

  static String describe() {
    String cpu = field("/proc/cpuinfo", "model name");
    String memory = field("/proc/meminfo", "MemTotal");
    String load = read("/proc/loadavg");
    long memoryKb = memory.isEmpty() ? 0 : Long.parseLong(memory.replace("kB", "").trim());
    return Report.format("%d cores (%s), %.1f GiB memory, load average at start %s",
        Runtime.getRuntime().availableProcessors(), cpu.isEmpty() ? "unknown CPU" : cpu, memoryKb / 1048576.0,
        load.isEmpty() ? "unknown" : String.join(" ", List.of(load.split(" ")).subList(0, 3)));
  }

  private static String field(String file, String name) {
    for (String line : read(file).split("\n")) {
      if (line.startsWith(name)) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "";
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file)).trim();
    } catch (IOException e) {
      return "";
    }
  }
}
