/**
 * Who is calling and what they may do: the caller, team roles, and the authorization decisions
 * as pure functions over a caller and a resource. No I/O; the HTTP side asks, never decides.
 */
package io.dinp.model.access;
