package io.dinp.model;

/** Where an instance stands with its health checks, as the server keeps it. */
public enum HealthPhase {
    /** Not yet passed a check: gets no traffic; within its start-up grace it is never killed. */
    STARTING,
    /** Passed its checks: routable. */
    HEALTHY,
    /** Failed its checks: out of the routes, replaced once it stays so past a limit. */
    UNHEALTHY
}
