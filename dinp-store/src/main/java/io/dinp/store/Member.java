package io.dinp.store;

import io.dinp.model.access.Role;
import java.time.Instant;

/** One user's membership of a team. */
public record Member(String user, Role role, Instant since) {
}
