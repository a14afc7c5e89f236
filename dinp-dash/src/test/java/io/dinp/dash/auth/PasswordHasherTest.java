package io.dinp.dash.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    /** Cheap parameters keep the suite fast; the format and the checks are the same. */
    static final PasswordHasher.Params CHEAP = new PasswordHasher.Params(64, 1, 1);
    final PasswordHasher hasher = new PasswordHasher(CHEAP);

    @Test
    void aHashVerifiesItsPasswordOnly() {
        String h = hasher.hash("correct horse battery");
        assertThat(hasher.verify("correct horse battery", h)).isTrue();
        assertThat(hasher.verify("correct horse batterY", h)).isFalse();
        assertThat(hasher.verify("", h)).isFalse();
        assertThat(hasher.verify(null, h)).isFalse();
    }

    @Test
    void theEncodingCarriesAlgorithmParametersAndSalt() {
        String h = hasher.hash("correct horse battery");
        assertThat(h).matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(h).doesNotContain("correct");
    }

    @Test
    void everyHashHasItsOwnSalt() {
        assertThat(hasher.hash("same password!")).isNotEqualTo(hasher.hash("same password!"));
    }

    @Test
    void hashesMadeWithOtherParametersStillVerifyAndAskForARehash() {
        PasswordHasher old = new PasswordHasher(new PasswordHasher.Params(32, 1, 1));
        String h = old.hash("long enough password");
        assertThat(hasher.verify("long enough password", h)).isTrue();
        assertThat(hasher.needsRehash(h)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("long enough password"))).isFalse();
    }

    @Test
    void malformedHashesNeverVerify() {
        for (String bad : new String[] {null, "", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
                "$argon2id$v=16$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
                "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
                "$argon2id$v=19$m=64,t=1,p=1$!!$aGFzaA", "$argon2id$v=19$x=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"}) {
            assertThat(hasher.verify("anything at all", bad)).as(bad).isFalse();
            assertThat(hasher.needsRehash(bad)).as(bad).isTrue();
        }
    }

    @Test
    void theDecoyNeverMatches() {
        assertThat(hasher.verifyDecoy("decoy password, never matches anything")).isFalse();
        assertThat(hasher.verifyDecoy(null)).isFalse();
    }

    @Test
    void theDefaultsAreOwaspsMinimumAndWork() {
        assertThat(PasswordHasher.Params.DEFAULT).isEqualTo(new PasswordHasher.Params(19456, 2, 1));
        PasswordHasher real = new PasswordHasher();
        String h = real.hash("a real password");
        assertThat(h).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(real.verify("a real password", h)).isTrue();
    }

    @Test
    void absurdParametersAreRefused() {
        assertThatThrownBy(() -> new PasswordHasher.Params(4, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHasher.Params(64, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hashesOfTheReferenceImplementationVerify() {
        // made with the argon2 CLI (Debian's argon2 package, the reference implementation):
        // echo -n password | argon2 somesalt -id -t 2 -m 6 -p 1 -l 32 -e
        assertThat(hasher.verify("password", "$argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHQ$FqGkmHNGCd0BRW2kBt6fPZ2pPmyGwwChL8FGUhTOSSI"))
                .isTrue();
        // echo -n "correct horse battery" | argon2 saltsaltsalt -id -t 3 -m 10 -p 2 -l 32 -e
        String twoLanes = "$argon2id$v=19$m=1024,t=3,p=2$c2FsdHNhbHRzYWx0$LQNj3j2NyxBnyyjAUB3qE+EIdCEFicqVFnaF+FvgCFM";
        assertThat(hasher.verify("correct horse battery", twoLanes)).isTrue();
        assertThat(hasher.verify("correct horse batterx", twoLanes)).isFalse();
    }
}
