package io.cenotoo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cenotoo.config.Role;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The number of query owner instances a node deploys. */
class DeploymentTest {

  @Test
  void queryInstancesWithApiAreEventLoops() {
    assertEquals(4, Deployment.queryInstances(0, EnumSet.of(Role.API, Role.QUERY), 4));
  }

  @Test
  void queryInstancesWithoutApiAreOne() {
    assertEquals(1, Deployment.queryInstances(0, EnumSet.of(Role.QUERY, Role.STATS), 4));
  }

  @Test
  void queryInstancesFollowSetting() {
    assertEquals(2, Deployment.queryInstances(2, EnumSet.of(Role.API, Role.QUERY), 32));
    assertEquals(3, Deployment.queryInstances(3, EnumSet.of(Role.QUERY), 32));
  }
}
