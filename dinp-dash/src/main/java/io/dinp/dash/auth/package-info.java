/**
 * Who is calling: passwords (Argon2id), the throttle on guessing them, browser sessions and their
 * CSRF tokens, and the resolution of every request's {@link io.dinp.model.access.Caller}.
 */
package io.dinp.dash.auth;
