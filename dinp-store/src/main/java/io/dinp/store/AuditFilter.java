package io.dinp.store;

import java.util.Set;

/**
 * Which entries of the audit log a reader gets.
 *
 * @param all every entry (site admins)
 * @param app only this app's entries (with {@code teams} its team: a deleted app's name reused by
 *            another team does not show the old team's history)
 * @param teams entries of these teams
 * @param actor also the entries about no team and no app that this user caused (their tokens)
 */
public record AuditFilter(boolean all, String app, Set<String> teams, String actor) {
    public AuditFilter {
        teams = Set.copyOf(teams);
    }

    public static AuditFilter everything() {
        return new AuditFilter(true, null, Set.of(), null);
    }

    public static AuditFilter ofApp(String app, String team) {
        return new AuditFilter(false, app, Set.of(team), null);
    }

    public static AuditFilter visibleTo(Set<String> teams, String user) {
        return new AuditFilter(false, null, teams, user);
    }
}
