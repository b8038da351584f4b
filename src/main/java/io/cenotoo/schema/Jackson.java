package io.cenotoo.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;

/**
 * The Jackson factory of the Kafka record values: the ingest encoders write them and the sink's
 * decoder reads them.
 *
 * <p>It parses and writes doubles with Jackson's fast algorithms instead of the JDK's
 * {@code Double.parseDouble} and {@code Double.toString}, which took about 40% of the samples in a
 * profile of encoding a batch of flights with one float each. Parsing gives the same double as {@code Double.parseDouble}. Writing
 * gives the shortest text that parses back to the same double; Java 17's {@code Double.toString}
 * sometimes writes a digit more, such as {@code 8.0214504712855603E17} for
 * {@code 8.02145047128556E17}. Responses keep the JDK's form, which Vert.x's JSON writes elsewhere in
 * the API. Other settings are Jackson's defaults.
 */
public final class Jackson {

  public static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
      .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .build();

  private Jackson() {
  }
}
