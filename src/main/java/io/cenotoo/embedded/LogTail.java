package io.cenotoo.embedded;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the end of a child's log file for error messages. */
final class LogTail {

  static final int DEFAULT_LINES = 40;

  /** Bytes read from the end of the file, enough for 40 typical log lines. */
  private static final int MAX_TAIL_BYTES = 64 * 1024;

  private LogTail() {}

  /** Returns a header naming the file followed by its last 40 lines, or a note if it cannot be read. */
  static String read(Path file) {
    return read(file, DEFAULT_LINES);
  }

  static String read(Path file, int lines) {
    if (!Files.isRegularFile(file)) {
      return "(log file " + file + " does not exist)";
    }
    String text;
    try (RandomAccessFile input = new RandomAccessFile(file.toFile(), "r")) {
      long length = input.length();
      int size = (int) Math.min(length, MAX_TAIL_BYTES);
      byte[] bytes = new byte[size];
      input.seek(length - size);
      input.readFully(bytes);
      // Decoding replaces malformed bytes, such as a character cut at the start of the window.
      text = new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(failed to read log file " + file + ": " + e + ")";
    }
    List<String> all = text.lines().toList();
    List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
    return "--- last " + tail.size() + " lines of " + file + " ---\n" + String.join("\n", tail);
  }
}
