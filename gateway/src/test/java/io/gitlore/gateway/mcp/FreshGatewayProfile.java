package io.gitlore.gateway.mcp;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Gives the MCP and dashboard tests one gateway of their own, with fresh test resources (broker and stage
 * stand-ins), whichever order the classes run in: {@code StageProxyTest} takes the shared stand-in down at its end,
 * and Quarkus runs the tests of one profile together, so this costs one restart.
 */
public class FreshGatewayProfile implements QuarkusTestProfile {
}
