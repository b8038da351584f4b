package io.cenotoo.bench;

/**
 * Slot for the statistics scenario: {@code avg} of {@code delay} per day per origin over the 20,000
 * flights of {@code flights-20k.json} (key = origin, timestamp = departure read as UTC) and over the
 * 200,000 rows of the storage collection, against a raw driver read of the same rows with the
 * average computed in the benchmark.
 *
 * <p>It runs only when the node's contract has a {@code statistics} operation; otherwise
 * {@link #skipReason} returns why it was skipped.
 */
final class StatisticsBench {

  private StatisticsBench() {
  }

  /** Returns why the scenario cannot run against this node, or null when it can. */
  static String skipReason(String contract) {
    if (!contract.contains("operationId: statistics")) {
      return "the node's /openapi.yaml has no statistics operation";
    }
    // TODO: measure the statistics endpoint here once its request and response shapes are in the
    // contract. The operation exists but this scenario has no requests for it yet.
    return "the statistics scenario has no requests for the statistics operation yet";
  }
}
