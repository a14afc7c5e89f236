package io.dinp.common.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.model.SealedValue;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    static final String CONTEXT = SecretBox.envContext("web", "DB_PASSWORD");
    final SecretKeys keys = SecretKeys.generate();
    final SecretBox box = new SecretBox(keys);

    @Test
    void opensWhatItSealed() {
        for (String plain : new String[] {"hunter2", "", "ünïcødé 🔑", "x".repeat(32 * 1024), "a=b\nc"}) {
            String sealed = box.seal(plain, CONTEXT);
            assertThat(SealedValue.looksSealed(sealed)).isTrue();
            assertThat(sealed).startsWith(SealedValue.PREFIX + keys.currentId() + ":").doesNotContain(plain.isEmpty() ? "\0" : plain);
            assertThat(sealed.length()).isLessThanOrEqualTo(SealedValue.MAX_LENGTH);
            assertThat(box.open(sealed, CONTEXT)).isEqualTo(plain);
        }
    }

    @Test
    void aFreshNonceEachTime() {
        assertThat(box.seal("same", CONTEXT)).isNotEqualTo(box.seal("same", CONTEXT));
    }

    @Test
    void detectsAnyChangedByte() {
        String sealed = box.seal("hunter2", CONTEXT);
        String prefix = sealed.substring(0, sealed.lastIndexOf(':') + 1);
        byte[] data = Base64.getUrlDecoder().decode(sealed.substring(prefix.length()));
        for (int i = 0; i < data.length; i++) {
            byte[] changed = data.clone();
            changed[i] ^= 1;
            String tampered = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
            assertThatThrownBy(() -> box.open(tampered, CONTEXT)).isInstanceOf(SecretException.class)
                    .hasMessageContaining("does not open");
        }
        String cut = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(data, 20));
        assertThatThrownBy(() -> box.open(cut, CONTEXT)).isInstanceOf(SecretException.class).hasMessageContaining("too short");
    }

    @Test
    void aValueMovedToAnotherAppOrVariableDoesNotOpen() {
        String sealed = box.seal("hunter2", CONTEXT);
        assertThatThrownBy(() -> box.open(sealed, SecretBox.envContext("web", "OTHER"))).isInstanceOf(SecretException.class);
        assertThatThrownBy(() -> box.open(sealed, SecretBox.envContext("shop", "DB_PASSWORD"))).isInstanceOf(SecretException.class);
        // the separator keeps app and name apart: "a" + "b\0c" is not "a\0b" + "c"
        assertThat(SecretBox.envContext("a", "bc")).isNotEqualTo(SecretBox.envContext("ab", "c"));
    }

    @Test
    void anotherKeyCannotOpenAndSaysWhichKeyIsMissing() {
        String sealed = box.seal("hunter2", CONTEXT);
        SecretBox other = new SecretBox(SecretKeys.generate());
        assertThatThrownBy(() -> other.open(sealed, CONTEXT)).isInstanceOf(SecretException.class)
                .hasMessageContaining(keys.currentId()).hasMessageNotContaining("hunter2");
    }

    @Test
    void aKeyWithTheSameIdButOtherBytesCannotOpen() {
        // an attacker who rewrote the key id still needs the key
        String sealed = box.seal("hunter2", CONTEXT);
        SecretKeys other = SecretKeys.generate();
        String relabelled = sealed.replace(":" + keys.currentId() + ":", ":" + other.currentId() + ":");
        assertThatThrownBy(() -> new SecretBox(other).open(relabelled, CONTEXT)).isInstanceOf(SecretException.class)
                .hasMessageContaining("does not open");
    }

    @Test
    void afterARotationOldValuesOpenAndNewOnesUseTheNewKey() {
        String oldLine = SecretKeys.newKeyLine();
        String newLine = SecretKeys.newKeyLine();
        SecretBox before = new SecretBox(SecretKeys.parse(oldLine, "old"));
        String sealedBefore = before.seal("v1", CONTEXT);

        SecretKeys rotated = SecretKeys.parse(newLine + "\n" + oldLine + "\n", "rotated");
        SecretBox after = new SecretBox(rotated);
        assertThat(after.open(sealedBefore, CONTEXT)).isEqualTo("v1");
        String sealedAfter = after.seal("v2", CONTEXT);
        assertThat(sealedAfter).contains(":" + rotated.currentId() + ":");
        assertThat(rotated.ids()).hasSize(2).first().isEqualTo(rotated.currentId());
        assertThatThrownBy(() -> before.open(sealedAfter, CONTEXT)).isInstanceOf(SecretException.class);
    }

    @Test
    void refusesWhatIsNotSealed() {
        assertThatThrownBy(() -> box.open("hunter2", CONTEXT)).isInstanceOf(SecretException.class)
                .hasMessage("not a sealed value");
        assertThatThrownBy(() -> box.open(SealedValue.PREFIX + keys.currentId() + ":%%%", CONTEXT))
                .isInstanceOf(SecretException.class);
    }

    @Test
    void printsKeyIdsOnly() {
        assertThat(box.toString()).isEqualTo("SecretBox[" + keys.currentId() + "]");
        assertThat(keys.toString()).doesNotContain("=");
    }
}
