/**
 * The agent: one per Docker host. It reports its node's DINP containers to the server and
 * converges the local Docker to the node's assignment.
 *
 * <pre>
 *  server ──assignment──> AssignmentWatcher ─┐
 *                                            ├─> Agent.cycle: observe → report → Converger → apply
 *  Docker events ──> DockerEventWatcher ─────┘        (ReportLoop: heartbeat + triggers, one thread)
 * </pre>
 *
 * Glossary: <em>observed</em> = DINP containers of this node as Docker lists them;
 * <em>started</em> = instance ids this agent process began to create (never created twice);
 * <em>GONE</em> = started here, container no longer there.
 */
package io.dinp.agent;
