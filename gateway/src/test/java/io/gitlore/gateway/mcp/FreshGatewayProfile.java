package io.gitlore.gateway.mcp;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Gives the MCP and dashboard tests a gateway of their own, with fresh test resources (broker and stage stand-ins):
 * {@code StageProxyTest} takes the shared stand-in down at its end, and Quarkus runs the tests of one profile
 * together, so these start once, after it.
 */
public class FreshGatewayProfile implements QuarkusTestProfile {
}
