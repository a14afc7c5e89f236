/**
 * Log streams between components: bounded queues that drop and count when their reader falls
 * behind (or make the writer wait, for history), a round-robin merge of many queues into one
 * stream, and the newline-delimited JSON they travel as.
 */
package io.dinp.common.logs;
