package io.cenotoo.filter;

import io.cenotoo.schema.FieldType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A parsed filter of get_data or statistics, evaluated in Java against the typed values of one
 * record. Values are those the Cassandra driver returns for the column type: String, Long, Double,
 * Boolean, LocalDate, Instant, or a List of them. A record whose field is null matches only
 * {@code ne} and {@code not_contains}.
 */
public sealed interface Filter {

  /** Returns whether the record matches; {@code values} maps a property name to its typed value. */
  boolean test(Function<String, Object> values);

  /** Returns the names of the properties that the filter compares, so a reader can select only those. */
  default Set<String> properties() {
    Set<String> names = new LinkedHashSet<>();
    collect(this, names);
    return names;
  }

  private static void collect(Filter filter, Set<String> names) {
    if (filter instanceof Condition condition) {
      names.add(condition.property());
    } else if (filter instanceof AllOf all) {
      all.filters().forEach(f -> collect(f, names));
    } else if (filter instanceof AnyOf any) {
      any.filters().forEach(f -> collect(f, names));
    }
  }

  /** Every condition must match; an empty list matches every record. */
  record AllOf(List<Filter> filters) implements Filter {
    @Override
    public boolean test(Function<String, Object> values) {
      for (Filter filter : filters) {
        if (!filter.test(values)) {
          return false;
        }
      }
      return true;
    }
  }

  /** At least one operand must match. */
  record AnyOf(List<Filter> filters) implements Filter {
    @Override
    public boolean test(Function<String, Object> values) {
      for (Filter filter : filters) {
        if (filter.test(values)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * One comparison. {@code operand} has the Java type of the property's values; for {@code in} it
   * is a list of such values, and for {@code contains} on a list property it is one element.
   */
  record Condition(String property, FieldType type, boolean list, Operator operator, Object operand)
      implements Filter {

    @Override
    public boolean test(Function<String, Object> values) {
      Object value = values.apply(property);
      return switch (operator) {
        case EQ -> value != null && value.equals(operand);
        case NE -> value == null || !value.equals(operand);
        case LT -> value != null && compare(value) < 0;
        case LTE -> value != null && compare(value) <= 0;
        case GT -> value != null && compare(value) > 0;
        case GTE -> value != null && compare(value) >= 0;
        case IN -> value != null && ((List<?>) operand).contains(value);
        case CONTAINS -> value != null && contains(value);
        case NOT_CONTAINS -> value == null || !contains(value);
      };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private int compare(Object value) {
      return ((Comparable) value).compareTo(operand);
    }

    private boolean contains(Object value) {
      if (value instanceof List<?> elements) {
        return elements.contains(operand);
      }
      return ((String) value).contains((String) operand);
    }
  }
}
