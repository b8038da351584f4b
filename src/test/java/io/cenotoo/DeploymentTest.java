package io.cenotoo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cenotoo.config.Role;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The number of query owner instances a node deploys. */
class DeploymentTest {

  @Test
  void ownersWithApiAreEventLoops() {
    assertEquals(4, Deployment.ownerInstances(0, EnumSet.of(Role.API, Role.QUERY), 4));
  }

  @Test
  void ownersWithoutApiAreOne() {
    assertEquals(1, Deployment.ownerInstances(0, EnumSet.of(Role.QUERY, Role.STATS), 4));
  }

  @Test
  void ownerInstancesFollowSetting() {
    assertEquals(2, Deployment.ownerInstances(2, EnumSet.of(Role.API, Role.QUERY), 32));
    assertEquals(3, Deployment.ownerInstances(3, EnumSet.of(Role.QUERY), 32));
  }
}
