/**
 * The {@code dinp} client commands: everything a user does with DINP, through the public REST
 * API only (no other DINP module is on this module's class path). {@link CliCommands} lists
 * them for the launcher; {@link CliContext} is what they see of the world (environment, streams,
 * terminal), so tests can give them another.
 */
package io.dinp.cli;
