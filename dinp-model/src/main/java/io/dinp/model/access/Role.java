package io.dinp.model.access;

import java.util.Locale;
import java.util.Optional;

/** A member's role in a team: owners also manage the team's membership. */
public enum Role {
    OWNER,
    MEMBER;

    /** The name used in JSON and SQL: {@code owner} or {@code member}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code id} exactly (lower case), or empty. */
    public static Optional<Role> of(String id) {
        for (Role r : values()) {
            if (r.id().equals(id)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id();
    }
}
