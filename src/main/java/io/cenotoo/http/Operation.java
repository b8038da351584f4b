package io.cenotoo.http;

import io.cenotoo.bus.Address;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every operation of the contract, by operationId, with the owner address that serves it and who
 * may call it. This table is the access policy; a test checks that it covers the contract.
 * Operations with a null address are handled by the HTTP verticle itself.
 */
public enum Operation {
  HEALTH("health", null, Access.PUBLIC),
  READY("ready", null, Access.PUBLIC),
  LOGIN("login", Address.ADMIN_LOGIN, Access.PUBLIC),
  REFRESH_TOKEN("refreshToken", Address.ADMIN_REFRESH_TOKEN, Access.PUBLIC),
  REVOKE_TOKEN("revokeToken", Address.ADMIN_REVOKE_TOKEN, Access.PUBLIC),
  CREATE_ORGANIZATION("createOrganization", Address.ADMIN_CREATE_ORGANIZATION, Access.SUPERADMIN),
  LIST_ORGANIZATIONS("listOrganizations", Address.ADMIN_LIST_ORGANIZATIONS, Access.SUPERADMIN),
  GET_ORGANIZATION("getOrganization", Address.ADMIN_GET_ORGANIZATION, Access.MEMBER),
  UPDATE_ORGANIZATION("updateOrganization", Address.ADMIN_UPDATE_ORGANIZATION, Access.MEMBER),
  DELETE_ORGANIZATION("deleteOrganization", Address.ADMIN_DELETE_ORGANIZATION, Access.SUPERADMIN),
  CREATE_USER("createUser", Address.ADMIN_CREATE_USER, Access.SUPERADMIN),
  LIST_USERS("listUsers", Address.ADMIN_LIST_USERS, Access.SUPERADMIN),
  UPDATE_USER_PASSWORD("updateUserPassword", Address.ADMIN_UPDATE_PASSWORD, Access.ANY_USER),
  DELETE_USER("deleteUser", Address.ADMIN_DELETE_USER, Access.ANY_USER),
  CREATE_PROJECT("createProject", Address.ADMIN_CREATE_PROJECT, Access.MEMBER),
  LIST_PROJECTS("listProjects", Address.ADMIN_LIST_PROJECTS, Access.MEMBER),
  GET_PROJECT("getProject", Address.ADMIN_GET_PROJECT, Access.MEMBER_OR_READ_KEY),
  UPDATE_PROJECT("updateProject", Address.ADMIN_UPDATE_PROJECT, Access.MEMBER),
  DELETE_PROJECT("deleteProject", Address.ADMIN_DELETE_PROJECT, Access.MEMBER),
  CREATE_PROJECT_KEY("createProjectKey", Address.ADMIN_CREATE_KEY, Access.MEMBER),
  LIST_PROJECT_KEYS("listProjectKeys", Address.ADMIN_LIST_KEYS, Access.MEMBER),
  REGENERATE_PROJECT_KEY("regenerateProjectKey", Address.ADMIN_REGENERATE_KEY, Access.MEMBER),
  DELETE_PROJECT_KEYS("deleteProjectKeys", Address.ADMIN_DELETE_KEYS, Access.MEMBER),
  DELETE_PROJECT_KEY("deleteProjectKey", Address.ADMIN_DELETE_KEY, Access.MEMBER),
  CREATE_COLLECTION("createCollection", Address.ADMIN_CREATE_COLLECTION, Access.MEMBER_OR_MASTER_KEY),
  LIST_COLLECTIONS("listCollections", Address.ADMIN_LIST_COLLECTIONS, Access.MEMBER_OR_READ_KEY),
  GET_COLLECTION("getCollection", Address.ADMIN_GET_COLLECTION, Access.MEMBER_OR_READ_KEY),
  UPDATE_COLLECTION("updateCollection", Address.ADMIN_UPDATE_COLLECTION, Access.MEMBER_OR_MASTER_KEY),
  DELETE_COLLECTION("deleteCollection", Address.ADMIN_DELETE_COLLECTION, Access.MEMBER_OR_MASTER_KEY),
  GET_KEY_STATS("getKeyStats", Address.ADMIN_KEY_STATS, Access.MEMBER_OR_READ_KEY),
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
