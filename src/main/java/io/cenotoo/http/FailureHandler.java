package io.cenotoo.http;

import io.cenotoo.error.ApiException;
import io.cenotoo.error.FieldError;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler: turns every failure of a route, a contract check, a security handler or
 * an owner reply into problem details. 5xx bodies never carry the cause; the log line does, with
 * the request id.
 */
final class FailureHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);
  static final String RETRY_AFTER_SECONDS = "5";

  private final long maxBodyBytes;

  FailureHandler(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status = ctx.statusCode();

    if (failure instanceof ApiException api) {
      Problems.write(ctx, api.status(), api.getMessage(), api.errors());
    } else if (failure instanceof ReplyException reply) {
      writeReplyFailure(ctx, reply);
    } else if (failure instanceof HttpException http && http.getCause() instanceof ValidatorException invalid) {
      writeContractViolation(ctx, invalid);
    } else if (failure instanceof DecodeException decode) {
      Problems.write(ctx, 400, "The request body is not valid JSON: " + decode.getMessage(), List.of());
    } else {
      writeStatus(ctx, status > 0 ? status : failureStatus(failure), failure);
    }
  }

  private void writeStatus(RoutingContext ctx, int status, Throwable failure) {
    switch (status) {
      case 401 -> {
        Problems.write(ctx, 401, "Missing, invalid or expired credentials; send 'Authorization: Bearer "
            + "<access token>' from POST /api/v1/token, or 'X-API-Key: <project key>' where the operation accepts keys.",
            List.of());
      }
      case 403 -> Problems.write(ctx, 403, "These credentials do not allow this operation.", List.of());
      case 404 -> Problems.write(ctx, 404, "No operation exists at " + ctx.request().method() + " "
          + ctx.request().path() + "; see /openapi.yaml for the operations.", List.of());
      case 405 -> Problems.write(ctx, 405, "Method " + ctx.request().method() + " is not allowed at "
          + ctx.request().path() + "; see /openapi.yaml for the operations.", List.of());
      case 413 -> Problems.write(ctx, 413, "The request body exceeds the limit of " + maxBodyBytes
          + " bytes; send fewer records per request.", List.of());
      case 415 -> Problems.write(ctx, 415, "Unsupported Content-Type; send application/json.", List.of());
      default -> {
        if (status >= 500 || status < 400) {
          LOG.error("Request failed [request: {}, path: {}]", RequestLog.requestId(ctx), ctx.request().path(), failure);
          Problems.write(ctx, 500, "The server failed to process the request; retry later or report the request id.",
              List.of());
        } else {
          String detail = failure != null && failure.getMessage() != null ? failure.getMessage() : "Invalid request.";
          Problems.write(ctx, status, detail, List.of());
        }
      }
    }
  }

  private static int failureStatus(Throwable failure) {
    return failure instanceof HttpException http ? http.getStatusCode() : 500;
  }

  private void writeReplyFailure(RoutingContext ctx, ReplyException reply) {
    if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
      LOG.warn("No owner registered [request: {}, path: {}]", RequestLog.requestId(ctx), ctx.request().path());
      unavailable(ctx, "No node currently serves this operation; retry later.");
      return;
    }
    if (reply.failureType() == ReplyFailure.TIMEOUT) {
      LOG.warn("Owner timed out [request: {}, path: {}]", RequestLog.requestId(ctx), ctx.request().path());
      unavailable(ctx, "The operation timed out inside the service; retry later.");
      return;
    }
    int status = reply.failureCode() >= 400 && reply.failureCode() < 600 ? reply.failureCode() : 500;
    JsonObject body = decodeReply(reply.getMessage());
    List<FieldError> errors = new ArrayList<>();
    JsonArray list = body.getJsonArray("errors", new JsonArray());
    for (int i = 0; i < list.size(); i++) {
      errors.add(FieldError.fromJson(list.getJsonObject(i)));
    }
    if (status == 503) {
      ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
    }
    Problems.write(ctx, status, body.getString("detail", "The operation failed."), errors);
  }

  private static JsonObject decodeReply(String message) {
    try {
      return message == null ? new JsonObject() : new JsonObject(message);
    } catch (DecodeException e) {
      return new JsonObject().put("detail", message);
    }
  }

  private static void unavailable(RoutingContext ctx, String detail) {
    ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
    Problems.write(ctx, 503, detail, List.of());
  }

  private static void writeContractViolation(RoutingContext ctx, ValidatorException invalid) {
    List<FieldError> errors = new ArrayList<>();
    String parameter = fieldOf(invalid.getMessage());
    if (invalid instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      collect(schema.getOutputUnit(), errors);
    }
    if (errors.isEmpty()) {
      errors.add(new FieldError(parameter, invalid.getMessage()));
    }
    if (!parameter.isEmpty()) {
      errors.replaceAll(error -> error.field().isEmpty() ? new FieldError(parameter, error.message()) : error);
    }
    int status = invalid instanceof SchemaValidationException && invalid.getMessage().contains("body") ? 422 : 400;
    Problems.write(ctx, status, "The request does not match the API contract: " + invalid.getMessage(), errors);
  }

  private static void collect(OutputUnit unit, List<FieldError> errors) {
    if (unit.getErrors() != null && !unit.getErrors().isEmpty()) {
      unit.getErrors().forEach(child -> collect(child, errors));
      return;
    }
    if (unit.getError() != null) {
      String location = unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation();
      String field = location.replaceFirst("^#?/?", "").replace('/', '.');
      errors.add(new FieldError(field, unit.getError()));
    }
  }

  /** Extracts the parameter name from messages such as "... of path parameter project_id ...". */
  private static String fieldOf(String message) {
    if (message == null) {
      return "";
    }
    java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("parameter (\\S+)").matcher(message);
    return matcher.find() ? matcher.group(1) : "";
  }
}
