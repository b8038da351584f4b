package io.cenotoo.http;

import io.cenotoo.admin.KeyType;

/**
 * Access rule of an operation. Organization members are users of the served organization with a
 * valid access token; the superadmin passes every member check. API keys are accepted only when
 * {@link #minimumKey} is set, for the project in the path, and with at least that key type.
 * {@link #ANY_USER} accepts an access token of a user of any organization; the owner then decides
 * which users the caller may act on.
 */
public enum Access {
  PUBLIC(false, false, null),
  SUPERADMIN(false, true, null),
  ANY_USER(true, true, null),
  MEMBER(true, true, null),
  MEMBER_OR_READ_KEY(true, true, KeyType.READ),
  MEMBER_OR_WRITE_KEY(true, true, KeyType.WRITE),
  MEMBER_OR_MASTER_KEY(true, true, KeyType.MASTER);

  private final boolean members;
  private final boolean superadmin;
  private final KeyType minimumKey;

  Access(boolean members, boolean superadmin, KeyType minimumKey) {
    this.members = members;
    this.superadmin = superadmin;
    this.minimumKey = minimumKey;
  }

  public boolean allowsMembers() {
    return members;
  }

  /** Returns true when users of organizations other than the served one may call the operation. */
  public boolean allowsAnyOrganization() {
    return this == ANY_USER;
  }

  public boolean allowsSuperadmin() {
    return superadmin;
  }

  /** Returns the weakest key type accepted, or null when API keys are not accepted. */
  public KeyType minimumKey() {
    return minimumKey;
  }
}
