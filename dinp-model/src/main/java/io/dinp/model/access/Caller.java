package io.dinp.model.access;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Who makes a request, resolved once per request: the user, whether they are a site admin, their
 * teams with their role in each, and how they authenticated.
 */
public record Caller(String user, boolean admin, Map<String, Role> teams, AuthMethod via) {
    public Caller {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(via, "via");
        // sorted, so listings and error messages come out the same every time
        teams = Collections.unmodifiableSortedMap(new TreeMap<>(teams));
    }

    /** The components of the cluster calling the internal API with the join token. */
    public static Caller cluster() {
        return new Caller("cluster", false, Map.of(), AuthMethod.CLUSTER);
    }

    public boolean memberOf(String team) {
        return team != null && teams.containsKey(team);
    }

    public Optional<Role> roleIn(String team) {
        return Optional.ofNullable(team == null ? null : teams.get(team));
    }
}
