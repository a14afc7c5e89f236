package io.dinp.model.access;

import io.dinp.model.FieldError;
import java.util.Optional;

/**
 * Every authorization decision of the public API, as pure functions of the caller and the
 * resource. Site admins may do everything; others act within their teams. Callers that may not
 * see a resource must not learn that it exists: the HTTP side answers those with the same 404 as
 * for a missing one.
 */
public final class Access {
    private Access() {
    }

    /** An app (its builds, releases, domains, events) is seen and changed by its team's members. */
    public static boolean canUseApp(Caller c, String appTeam) {
        return c.admin() || c.memberOf(appTeam);
    }

    /** A team (its members, its audit entries) is seen by its members. */
    public static boolean canSeeTeam(Caller c, String team) {
        return c.admin() || c.memberOf(team);
    }

    /** Only owners change who belongs to a team. */
    public static boolean canManageTeam(Caller c, String team) {
        return c.admin() || c.roleIn(team).orElse(null) == Role.OWNER;
    }

    /** Removing a member: owners remove anyone, and anyone may leave. */
    public static boolean canRemoveMember(Caller c, String team, String member) {
        return canManageTeam(c, team) || (c.memberOf(team) && c.user().equals(member));
    }

    /** Users are created by site admins only: there is no self sign-up. */
    public static boolean canCreateUsers(Caller c) {
        return c.admin();
    }

    public static boolean canListUsers(Caller c) {
        return c.admin();
    }

    /** A password is changed by its user (who must give the current one) or by a site admin. */
    public static boolean canSetPassword(Caller c, String user) {
        return c.admin() || c.user().equals(user);
    }

    /** Whether changing {@code user}'s password needs the current one: always for oneself. */
    public static boolean needsCurrentPassword(Caller c, String user) {
        return c.user().equals(user);
    }

    /** Tokens are revoked by their owner; site admins may revoke any (a leaked one, a leaver's). */
    public static boolean canRevokeToken(Caller c, String tokenOwner) {
        return c.admin() || c.user().equals(tokenOwner);
    }

    /** Join tokens and revocations change who is part of the cluster: site admins only. */
    public static boolean canManageNodes(Caller c) {
        return c.admin();
    }

    /** Platform-wide entries of the audit log (users, nodes) are for site admins. */
    public static boolean canSeeAllAudit(Caller c) {
        return c.admin();
    }

    /**
     * The team a new app goes to: the requested one if the caller belongs to it (site admins: if
     * it exists), else the caller's only team. Never says whether a team the caller is not in
     * exists.
     *
     * @param requestedExists whether the requested team exists (ignored when none was requested)
     */
    public static Choice teamForNewApp(Caller c, String requested, boolean requestedExists) {
        if (requested != null) {
            if (c.memberOf(requested) || (c.admin() && requestedExists)) {
                return Choice.of(requested);
            }
            return Choice.error("you belong to no team named " + requested
                    + (c.teams().isEmpty() ? "" : " (yours: " + String.join(", ", c.teams().keySet()) + ")"));
        }
        if (c.teams().size() == 1) {
            return Choice.of(c.teams().keySet().iterator().next());
        }
        if (c.teams().isEmpty()) {
            return Choice.error("is required: you belong to no team; create one with POST /api/v1/teams");
        }
        return Choice.error("is required: you belong to several teams (" + String.join(", ", c.teams().keySet()) + ")");
    }

    /** A team, or why none could be chosen (on the field {@code team}). */
    public record Choice(String team, FieldError error) {
        static Choice of(String team) {
            return new Choice(team, null);
        }

        static Choice error(String reason) {
            return new Choice(null, new FieldError("team", reason));
        }

        public Optional<String> chosen() {
            return Optional.ofNullable(team);
        }
    }
}
