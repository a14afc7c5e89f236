/**
 * Test helpers shared by several modules: small Docker images built locally and a CLI wrapper.
 */
package io.dinp.testkit;
