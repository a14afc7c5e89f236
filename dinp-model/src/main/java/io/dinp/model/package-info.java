/**
 * The DINP domain: apps, instances, nodes, assignments and routes. No dependencies, no I/O.
 */
package io.dinp.model;
