package io.dinp.dash;

import io.dinp.dash.auth.PasswordHasher;
import io.dinp.store.AppStore;
import io.dinp.store.Database;
import io.dinp.store.TeamStore;
import io.dinp.store.TokenStore;
import io.dinp.store.UserExistsException;
import io.dinp.store.UserStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first start of a dash on a database: the site admin {@code admin} with a random password
 * in {@code DATA_DIR/admin-password}, the team {@code default} they own (apps from before teams
 * are in it), and the admin token in {@code DATA_DIR/admin-token}; both files mode 600. Later
 * starts change nothing.
 */
final class Bootstrap {
    static final String ADMIN = "admin";
    static final String PASSWORD_FILE = "admin-password";
    static final String TOKEN_FILE = "admin-token";
    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private Bootstrap() {
    }

    /** Creates what is missing; returns the admin token from the data directory, or null when it is not there. */
    static String run(Database db, Path dataDir, PasswordHasher hasher) throws IOException {
        UserStore users = new UserStore(db);
        if (users.count() == 0) {
            String password = randomSecret(18);
            try {
                users.create(ADMIN, hasher.hash(password), true);
                Path file = dataDir.resolve(PASSWORD_FILE);
                DashNode.writeSecret(file, password);
                log.info("created the site admin '{}'; the password is in {}", ADMIN, file);
            } catch (UserExistsException e) {
                log.info("another dash created the site admin meanwhile");
            }
            new TeamStore(db).ensure(AppStore.DEFAULT_TEAM, ADMIN);
        }
        TokenStore tokens = new TokenStore(db);
        Path file = dataDir.resolve(TOKEN_FILE);
        if (tokens.count() == 0) {
            String token = tokens.create("bootstrap", ADMIN);
            DashNode.writeSecret(file, token);
            log.info("created the bootstrap admin token in {}", file);
            return token;
        }
        return Files.isReadable(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : null;
    }

    private static String randomSecret(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
