package io.dinp.model.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessTest {
    static final Caller ADMIN = new Caller("root", true, Map.of(), AuthMethod.TOKEN);
    static final Caller ALICE = new Caller("alice", false, Map.of("shop", Role.OWNER, "blog", Role.MEMBER), AuthMethod.SESSION);
    static final Caller BOB = new Caller("bob", false, Map.of("blog", Role.OWNER), AuthMethod.BASIC);
    static final Caller LONER = new Caller("carol", false, Map.of(), AuthMethod.TOKEN);

    @Test
    void appsAreForTheirTeamAndSiteAdmins() {
        assertThat(Access.canUseApp(ALICE, "shop")).isTrue();
        assertThat(Access.canUseApp(ALICE, "blog")).isTrue();
        assertThat(Access.canUseApp(BOB, "shop")).isFalse();
        assertThat(Access.canUseApp(LONER, "shop")).isFalse();
        assertThat(Access.canUseApp(ADMIN, "shop")).isTrue();
        assertThat(Access.canUseApp(BOB, null)).isFalse();
    }

    @Test
    void onlyOwnersAndAdminsManageATeam() {
        assertThat(Access.canManageTeam(ALICE, "shop")).isTrue();
        assertThat(Access.canManageTeam(ALICE, "blog")).isFalse();
        assertThat(Access.canManageTeam(BOB, "shop")).isFalse();
        assertThat(Access.canManageTeam(ADMIN, "anything")).isTrue();
        assertThat(Access.canSeeTeam(ALICE, "blog")).isTrue();
        assertThat(Access.canSeeTeam(BOB, "shop")).isFalse();
    }

    @Test
    void membersMayLeaveButNotRemoveOthers() {
        assertThat(Access.canRemoveMember(ALICE, "blog", "alice")).isTrue();
        assertThat(Access.canRemoveMember(ALICE, "blog", "bob")).isFalse();
        assertThat(Access.canRemoveMember(BOB, "blog", "alice")).isTrue();
        assertThat(Access.canRemoveMember(BOB, "shop", "bob")).isFalse();
    }

    @Test
    void usersAndPasswords() {
        assertThat(Access.canCreateUsers(ADMIN)).isTrue();
        assertThat(Access.canCreateUsers(ALICE)).isFalse();
        assertThat(Access.canListUsers(BOB)).isFalse();
        assertThat(Access.canSetPassword(ALICE, "alice")).isTrue();
        assertThat(Access.canSetPassword(ALICE, "bob")).isFalse();
        assertThat(Access.canSetPassword(ADMIN, "bob")).isTrue();
        assertThat(Access.needsCurrentPassword(ALICE, "alice")).isTrue();
        assertThat(Access.needsCurrentPassword(ADMIN, "bob")).isFalse();
        assertThat(Access.needsCurrentPassword(ADMIN, "root")).isTrue();
    }

    @Test
    void tokensAreRevokedByTheirOwnerOrAnAdmin() {
        assertThat(Access.canRevokeToken(ALICE, "alice")).isTrue();
        assertThat(Access.canRevokeToken(ALICE, "bob")).isFalse();
        assertThat(Access.canRevokeToken(ADMIN, "bob")).isTrue();
        assertThat(Access.canSeeAllAudit(ADMIN)).isTrue();
        assertThat(Access.canSeeAllAudit(ALICE)).isFalse();
    }

    @Test
    void aNewAppGoesToTheOnlyTeamOrTheNamedOne() {
        assertThat(Access.teamForNewApp(BOB, null, false).chosen()).contains("blog");
        assertThat(Access.teamForNewApp(ALICE, "shop", true).chosen()).contains("shop");
        assertThat(Access.teamForNewApp(ALICE, null, false).error().reason()).contains("several teams (blog, shop)");
        assertThat(Access.teamForNewApp(LONER, null, false).error().reason()).contains("no team");
        assertThat(Access.teamForNewApp(ADMIN, "shop", true).chosen()).contains("shop");
        assertThat(Access.teamForNewApp(ADMIN, "ghost", false).error().field()).isEqualTo("team");
    }

    @Test
    void anotherTeamsNameGetsTheSameAnswerWhetherItExistsOrNot() {
        Access.Choice existing = Access.teamForNewApp(BOB, "shop", true);
        Access.Choice missing = Access.teamForNewApp(BOB, "shop", false);
        assertThat(existing).isEqualTo(missing);
        assertThat(existing.chosen()).isEmpty();
        assertThat(existing.error().reason()).isEqualTo("you belong to no team named shop (yours: blog)");
    }

    @Test
    void callersTeamsAreSortedAndTheirs() {
        assertThat(ALICE.teams().keySet()).containsExactly("blog", "shop");
        assertThat(ALICE.roleIn("shop")).contains(Role.OWNER);
        assertThat(ALICE.roleIn("x")).isEmpty();
        assertThat(Role.of("owner")).contains(Role.OWNER);
        assertThat(Role.of("OWNER")).isEmpty();
        assertThat(Caller.cluster().via()).isEqualTo(AuthMethod.CLUSTER);
    }
}
