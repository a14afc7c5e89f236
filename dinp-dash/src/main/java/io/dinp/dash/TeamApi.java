package io.dinp.dash;

import io.dinp.common.http.ApiException;
import io.dinp.common.http.Exchange;
import io.dinp.common.http.HttpApi;
import io.dinp.model.FieldError;
import io.dinp.model.access.Access;
import io.dinp.model.access.AccountValidation;
import io.dinp.model.access.Caller;
import io.dinp.model.access.Role;
import io.dinp.store.Member;
import io.dinp.store.TeamStore;
import io.dinp.store.UserStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Teams and their members. Anyone signed in creates a team and owns it; owners (and site admins)
 * add and remove members; a member may leave. A team the caller is not in answers like one that
 * does not exist.
 */
final class TeamApi {
    private final TeamStore teams;
    private final UserStore users;
    private final Audit audit;

    TeamApi(TeamStore teams, UserStore users, Audit audit) {
        this.teams = teams;
        this.users = users;
        this.audit = audit;
    }

    void register(HttpApi api) {
        api.route("POST", "/api/v1/teams", this::create);
        api.route("GET", "/api/v1/teams", this::list);
        api.route("GET", "/api/v1/teams/{team}", ex -> ex.json(200, view(visibleTeam(ex))));
        api.route("POST", "/api/v1/teams/{team}/members", this::setMember);
        api.route("DELETE", "/api/v1/teams/{team}/members/{user}", this::removeMember);
    }

    private void create(Exchange ex) throws Exception {
        RequestBody body = RequestBody.of(ex, Set.of("name"));
        String name = body.text("name");
        body.check(AccountValidation.team("name", name));
        body.failIfErrors();
        try {
            teams.create(name, ex.principal());
        } catch (TeamStore.TeamExistsException e) {
            // team names are one namespace, like app names: saying this one is taken is unavoidable
            throw new ApiException(409, "team " + name + " already exists; choose another name");
        }
        audit.team(ex, name, "team.created", "owner " + ex.principal());
        ex.json(201, view(name));
    }

    private void list(Exchange ex) throws Exception {
        Caller c = ex.caller();
        List<Map<String, Object>> out = new ArrayList<>();
        for (String t : c.admin() ? teams.list() : List.copyOf(c.teams().keySet())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t);
            m.put("role", c.roleIn(t).map(Role::id).orElse(null));
            out.add(m);
        }
        ex.json(200, out);
    }

    private void setMember(Exchange ex) throws Exception {
        String team = visibleTeam(ex);
        if (!Access.canManageTeam(ex.caller(), team)) {
            throw new ApiException(403, "only owners of team " + team + " (or site admins) manage its members");
        }
        RequestBody body = RequestBody.of(ex, Set.of("user", "role"));
        String user = body.text("user");
        String roleText = body.text("role");
        body.check(AccountValidation.user("user", user));
        Role role = roleText == null ? Role.MEMBER : Role.of(roleText).orElse(null);
        if (role == null) {
            body.check(List.of(new FieldError("role", "must be owner or member")));
        }
        body.failIfErrors();
        if (users.get(user).isEmpty()) {
            throw ApiException.invalid(List.of(new FieldError("user", "no user named " + user)));
        }
        TeamStore.MemberChange change;
        try {
            change = teams.setMember(team, user, role);
        } catch (TeamStore.LastOwnerException e) {
            throw new ApiException(409, e.getMessage());
        }
        if (change != TeamStore.MemberChange.UNCHANGED) {
            audit.team(ex, team, change == TeamStore.MemberChange.ADDED ? "team.member-added" : "team.member-changed",
                    user + " as " + role.id());
        }
        ex.json(change == TeamStore.MemberChange.ADDED ? 201 : 200, view(team));
    }

    private void removeMember(Exchange ex) throws Exception {
        String team = visibleTeam(ex);
        String user = ex.param("user");
        if (!Access.canRemoveMember(ex.caller(), team, user)) {
            throw new ApiException(403, "only owners of team " + team + " (or site admins) remove other members");
        }
        boolean removed;
        try {
            removed = teams.removeMember(team, user);
        } catch (TeamStore.LastOwnerException e) {
            throw new ApiException(409, e.getMessage());
        }
        if (!removed) {
            throw new ApiException(404, user + " is not a member of team " + team);
        }
        audit.team(ex, team, "team.member-removed", user);
        ex.noContent();
    }

    /** The team of the path, if the caller may see it; else the same 404 as for no such team. */
    private String visibleTeam(Exchange ex) {
        String team = ex.param("team");
        if (!Access.canSeeTeam(ex.caller(), team) || !teams.exists(team)) {
            throw new ApiException(404, "no team named " + team);
        }
        return team;
    }

    private Map<String, Object> view(String team) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", team);
        List<Map<String, Object>> members = new ArrayList<>();
        for (Member m : teams.members(team)) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("user", m.user());
            one.put("role", m.role().id());
            one.put("since", m.since());
            members.add(one);
        }
        out.put("members", members);
        return out;
    }
}
