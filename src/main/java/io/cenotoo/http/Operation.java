package io.cenotoo.http;

import io.cenotoo.bus.Address;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every operation of the contract, by operationId, with the owner address that serves it and who
 * may call it. This table is the access policy; a test checks that it covers the contract.
 * Operations with a null address are answered by the HTTP verticle itself.
 */
public enum Operation {
  HEALTH("health", null, Access.PUBLIC),
  READY("ready", null, Access.PUBLIC),
  LOGIN("login", Address.ADMIN_LOGIN, Access.PUBLIC),
  GET_ORGANIZATION("getOrganization", Address.ADMIN_GET_ORGANIZATION, Access.MEMBER),
  CREATE_PROJECT("createProject", Address.ADMIN_CREATE_PROJECT, Access.MEMBER),
  LIST_PROJECTS("listProjects", Address.ADMIN_LIST_PROJECTS, Access.MEMBER),
  GET_PROJECT("getProject", Address.ADMIN_GET_PROJECT, Access.MEMBER_OR_READ_KEY),
  CREATE_PROJECT_KEY("createProjectKey", Address.ADMIN_CREATE_KEY, Access.MEMBER),
  LIST_PROJECT_KEYS("listProjectKeys", Address.ADMIN_LIST_KEYS, Access.MEMBER),
  CREATE_COLLECTION("createCollection", Address.ADMIN_CREATE_COLLECTION, Access.MEMBER_OR_MASTER_KEY),
  LIST_COLLECTIONS("listCollections", Address.ADMIN_LIST_COLLECTIONS, Access.MEMBER_OR_READ_KEY),
  GET_COLLECTION("getCollection", Address.ADMIN_GET_COLLECTION, Access.MEMBER_OR_READ_KEY),
  SEND_DATA("sendData", Address.INGEST_SEND_DATA, Access.MEMBER_OR_WRITE_KEY),
  GET_DATA("getData", Address.QUERY_GET_DATA, Access.MEMBER_OR_READ_KEY),
  GET_STATISTICS("getStatistics", Address.STATS_STATISTICS, Access.MEMBER_OR_READ_KEY),
  DELETE_DATA("deleteData", Address.QUERY_DELETE_DATA, Access.MEMBER_OR_MASTER_KEY);

  private static final Map<String, Operation> BY_ID =
      Arrays.stream(values()).collect(Collectors.toMap(Operation::id, Function.identity()));

  private final String id;
  private final String address;
  private final Access access;

  Operation(String id, String address, Access access) {
    this.id = id;
    this.address = address;
    this.access = access;
  }

  public String id() {
    return id;
  }

  public String address() {
    return address;
  }

  public Access access() {
    return access;
  }

  /** Returns the operation with that operationId, or null. */
  public static Operation byId(String operationId) {
    return BY_ID.get(operationId);
  }
}
