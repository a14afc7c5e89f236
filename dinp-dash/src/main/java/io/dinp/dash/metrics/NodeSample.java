package io.dinp.dash.metrics;

/**
 * One node at one moment: its memory for apps, how much of it instances reserve, how many it runs.
 *
 * @param at epoch milliseconds
 */
record NodeSample(long at, int memoryMb, int allocatedMb, int instances, boolean up) {
}
