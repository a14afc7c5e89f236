/**
 * The health monitor. Its decisions are pure: check evaluation, the per-instance health state
 * machine, check scheduling, and how several hm processes split
 * the instances; there the time is passed in, nothing reads a clock, opens a socket or starts a
 * thread. Two pieces do I/O: {@link io.dinp.hm.HealthChecker} runs the HTTP checks on a Netty
 * event loop and feeds their results to those decisions, and {@link io.dinp.hm.HmNode} gets its
 * share of the instances from the server and sends the transitions back.
 */
package io.dinp.hm;
