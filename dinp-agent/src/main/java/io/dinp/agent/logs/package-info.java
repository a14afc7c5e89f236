/**
 * Instance logs on a node: read live from Docker's logs API with bounded queues, kept in files
 * for a while after an instance's container is removed, served to dash.
 *
 * <pre>
 *  Docker logs API ──ContainerLogReader──> EventQueue (one per container) ─┐
 *  archive files (removed instances) ──────────────────────────────────────┼─ AppLogStream ─> LogSink
 *                                                                           │   (LogMerge)     (dash, or
 *  ContainerRemover: stop ──ContainerLogArchiver──> LogArchive ── remove    │                   AgentLogApi)
 * </pre>
 */
package io.dinp.agent.logs;
