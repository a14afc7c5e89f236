/**
 * The image registry as DINP uses it: push a built image as {@code <registry>/<app>:<version>},
 * pull it on a node, and list, resolve and delete tags through the registry's HTTP API.
 * Credentials always travel with each call (Engine API auth header, HTTP basic auth);
 * nothing is written to {@code ~/.docker} and no password is ever logged.
 */
package io.dinp.registry;
