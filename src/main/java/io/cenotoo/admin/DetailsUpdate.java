package io.cenotoo.admin;

import com.datastax.oss.driver.api.core.cql.Row;
import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The body of an update of an organization, project or collection. A field that is absent keeps
 * its stored value; {@code null} clears it, and so does an empty tag list.
 *
 * <p>NOTE: an update writes both fields, the absent one with the value read just before, so two
 * concurrent updates of different fields of the same row can lose one of them.
 */
record DetailsUpdate(boolean hasDescription, String description, boolean hasTags, List<String> tags) {

  /** Reads the body, or throws 422 when it names neither field. */
  static DetailsUpdate parse(JsonObject body) {
    boolean hasDescription = body.containsKey("description");
    boolean hasTags = body.containsKey("tags");
    if (!hasDescription && !hasTags) {
      throw ApiException.invalid("The update is empty; send description, tags or both.",
          List.of(new FieldError("", "Send at least one of description and tags; null clears a field.")));
    }
    JsonArray tags = body.getJsonArray("tags");
    return new DetailsUpdate(hasDescription, body.getString("description"), hasTags,
        ProjectOperations.stringList(tags));
  }

  /** Returns the description to store: the new one when sent, else the stored one. */
  String descriptionOver(Row stored) {
    return hasDescription ? description : stored.getString("description");
  }

  /** Returns the tags to store: the new ones when sent, else the stored ones. */
  List<String> tagsOver(Row stored) {
    if (hasTags) {
      return tags;
    }
    List<String> current = stored.getList("tags", String.class);
    return current == null ? List.of() : current;
  }
}
