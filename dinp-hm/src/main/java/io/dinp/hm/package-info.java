/**
 * The health monitor's decisions: check settings, the per-instance health state machine,
 * replacement and restart backoff, and how several hm processes split the instances. Everything
 * here is pure: the time is passed in, nothing reads a clock, opens a socket or starts a thread.
 */
package io.dinp.hm;
