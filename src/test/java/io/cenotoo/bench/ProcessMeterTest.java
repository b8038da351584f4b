package io.cenotoo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessMeterTest {

  @Test
  void compilerSecondsSumThreadDeltas() {
    Map<String, Double> before = Map.of("11", 1.0, "12", 2.0);
    Map<String, Double> after = Map.of("11", 1.5, "12", 2.25);

    assertEquals(0.75, ProcessMeter.compilerSecondsBetween(before, after), 1e-9);
  }

  @Test
  void compilerSecondsCountNewThreadsWhole() {
    Map<String, Double> before = Map.of("11", 1.0);
    Map<String, Double> after = Map.of("11", 1.0, "13", 0.4);

    assertEquals(0.4, ProcessMeter.compilerSecondsBetween(before, after), 1e-9);
  }

  @Test
  void compilerSecondsSkipEndedThreads() {
    Map<String, Double> before = Map.of("11", 1.0, "12", 5.0);
    Map<String, Double> after = Map.of("11", 1.25);

    assertEquals(0.25, ProcessMeter.compilerSecondsBetween(before, after), 1e-9);
  }

  /** HotSpot keeps one C1 and one C2 compiler thread even when idle, so the test's own JVM has some. */
  @Test
  void ownCompilerThreadsAreFound() {
    ProcessMeter meter = new ProcessMeter(ProcessHandle.current().pid());

    Map<String, Double> seconds = meter.compilerCpuSeconds();

    assertFalse(seconds.isEmpty());
    assertTrue(seconds.values().stream().allMatch(value -> value >= 0));
  }
}
