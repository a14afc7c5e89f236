package io.dinp.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.model.AppSpec;
import io.dinp.model.access.Role;
import io.dinp.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Users, teams, memberships, sessions, apps' teams and the audit log, on every database; one subclass per database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AccountsContract {
    protected final MutableClock clock = new MutableClock(java.time.Instant.parse("2030-01-02T03:04:05.678Z"));
    protected Database db;
    private UserStore users;
    private TeamStore teams;
    private SessionStore sessions;
    private EventStore events;
    private AppStore apps;
    private TokenStore tokens;

    protected abstract Database openDatabase() throws Exception;

    protected void afterDatabaseClosed() throws Exception {
    }

    @BeforeAll
    void open() throws Exception {
        db = openDatabase();
        users = new UserStore(db, clock);
        teams = new TeamStore(db, clock);
        sessions = new SessionStore(db, clock);
        events = new EventStore(db, clock);
        apps = new AppStore(db, clock);
        tokens = new TokenStore(db, clock);
    }

    @AfterAll
    void close() throws Exception {
        if (db != null) {
            db.close();
        }
        afterDatabaseClosed();
    }

    @BeforeEach
    void emptyTables() {
        db.jdbi().useHandle(h -> {
            for (String t : List.of("users", "teams", "memberships", "sessions", "events", "apps", "tokens", "login_failures")) {
                h.execute("DELETE FROM " + t);
            }
        });
    }

    // --- users

    @Test
    void aUserIsStoredWithTheirHashAndAdminFlag() {
        users.create("alice", "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA", false);
        users.create("root", "$argon2id$x", true);

        assertThat(users.get("alice")).hasValueSatisfying(u -> {
            assertThat(u.passwordHash()).isEqualTo("$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA");
            assertThat(u.admin()).isFalse();
            assertThat(u.createdAt()).isEqualTo(clock.instant());
            assertThat(u.toString()).doesNotContain("argon2");
        });
        assertThat(users.get("root").orElseThrow().admin()).isTrue();
        assertThat(users.list()).extracting(User::name).containsExactly("alice", "root");
        assertThat(users.count()).isEqualTo(2);
        assertThat(users.get("Alice")).isEmpty();
    }

    @Test
    void userNamesAreUnique() {
        users.create("alice", "h1", false);
        assertThatThrownBy(() -> users.create("alice", "h2", true)).isInstanceOf(UserExistsException.class);
        assertThat(users.get("alice").orElseThrow().passwordHash()).isEqualTo("h1");
    }

    @Test
    void aPasswordChangeReplacesTheHash() {
        users.create("alice", "old", false);
        assertThat(users.setPassword("alice", "new")).isTrue();
        assertThat(users.setPassword("ghost", "new")).isFalse();
        assertThat(users.get("alice").orElseThrow().passwordHash()).isEqualTo("new");
    }

    // --- teams and memberships

    @Test
    void aNewTeamHasItsCreatorAsOwner() {
        teams.create("shop", "alice");

        assertThat(teams.exists("shop")).isTrue();
        assertThat(teams.members("shop")).singleElement().satisfies(m -> {
            assertThat(m.user()).isEqualTo("alice");
            assertThat(m.role()).isEqualTo(Role.OWNER);
            assertThat(m.since()).isEqualTo(clock.instant());
        });
        assertThat(teams.rolesOf("alice")).containsExactly(Map.entry("shop", Role.OWNER));
        assertThatThrownBy(() -> teams.create("shop", "bob")).isInstanceOf(TeamStore.TeamExistsException.class);
        assertThat(teams.members("shop")).extracting(Member::user).containsExactly("alice");
    }

    @Test
    void membersAreAddedChangedAndRemoved() {
        teams.create("shop", "alice");
        teams.create("blog", "bob");

        assertThat(teams.setMember("shop", "bob", Role.MEMBER)).isEqualTo(TeamStore.MemberChange.ADDED);
        assertThat(teams.setMember("shop", "bob", Role.MEMBER)).isEqualTo(TeamStore.MemberChange.UNCHANGED);
        assertThat(teams.setMember("shop", "bob", Role.OWNER)).isEqualTo(TeamStore.MemberChange.CHANGED);
        assertThat(teams.rolesOf("bob")).containsExactly(Map.entry("blog", Role.OWNER), Map.entry("shop", Role.OWNER));
        assertThat(teams.list()).containsExactly("blog", "shop");

        assertThat(teams.removeMember("shop", "alice")).isTrue();
        assertThat(teams.removeMember("shop", "alice")).isFalse();
        assertThat(teams.removeMember("ghost", "alice")).isFalse();
        assertThat(teams.members("shop")).extracting(Member::user).containsExactly("bob");
        assertThatThrownBy(() -> teams.setMember("ghost", "bob", Role.MEMBER)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTeamKeepsItsLastOwner() {
        teams.create("shop", "alice");
        teams.setMember("shop", "bob", Role.MEMBER);

        assertThatThrownBy(() -> teams.removeMember("shop", "alice")).isInstanceOf(TeamStore.LastOwnerException.class);
        assertThatThrownBy(() -> teams.setMember("shop", "alice", Role.MEMBER)).isInstanceOf(TeamStore.LastOwnerException.class);
        assertThat(teams.removeMember("shop", "bob")).isTrue();
        assertThat(teams.rolesOf("alice")).containsEntry("shop", Role.OWNER);
    }

    @Test
    void ensureCreatesOrJoinsAsOwner() {
        teams.ensure("default", "admin");
        teams.ensure("default", "admin");
        assertThat(teams.members("default")).extracting(Member::user, Member::role).containsExactly(
                org.assertj.core.groups.Tuple.tuple("admin", Role.OWNER));
        teams.create("other", "alice");
        teams.ensure("other", "admin");
        assertThat(teams.rolesOf("admin")).containsOnlyKeys("default", "other");
    }

    // --- sessions

    @Test
    void aSessionAuthenticatesUntilItExpires() {
        SessionStore.Started s = sessions.create("alice", "10.1.2.3", Duration.ofHours(12));

        assertThat(s.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(12)));
        assertThat(sessions.find(s.id())).hasValueSatisfying(found -> {
            assertThat(found.user()).isEqualTo("alice");
            assertThat(found.expiresAt()).isEqualTo(s.expiresAt());
        });
        assertThat(s.toString()).doesNotContain(s.id());

        clock.advance(Duration.ofHours(12).minusMillis(1));
        assertThat(sessions.find(s.id())).isPresent();
        clock.advance(Duration.ofMillis(1));
        assertThat(sessions.find(s.id())).isEmpty();
        assertThat(sessions.purgeExpired()).isEqualTo(1);
    }

    @Test
    void logoutAndPasswordChangesEndSessions() {
        SessionStore.Started a = sessions.create("alice", null, Duration.ofHours(1));
        SessionStore.Started b = sessions.create("alice", "::1", Duration.ofHours(1));
        SessionStore.Started c = sessions.create("bob", "::1", Duration.ofHours(1));

        assertThat(sessions.delete(a.id())).isTrue();
        assertThat(sessions.delete(a.id())).isFalse();
        assertThat(sessions.find(a.id())).isEmpty();
        assertThat(sessions.countOf("alice")).isEqualTo(1);
        assertThat(sessions.deleteAllOf("alice")).isEqualTo(1);
        assertThat(sessions.find(b.id())).isEmpty();
        assertThat(sessions.find(c.id())).isPresent();
    }

    @Test
    void onlyAHashOfTheSessionIdIsStored() {
        SessionStore.Started s = sessions.create("alice", "::1", Duration.ofHours(1));
        List<String> hashes = db.jdbi().withHandle(h -> h.createQuery("SELECT id_hash FROM sessions").mapTo(String.class).list());
        assertThat(hashes).containsExactly(TokenStore.sha256Hex(s.id()));
        assertThat(sessions.find(TokenStore.sha256Hex(s.id()))).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
        assertThat(sessions.find("x".repeat(500))).isEmpty();
    }

    // --- tokens by id

    @Test
    void anIssuedTokenHasAnIdToRevokeItBy() {
        TokenStore.Issued issued = tokens.issue("laptop", "alice");
        assertThat(tokens.get(issued.id())).hasValueSatisfying(t -> {
            assertThat(t.user()).isEqualTo("alice");
            assertThat(t.name()).isEqualTo("laptop");
        });
        assertThat(issued.toString()).doesNotContain(issued.token());
        assertThat(tokens.authenticate(issued.token())).contains("alice");
        assertThat(tokens.revoke(issued.id())).isTrue();
        assertThat(tokens.get(issued.id())).isEmpty();
    }

    // --- apps' teams

    @Test
    void anAppBelongsToATeam() {
        apps.create(StoreContract.spec("web"), "shop");
        apps.create(StoreContract.spec("legacy"));

        assertThat(apps.getOwned("web")).hasValueSatisfying(o -> {
            assertThat(o.team()).isEqualTo("shop");
            assertThat(o.spec().name()).isEqualTo("web");
        });
        assertThat(apps.getOwned("legacy").orElseThrow().team()).isEqualTo(AppStore.DEFAULT_TEAM);
        assertThat(apps.listOwned()).extracting(OwnedApp::team).containsExactly("default", "shop");
        AppSpec updated = apps.update("web", s -> s.withInstances(4));
        assertThat(apps.getOwned("web").orElseThrow().spec()).isEqualTo(updated);
        assertThat(apps.getOwned("ghost")).isEmpty();
    }

    // --- the audit log

    @Test
    void anAuditEntryKeepsWhoWhatWhenAndWhere() {
        apps.create(StoreContract.spec("web"), "shop");
        events.record("web", null, "app.updated", "instances=3", "alice", "192.0.2.7");

        Event e = events.page(AuditFilter.everything(), null, 1).getFirst();
        assertThat(e).isEqualTo(new Event(e.id(), "web", "shop", "app.updated", "instances=3", "alice", "192.0.2.7",
                clock.instant()));
    }

    @Test
    void entriesOfAnAppGoToItsTeamEvenFromComponents() {
        apps.create(StoreContract.spec("web"), "shop");
        events.record("web", "rollout.rolled-back", "never healthy", "controller");
        events.record("web", "shop", "app.deleted", "deleted", "alice", "::1");
        apps.delete("web");
        events.record("web", "build.started", "after the delete", "builder");

        assertThat(events.page(AuditFilter.everything(), null, 10)).extracting(Event::team)
                .containsExactly(null, "shop", "shop");
    }

    @Test
    void readersSeeTheirTeamsAndTheirOwnAccountEntries() {
        apps.create(StoreContract.spec("web"), "shop");
        apps.create(StoreContract.spec("news"), "blog");
        events.record("web", null, "app.created", "", "alice", "::1");
        events.record("news", null, "app.created", "", "bob", "::1");
        events.record(null, "shop", "team.member-added", "bob as member", "alice", "::1");
        events.record(null, null, "token.created", "laptop", "alice", "::1");
        events.record(null, null, "token.created", "ci", "bob", "::1");
        events.record(null, null, "user.created", "carol", "root", "::1");

        assertThat(events.page(AuditFilter.visibleTo(Set.of("shop"), "alice"), null, 100)).extracting(Event::kind, Event::actor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("token.created", "alice"),
                        org.assertj.core.groups.Tuple.tuple("team.member-added", "alice"),
                        org.assertj.core.groups.Tuple.tuple("app.created", "alice"));
        assertThat(events.page(AuditFilter.visibleTo(Set.of(), "carol"), null, 100)).isEmpty();
        assertThat(events.page(AuditFilter.visibleTo(Set.of("shop", "blog"), "nobody"), null, 100)).hasSize(3);
        assertThat(events.page(AuditFilter.everything(), null, 100)).hasSize(6);
        assertThat(events.page(AuditFilter.ofApp("news", "blog"), null, 100)).extracting(Event::app).containsExactly("news");
        assertThat(events.page(AuditFilter.ofApp("news", "shop"), null, 100)).isEmpty();
    }

    @Test
    void pagesGoBackwardsFromAnId() {
        for (int i = 0; i < 5; i++) {
            events.record(null, "shop", "n", "entry " + i, "alice", "::1");
        }
        List<Event> first = events.page(AuditFilter.visibleTo(Set.of("shop"), "alice"), null, 2);
        assertThat(first).extracting(Event::message).containsExactly("entry 4", "entry 3");
        List<Event> second = events.page(AuditFilter.visibleTo(Set.of("shop"), "alice"), first.getLast().id(), 2);
        assertThat(second).extracting(Event::message).containsExactly("entry 2", "entry 1");
        List<Event> last = events.page(AuditFilter.everything(), second.getLast().id(), 10);
        assertThat(last).extracting(Event::message).containsExactly("entry 0");
        assertThatThrownBy(() -> events.page(AuditFilter.everything(), null, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loginFailuresAreKeptUnderAHashAndChangedOneStepAtATime() {
        LoginFailureStore failures = new LoginFailureStore(db);
        java.time.Instant t = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String key = "user\nmy secret password typed as a name\n10.0.0.0";
        assertThat(failures.get(key)).isEmpty();

        LoginFailureStore.Row first = failures.update(key, r -> new LoginFailureStore.Row(r == null ? 1 : r.failures() + 1, t, null));
        LoginFailureStore.Row second = failures.update(key, r -> new LoginFailureStore.Row(r.failures() + 1, t, t.plusSeconds(2)));

        assertThat(first.failures()).isEqualTo(1);
        assertThat(failures.get(key)).contains(second).get().extracting(LoginFailureStore.Row::lockedUntil).isEqualTo(t.plusSeconds(2));
        List<String> stored = db.jdbi().withHandle(h -> h.createQuery("SELECT key_hash FROM login_failures").mapTo(String.class).list());
        assertThat(stored).singleElement().asString().hasSize(64).doesNotContain("secret");
        failures.delete(key);
        assertThat(failures.get(key)).isEmpty();
    }

    @Test
    void concurrentLoginFailuresOfOneKeyAreAllCounted() throws Exception {
        LoginFailureStore failures = new LoginFailureStore(db);
        java.time.Instant t = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        int threads = 4;
        int each = 10;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                done.add(pool.submit(() -> {
                    for (int k = 0; k < each; k++) {
                        failures.update("k", r -> new LoginFailureStore.Row(r == null ? 1 : r.failures() + 1, t, null));
                    }
                }));
            }
            for (var f : done) {
                f.get();
            }
        }
        assertThat(failures.get("k")).get().extracting(LoginFailureStore.Row::failures).isEqualTo(threads * each);
    }

    @Test
    void purgeRemovesOnlyRowsWhoseFailureAndLockAreBothOver() {
        LoginFailureStore failures = new LoginFailureStore(db);
        java.time.Instant t = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        failures.update("old", r -> new LoginFailureStore.Row(3, t.minusSeconds(7200), null));
        failures.update("old but locked", r -> new LoginFailureStore.Row(30, t.minusSeconds(7200), t.plusSeconds(60)));
        failures.update("recent", r -> new LoginFailureStore.Row(1, t, null));

        assertThat(failures.purge(t.minusSeconds(3600))).isEqualTo(1);
        assertThat(failures.get("old")).isEmpty();
        assertThat(failures.get("old but locked")).isPresent();
        assertThat(failures.get("recent")).isPresent();
    }
}
