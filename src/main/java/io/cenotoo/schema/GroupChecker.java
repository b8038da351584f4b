package io.cenotoo.schema;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a nested group of fields: the value must be null or a JSON object that has every
 * declared member, possibly null, and no other member.
 */
class GroupChecker extends FieldChecker {

  private final FieldChecker[] members;
  private final Map<String, FieldChecker> membersByName;
  private final Map<String, String> namesByLowerCase;

  GroupChecker(String name, String path, int index, List<SchemaNode> children) {
    super(name, path, index);
    members = new FieldChecker[children.size()];
    membersByName = new HashMap<>();
    namesByLowerCase = new HashMap<>();
    for (int i = 0; i < members.length; i++) {
      FieldChecker member = compile(children.get(i), i);
      members[i] = member;
      membersByName.put(member.name, member);
      namesByLowerCase.put(member.name.toLowerCase(Locale.ROOT), member.name);
    }
  }

  private static FieldChecker compile(SchemaNode node, int index) {
    if (node instanceof SchemaNode.Group group) {
      return new GroupChecker(group.name(), group.path(), index, group.children());
    }
    Column column = ((SchemaNode.Leaf) node).column();
    if (column.list()) {
      return new ListChecker(node.name(), node.path(), index, column);
    }
    return new ScalarChecker(node.name(), node.path(), index, column);
  }

  @Override
  void check(Object value, Map<String, Object> values, Problems problems) {
    if (value == null) {
      return;
    }
    JsonObject object = JsonValues.asObject(value);
    if (object == null) {
      problems.add(path, "Field '" + path + "' must be a JSON object with the fields "
          + String.join(", ", Arrays.stream(members).map(member -> member.name).toList()) + "; got "
          + JsonValues.describe(value) + ".");
      return;
    }
    checkMembers(object.getMap(), values, problems);
  }

  /** Checks each member the record sent, then reports the declared members it left out. */
  final void checkMembers(Map<String, Object> sent, Map<String, Object> values, Problems problems) {
    boolean[] present = new boolean[members.length];
    for (Map.Entry<String, Object> entry : sent.entrySet()) {
      String name = entry.getKey();
      if (checkServiceField(name, entry.getValue(), values, problems)) {
        continue;
      }
      FieldChecker member = membersByName.get(name);
      if (member == null) {
        problems.add(childPath(name), unknownFieldMessage(name));
        continue;
      }
      present[member.index] = true;
      member.check(entry.getValue(), values, problems);
    }
    for (int i = 0; i < members.length; i++) {
      if (!present[i]) {
        problems.add(members[i].path, "Missing required field '" + members[i].path
            + "'; send null if it has no value.");
      }
    }
  }

  /**
   * Handles a member that the service defines rather than the schema, returning true when the
   * member was such a field. Nested groups have none.
   */
  boolean checkServiceField(String name, Object value, Map<String, Object> values,
      Problems problems) {
    return false;
  }

  String unknownFieldMessage(String name) {
    String message = "Unknown field '" + childPath(name)
        + "'; the collection schema has no such field.";
    String sameLetters = namesByLowerCase.get(name.toLowerCase(Locale.ROOT));
    if (sameLetters != null) {
      message += " Field names are case-sensitive; did you mean '" + sameLetters + "'?";
    }
    return message;
  }

  private String childPath(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
