package io.dinp.dash;

import io.dinp.common.http.Exchange;
import io.dinp.store.EventStore;

/**
 * Writes the audit log for requests: who (the caller), from where (the client's address), what,
 * when (the store's clock), and the app or team it is about. Never give it a secret.
 */
public final class Audit {
    private final EventStore events;

    public Audit(EventStore events) {
        this.events = events;
    }

    /** A change to an app; its team is the app's. */
    public void app(Exchange ex, String app, String kind, String message) {
        events.record(app, null, kind, message, ex.principal(), ex.remoteAddress());
    }

    /** A change to an app, with its team given (the app may be gone already). */
    public void app(Exchange ex, String app, String team, String kind, String message) {
        events.record(app, team, kind, message, ex.principal(), ex.remoteAddress());
    }

    /** A change to a team. */
    public void team(Exchange ex, String team, String kind, String message) {
        events.record(null, team, kind, message, ex.principal(), ex.remoteAddress());
    }

    /** A change to accounts (users, tokens, sessions): site admins and the actor see it. */
    public void account(Exchange ex, String actor, String kind, String message) {
        events.record(null, null, kind, message, actor, ex.remoteAddress());
    }
}
