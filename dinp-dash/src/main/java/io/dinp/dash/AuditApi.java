package io.dinp.dash;

import io.dinp.common.http.ApiException;
import io.dinp.common.http.Exchange;
import io.dinp.common.http.HttpApi;
import io.dinp.model.FieldError;
import io.dinp.model.access.Access;
import io.dinp.model.access.Caller;
import io.dinp.store.AuditFilter;
import io.dinp.store.Event;
import io.dinp.store.EventStore;
import io.dinp.store.OwnedApp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log, newest first, a page at a time ({@code ?before=ID&limit=N}): everything for site
 * admins; for others the entries of their teams (and their apps) and their own account entries.
 */
final class AuditApi {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private final EventStore events;
    private final AppGuard guard;

    AuditApi(EventStore events, AppGuard guard) {
        this.events = events;
        this.guard = guard;
    }

    void register(HttpApi api) {
        api.route("GET", "/api/v1/audit", ex -> {
            Caller c = ex.caller();
            AuditFilter filter = Access.canSeeAllAudit(c) ? AuditFilter.everything()
                    : AuditFilter.visibleTo(c.teams().keySet(), c.user());
            page(ex, filter);
        });
        api.route("GET", "/api/v1/apps/{name}/audit", ex -> {
            OwnedApp app = guard.owned(ex, ex.param("name"));
            page(ex, AuditFilter.ofApp(app.spec().name(), app.team()));
        });
    }

    private void page(Exchange ex, AuditFilter filter) throws Exception {
        Paging p = Paging.of(ex.query("before"), ex.query("limit"));
        List<Event> entries = events.page(filter, p.before(), p.limit());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entries", entries.stream().map(AuditApi::view).toList());
        out.put("nextBefore", entries.size() == p.limit() ? entries.getLast().id() : null);
        ex.json(200, out);
    }

    static Map<String, Object> view(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("at", e.at());
        m.put("actor", e.actor());
        m.put("address", e.address());
        m.put("kind", e.kind());
        m.put("message", e.message());
        m.put("app", e.app());
        m.put("team", e.team());
        return m;
    }

    /** The query of a page: {@code before} an entry id, {@code limit} 1 to 1000 (50). */
    record Paging(Long before, int limit) {
        static Paging of(String before, String limit) {
            List<FieldError> errors = new ArrayList<>();
            Long b = null;
            int l = DEFAULT_LIMIT;
            if (before != null) {
                try {
                    b = Long.parseLong(before);
                    if (b < 1) {
                        errors.add(new FieldError("before", "must be an entry id (a positive whole number), was " + before));
                    }
                } catch (NumberFormatException e) {
                    errors.add(new FieldError("before", "must be an entry id (a positive whole number), was " + before));
                }
            }
            if (limit != null) {
                try {
                    l = Integer.parseInt(limit);
                } catch (NumberFormatException e) {
                    l = -1;
                }
                if (l < 1 || l > MAX_LIMIT) {
                    errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT + ", was " + limit));
                }
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
            return new Paging(b, l);
        }
    }
}
