package io.dinp.dash.metrics;

/**
 * One app at one moment: its traffic over the last interval (null fields: not known, e.g. the
 * first sample or no router to read) and its instance counts (null: the controller did not answer).
 *
 * @param at       epoch milliseconds
 * @param rps      requests per second through the routers
 * @param errorRps of those, answered 5xx
 * @param p50Ms    median duration, estimated from the routers' histograms
 * @param p99Ms    99th percentile duration, likewise
 */
record AppSample(long at, Double rps, Double errorRps, Double p50Ms, Double p99Ms, Integer desired, Integer running,
                 Integer total) {
}
